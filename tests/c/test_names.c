/* The contract's names through the C ABI.
 *
 * usage: test_names REQUEST_SCHEMA DECISION_SCHEMA
 *
 * For the category, energy, reason and applicant lists of docs/schema/request.schema.json and the
 * regime list of docs/schema/decision.schema.json (which the core's tests keep equal to its
 * enums): each name is read by duplicata_*_from_str into the value of its place in the list, the
 * value's duplicata_*_name gives it back, the header's enum has exactly that many values, and any
 * other name gives DUPLICATA_STATUS_UNKNOWN_NAME with the code, the field and the expected names. */
#include "duplicata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "jscan.h"

typedef duplicata_status (*from_str_fn)(const char *, uint32_t *, duplicata_error **);
typedef const char *(*name_fn)(uint32_t);

/* The C enums are uint32_t in C before C23: the helpers take a uint32_t *. */
static duplicata_status category(const char *n, uint32_t *o, duplicata_error **e) {
  return duplicata_category_from_str(n, o, e);
}
static duplicata_status energy(const char *n, uint32_t *o, duplicata_error **e) {
  return duplicata_energy_from_str(n, o, e);
}
static duplicata_status reason(const char *n, uint32_t *o, duplicata_error **e) {
  return duplicata_reason_from_str(n, o, e);
}
static duplicata_status applicant(const char *n, uint32_t *o, duplicata_error **e) {
  return duplicata_applicant_from_str(n, o, e);
}

static void check_list(const char *what, const char *list, uint32_t count, from_str_fn from_str,
                       name_fn name, const char *field) {
  const char *item;
  uint32_t i = 0;
  char text[64];
  duplicata_error *err = NULL;
  uint32_t value;
  CHECK(list != NULL, "%s: no list in the schema", what);
  for (item = js_first(list); item; item = js_next(item), i++) {
    if (!CHECK(js_string(item, text, sizeof text), "%s: item %u", what, (unsigned)i)) continue;
    if (from_str) {
      value = 0xFFFFFFFFu;
      CHECK(from_str(text, &value, &err) == DUPLICATA_STATUS_OK && err == NULL && value == i,
            "%s: '%s' read as %u, expected %u", what, text, (unsigned)value, (unsigned)i);
    }
    CHECK(name(i) && strcmp(name(i), text) == 0, "%s: name(%u) = %s, expected %s", what,
          (unsigned)i, or_null(name(i)), text);
  }
  CHECK(i == count, "%s: the schema lists %u names, the header %u values", what, (unsigned)i,
        (unsigned)count);
  CHECK(name(count) == NULL && name(0xFFFFFFFFu) == NULL, "%s: a value out of the list has a name",
        what);
  if (!from_str) return;
  {
    /* Contract names only, spelt exactly. */
    static const char *const WRONG[] = {"voiture", "CAR", " car", "", "car ", "Loss", "holder\n"};
    size_t w;
    for (w = 0; w < sizeof WRONG / sizeof WRONG[0]; w++) {
      value = 12345;
      CHECK(from_str(WRONG[w], &value, &err) == DUPLICATA_STATUS_UNKNOWN_NAME && value == 12345,
            "%s: '%s' accepted", what, WRONG[w]);
      CHECK(err && strcmp(duplicata_error_code(err), "ffi.unknown_name") == 0 &&
                strcmp(or_null(duplicata_error_field(err)), field) == 0 &&
                duplicata_error_status(err) == DUPLICATA_STATUS_UNKNOWN_NAME,
            "%s: the error of an unknown name: %s", what, or_null(duplicata_error_json(err)));
      CHECK(err && strstr(duplicata_error_message(err, "fr"), "nom inconnu") &&
                strstr(duplicata_error_message(err, "en"), name(0)),
            "%s: the message names the expected values: %s", what,
            or_null(duplicata_error_message(err, "en")));
      duplicata_error_free(err);
      err = NULL;
    }
    CHECK(from_str(NULL, &value, &err) == DUPLICATA_STATUS_NULL_ARGUMENT, "%s: NULL name", what);
    duplicata_error_free(err);
    err = NULL;
    CHECK(from_str(name(0), NULL, NULL) == DUPLICATA_STATUS_NULL_ARGUMENT, "%s: NULL out", what);
    CHECK(from_str("\xC3\x28", &value, NULL) == DUPLICATA_STATUS_INVALID_UTF8, "%s: not UTF-8", what);
  }
}

int main(int argc, char **argv) {
  char *request, *decision;
  size_t len;
  if (argc != 3) {
    fprintf(stderr, "usage: %s REQUEST_SCHEMA DECISION_SCHEMA\n", argv[0]);
    return 2;
  }
  request = read_file(argv[1], &len);
  decision = read_file(argv[2], &len);
  if (!request || !decision) return 2;
  check_list("category", js_path(request, "properties.vehicle.properties.category.enum"),
             DUPLICATA_CATEGORY_OTHER + 1, category, duplicata_category_name, "vehicle.category");
  check_list("energy", js_path(request, "properties.vehicle.properties.energy.enum"),
             DUPLICATA_ENERGY_OTHER + 1, energy, duplicata_energy_name, "vehicle.energy");
  check_list("reason", js_path(request, "properties.reason.enum"), DUPLICATA_REASON_DAMAGE + 1,
             reason, duplicata_reason_name, "reason");
  check_list("applicant", js_path(request, "properties.applicant.enum"),
             DUPLICATA_APPLICANT_PROFESSIONAL + 1, applicant, duplicata_applicant_name, "applicant");
  check_list("regime", js_path(decision, "$defs.fees.properties.regime.enum"),
             DUPLICATA_REGIME_CIBS + 1, NULL, duplicata_regime_name, NULL);
  free(request);
  free(decision);
  printf("names: %d failure(s)\n", check_failures);
  return check_failures ? 1 : 0;
}
