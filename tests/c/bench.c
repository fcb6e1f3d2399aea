/* Benchmarks of the C ABI, run by scripts/bench-c.sh (never by the tests: performance is measured,
 * not asserted).
 *
 * usage: bench [SECONDS_PER_MEASURE]
 *
 * Measures, through the C interface: the typed fee call, plate parsing, the JSON evaluation, and
 * the throughput of 8 threads sharing one engine against one thread. Each single-thread measure
 * runs in 5 rounds and gives the fastest round in wall time and in the thread's CPU time: on a
 * machine shared with other builds, the CPU time leaves out the time the thread waited for a
 * core (it still includes the caches other processes evicted). */
#define _POSIX_C_SOURCE 200809L
#include "duplicata.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char REQUEST[] =
    "{\"procedure\":\"carte_grise_duplicata\",\"date\":\"2019-06-01\",\"reason\":\"loss\","
    "\"holder\":{\"department\":\"33\"},"
    "\"vehicle\":{\"plate\":\"AB-123-CD\",\"category\":\"car\",\"energy\":\"petrol\"}}";

static duplicata_engine *engine;
static double seconds = 2.0;
static volatile long long sink;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
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

/* One unit of work of each kind; returns something to keep the call alive. */
static long long fee_call(void) {
  duplicata_fee_query q = query();
  duplicata_fees fees;
  fees.size = sizeof fees; /* the rest is written by the call */
  if (duplicata_engine_fees(engine, &q, &fees, NULL) != DUPLICATA_STATUS_OK) abort();
  return fees.total.cents;
}

static long long plate_call(void) {
  duplicata_plate p;
  p.size = sizeof p;
  if (duplicata_parse_plate("ab 123 cd", &p, NULL) != DUPLICATA_STATUS_OK) abort();
  return p.system;
}

static long long json_call(void) {
  char *decision = NULL;
  long long n;
  if (duplicata_engine_evaluate_json(engine, REQUEST, sizeof REQUEST - 1, &decision, NULL) !=
      DUPLICATA_STATUS_OK)
    abort();
  n = (long long)strlen(decision);
  duplicata_string_free(decision);
  return n;
}

typedef long long (*work_fn)(void);

struct job {
  work_fn work;
  long long calls;
  double elapsed;
  double cpu;
};

static double cpu_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Calls `work` in batches until `seconds` have passed. */
static void *run(void *arg) {
  struct job *job = arg;
  long long calls = 0, acc = 0;
  double start = now(), cpu_start = cpu_now(), t;
  do {
    int i;
    for (i = 0; i < 256; i++) acc += job->work();
    calls += 256;
    t = now();
  } while (t - start < seconds);
  job->calls = calls;
  job->elapsed = t - start;
  job->cpu = cpu_now() - cpu_start;
  sink += acc;
  return NULL;
}

/* Calls per second with `threads` threads sharing the engine. */
static double throughput(work_fn work, int threads) {
  pthread_t tid[64];
  struct job jobs[64];
  double total = 0;
  int i;
  for (i = 0; i < threads; i++) {
    jobs[i].work = work;
    pthread_create(&tid[i], NULL, run, &jobs[i]);
  }
  for (i = 0; i < threads; i++) {
    pthread_join(tid[i], NULL);
    total += (double)jobs[i].calls / jobs[i].elapsed;
  }
  return total;
}

static void latency(const char *name, work_fn work, double scale, const char *unit) {
  struct job job;
  double wall = 1e30, cpu = 1e30, total = seconds;
  long long calls = 0;
  int i, round;
  job.work = work;
  for (i = 0; i < 1000; i++) sink += work(); /* warm-up */
  seconds = total / 5;
  for (round = 0; round < 5; round++) {
    run(&job);
    calls += job.calls;
    if (job.elapsed / (double)job.calls < wall) wall = job.elapsed / (double)job.calls;
    if (job.cpu / (double)job.calls < cpu) cpu = job.cpu / (double)job.calls;
  }
  seconds = total;
  printf("%-38s %8.1f %s/call wall, %8.1f %s/call CPU  (fastest of 5 rounds, %lld calls, 1 thread)\n",
         name, wall * scale, unit, cpu * scale, unit, calls);
}

static void scaling(const char *name, work_fn work) {
  double one = throughput(work, 1), eight = throughput(work, 8);
  printf("%-34s 1 thread %12.0f calls/s, 8 threads %12.0f calls/s: %.2fx\n", name, one, eight,
         eight / one);
}

int main(int argc, char **argv) {
  if (argc > 1) seconds = atof(argv[1]);
  if (duplicata_engine_new(&engine, NULL) != DUPLICATA_STATUS_OK) return 1;
  printf("duplicata %s, C ABI\n", duplicata_version());
  latency("typed fee call (duplicata_engine_fees)", fee_call, 1e9, "ns");
  latency("plate (duplicata_parse_plate)", plate_call, 1e9, "ns");
  latency("JSON evaluation (evaluate_json+free)", json_call, 1e6, "us");
  scaling("typed fee call, 8 vs 1 thread", fee_call);
  scaling("JSON evaluation, 8 vs 1 thread", json_call);
  duplicata_engine_free(engine);
  return 0;
}
