/* The conformance corpus through the C ABI.
 *
 * usage: test_corpus REQUEST_DIR OUTPUT_DIR NAME...
 *
 * For each NAME, evaluates REQUEST_DIR/NAME with duplicata_engine_evaluate_json and writes the
 * decision (or the error's JSON) to OUTPUT_DIR/NAME; scripts/test-c.sh then compares every output,
 * byte for byte, with what the core itself gives for the same request. For every carte-grise
 * request, the typed path (duplicata_engine_fees) must give the same amounts, statuses,
 * confidences, labels, explanations, regime and plate as the fees of the decision, or the same
 * error. The contract names are read with the library's own duplicata_*_from_str. */
#include "duplicata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "jscan.h"

static const char *const CONFIDENCES[] = {"low", "medium", "high"};
static const char *const SYSTEMS[] = {"siv", "fni", "moped", "ww", "w"};

static int typed_compared = 0, typed_errors_compared = 0, typed_not_comparable = 0;

/* Compares one amount of the typed answer with the JSON line (or the fees object for the total). */
static void same_amount(const char *name, const char *case_name, duplicata_amount a,
                        const char *amount, const char *confidence) {
  long long cents = 0;
  char conf[16];
  if (js_is_null(amount)) {
    CHECK(!a.known, "%s: %s is null in JSON, known in the typed answer", case_name, name);
  } else {
    CHECK(js_cents(amount, &cents), "%s: %s amount unreadable", case_name, name);
    CHECK(a.known && a.cents == cents, "%s: %s typed %lld (known %d) != JSON %lld", case_name,
          name, (long long)a.cents, (int)a.known, cents);
  }
  CHECK(js_string(confidence, conf, sizeof conf) && a.confidence <= DUPLICATA_CONFIDENCE_HIGH &&
            strcmp(CONFIDENCES[a.confidence], conf) == 0,
        "%s: %s confidence differs", case_name, name);
}

static int is_typed_error(const char *code, const char *field) {
  return strncmp(code, "plate.", 6) == 0 || strcmp(code, "department.unknown") == 0 ||
         strcmp(code, "request.date_out_of_range") == 0 ||
         (strcmp(code, "request.missing_field") == 0 && field &&
          strcmp(field, "holder.department") == 0) ||
         (strcmp(code, "request.inconsistent") == 0 && field &&
          strcmp(field, "vehicle.category") == 0);
}

/* A static text of the typed line against the same member of the JSON line. */
static void same_text(const char *case_name, const char *code, const char *member,
                      const char *typed, const char *line) {
  char text[1024];
  CHECK(js_string(js_member(line, member), text, sizeof text) && typed && strcmp(typed, text) == 0,
        "%s: %s %s typed '%s' != JSON '%s'", case_name, code, member, or_null(typed), text);
}

static int typed_texts_compared = 0;

/* Everything a typed line says against the decision's line. */
static void same_line(const char *case_name, const char *code, const duplicata_fee_line *l,
                      const char *line) {
  duplicata_amount a;
  char status[16];
  a.cents = l->cents;
  a.known = l->known;
  a.confidence = l->confidence;
  same_amount(code, case_name, a, js_member(line, "amount"), js_member(line, "confidence"));
  CHECK(l->code && strcmp(l->code, code) == 0, "%s: line %s has code %s", case_name, code,
        or_null(l->code));
  same_text(case_name, code, "label_fr", l->label_fr, line);
  same_text(case_name, code, "label_en", l->label_en, line);
  same_text(case_name, code, "explanation_fr", l->explanation_fr, line);
  same_text(case_name, code, "explanation_en", l->explanation_en, line);
  CHECK(js_string(js_member(line, "status"), status, sizeof status) &&
            duplicata_line_status_name(l->status) &&
            strcmp(duplicata_line_status_name(l->status), status) == 0,
        "%s: %s status typed %s != JSON %s", case_name, code,
        or_null(duplicata_line_status_name(l->status)), status);
  CHECK((l->status == DUPLICATA_LINE_STATUS_UNKNOWN) ==
            (l->unknown_reason != NULL && l->unknown_reason_fr != NULL && l->unknown_reason_en != NULL),
        "%s: %s has a reason exactly when unknown", case_name, code);
  typed_texts_compared++;
}

/* The typed path against the JSON path for one carte-grise request. */
static void compare_typed(const duplicata_engine *engine, const char *name, const char *request,
                          const char *decision, const duplicata_error *json_err) {
  char date[32], department[16], plate[64], category[32], energy[32];
  const char *v;
  int coa = 0, disaster = 0, has_department;
  duplicata_fee_query q;
  duplicata_fees fees;
  duplicata_error *err = NULL;
  duplicata_status status;
  int y, m, d;

  if (!js_string(js_member(request, "date"), date, sizeof date) ||
      sscanf(date, "%d-%d-%d", &y, &m, &d) != 3 ||
      !js_string(js_path(request, "vehicle.plate"), plate, sizeof plate) ||
      !js_string(js_path(request, "vehicle.category"), category, sizeof category) ||
      !js_string(js_path(request, "vehicle.energy"), energy, sizeof energy) || m < 1 || d < 1) {
    typed_not_comparable++; /* The request lacks what the typed query needs. */
    return;
  }
  if (js_member(request, "as_known_on") != NULL) {
    typed_not_comparable++; /* A replay is for the JSON path only: the typed query answers as known now. */
    return;
  }
  has_department = js_string(js_path(request, "holder.department"), department, sizeof department);
  if ((v = js_member(request, "change_of_address")) != NULL) js_bool(v, &coa);
  if ((v = js_member(request, "natural_disaster")) != NULL) js_bool(v, &disaster);

  DUPLICATA_INIT(q);
  if (duplicata_category_from_str(category, &q.category, NULL) != DUPLICATA_STATUS_OK ||
      duplicata_energy_from_str(energy, &q.energy, NULL) != DUPLICATA_STATUS_OK) {
    typed_not_comparable++; /* A name outside the contract: the request itself is refused. */
    return;
  }
  q.date.year = y;
  q.date.month = (uint32_t)m;
  q.date.day = (uint32_t)d;
  q.department = has_department ? department : NULL;
  q.plate = plate;
  q.change_of_address = coa != 0;
  q.natural_disaster = disaster != 0;
  memset(&fees, 0xAB, sizeof fees);
  fees.size = sizeof fees;
  status = duplicata_engine_fees(engine, &q, &fees, &err);

  if (json_err) {
    const char *code = duplicata_error_code(json_err), *field = duplicata_error_field(json_err);
    if (!is_typed_error(code, field)) {
      /* An error about a field the typed query does not carry (reason, fiscal power, ...). */
      typed_not_comparable++;
    } else {
      typed_errors_compared++;
      CHECK(status == duplicata_error_status(json_err), "%s: typed status %u != JSON status %u",
            name, (unsigned)status, (unsigned)duplicata_error_status(json_err));
      CHECK(err && strcmp(duplicata_error_code(err), code) == 0, "%s: typed code %s != %s", name,
            or_null(duplicata_error_code(err)), code);
      CHECK(err && strcmp(or_null(duplicata_error_field(err)), or_null(field)) == 0,
            "%s: typed field %s != %s", name, or_null(duplicata_error_field(err)), or_null(field));
    }
  } else {
    const char *jf = js_member(decision, "fees"), *line;
    char text[32];
    int bool_value = -1;
    typed_compared++;
    if (!CHECK(status == DUPLICATA_STATUS_OK, "%s: typed path failed: %s", name,
               or_null(duplicata_error_message(err, "en"))) ||
        !CHECK(jf != NULL, "%s: no fees in the decision", name)) {
      duplicata_error_free(err);
      return;
    }
    for (line = js_first(js_member(jf, "lines")); line; line = js_next(line)) {
      char code[8];
      int index;
      if (!CHECK(js_string(js_member(line, "code"), code, sizeof code), "%s: line code", name))
        continue;
      index = code[0] == 'Y' && code[1] >= '1' && code[1] <= '5' && code[2] == '\0' ? code[1] - '1' : -1;
      if (CHECK(index >= 0 && index < DUPLICATA_FEE_LINES, "%s: unexpected line %s", name, code))
        same_line(name, code, &fees.lines[index], line);
    }
    same_amount("total", name, fees.total, js_member(jf, "total"), js_member(jf, "confidence"));
    CHECK(js_string(js_member(jf, "regime"), text, sizeof text) && duplicata_regime_name(fees.regime) &&
              strcmp(duplicata_regime_name(fees.regime), text) == 0,
          "%s: regime differs", name);
    CHECK(js_bool(js_member(jf, "highest_event_only"), &bool_value) &&
              bool_value == (int)fees.highest_event_only,
          "%s: highest_event_only differs", name);
    CHECK(js_string(js_path(decision, "plate.system"), text, sizeof text) &&
              fees.plate_system <= 4 && strcmp(SYSTEMS[fees.plate_system], text) == 0,
          "%s: plate system differs", name);
    CHECK(js_bool(js_path(decision, "plate.conversion"), &bool_value) &&
              bool_value == (int)fees.conversion,
          "%s: conversion differs", name);
  }
  duplicata_error_free(err);
}

int main(int argc, char **argv) {
  duplicata_engine *engine = NULL;
  duplicata_error *err = NULL;
  int i, decisions = 0, errors = 0;

  if (argc < 4) {
    fprintf(stderr, "usage: %s REQUEST_DIR OUTPUT_DIR NAME...\n", argv[0]);
    return 2;
  }
  if (duplicata_engine_new(&engine, &err) != DUPLICATA_STATUS_OK) {
    fprintf(stderr, "engine: %s\n", or_null(duplicata_error_message(err, "en")));
    duplicata_error_free(err);
    return 1;
  }
  for (i = 3; i < argc; i++) {
    char path[4096], procedure[64];
    size_t len = 0;
    char *request, *decision = NULL;
    const char *output;
    duplicata_status status;
    FILE *out;

    snprintf(path, sizeof path, "%s/%s", argv[1], argv[i]);
    request = read_file(path, &len);
    if (!CHECK(request != NULL, "cannot read %s", path)) continue;
    err = NULL;
    status = duplicata_engine_evaluate_json(engine, request, len, &decision, &err);
    if (status == DUPLICATA_STATUS_OK) {
      decisions++;
      CHECK(decision != NULL && err == NULL, "%s: OK without a decision, or with an error", argv[i]);
      output = decision;
    } else {
      errors++;
      CHECK(decision == NULL, "%s: decision written on failure", argv[i]);
      CHECK(err != NULL && duplicata_error_status(err) == status, "%s: error object", argv[i]);
      CHECK(duplicata_error_code(err) != NULL && duplicata_error_message(err, "fr")[0] != '\0' &&
                duplicata_error_message(err, "en")[0] != '\0',
            "%s: error without code or message", argv[i]);
      output = duplicata_error_json(err);
    }
    snprintf(path, sizeof path, "%s/%s", argv[2], argv[i]);
    out = fopen(path, "wb");
    if (CHECK(out != NULL, "cannot write %s", path)) {
      fputs(output ? output : "", out);
      fclose(out);
    }
    if (js_string(js_member(request, "procedure"), procedure, sizeof procedure) &&
        strcmp(procedure, "carte_grise_duplicata") == 0)
      compare_typed(engine, argv[i], request, decision, status == DUPLICATA_STATUS_OK ? NULL : err);
    duplicata_string_free(decision);
    duplicata_error_free(err);
    free(request);
  }
  duplicata_engine_free(engine);
  printf("corpus: %d requests, %d decisions, %d errors; typed path: %d fee breakdowns and %d errors "
         "equal to the JSON path, %d not comparable\n",
         argc - 3, decisions, errors, typed_compared, typed_errors_compared, typed_not_comparable);
  /* The comparison must have compared something: a corpus read wrongly fails here. */
  CHECK(typed_compared >= 20, "only %d carte-grise decisions compared", typed_compared);
  CHECK(typed_texts_compared == typed_compared * DUPLICATA_FEE_LINES,
        "%d typed lines compared for %d breakdowns", typed_texts_compared, typed_compared);
  CHECK(decisions >= 20 && errors >= 5, "too few decisions (%d) or errors (%d)", decisions, errors);
  return check_failures ? 1 : 0;
}
