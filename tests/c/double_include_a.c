/* The header included twice in one translation unit, and from two translation units linked
 * together (with double_include_b.c): its guard and its declarations must allow both. */
#include "duplicata.h"
#include "duplicata.h"

#include <stdio.h>
#include <string.h>

const char *version_from_b(void);

int main(void) {
  duplicata_engine *engine = NULL;
  int ok = duplicata_engine_new(&engine, NULL) == DUPLICATA_STATUS_OK && engine != NULL &&
           strcmp(duplicata_version(), version_from_b()) == 0;
  duplicata_engine_free(engine);
  printf("double include: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
