/* guichet: what a prefecture counter application does with the duplicata library.
 *
 * usage: guichet REQUEST.json
 *
 * Reads a request (the JSON contract of the engine), evaluates it and prints a French receipt: the
 * lines Y1 to Y5 with their labels, the total, the documents to bring, and the reasons when the
 * request is refused. Exit status: 0 when the engine decided (granted or refused), 1 when the
 * request could not be evaluated, 2 on a usage or file error.
 *
 * Build: cc -std=c99 guichet.c $(pkg-config --cflags --libs duplicata) -o guichet
 *
 * Only include/duplicata.h is used; the decision is read with a small JSON scanner below (the
 * decision is produced by the library, so a scanner for its fields is enough). */
#include <duplicata.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- A minimal JSON scanner over the NUL-terminated decision ---------------------------------- */

static const char *ws(const char *p) {
  while (p && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
  return p;
}

static const char *skip_string(const char *p) {
  if (!p || *p != '"') return NULL;
  for (p++; *p; p++) {
    if (*p == '\\' && p[1]) p++;
    else if (*p == '"') return p + 1;
  }
  return NULL;
}

/* The character just after the value at p, or NULL. */
static const char *skip(const char *p) {
  p = ws(p);
  if (!p || !*p) return NULL;
  if (*p == '"') return skip_string(p);
  if (*p == '{' || *p == '[') {
    char close = *p == '{' ? '}' : ']';
    p = ws(p + 1);
    if (*p == close) return p + 1;
    for (;;) {
      if (close == '}') {
        p = ws(skip_string(ws(p)));
        if (!p || *p != ':') return NULL;
        p++;
      }
      p = ws(skip(p));
      if (!p) return NULL;
      if (*p == close) return p + 1;
      if (*p != ',') return NULL;
      p++;
    }
  }
  while (*p && !strchr(",]} \n\r\t", *p)) p++;
  return p;
}

/* The value of `key` in the object at p, or NULL. */
static const char *member(const char *p, const char *key) {
  size_t len = strlen(key);
  p = ws(p);
  if (!p || *p != '{') return NULL;
  for (p = ws(p + 1); p && *p == '"'; p = ws(p + 1)) {
    const char *end = skip_string(p);
    int match = end && (size_t)(end - p - 2) == len && strncmp(p + 1, key, len) == 0;
    p = ws(end);
    if (!p || *p != ':') return NULL;
    p = ws(p + 1);
    if (match) return p;
    p = ws(skip(p));
    if (!p || *p != ',') return NULL;
  }
  return NULL;
}

static const char *first(const char *p) {
  p = ws(p);
  if (!p || *p != '[') return NULL;
  p = ws(p + 1);
  return *p == ']' ? NULL : p;
}

static const char *next(const char *elem) {
  const char *p = ws(skip(elem));
  return p && *p == ',' ? ws(p + 1) : NULL;
}

/* Copies the string at p to buf, unescaping \" \\ \/ \n \t (the decision writes accents as UTF-8);
 * "" if p is not a string. */
static const char *text(const char *p, char *buf, size_t cap) {
  size_t n = 0;
  buf[0] = '\0';
  p = ws(p);
  if (!p || *p != '"') return buf;
  for (p++; *p && *p != '"' && n + 1 < cap; p++) {
    if (*p == '\\' && p[1]) {
      p++;
      buf[n++] = *p == 'n' ? ' ' : *p == 't' ? ' ' : *p;
    } else {
      buf[n++] = *p;
    }
  }
  buf[n] = '\0';
  return buf;
}

static int is_true(const char *p) {
  p = ws(p);
  return p && strncmp(p, "true", 4) == 0;
}

/* "47.76" as "47,76 €"; "non connu" for null. */
static const char *euros(const char *p, char *buf, size_t cap) {
  char amount[32];
  char *dot;
  p = ws(p);
  if (!p || *p != '"') return "non connu";
  text(p, amount, sizeof amount);
  if ((dot = strchr(amount, '.')) != NULL) *dot = ',';
  snprintf(buf, cap, "%s \xE2\x82\xAC", amount);
  return buf;
}

/* ---- The receipt ------------------------------------------------------------------------------- */

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long size;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
      !(buf = malloc((size_t)size + 1))) {
    fclose(f);
    return NULL;
  }
  *len = fread(buf, 1, (size_t)size, f);
  buf[*len] = '\0';
  fclose(f);
  return buf;
}

static void print_list(const char *title, const char *array, const char *field) {
  const char *item;
  char line[1024];
  if (!first(array)) return;
  printf("\n%s\n", title);
  for (item = first(array); item; item = next(item))
    printf("  - %s\n", text(member(item, field), line, sizeof line));
}

static void print_receipt(const char *d) {
  const char *fees = member(d, "fees"), *eligibility = member(d, "eligibility"), *line;
  char a[256], b[256], c[64];
  int eligible = is_true(member(eligibility, "eligible"));

  printf("==============================================================\n");
  printf(" PR\xC3\x89" "FECTURE - RE\xC3\x87U DE DEMANDE\n");
  printf("==============================================================\n");
  printf("Proc\xC3\xA9" "dure       : %s\n", text(member(member(d, "procedure"), "name"), a, sizeof a));
  printf("Date            : %s\n", text(member(d, "date"), a, sizeof a));
  if (member(d, "plate"))
    printf("Immatriculation : %s%s\n", text(member(member(d, "plate"), "normalized"), a, sizeof a),
           is_true(member(member(d, "plate"), "conversion"))
               ? " (nouveau num\xC3\xA9ro SIV attribu\xC3\xA9, plaques \xC3\xA0 changer)"
               : "");
  printf("D\xC3\xA9" "cision        : %s\n", eligible ? "demande recevable" : "DEMANDE REFUS\xC3\x89" "E");

  if (!eligible) {
    print_list("Motif(s) du refus :", member(eligibility, "reasons"), "message_fr");
    print_list("Pour r\xC3\xA9gulariser :", member(eligibility, "remedies"), "message_fr");
  }

  if (fees) {
    printf("\nTaxes et redevance :\n");
    for (line = first(member(fees, "lines")); line; line = next(line)) {
      text(member(line, "label_fr"), b, sizeof b);
      printf("  %-3s %-58s %12s\n", text(member(line, "code"), a, sizeof a), b,
             euros(member(line, "amount"), c, sizeof c));
    }
    printf("  %-62s %12s\n", "TOTAL \xC3\xA0 r\xC3\xA9gler", euros(member(fees, "total"), c, sizeof c));
    if (strcmp(text(member(fees, "confidence"), a, sizeof a), "high") != 0)
      printf("  (montant \xC3\xA0 confirmer : confiance %s)\n",
             strcmp(a, "low") == 0 ? "faible" : "moyenne");
  } else if (member(member(d, "cmi"), "fee")) {
    printf("\nFrais : %s\n", euros(member(member(d, "cmi"), "fee"), c, sizeof c));
  }

  if (eligible) print_list("Pi\xC3\xA8" "ces \xC3\xA0 fournir :", member(d, "documents"), "label_fr");
  printf("==============================================================\n");
}

int main(int argc, char **argv) {
  duplicata_engine *engine = NULL;
  duplicata_error *err = NULL;
  char *request, *decision = NULL;
  size_t len = 0;
  int code = 0;

  if (argc != 2) {
    fprintf(stderr, "usage: %s REQUEST.json\n", argv[0]);
    return 2;
  }
  if (!(request = read_file(argv[1], &len))) {
    fprintf(stderr, "guichet: lecture impossible de %s\n", argv[1]);
    return 2;
  }
  if (duplicata_engine_new(&engine, &err) != DUPLICATA_STATUS_OK ||
      duplicata_engine_evaluate_json(engine, request, len, &decision, &err) != DUPLICATA_STATUS_OK) {
    const char *field = duplicata_error_field(err);
    printf("Demande non trait\xC3\xA9" "e : %s\n", duplicata_error_message(err, "fr"));
    printf("  (code %s%s%s)\n", duplicata_error_code(err), field && *field ? ", champ " : "",
           field && *field ? field : "");
    code = 1;
  } else {
    print_receipt(decision);
  }
  duplicata_string_free(decision);
  duplicata_error_free(err);
  duplicata_engine_free(engine);
  free(request);
  return code;
}
