/* Second translation unit of the double-include test (see double_include_a.c). */
#include "duplicata.h"
#include "duplicata.h"

const char *version_from_b(void);

const char *version_from_b(void) { return duplicata_version(); }
