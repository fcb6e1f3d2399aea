/* Bad inputs, ownership and error objects: every misuse gets its status and its error code, and
 * outputs are written only on success.
 *
 * usage: test_bad_inputs PARAMS_FILE BROKEN_PARAMS_FILE */
#include "duplicata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "jscan.h"

static const char GOOD[] =
    "{\"procedure\":\"carte_grise_duplicata\",\"date\":\"2019-06-01\",\"reason\":\"loss\","
    "\"holder\":{\"department\":\"33\"},"
    "\"vehicle\":{\"plate\":\"AB-123-CD\",\"category\":\"car\",\"energy\":\"petrol\"}}";

/* Checks a failed call: its status, the error's code and field, both messages, and that the error
 * reports the same status. Frees the error. */
static void expect_error(const char *what, duplicata_status got, duplicata_error *err,
                         duplicata_status status, const char *code, const char *field) {
  CHECK(got == status, "%s: status %u, expected %u", what, (unsigned)got, (unsigned)status);
  if (!CHECK(err != NULL, "%s: no error object", what)) return;
  CHECK(strcmp(or_null(duplicata_error_code(err)), code) == 0, "%s: code %s, expected %s", what,
        or_null(duplicata_error_code(err)), code);
  if (field)
    CHECK(strcmp(or_null(duplicata_error_field(err)), field) == 0, "%s: field %s, expected %s",
          what, or_null(duplicata_error_field(err)), field);
  CHECK(duplicata_error_status(err) == status, "%s: error status", what);
  CHECK(duplicata_error_message(err, "fr") && duplicata_error_message(err, "fr")[0],
        "%s: French message", what);
  CHECK(duplicata_error_message(err, "en") && duplicata_error_message(err, "en")[0],
        "%s: English message", what);
  CHECK(strstr(or_null(duplicata_error_json(err)), code) != NULL, "%s: JSON without the code", what);
  duplicata_error_free(err);
}

/* Makes a call that must fail (it writes to `err`), then checks it with expect_error. The call
 * is made before its error is read: C leaves the order of a function's arguments unspecified. */
#define EXPECT_CALL(what, call, status, code, field) \
  do {                                               \
    duplicata_status got_ = (call);                  \
    expect_error(what, got_, err, status, code, field); \
    err = NULL;                                      \
  } while (0)

/* Evaluates `len` bytes and expects a failure that leaves `decision` untouched. */
static void bad_request(const duplicata_engine *engine, const char *what, const char *request,
                        size_t len, duplicata_status status, const char *code) {
  char sentinel = 0;
  char *decision = &sentinel;
  duplicata_error *err = NULL;
  duplicata_status got = duplicata_engine_evaluate_json(engine, request, len, &decision, &err);
  CHECK(decision == &sentinel, "%s: decision written on failure", what);
  expect_error(what, got, err, status, code, NULL);
  /* The same failure without an error object: the status alone. */
  got = duplicata_engine_evaluate_json(engine, request, len, &decision, NULL);
  CHECK(got == status && decision == &sentinel, "%s: without err", what);
}

static char *evaluate(const duplicata_engine *engine, const char *request) {
  char *decision = NULL;
  duplicata_error *err = NULL;
  duplicata_status s = duplicata_engine_evaluate_json(engine, request, strlen(request), &decision, &err);
  CHECK(s == DUPLICATA_STATUS_OK && decision && !err, "evaluation failed: %s",
        or_null(duplicata_error_message(err, "en")));
  duplicata_error_free(err);
  return decision;
}

static void test_requests(duplicata_engine *engine) {
  char *big, *decision;
  size_t i, big_len = (size_t)10 * 1024 * 1024;
  static const char with_nul[] = "{\"procedure\":\0\"carte_grise_duplicata\"}";
  duplicata_error *err = NULL;
  char sentinel = 0, *out = &sentinel;

  bad_request(NULL, "NULL engine", GOOD, strlen(GOOD), DUPLICATA_STATUS_NULL_ARGUMENT,
              "ffi.null_argument");
  bad_request(engine, "NULL request", NULL, 10, DUPLICATA_STATUS_NULL_ARGUMENT, "ffi.null_argument");
  EXPECT_CALL("NULL decision", duplicata_engine_evaluate_json(engine, GOOD, strlen(GOOD), NULL, &err),
               DUPLICATA_STATUS_NULL_ARGUMENT, "ffi.null_argument", "decision");
  err = NULL;
  bad_request(engine, "invalid UTF-8", "{\"procedure\":\"\xff\xfe\"}", 17,
              DUPLICATA_STATUS_INVALID_UTF8, "ffi.invalid_utf8");
  bad_request(engine, "not JSON", "hello, prefecture", 17, DUPLICATA_STATUS_INVALID_REQUEST,
              "request.invalid_json");
  bad_request(engine, "empty", "", 0, DUPLICATA_STATUS_INVALID_REQUEST, "request.invalid_json");
  bad_request(engine, "truncated JSON", GOOD, strlen(GOOD) - 1, DUPLICATA_STATUS_INVALID_REQUEST,
              "request.invalid_json");
  bad_request(engine, "embedded NUL", with_nul, sizeof with_nul - 1, DUPLICATA_STATUS_EMBEDDED_NUL,
              "ffi.embedded_nul");
  bad_request(engine, "a JSON string", "\"x\"", 3, DUPLICATA_STATUS_INVALID_REQUEST,
              "request.invalid_type");
  bad_request(engine, "unknown procedure", "{\"procedure\":\"passport\",\"date\":\"2019-06-01\"}",
              44, DUPLICATA_STATUS_INVALID_REQUEST, "request.invalid_value");

  /* 10 MB: refused for its size, whatever it holds. */
  big = malloc(big_len);
  if (CHECK(big != NULL, "malloc")) {
    memset(big, ' ', big_len);
    memcpy(big, GOOD, strlen(GOOD));
    bad_request(engine, "10 MB request", big, big_len, DUPLICATA_STATUS_INVALID_REQUEST,
                "request.too_large");
    for (i = 0; i < big_len; i++) big[i] = (char)(i * 131 + 7); /* garbage, NULs included */
    bad_request(engine, "10 MB of garbage", big, big_len, DUPLICATA_STATUS_INVALID_REQUEST,
                "request.too_large");
    /* Exactly 1 MiB is still read (and is not JSON here); one byte more is too large. */
    memset(big, ' ', (size_t)1 << 20);
    bad_request(engine, "1 MiB of blanks", big, (size_t)1 << 20, DUPLICATA_STATUS_INVALID_REQUEST,
                "request.invalid_json");
    bad_request(engine, "1 MiB + 1", big, ((size_t)1 << 20) + 1, DUPLICATA_STATUS_INVALID_REQUEST,
                "request.too_large");
    free(big);
  }

  /* Errors of the request's content carry the field. */
  {
    const char *missing = "{\"procedure\":\"carte_grise_duplicata\",\"date\":\"2019-06-01\"}";
    const char *bad_plate =
        "{\"procedure\":\"carte_grise_duplicata\",\"date\":\"2019-06-01\",\"reason\":\"loss\","
        "\"holder\":{\"department\":\"33\"},"
        "\"vehicle\":{\"plate\":\"AB\\u0000123\",\"category\":\"car\",\"energy\":\"petrol\"}}";
    duplicata_status s;
    out = &sentinel;
    s = duplicata_engine_evaluate_json(engine, missing, strlen(missing), &out, &err);
    expect_error("missing reason", s, err, DUPLICATA_STATUS_INVALID_REQUEST, "request.missing_field",
                 "reason");
    err = NULL;
    /* A NUL escaped inside a JSON string reaches the plate reader, and is quoted safely. */
    s = duplicata_engine_evaluate_json(engine, bad_plate, strlen(bad_plate), &out, &err);
    CHECK(strstr(or_null(duplicata_error_message(err, "en")), "\\u0000") != NULL,
          "NUL in the message is escaped: %s", or_null(duplicata_error_message(err, "en")));
    expect_error("NUL in a plate", s, err, DUPLICATA_STATUS_INVALID_PLATE,
                 "plate.invalid_character", "vehicle.plate");
    err = NULL;
    CHECK(out == &sentinel, "decision written on failure");
  }

  /* A good request, and the languages of the messages. */
  decision = evaluate(engine, GOOD);
  CHECK(decision && strstr(decision, "\"total\":\"47.76\"") != NULL, "47.76 expected: %.200s",
        or_null(decision));
  duplicata_string_free(decision);
  {
    const char *fr, *en;
    duplicata_engine_evaluate_json(engine, "{", 1, &out, &err);
    fr = duplicata_error_message(err, "fr");
    en = duplicata_error_message(err, "en");
    CHECK(fr && en && strcmp(fr, en) != 0, "French and English messages differ");
    CHECK(duplicata_error_message(err, NULL) == fr, "NULL language gives French");
    CHECK(duplicata_error_message(err, "de") == fr, "another language gives French");
    CHECK(duplicata_error_message(err, "EN") == en, "EN gives English");
    CHECK(strncmp(fr, "JSON invalide", 13) == 0, "French message: %s", fr);
    duplicata_error_free(err);
    err = NULL;
  }
}

static void test_null_objects(void) {
  duplicata_problem p;
  DUPLICATA_INIT(p);
  /* Every accessor and every _free accepts NULL. */
  CHECK(duplicata_error_code(NULL) == NULL, "code(NULL)");
  CHECK(duplicata_error_message(NULL, "fr") == NULL, "message(NULL)");
  CHECK(duplicata_error_field(NULL) == NULL, "field(NULL)");
  CHECK(duplicata_error_json(NULL) == NULL, "json(NULL)");
  CHECK(duplicata_error_status(NULL) == DUPLICATA_STATUS_NULL_ARGUMENT, "status(NULL)");
  CHECK(duplicata_error_problem_count(NULL) == 0, "problem_count(NULL)");
  CHECK(!duplicata_error_problem(NULL, 0, "fr", &p), "problem(NULL)");
  duplicata_error_free(NULL);
  duplicata_string_free(NULL);
  duplicata_engine_free(NULL);
  {
    const char *v = duplicata_version();
    int a, b, c;
    CHECK(v && sscanf(v, "%d.%d.%d", &a, &b, &c) == 3, "version %s", or_null(v));
    /* The header and the library are the same version here; the macros and the string agree. */
    CHECK(duplicata_version_number() == DUPLICATA_VERSION_NUMBER &&
              a == DUPLICATA_VERSION_MAJOR && b == DUPLICATA_VERSION_MINOR &&
              c == DUPLICATA_VERSION_PATCH &&
              DUPLICATA_VERSION_NUMBER ==
                  DUPLICATA_VERSION_MAJOR * 1000000 + DUPLICATA_VERSION_MINOR * 1000 +
                      DUPLICATA_VERSION_PATCH,
          "version number %u for %s", (unsigned)duplicata_version_number(), or_null(v));
  }
}

static void test_engines(const char *params, const char *broken) {
  duplicata_engine *engine = NULL, *sentinel = (duplicata_engine *)&engine;
  duplicata_engine *out = sentinel;
  duplicata_error *err = NULL;
  duplicata_problem p;
  size_t count;
  char *before, *after;
  DUPLICATA_INIT(p);

  EXPECT_CALL("new(NULL)", duplicata_engine_new(NULL, &err), DUPLICATA_STATUS_NULL_ARGUMENT,
               "ffi.null_argument", "out");
  err = NULL;
  CHECK(duplicata_engine_new(&engine, NULL) == DUPLICATA_STATUS_OK && engine, "new without err");

  EXPECT_CALL("from_file(NULL)", duplicata_engine_from_file(NULL, &out, &err),
               DUPLICATA_STATUS_NULL_ARGUMENT, "ffi.null_argument", "path");
  err = NULL;
  EXPECT_CALL("from_file(missing)", duplicata_engine_from_file("/nonexistent/duplicata.toml", &out, &err),
               DUPLICATA_STATUS_IO, "io.read", NULL);
  err = NULL;
  CHECK(out == sentinel, "engine written on failure");

  /* A rejected parameter file: every problem is listed, in both languages. */
  CHECK(duplicata_engine_from_file(broken, &out, &err) == DUPLICATA_STATUS_INVALID_PARAMETERS,
        "broken file rejected");
  CHECK(out == sentinel, "engine written on failure");
  count = duplicata_error_problem_count(err);
  CHECK(count > 0, "a rejected file lists its problems");
  if (count > 0) {
    duplicata_problem en;
    DUPLICATA_INIT(en);
    CHECK(duplicata_error_problem(err, 0, "fr", &p), "problem 0");
    CHECK(duplicata_error_problem(err, 0, "en", &en), "problem 0 in English");
    CHECK(p.code && strncmp(p.code, "params.", 7) == 0, "problem code %s", or_null(p.code));
    CHECK(p.path && p.message && en.message && strcmp(p.message, en.message) != 0,
          "problem path and messages");
    CHECK(!duplicata_error_problem(err, count, "fr", &p), "past the end");
    CHECK(!duplicata_error_problem(err, 0, "fr", NULL), "NULL out");
    en.size = 8;
    CHECK(!duplicata_error_problem(err, 0, "fr", &en), "problem struct without its size");
  }
  CHECK(strncmp(or_null(duplicata_error_code(err)), "params.", 7) == 0, "code %s",
        or_null(duplicata_error_code(err)));
  duplicata_error_free(err);
  err = NULL;

  /* Reload: a rejected file leaves the engine exactly as it was. */
  before = evaluate(engine, GOOD);
  CHECK(duplicata_engine_reload(engine, broken, &err) == DUPLICATA_STATUS_INVALID_PARAMETERS &&
            duplicata_error_problem_count(err) > 0,
        "reload of a broken file rejected");
  duplicata_error_free(err);
  err = NULL;
  CHECK(duplicata_engine_reload(engine, "/nonexistent/p.toml", NULL) == DUPLICATA_STATUS_IO,
        "reload of a missing file");
  after = evaluate(engine, GOOD);
  CHECK(before && after && strcmp(before, after) == 0, "engine unchanged by rejected reloads");
  duplicata_string_free(after);
  EXPECT_CALL("reload(NULL engine)", duplicata_engine_reload(NULL, params, &err),
               DUPLICATA_STATUS_NULL_ARGUMENT, "ffi.null_argument", "engine");
  err = NULL;
  CHECK(duplicata_engine_reload(engine, params, &err) == DUPLICATA_STATUS_OK && !err,
        "reload of a good file: %s", or_null(duplicata_error_message(err, "en")));
  after = evaluate(engine, GOOD);
  /* The reference file is the embedded one: same decision. */
  CHECK(before && after && strcmp(before, after) == 0, "same parameters, same decision");
  duplicata_string_free(before);
  duplicata_string_free(after);

  CHECK(duplicata_engine_from_file(params, &out, &err) == DUPLICATA_STATUS_OK && out != sentinel,
        "from_file(params)");
  duplicata_engine_free(out == sentinel ? NULL : out);
  duplicata_engine_free(engine);
}

static duplicata_fee_query query(const char *date_plate_department, int y, int m, int d) {
  duplicata_fee_query q;
  DUPLICATA_INIT(q);
  q.date.year = y;
  q.date.month = (uint32_t)m;
  q.date.day = (uint32_t)d;
  q.plate = date_plate_department;
  q.department = "33";
  q.category = DUPLICATA_CATEGORY_CAR;
  q.energy = DUPLICATA_ENERGY_PETROL;
  return q;
}

static void bad_fees(const duplicata_engine *engine, const char *what, const duplicata_fee_query *q,
                     duplicata_status status, const char *code, const char *field) {
  duplicata_fees out, untouched;
  duplicata_error *err = NULL;
  duplicata_status got;
  memset(&out, 0x5A, sizeof out);
  out.size = sizeof out;
  memcpy(&untouched, &out, sizeof out);
  got = duplicata_engine_fees(engine, q, &out, &err);
  CHECK(memcmp(&out, &untouched, sizeof out) == 0, "%s: output written on failure", what);
  expect_error(what, got, err, status, code, field);
}

static void test_typed(duplicata_engine *engine) {
  duplicata_fee_query q = query("ab123cd", 2019, 6, 1);
  duplicata_fees fees;
  duplicata_plate plate;
  duplicata_rate rate;
  duplicata_error *err = NULL;
  duplicata_date day = {2019, 6, 1};
  char *json = NULL;
  DUPLICATA_INIT(fees);
  DUPLICATA_INIT(plate);
  DUPLICATA_INIT(rate);

  /* The reference case: Nouvelle-Aquitaine, 2019, a car: 41 + 4 + 2.76 = 47.76 EUR. */
  CHECK(duplicata_engine_fees(engine, &q, &fees, &err) == DUPLICATA_STATUS_OK, "fees: %s",
        or_null(duplicata_error_message(err, "en")));
  CHECK(fees.size == sizeof fees, "size written: %u", (unsigned)fees.size);
  CHECK(fees.lines[0].cents == 4100 && fees.lines[3].cents == 400 && fees.lines[4].cents == 276 &&
            fees.lines[1].cents == 0 && fees.lines[2].cents == 0 && fees.total.cents == 4776 &&
            fees.total.known && fees.total.confidence == DUPLICATA_CONFIDENCE_HIGH &&
            fees.regime == DUPLICATA_REGIME_CGI && fees.plate_system == DUPLICATA_PLATE_SYSTEM_SIV &&
            !fees.conversion && !fees.highest_event_only,
        "47.76 EUR expected, got %lld", (long long)fees.total.cents);
  /* A gap of the parameters: Aquitaine 2012 has no known rate; Y1 and the total are unknown. */
  q = query("AB-123-CD", 2012, 6, 1);
  CHECK(duplicata_engine_fees(engine, &q, &fees, NULL) == DUPLICATA_STATUS_OK &&
            !fees.lines[0].known && fees.lines[0].status == DUPLICATA_LINE_STATUS_UNKNOWN &&
            !fees.total.known && fees.lines[3].cents == 400 && fees.lines[4].cents == 250 &&
            fees.total.confidence == DUPLICATA_CONFIDENCE_LOW,
        "unknown rate in 2012");
  CHECK(fees.lines[0].unknown_reason && strcmp(fees.lines[0].unknown_reason, "fees.y1.unknown_rate") == 0 &&
            fees.lines[0].unknown_reason_fr && strstr(fees.lines[0].unknown_reason_fr, "inconnu") &&
            fees.lines[0].unknown_reason_en && strstr(fees.lines[0].unknown_reason_en, "unknown") &&
            fees.lines[4].unknown_reason == NULL && fees.lines[4].status == DUPLICATA_LINE_STATUS_DUE,
        "the reason of the unknown line: %s", or_null(fees.lines[0].unknown_reason));
  /* An FNI number converted in 2019: only Y5. */
  q = query("111 AAA 16", 2019, 2, 1);
  q.department = "45";
  CHECK(duplicata_engine_fees(engine, &q, &fees, NULL) == DUPLICATA_STATUS_OK &&
            fees.total.cents == 276 && fees.conversion && fees.plate_system == DUPLICATA_PLATE_SYSTEM_FNI &&
            fees.lines[0].status == DUPLICATA_LINE_STATUS_NOT_DUE && strstr(fees.lines[0].explanation_en, "FNI"),
        "FNI conversion");

  /* Checked as evaluate checks a request (duplicata_core::FeeQuery::from_fields): a cyclomoteur
     number goes with the moped_le_50 category only. */
  q = query("A 11 A", 2019, 6, 1);
  bad_fees(engine, "fees: moped number with a car", &q, DUPLICATA_STATUS_INVALID_REQUEST,
           "request.inconsistent", "vehicle.category");
  q.category = DUPLICATA_CATEGORY_MOTORCYCLE_LE_125;
  bad_fees(engine, "fees: moped number with a motorcycle", &q, DUPLICATA_STATUS_INVALID_REQUEST,
           "request.inconsistent", "vehicle.category");
  q.category = DUPLICATA_CATEGORY_MOPED_LE_50;
  CHECK(duplicata_engine_fees(engine, &q, &fees, &err) == DUPLICATA_STATUS_OK &&
            fees.plate_system == DUPLICATA_PLATE_SYSTEM_MOPED && fees.total.cents == 0,
        "moped number with the moped category: %s", or_null(duplicata_error_message(err, "en")));
  {
    /* The same refusal through evaluate, with the same code, field and messages. */
    static const char MOPED_CAR[] =
        "{\"procedure\":\"carte_grise_duplicata\",\"date\":\"2019-06-01\",\"reason\":\"loss\","
        "\"holder\":{\"department\":\"33\"},"
        "\"vehicle\":{\"plate\":\"A 11 A\",\"category\":\"car\",\"energy\":\"petrol\"}}";
    duplicata_error *typed = NULL;
    char *decision = NULL;
    q.category = DUPLICATA_CATEGORY_CAR;
    CHECK(duplicata_engine_fees(engine, &q, &fees, &typed) == DUPLICATA_STATUS_INVALID_REQUEST,
          "typed refusal");
    CHECK(duplicata_engine_evaluate_json(engine, MOPED_CAR, strlen(MOPED_CAR), &decision, &err) ==
              DUPLICATA_STATUS_INVALID_REQUEST && decision == NULL,
          "evaluate refusal");
    CHECK(typed && err && strcmp(duplicata_error_json(typed), duplicata_error_json(err)) == 0,
          "typed and evaluate refuse alike: %s / %s", or_null(duplicata_error_json(typed)),
          or_null(duplicata_error_json(err)));
    duplicata_error_free(typed);
    duplicata_error_free(err);
    err = NULL;
  }

  /* Sizes: a struct without its size, a size past the library's struct with a field set, and
     a newer caller's larger struct with its unknown fields left zero. */
  {
    unsigned char bigger[sizeof(duplicata_fee_query) + 16];
    duplicata_fee_query *big = (duplicata_fee_query *)(void *)bigger;
    memset(bigger, 0, sizeof bigger);
    q = query("AB-123-CD", 2019, 6, 1);
    memcpy(bigger, &q, sizeof q);
    big->size = sizeof bigger;
    CHECK(duplicata_engine_fees(engine, big, &fees, &err) == DUPLICATA_STATUS_OK &&
              fees.total.cents == 4776,
          "a larger query with zero tail: %s", or_null(duplicata_error_message(err, "en")));
    bigger[sizeof q + 3] = 1;
    bad_fees(engine, "fees: a field unknown to the library", big, DUPLICATA_STATUS_INVALID_ARGUMENT,
             "ffi.invalid_size", "query");
    q.size = 0;
    bad_fees(engine, "fees: query without its size", &q, DUPLICATA_STATUS_INVALID_ARGUMENT,
             "ffi.invalid_size", "query");
    q.size = sizeof q - 8;
    bad_fees(engine, "fees: query smaller than the first layout", &q, DUPLICATA_STATUS_INVALID_ARGUMENT,
             "ffi.invalid_size", "query");
  }
  {
    unsigned char bigger[sizeof(duplicata_fees) + 24];
    duplicata_fees *big = (duplicata_fees *)(void *)bigger;
    q = query("AB-123-CD", 2019, 6, 1);
    memset(bigger, 0x77, sizeof bigger);
    big->size = sizeof bigger;
    CHECK(duplicata_engine_fees(engine, &q, big, NULL) == DUPLICATA_STATUS_OK &&
              big->size == sizeof(duplicata_fees) && big->total.cents == 4776 &&
              bigger[sizeof(duplicata_fees)] == 0x77 && bigger[sizeof bigger - 1] == 0x77,
          "a larger output: the library writes its own size and no further");
    fees.size = 0;
    EXPECT_CALL("fees: output without its size", duplicata_engine_fees(engine, &q, &fees, &err),
                DUPLICATA_STATUS_INVALID_ARGUMENT, "ffi.invalid_size", "out");
    err = NULL;
    plate.size = 3;
    EXPECT_CALL("plate: output without its size", duplicata_parse_plate("AB-123-CD", &plate, &err),
                DUPLICATA_STATUS_INVALID_ARGUMENT, "ffi.invalid_size", "out");
    err = NULL;
    rate.size = 100000;
    EXPECT_CALL("rate: absurd size", duplicata_engine_rate(engine, "33", day, &rate, &err),
                DUPLICATA_STATUS_INVALID_ARGUMENT, "ffi.invalid_size", "out");
    err = NULL;
    DUPLICATA_INIT(fees);
    DUPLICATA_INIT(plate);
    DUPLICATA_INIT(rate);
  }

  bad_fees(NULL, "fees: NULL engine", &q, DUPLICATA_STATUS_NULL_ARGUMENT, "ffi.null_argument", "engine");
  bad_fees(engine, "fees: NULL query", NULL, DUPLICATA_STATUS_NULL_ARGUMENT, "ffi.null_argument", "query");
  CHECK(duplicata_engine_fees(engine, &q, NULL, NULL) == DUPLICATA_STATUS_NULL_ARGUMENT, "NULL out");
  q = query(NULL, 2019, 6, 1);
  bad_fees(engine, "fees: NULL plate", &q, DUPLICATA_STATUS_NULL_ARGUMENT, "ffi.null_argument",
           "vehicle.plate");
  q = query("AB-123-CD", 2019, 2, 30);
  bad_fees(engine, "fees: 30 February", &q, DUPLICATA_STATUS_INVALID_ARGUMENT, "request.invalid_date",
           "date");
  /* The core's accepted period, as every surface reads dates: 1900-01-01 to 2099-12-31. */
  q = query("AB-123-CD", 9999, 12, 31);
  bad_fees(engine, "fees: 9999-12-31", &q, DUPLICATA_STATUS_INVALID_ARGUMENT, "request.invalid_date",
           "date");
  q = query("AB-123-CD", 0, 1, 1);
  bad_fees(engine, "fees: 0000-01-01", &q, DUPLICATA_STATUS_INVALID_ARGUMENT, "request.invalid_date",
           "date");
  q = query("AB-123-CD", 2019, 6, 1);
  q.category = (duplicata_category)99;
  bad_fees(engine, "fees: category 99", &q, DUPLICATA_STATUS_INVALID_ARGUMENT, "ffi.invalid_argument",
           "vehicle.category");
  q = query("AB-123-CD", 2019, 6, 1);
  q.energy = (duplicata_energy)0xFFFFFFFFu;
  bad_fees(engine, "fees: energy out of range", &q, DUPLICATA_STATUS_INVALID_ARGUMENT,
           "ffi.invalid_argument", "vehicle.energy");
  q = query("AB-123-C$", 2019, 6, 1);
  bad_fees(engine, "fees: bad plate", &q, DUPLICATA_STATUS_INVALID_PLATE, "plate.invalid_character",
           "vehicle.plate");
  q = query("AB-\xC3\x28-CD", 2019, 6, 1);
  bad_fees(engine, "fees: plate not UTF-8", &q, DUPLICATA_STATUS_INVALID_UTF8, "ffi.invalid_utf8",
           "vehicle.plate");
  q = query("AB-123-CD", 2019, 6, 1);
  q.department = "20";
  bad_fees(engine, "fees: department 20", &q, DUPLICATA_STATUS_UNKNOWN_DEPARTMENT,
           "department.unknown", "holder.department");
  q = query("AB-123-CD", 2019, 6, 1);
  q.department = NULL;
  bad_fees(engine, "fees: no department in 2019", &q, DUPLICATA_STATUS_INVALID_REQUEST,
           "request.missing_field", "holder.department");
  q = query("AB-123-CD", 2008, 6, 1);
  bad_fees(engine, "fees: before the SIV", &q, DUPLICATA_STATUS_DATE_OUT_OF_RANGE,
           "request.date_out_of_range", "date");

  /* Plates. */
  CHECK(duplicata_parse_plate(" ab 123-cd ", &plate, &err) == DUPLICATA_STATUS_OK &&
            plate.system == DUPLICATA_PLATE_SYSTEM_SIV && strcmp(plate.normalized, "AB-123-CD") == 0 &&
            plate.department[0] == '\0',
        "SIV plate");
  CHECK(duplicata_parse_plate("123ab45", &plate, NULL) == DUPLICATA_STATUS_OK &&
            plate.system == DUPLICATA_PLATE_SYSTEM_FNI && strcmp(plate.normalized, "123 AB 45") == 0 &&
            strcmp(plate.department, "45") == 0,
        "FNI plate %s", plate.normalized);
  EXPECT_CALL("plate: bad", duplicata_parse_plate("AB-123-CD-EF-12-34", &plate, &err),
               DUPLICATA_STATUS_INVALID_PLATE, "plate.invalid_format", NULL);
  err = NULL;
  EXPECT_CALL("plate: NULL", duplicata_parse_plate(NULL, &plate, &err),
               DUPLICATA_STATUS_NULL_ARGUMENT, "ffi.null_argument", "plate");
  err = NULL;
  EXPECT_CALL("plate: NULL out", duplicata_parse_plate("AB-123-CD", NULL, &err),
               DUPLICATA_STATUS_NULL_ARGUMENT, "ffi.null_argument", "out");
  err = NULL;

  /* Rates: the typed answer and the JSON answer agree. */
  CHECK(duplicata_engine_rate(engine, "33", day, &rate, &err) == DUPLICATA_STATUS_OK && rate.known &&
            (rate.per_cv_cents + 50) / 100 * 100 == 4100,
        "rate 33 in 2019: %lld", (long long)rate.per_cv_cents);
  CHECK(duplicata_engine_rate_json(engine, "33", day, &json, &err) == DUPLICATA_STATUS_OK && json,
        "rate JSON");
  if (json) {
    long long cents = -1;
    char status[16];
    CHECK(js_cents(js_member(json, "rate"), &cents) && cents == rate.per_cv_cents,
          "rate JSON %lld vs typed %lld", cents, (long long)rate.per_cv_cents);
    CHECK(js_string(js_member(json, "status"), status, sizeof status) && strcmp(status, "known") == 0,
          "rate status");
    duplicata_string_free(json);
    json = NULL;
  }
  day.year = 2012;
  CHECK(duplicata_engine_rate(engine, "33", day, &rate, NULL) == DUPLICATA_STATUS_OK && !rate.known &&
            rate.confidence == DUPLICATA_CONFIDENCE_LOW,
        "rate gap in 2012");
  EXPECT_CALL("rate: department 99", duplicata_engine_rate(engine, "99", day, &rate, &err),
               DUPLICATA_STATUS_UNKNOWN_DEPARTMENT, "department.unknown", NULL);
  err = NULL;
  day.month = 13;
  EXPECT_CALL("rate: month 13", duplicata_engine_rate_json(engine, "33", day, &json, &err),
               DUPLICATA_STATUS_INVALID_ARGUMENT, "request.invalid_date", "date");
  err = NULL;
  CHECK(json == NULL, "rate JSON written on failure");
}

int main(int argc, char **argv) {
  duplicata_engine *engine = NULL;
  if (argc != 3) {
    fprintf(stderr, "usage: %s PARAMS_FILE BROKEN_PARAMS_FILE\n", argv[0]);
    return 2;
  }
  if (duplicata_engine_new(&engine, NULL) != DUPLICATA_STATUS_OK) return 1;
  test_null_objects();
  test_requests(engine);
  test_engines(argv[1], argv[2]);
  test_typed(engine);
  duplicata_engine_free(engine);
  printf("bad inputs: %d failure(s)\n", check_failures);
  return check_failures ? 1 : 0;
}
