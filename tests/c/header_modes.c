/* A caller that must compile without a warning (-Wall -Wextra -pedantic -Werror) in each language
 * mode a legacy application may use: C89, C99, C11, C++98 and C++17 (scripts/test-c.sh builds it
 * in each mode, links it with the shared library and runs it). It uses every type of the header
 * and the typed fee path as a C89 program would. */
#include <duplicata.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

static void expect(int ok, const char *what) {
  if (!ok) {
    printf("FAILED: %s\n", what);
    failures++;
  }
}

int main(void) {
  duplicata_engine *engine = NULL;
  duplicata_error *err = NULL;
  duplicata_fee_query q;
  duplicata_fees fees;
  duplicata_plate plate;
  duplicata_rate rate;
  duplicata_problem problem;
  duplicata_date day;
  duplicata_category category = DUPLICATA_CATEGORY_CAR;
  duplicata_energy energy = DUPLICATA_ENERGY_PETROL;
  duplicata_reason reason = DUPLICATA_REASON_LOSS;
  duplicata_applicant applicant = DUPLICATA_APPLICANT_HOLDER;
  duplicata_status status;
  duplicata_bool yes = 1;
  int i;

  DUPLICATA_INIT(q);
  DUPLICATA_INIT(fees);
  DUPLICATA_INIT(plate);
  DUPLICATA_INIT(rate);
  DUPLICATA_INIT(problem);
  day.year = 2019;
  day.month = 6;
  day.day = 1;
  q.date = day;
  q.department = "33";
  q.plate = "ab-123-cd";
  expect(duplicata_category_from_str("car", &category, NULL) == DUPLICATA_STATUS_OK, "category");
  expect(duplicata_energy_from_str("petrol", &energy, NULL) == DUPLICATA_STATUS_OK, "energy");
  expect(duplicata_reason_from_str("theft", &reason, NULL) == DUPLICATA_STATUS_OK &&
             reason == DUPLICATA_REASON_THEFT, "reason");
  expect(duplicata_applicant_from_str("heir", &applicant, NULL) == DUPLICATA_STATUS_OK &&
             applicant == DUPLICATA_APPLICANT_HEIR, "applicant");
  q.category = category;
  q.energy = energy;
  q.change_of_address = 0;
  q.natural_disaster = 0;

  expect(duplicata_version_number() >= DUPLICATA_VERSION_NUMBER, "library older than the header");
  status = duplicata_engine_new(&engine, &err);
  expect(status == DUPLICATA_STATUS_OK, "engine");
  status = duplicata_engine_fees(engine, &q, &fees, &err);
  expect(status == DUPLICATA_STATUS_OK && fees.total.known == yes && fees.total.cents == 4776,
         "47.76 EUR");
  for (i = 0; i < DUPLICATA_FEE_LINES && status == DUPLICATA_STATUS_OK; i++)
    expect(fees.lines[i].code != NULL && fees.lines[i].label_fr != NULL &&
               fees.lines[i].explanation_en != NULL && fees.lines[i].known,
           "a line with its texts");
  expect(strcmp(duplicata_regime_name(fees.regime), "cgi") == 0, "regime");
  expect(duplicata_parse_plate("123 ab 45", &plate, NULL) == DUPLICATA_STATUS_OK &&
             plate.system == DUPLICATA_PLATE_SYSTEM_FNI, "plate");
  expect(duplicata_engine_rate(engine, "33", day, &rate, NULL) == DUPLICATA_STATUS_OK &&
             rate.known && rate.confidence == DUPLICATA_CONFIDENCE_HIGH, "rate");
  expect(!duplicata_error_problem(err, 0, "fr", &problem), "no problem without an error");
  duplicata_error_free(err);
  duplicata_engine_free(engine);
  printf("header modes: %s %s\n", failures ? "FAILED" : "ok", duplicata_version());
  return failures ? 1 : 0;
}
