#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int check_failures = 0;

int check_at(int ok, const char *file, int line, const char *expr, const char *fmt, ...) {
  va_list ap;
  if (ok) return 1;
  check_failures++;
  fprintf(stderr, "%s:%d: check failed: %s: ", file, line, expr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  return 0;
}

char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, n = 0;
  if (!f) return NULL;
  for (;;) {
    size_t got;
    if (n + 4096 + 1 > cap) {
      char *bigger;
      cap = cap ? cap * 2 : 8192;
      bigger = realloc(buf, cap);
      if (!bigger) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = bigger;
    }
    got = fread(buf + n, 1, 4096, f);
    n += got;
    if (got < 4096) break;
  }
  if (ferror(f)) {
    free(buf);
    fclose(f);
    return NULL;
  }
  fclose(f);
  buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

const char *or_null(const char *s) { return s ? s : "(null)"; }
