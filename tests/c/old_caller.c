/* A program built against an older header, run against the library being tested.
 *
 * scripts/test-c.sh compiles this file against the header of each published version kept in
 * tests/c/abi/<version>/duplicata.h (never edited once published) and runs it linked with the
 * newly built shared library, as an application that is not rebuilt when the library is upgraded
 * would be. Every function and struct of that header must still work: the sizes the program
 * passes are those of its header, and the library must read and write only that much. */
#include <duplicata.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

static void expect(int ok, const char *what) {
  if (!ok) {
    printf("old caller: FAILED: %s\n", what);
    failures++;
  }
}

int main(int argc, char **argv) {
  static const char request[] =
      "{\"procedure\":\"carte_grise_duplicata\",\"date\":\"2019-06-01\",\"reason\":\"loss\","
      "\"holder\":{\"department\":\"33\"},"
      "\"vehicle\":{\"plate\":\"AB-123-CD\",\"category\":\"car\",\"energy\":\"petrol\"}}";
  duplicata_engine *engine = NULL;
  duplicata_error *err = NULL;
  duplicata_fee_query q;
  duplicata_fees fees;
  duplicata_plate plate;
  duplicata_rate rate;
  duplicata_problem problem;
  duplicata_date day;
  char *decision = NULL;
  int i;

  if (argc != 2) {
    fprintf(stderr, "usage: %s BROKEN_PARAMS\n", argv[0]);
    return 2;
  }
  /* The library is at least as new as the header, of the same major version. */
  expect(duplicata_version_number() >= DUPLICATA_VERSION_NUMBER, "library older than the header");
  expect(duplicata_version_number() / 1000000 == DUPLICATA_VERSION_MAJOR, "another major version");

  expect(duplicata_engine_new(&engine, &err) == DUPLICATA_STATUS_OK, "engine");
  DUPLICATA_INIT(q);
  DUPLICATA_INIT(fees);
  memset(&fees, 0xEE, sizeof fees);
  fees.size = sizeof fees;
  q.date.year = 2019;
  q.date.month = 6;
  q.date.day = 1;
  q.department = "33";
  q.plate = "AB-123-CD";
  expect(duplicata_category_from_str("car", &q.category, NULL) == DUPLICATA_STATUS_OK, "category");
  expect(duplicata_energy_from_str("petrol", &q.energy, NULL) == DUPLICATA_STATUS_OK, "energy");
  expect(duplicata_engine_fees(engine, &q, &fees, &err) == DUPLICATA_STATUS_OK, "fees");
  expect(fees.size == sizeof fees, "every field of this header written");
  expect(fees.total.known && fees.total.cents == 4776 && fees.regime == DUPLICATA_REGIME_CGI,
         "47.76 EUR");
  for (i = 0; i < DUPLICATA_FEE_LINES; i++)
    expect(fees.lines[i].code && fees.lines[i].label_fr && fees.lines[i].label_en &&
               fees.lines[i].explanation_fr && fees.lines[i].explanation_en &&
               fees.lines[i].unknown_reason == NULL && fees.lines[i].known,
           "a line with its texts");
  expect(strcmp(fees.lines[0].label_fr, "Taxe r\xC3\xA9gionale") == 0, "Y1 label");

  DUPLICATA_INIT(plate);
  expect(duplicata_parse_plate("123 ab 45", &plate, NULL) == DUPLICATA_STATUS_OK &&
             plate.size == sizeof plate && strcmp(plate.normalized, "123 AB 45") == 0,
         "plate");
  DUPLICATA_INIT(rate);
  day = q.date;
  expect(duplicata_engine_rate(engine, "33", day, &rate, NULL) == DUPLICATA_STATUS_OK &&
             rate.size == sizeof rate && rate.known, "rate");
  expect(duplicata_engine_evaluate_json(engine, request, strlen(request), &decision, &err) ==
             DUPLICATA_STATUS_OK && decision && strstr(decision, "\"47.76\""),
         "evaluate");
  duplicata_string_free(decision);

  /* A rejected parameter file and its problems. */
  DUPLICATA_INIT(problem);
  {
    duplicata_engine *other = NULL;
    expect(duplicata_engine_from_file(argv[1], &other, &err) == DUPLICATA_STATUS_INVALID_PARAMETERS,
           "broken parameters refused");
    expect(duplicata_error_problem(err, 0, "en", &problem) && problem.size == sizeof problem &&
               problem.code && strncmp(problem.code, "params.", 7) == 0,
           "problem");
    duplicata_error_free(err);
    err = NULL;
  }
  expect(duplicata_reason_name(DUPLICATA_REASON_THEFT) &&
             strcmp(duplicata_reason_name(DUPLICATA_REASON_THEFT), "theft") == 0, "names");
  duplicata_engine_free(engine);
  printf("old caller (header %s) against library %s: %s\n", "" DUPLICATA_OLD_HEADER,
         duplicata_version(), failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
