/* Shared helpers of the C tests: failure counting and file reading. */
#ifndef DUPLICATA_TEST_CHECK_H
#define DUPLICATA_TEST_CHECK_H

#include <stddef.h>

extern int check_failures;

/* Records a failure (printed with its place) when `cond` is false; returns cond. */
#define CHECK(cond, ...) check_at((cond) != 0, __FILE__, __LINE__, #cond, __VA_ARGS__)
int check_at(int ok, const char *file, int line, const char *expr, const char *fmt, ...);

/* Reads a whole file into a new NUL-terminated buffer (free() it); NULL on failure. */
char *read_file(const char *path, size_t *len);

/* "0" for a NULL string, for printing. */
const char *or_null(const char *s);

#endif
