/* The typed fee call in a loop, for counting its instructions under Valgrind's callgrind (run by
 * scripts/bench-c.sh, never by the tests). A count does not depend on the machine's load: the
 * script runs N and N + 100000 calls and reports the difference per call.
 *
 * usage: bench_instructions CALLS */
#include "duplicata.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  long calls = argc > 1 ? atol(argv[1]) : 100000;
  long i;
  long long sum = 0;
  duplicata_engine *engine = NULL;
  duplicata_fee_query q;
  if (duplicata_engine_new(&engine, NULL) != DUPLICATA_STATUS_OK) return 1;
  DUPLICATA_INIT(q);
  /* The query of tests/c/bench.c: 2019, department 33, SIV car. */
  q.date.year = 2019;
  q.date.month = 6;
  q.date.day = 1;
  q.department = "33";
  q.plate = "AB-123-CD";
  q.category = DUPLICATA_CATEGORY_CAR;
  q.energy = DUPLICATA_ENERGY_PETROL;
  for (i = 0; i < calls; i++) {
    duplicata_fees fees;
    fees.size = sizeof fees; /* the rest is written by the call */
    if (duplicata_engine_fees(engine, &q, &fees, NULL) != DUPLICATA_STATUS_OK) abort();
    sum += fees.total.cents;
  }
  printf("%lld\n", sum);
  duplicata_engine_free(engine);
  return 0;
}
