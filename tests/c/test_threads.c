/* Eight threads share one engine while another thread reloads its parameters.
 *
 * usage: test_threads PARAMS_A PARAMS_B BROKEN_PARAMS ITERATIONS MIN_RELOADS
 *
 * Each worker makes at least ITERATIONS evaluations, and goes on until the reloader has swapped
 * the parameters MIN_RELOADS times, so that evaluations and reloads really overlap.
 * PARAMS_A and PARAMS_B are valid parameter files giving different fees; BROKEN_PARAMS is
 * rejected. Every evaluation made during the reloads must be exactly the decision of set A or of
 * set B (never a mixture, never an error), and every rejected reload must leave the set in force. */
#define _POSIX_C_SOURCE 200809L
#include "duplicata.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define WORKERS 8

static const char REQUEST[] =
    "{\"procedure\":\"carte_grise_duplicata\",\"date\":\"2019-06-01\",\"reason\":\"loss\","
    "\"holder\":{\"department\":\"33\"},"
    "\"vehicle\":{\"plate\":\"AB-123-CD\",\"category\":\"car\",\"energy\":\"petrol\"}}";

static duplicata_engine *shared;
static char *expected_a, *expected_b;
static long long total_a, total_b;
static int iterations, min_reloads;
static const char *params_a, *params_b, *broken;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int workers_done = 0;
static long seen_a = 0, seen_b = 0, bad_results = 0, reloads = 0, rejected = 0, bad_reloads = 0;
static long reloads_so_far = 0; /* guarded by `lock` */

static long reloads_done(void) {
  long n;
  pthread_mutex_lock(&lock);
  n = reloads_so_far;
  pthread_mutex_unlock(&lock);
  return n;
}

static duplicata_fee_query query(void) {
  duplicata_fee_query q;
  DUPLICATA_INIT(q);
  q.date.year = 2019;
  q.date.month = 6;
  q.date.day = 1;
  q.department = "33";
  q.plate = "AB-123-CD";
  q.category = DUPLICATA_CATEGORY_CAR;
  q.energy = DUPLICATA_ENERGY_PETROL;
  return q;
}

static char *decision_of(const duplicata_engine *engine) {
  char *decision = NULL;
  if (duplicata_engine_evaluate_json(engine, REQUEST, strlen(REQUEST), &decision, NULL) !=
      DUPLICATA_STATUS_OK)
    return NULL;
  return decision;
}

static long long total_of(const duplicata_engine *engine) {
  duplicata_fee_query q = query();
  duplicata_fees fees;
  fees.size = sizeof fees; /* the rest is written by the call */
  if (duplicata_engine_fees(engine, &q, &fees, NULL) != DUPLICATA_STATUS_OK) return -1;
  return fees.total.cents;
}

static void *worker(void *arg) {
  long a = 0, b = 0, bad = 0;
  int i;
  (void)arg;
  for (i = 0; i < iterations || reloads_done() < min_reloads; i++) {
    char *decision = decision_of(shared);
    long long total = total_of(shared);
    if (decision && strcmp(decision, expected_a) == 0) {
      a++;
    } else if (decision && strcmp(decision, expected_b) == 0) {
      b++;
    } else {
      bad++;
    }
    if (total != total_a && total != total_b) bad++;
    duplicata_string_free(decision);
  }
  pthread_mutex_lock(&lock);
  seen_a += a;
  seen_b += b;
  bad_results += bad;
  workers_done++;
  pthread_mutex_unlock(&lock);
  return NULL;
}

static void *reloader(void *arg) {
  long n = 0, r = 0, bad = 0;
  (void)arg;
  for (;;) {
    duplicata_error *err = NULL;
    int done;
    pthread_mutex_lock(&lock);
    done = workers_done == WORKERS;
    pthread_mutex_unlock(&lock);
    if (done) break;
    if (duplicata_engine_reload(shared, n % 2 ? params_a : params_b, NULL) != DUPLICATA_STATUS_OK)
      bad++;
    if (duplicata_engine_reload(shared, broken, &err) == DUPLICATA_STATUS_INVALID_PARAMETERS &&
        duplicata_error_problem_count(err) > 0)
      r++;
    else
      bad++;
    duplicata_error_free(err);
    n++;
    pthread_mutex_lock(&lock);
    reloads_so_far = n;
    pthread_mutex_unlock(&lock);
  }
  /* Leave set A in force. */
  if (duplicata_engine_reload(shared, params_a, NULL) != DUPLICATA_STATUS_OK) bad++;
  pthread_mutex_lock(&lock);
  reloads = n;
  rejected = r;
  bad_reloads = bad;
  pthread_mutex_unlock(&lock);
  return NULL;
}

/* Reloads `path` and checks the decision that follows. */
static void reload_then_expect(const char *path, duplicata_status status, const char *expected,
                               const char *what) {
  char *decision;
  CHECK(duplicata_engine_reload(shared, path, NULL) == status, "%s: reload status", what);
  decision = decision_of(shared);
  CHECK(decision && strcmp(decision, expected) == 0, "%s: wrong parameter set in force", what);
  duplicata_string_free(decision);
}

int main(int argc, char **argv) {
  duplicata_engine *engine_b = NULL;
  pthread_t threads[WORKERS], reload_thread;
  int i;

  if (argc != 6) {
    fprintf(stderr, "usage: %s PARAMS_A PARAMS_B BROKEN_PARAMS ITERATIONS MIN_RELOADS\n", argv[0]);
    return 2;
  }
  params_a = argv[1];
  params_b = argv[2];
  broken = argv[3];
  iterations = atoi(argv[4]);
  min_reloads = atoi(argv[5]);
  if (duplicata_engine_from_file(params_a, &shared, NULL) != DUPLICATA_STATUS_OK ||
      duplicata_engine_from_file(params_b, &engine_b, NULL) != DUPLICATA_STATUS_OK) {
    fprintf(stderr, "cannot load %s or %s\n", params_a, params_b);
    return 1;
  }
  expected_a = decision_of(shared);
  expected_b = decision_of(engine_b);
  total_a = total_of(shared);
  total_b = total_of(engine_b);
  duplicata_engine_free(engine_b);
  if (!CHECK(expected_a && expected_b && strcmp(expected_a, expected_b) != 0 && total_a != total_b &&
                 total_a > 0 && total_b > 0,
             "the two parameter sets must give different decisions and totals")) {
    return 1;
  }

  /* In sequence first: each reload decides the set in force; a rejected one changes nothing. */
  reload_then_expect(params_b, DUPLICATA_STATUS_OK, expected_b, "B");
  reload_then_expect(broken, DUPLICATA_STATUS_INVALID_PARAMETERS, expected_b, "broken after B");
  reload_then_expect(params_a, DUPLICATA_STATUS_OK, expected_a, "A");
  reload_then_expect(broken, DUPLICATA_STATUS_INVALID_PARAMETERS, expected_a, "broken after A");

  /* Then concurrently. */
  for (i = 0; i < WORKERS; i++) pthread_create(&threads[i], NULL, worker, NULL);
  pthread_create(&reload_thread, NULL, reloader, NULL);
  for (i = 0; i < WORKERS; i++) pthread_join(threads[i], NULL);
  pthread_join(reload_thread, NULL);

  printf("threads: %d workers: %ld decisions of set A, %ld of set B, %ld wrong; "
         "%ld reload pairs, %ld broken files rejected\n",
         WORKERS, seen_a, seen_b, bad_results, reloads, rejected);
  CHECK(bad_results == 0, "%ld evaluations were neither set A nor set B", bad_results);
  CHECK(bad_reloads == 0, "%ld reloads did not give the expected status", bad_reloads);
  CHECK(seen_a + seen_b >= (long)WORKERS * iterations, "every evaluation counted");
  CHECK(reloads >= min_reloads && rejected == reloads, "the reloader ran (%ld) and every broken file was rejected",
        reloads);
  {
    char *final = decision_of(shared);
    CHECK(final && strcmp(final, expected_a) == 0, "set A in force at the end");
    duplicata_string_free(final);
  }
  duplicata_string_free(expected_a);
  duplicata_string_free(expected_b);
  duplicata_engine_free(shared);
  return check_failures ? 1 : 0;
}
