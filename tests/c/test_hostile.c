/* The bad-input corpus (tests/bad-inputs/README.md) through duplicata_engine_evaluate_json: each
 * hostile request fails with its status, error code and field, writes no decision, and has a
 * French message free of the JSON parser's English.
 *
 * usage: test_hostile CORPUS_DIR   (tests/bad-inputs) */
#include "duplicata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const char *const ENGLISH[] = {"EOF",     "while parsing", "expected", "invalid type",
                                      "invalid value", "unknown field", "missing field",
                                      " at line ", "trailing", "recursion", NULL};

static int cases = 0;

/* Runs one case: `file` relative to `dir`, the expected code and field ("-" none, "*" any). */
static void run_case(const duplicata_engine *engine, const char *dir, const char *file,
                     const char *code, const char *field) {
  char path[1024];
  size_t len = 0;
  char *bytes;
  char sentinel = 0;
  char *decision = &sentinel;
  duplicata_error *err = NULL;
  duplicata_status status;
  const char *got, *got_field, *fr;
  int i;

  snprintf(path, sizeof path, "%s/%s", dir, file);
  bytes = read_file(path, &len);
  if (!CHECK(bytes != NULL, "%s: cannot read", path)) return;
  /* Bytes only text cannot carry: the C ABI names them itself, a NUL byte first (UTF-16 has). */
  if (strcmp(code, "not-utf8") == 0)
    code = memchr(bytes, 0, len) ? "ffi.embedded_nul" : "ffi.invalid_utf8";
  if (strcmp(code, "nul-byte") == 0) code = "ffi.embedded_nul";
  status = duplicata_engine_evaluate_json(engine, bytes, len, &decision, &err);
  cases++;
  CHECK(status != DUPLICATA_STATUS_OK, "%s: accepted", file);
  CHECK(decision == &sentinel, "%s: decision written on failure", file);
  if (!CHECK(err != NULL, "%s: no error object", file)) {
    free(bytes);
    return;
  }
  got = or_null(duplicata_error_code(err));
  CHECK(strcmp(got, code) == 0, "%s: code %s, expected %s", file, got, code);
  got_field = duplicata_error_field(err);
  if (strcmp(field, "-") == 0)
    CHECK(got_field == NULL || got_field[0] == '\0', "%s: field %s, expected none", file, got_field);
  else if (strcmp(field, "*") != 0 && strcmp(code, "ffi.invalid_utf8") != 0 &&
           strcmp(code, "ffi.embedded_nul") != 0)
    CHECK(strcmp(or_null(got_field), field) == 0, "%s: field %s, expected %s", file,
          or_null(got_field), field);
  fr = or_null(duplicata_error_message(err, "fr"));
  CHECK(fr[0] != '\0', "%s: no French message", file);
  for (i = 0; ENGLISH[i]; i++)
    CHECK(strstr(fr, ENGLISH[i]) == NULL, "%s: French message with '%s': %s", file, ENGLISH[i], fr);
  duplicata_error_free(err);
  free(bytes);
}

/* Runs every case of DIR/PART/expected.tsv. */
static void run_part(const duplicata_engine *engine, const char *dir, const char *part) {
  char path[1024];
  size_t len = 0;
  char *tsv, *line, *next;
  snprintf(path, sizeof path, "%s/%s/expected.tsv", dir, part);
  tsv = read_file(path, &len);
  if (!CHECK(tsv != NULL, "cannot read %s", path)) return;
  for (line = tsv; line && *line; line = next) {
    char *file, *code, *field;
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    if (line[0] == '#' || line[0] == '\0') continue;
    file = line;
    code = strchr(file, '\t');
    if (!CHECK(code != NULL, "bad line in %s: %s", path, line)) continue;
    *code++ = '\0';
    field = strchr(code, '\t');
    if (!CHECK(field != NULL, "bad line in %s: %s", path, line)) continue;
    *field++ = '\0';
    run_case(engine, dir, file, code, field);
  }
  free(tsv);
}

int main(int argc, char **argv) {
  duplicata_engine *engine = NULL;
  if (argc != 2) {
    fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
    return 2;
  }
  if (duplicata_engine_new(&engine, NULL) != DUPLICATA_STATUS_OK) return 1;
  run_part(engine, argv[1], "generated");
  run_part(engine, argv[1], "hand");
  duplicata_engine_free(engine);
  CHECK(cases >= 300, "only %d cases", cases);
  printf("hostile inputs: %d cases, %d failure(s)\n", cases, check_failures);
  return check_failures ? 1 : 0;
}
