/* A minimal reader of JSON text for the C tests: it walks a NUL-terminated document in place,
 * without building a tree. Every function returns NULL (or 0) on text it cannot read, so a
 * malformed document makes a test fail instead of crashing it. */
#ifndef DUPLICATA_TEST_JSCAN_H
#define DUPLICATA_TEST_JSCAN_H

#include <stddef.h>

/* The first character of the value at p (after blanks). */
const char *js_value(const char *p);
/* The character just after the value at p, or NULL if the value is malformed. */
const char *js_skip(const char *p);
/* The value of member `key` of the object at p, or NULL. */
const char *js_member(const char *p, const char *key);
/* The value at a dotted path ("fees.total") from the object at p, or NULL. */
const char *js_path(const char *p, const char *path);
/* The first element of the array at p, or NULL if empty or not an array. */
const char *js_first(const char *p);
/* The element after `elem` in its array, or NULL at the end. */
const char *js_next(const char *elem);
/* Copies the string value at p, unescaped, to buf (cap bytes, NUL-terminated); 1 on success. */
int js_string(const char *p, char *buf, size_t cap);
/* 1 if the value at p is null. */
int js_is_null(const char *p);
/* Reads true/false at p into *out; 1 on success. */
int js_bool(const char *p, int *out);
/* Reads a decimal string ("47.76", exactly two decimals) at p as cents; 1 on success. */
int js_cents(const char *p, long long *out);

#endif
