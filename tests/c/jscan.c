#include "jscan.h"

#include <string.h>

static const char *ws(const char *p) {
  while (p && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
  return p;
}

const char *js_value(const char *p) { return ws(p); }

static const char *skip_string(const char *p) {
  if (*p != '"') return NULL;
  for (p++; *p; p++) {
    if (*p == '\\') {
      if (!p[1]) return NULL;
      p++;
    } else if (*p == '"') {
      return p + 1;
    }
  }
  return NULL;
}

const char *js_skip(const char *p) {
  p = ws(p);
  if (!p || !*p) return NULL;
  if (*p == '"') return skip_string(p);
  if (*p == '{' || *p == '[') {
    char close = *p == '{' ? '}' : ']';
    p = ws(p + 1);
    if (*p == close) return p + 1;
    for (;;) {
      if (close == '}') {
        p = skip_string(ws(p));
        if (!p) return NULL;
        p = ws(p);
        if (*p != ':') return NULL;
        p++;
      }
      p = js_skip(p);
      if (!p) return NULL;
      p = ws(p);
      if (*p == ',') {
        p++;
      } else if (*p == close) {
        return p + 1;
      } else {
        return NULL;
      }
    }
  }
  /* A number, true, false or null. */
  if (!strchr("-0123456789tfn", *p)) return NULL;
  while (*p && !strchr(",]} \n\r\t", *p)) p++;
  return p;
}

const char *js_member(const char *p, const char *key) {
  size_t len = strlen(key);
  p = ws(p);
  if (!p || *p != '{') return NULL;
  p = ws(p + 1);
  while (p && *p == '"') {
    const char *end = skip_string(p);
    if (!end) return NULL;
    int match = (size_t)(end - p - 2) == len && strncmp(p + 1, key, len) == 0;
    p = ws(end);
    if (*p != ':') return NULL;
    p = ws(p + 1);
    if (match) return p;
    p = ws(js_skip(p));
    if (!p || *p != ',') return NULL;
    p = ws(p + 1);
  }
  return NULL;
}

const char *js_path(const char *p, const char *path) {
  char part[64];
  while (p && *path) {
    size_t n = strcspn(path, ".");
    if (n >= sizeof part) return NULL;
    memcpy(part, path, n);
    part[n] = '\0';
    p = js_member(p, part);
    path += n;
    if (*path == '.') path++;
  }
  return p;
}

const char *js_first(const char *p) {
  p = ws(p);
  if (!p || *p != '[') return NULL;
  p = ws(p + 1);
  return *p == ']' ? NULL : p;
}

const char *js_next(const char *elem) {
  const char *p = ws(js_skip(elem));
  if (!p || *p != ',') return NULL;
  return ws(p + 1);
}

static int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int js_string(const char *p, char *buf, size_t cap) {
  size_t n = 0;
  p = ws(p);
  if (!p || *p != '"' || cap == 0) return 0;
  for (p++; *p && *p != '"'; p++) {
    unsigned long c = (unsigned char)*p;
    if (c == '\\') {
      p++;
      switch (*p) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'u': {
          int i;
          c = 0;
          for (i = 1; i <= 4; i++) {
            int h = hex(p[i]);
            if (h < 0) return 0;
            c = c * 16 + (unsigned long)h;
          }
          p += 4;
          break;
        }
        case '\0': return 0;
        default: c = (unsigned char)*p; break; /* \" \\ \/ */
      }
      if (c >= 0x80) { /* A \u escape outside ASCII: encode it in UTF-8 (BMP only). */
        unsigned char u[3];
        size_t k, len = c < 0x800 ? 2 : 3;
        if (len == 2) {
          u[0] = (unsigned char)(0xC0 | (c >> 6));
          u[1] = (unsigned char)(0x80 | (c & 0x3F));
        } else {
          u[0] = (unsigned char)(0xE0 | (c >> 12));
          u[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
          u[2] = (unsigned char)(0x80 | (c & 0x3F));
        }
        for (k = 0; k < len; k++) {
          if (n + 1 >= cap) return 0;
          buf[n++] = (char)u[k];
        }
        continue;
      }
    }
    if (n + 1 >= cap) return 0;
    buf[n++] = (char)c;
  }
  if (*p != '"') return 0;
  buf[n] = '\0';
  return 1;
}

int js_is_null(const char *p) {
  p = ws(p);
  return p && strncmp(p, "null", 4) == 0;
}

int js_bool(const char *p, int *out) {
  p = ws(p);
  if (p && strncmp(p, "true", 4) == 0) {
    *out = 1;
    return 1;
  }
  if (p && strncmp(p, "false", 5) == 0) {
    *out = 0;
    return 1;
  }
  return 0;
}

int js_cents(const char *p, long long *out) {
  char text[32];
  const char *s = text;
  long long whole = 0;
  int negative = 0;
  if (!js_string(p, text, sizeof text)) return 0;
  if (*s == '-') {
    negative = 1;
    s++;
  }
  if (*s < '0' || *s > '9') return 0;
  while (*s >= '0' && *s <= '9') whole = whole * 10 + (*s++ - '0');
  if (s[0] != '.' || s[1] < '0' || s[1] > '9' || s[2] < '0' || s[2] > '9' || s[3] != '\0') return 0;
  whole = whole * 100 + (s[1] - '0') * 10 + (s[2] - '0');
  *out = negative ? -whole : whole;
  return 1;
}
