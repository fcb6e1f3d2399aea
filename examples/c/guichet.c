/* guichet: what a prefecture counter application does with the duplicata library.
 *
 * usage: guichet DATE DEPARTMENT PLATE CATEGORY ENERGY [change_of_address] [natural_disaster]
 *   e.g. guichet 2019-06-01 33 AB-123-CD car petrol
 *
 * Computes the fees of a carte-grise duplicata through the typed path alone (plain structs, no
 * JSON, nothing to free but the engine) and prints a French counter receipt: the lines Y1 to Y5
 * with their label, amount and explanation, the reason of any amount that cannot be known, the
 * total and its confidence. DEPARTMENT may be "-" when unknown (it is needed until 2020).
 * CATEGORY and ENERGY are the contract's names ("car", "moped_le_50", "petrol", "electric", ...).
 * Exit status: 0 for a receipt, 1 when the engine refuses the query (the reason is printed with
 * its code and field), 2 on a usage error.
 *
 * Build: cc -std=c89 -pedantic guichet.c $(pkg-config --cflags --libs duplicata) -o guichet
 * Only include/duplicata.h is used. */
#include <duplicata.h>

#include <stdio.h>
#include <string.h>

/* Prints s then spaces up to `width` characters (UTF-8: accented letters take one column). */
static void print_padded(const char *s, int width) {
  const unsigned char *p;
  int columns = 0;
  for (p = (const unsigned char *)s; *p; p++)
    if ((*p & 0xC0) != 0x80) columns++;
  printf("%s", s);
  for (; columns < width; columns++) putchar(' ');
}

/* 4776 cents as "47,76 EUR"; "non connu" when unknown. */
static void print_amount(duplicata_bool known, int64_t cents) {
  if (!known) {
    printf("%12s", "non connu");
    return;
  }
  printf("%7ld,%02ld \xE2\x82\xAC", (long)(cents / 100), (long)(cents % 100));
}

static const char *confidence_fr(duplicata_confidence c) {
  return c == DUPLICATA_CONFIDENCE_HIGH ? "\xC3\xA9lev\xC3\xA9" "e"
         : c == DUPLICATA_CONFIDENCE_MEDIUM ? "moyenne"
                                            : "faible";
}

static void print_receipt(const duplicata_fee_query *q, const duplicata_plate *plate,
                          const duplicata_fees *fees) {
  int i;
  printf("==============================================================================\n");
  printf(" PR\xC3\x89" "FECTURE - DUPLICATA DE CARTE GRISE - RE\xC3\x87U\n");
  printf("==============================================================================\n");
  printf("Date            : %04d-%02u-%02u\n", (int)q->date.year, (unsigned)q->date.month,
         (unsigned)q->date.day);
  printf("Immatriculation : %s%s\n", plate->normalized,
         fees->conversion ? " (num\xC3\xA9ro FNI : nouveau num\xC3\xA9ro SIV, plaques \xC3\xA0 changer)"
                          : "");
  printf("R\xC3\xA9gime          : %s\n", duplicata_regime_name(fees->regime));
  printf("\nTaxes et redevance :\n");
  for (i = 0; i < DUPLICATA_FEE_LINES; i++) {
    const duplicata_fee_line *l = &fees->lines[i];
    printf("  %-3s ", l->code);
    print_padded(l->label_fr, 46);
    putchar(' ');
    print_amount(l->known, l->cents);
    printf("\n      %s\n", l->explanation_fr);
    if (l->status == DUPLICATA_LINE_STATUS_UNKNOWN)
      printf("      montant inconnu (%s) : %s\n", l->unknown_reason, l->unknown_reason_fr);
  }
  printf("  ");
  print_padded("TOTAL \xC3\xA0 r\xC3\xA9gler", 51);
  print_amount(fees->total.known, fees->total.cents);
  printf("\n  (confiance : %s)\n", confidence_fr(fees->total.confidence));
  if (fees->highest_event_only)
    printf("  Changement d'adresse demand\xC3\xA9 en m\xC3\xAA" "me temps : seul le plus \xC3\xA9lev\xC3\xA9 est factur\xC3\xA9.\n");
  printf("==============================================================================\n");
}

static void print_refusal(const duplicata_error *err) {
  const char *field = duplicata_error_field(err);
  printf("Demande non trait\xC3\xA9" "e : %s\n", duplicata_error_message(err, "fr"));
  printf("  (code %s%s%s)\n", duplicata_error_code(err), field && *field ? ", champ " : "",
         field && *field ? field : "");
}

int main(int argc, char **argv) {
  duplicata_engine *engine = NULL;
  duplicata_error *err = NULL;
  duplicata_fee_query q;
  duplicata_fees fees;
  duplicata_plate plate;
  int year, month, day, i, code = 0;
  char rest;

  if (argc < 6 || argc > 8 || sscanf(argv[1], "%d-%d-%d%c", &year, &month, &day, &rest) != 3 ||
      month < 1 || day < 1) {
    fprintf(stderr, "usage: %s AAAA-MM-JJ DEPARTEMENT IMMATRICULATION CATEGORIE ENERGIE "
                    "[change_of_address] [natural_disaster]\n", argv[0]);
    return 2;
  }
  DUPLICATA_INIT(q);
  DUPLICATA_INIT(fees);
  DUPLICATA_INIT(plate);
  q.date.year = year;
  q.date.month = (uint32_t)month;
  q.date.day = (uint32_t)day;
  q.department = strcmp(argv[2], "-") == 0 ? NULL : argv[2];
  q.plate = argv[3];
  for (i = 6; i < argc; i++) {
    if (strcmp(argv[i], "change_of_address") == 0) q.change_of_address = 1;
    else if (strcmp(argv[i], "natural_disaster") == 0) q.natural_disaster = 1;
    else {
      fprintf(stderr, "%s: option inconnue %s\n", argv[0], argv[i]);
      return 2;
    }
  }

  if (duplicata_category_from_str(argv[4], &q.category, &err) != DUPLICATA_STATUS_OK ||
      duplicata_energy_from_str(argv[5], &q.energy, &err) != DUPLICATA_STATUS_OK ||
      duplicata_engine_new(&engine, &err) != DUPLICATA_STATUS_OK ||
      duplicata_engine_fees(engine, &q, &fees, &err) != DUPLICATA_STATUS_OK ||
      duplicata_parse_plate(q.plate, &plate, &err) != DUPLICATA_STATUS_OK) {
    print_refusal(err);
    code = 1;
  } else {
    print_receipt(&q, &plate, &fees);
  }
  duplicata_error_free(err);
  duplicata_engine_free(engine);
  return code;
}
