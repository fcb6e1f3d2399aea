/* A deliberate leak (a decision never freed): the sanitizer and Valgrind runs must report it,
 * which shows that a clean run of the suite means something. Not part of the suite itself. */
#include "duplicata.h"

#include <string.h>

int main(void) {
  static const char request[] =
      "{\"procedure\":\"carte_grise_duplicata\",\"date\":\"2019-06-01\",\"reason\":\"loss\","
      "\"holder\":{\"department\":\"33\"},"
      "\"vehicle\":{\"plate\":\"AB-123-CD\",\"category\":\"car\",\"energy\":\"petrol\"}}";
  duplicata_engine *engine = NULL;
  char *decision = NULL;
  if (duplicata_engine_new(&engine, NULL) != DUPLICATA_STATUS_OK) return 2;
  if (duplicata_engine_evaluate_json(engine, request, strlen(request), &decision, NULL) !=
      DUPLICATA_STATUS_OK)
    return 2;
  decision = NULL; /* leaked on purpose */
  duplicata_engine_free(engine);
  return 0;
}
