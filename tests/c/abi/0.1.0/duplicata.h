/*
 * duplicata.h: the C interface of the duplicata engine, which answers French requests for a
 * duplicate carte grise (certificat d'immatriculation) or carte mobilite inclusion: who may ask,
 * what it costs (lines Y1 to Y5), which documents to bring, what happens to the number.
 *
 * Link with -lduplicata (pkg-config --cflags --libs duplicata). The header compiles as C89, C99,
 * C11, C++98 and C++17, without warnings under -pedantic.
 *
 * VERSIONS AND COMPATIBILITY
 *
 * DUPLICATA_VERSION_MAJOR, _MINOR, _PATCH and DUPLICATA_VERSION_NUMBER (MAJOR * 1000000 +
 * MINOR * 1000 + PATCH) give the version of this header; duplicata_version_number() and
 * duplicata_version() that of the library running. The shared library is libduplicata.so.MAJOR
 * (its SONAME), file libduplicata.so.MAJOR.MINOR.PATCH. From 0.1.0 on (major version 0 included):
 *   - a patch version only fixes bugs;
 *   - a minor version may add functions, enum values at the end of an enum, statuses, error
 *     codes, and fields at the end of a struct that starts with its size: a program built with
 *     an older header of the same major version keeps working, unchanged and without a rebuild;
 *   - only a major version may remove or change a function, a field, an enum value or the meaning
 *     of a status, and it changes the SONAME, so an old program never loads it.
 *   A program may check at start-up: duplicata_version_number() >= DUPLICATA_VERSION_NUMBER.
 *
 * CONVENTIONS (the same for every function)
 *
 * Statuses. Every fallible function returns a duplicata_status. DUPLICATA_STATUS_OK is 0; every
 *   other value is written out explicitly, documented below, and never reused once retired: new
 *   values are only appended. The precise cause is the error's stable code ("plate.invalid_format").
 *
 * Structs carry their size. Every struct the caller allocates and passes (duplicata_fee_query,
 *   duplicata_fees, duplicata_plate, duplicata_rate, duplicata_problem) starts with size_t size.
 *   Prepare each one with DUPLICATA_INIT(s), which zeroes it and sets size to sizeof(s) as this
 *   header declares it. The library reads and writes only that many bytes: fields a newer library
 *   added keep their zero value for an older program; on output, size receives the number of
 *   bytes written. A size below the first layout, over 4096, or a newer program setting a field
 *   this library does not know gives DUPLICATA_STATUS_INVALID_ARGUMENT (code "ffi.invalid_size").
 *   duplicata_date (passed by value), duplicata_amount and duplicata_fee_line never change.
 *
 * Outputs. Output parameters (out, decision, ...) are written only on success. On failure, if err
 *   is not NULL, *err receives a new error object; err may be NULL when the status is enough. On
 *   success *err is left untouched, so initialise it to NULL.
 *
 * Ownership. Every pointer a duplicata_* function hands over belongs to the caller and is freed by
 *   exactly one function, never by free():
 *     duplicata_engine *   ->  duplicata_engine_free
 *     duplicata_error *    ->  duplicata_error_free
 *     char * (decisions, rate answers)  ->  duplicata_string_free
 *   Every _free function accepts NULL and then does nothing. A const char * result is borrowed:
 *   from the error it was read from (valid until that error is freed), or static (names, labels
 *   and explanations of the typed fee lines, duplicata_version): static strings are never freed.
 *   Strings passed in are only read during the call.
 *
 * Inputs. Text is UTF-8. const char * parameters are NUL-terminated. The request of
 *   duplicata_engine_evaluate_json is a buffer of len bytes (no terminator needed, no NUL allowed,
 *   at most 1 MiB). NULL where a value is required, invalid UTF-8, an embedded NUL, text that is
 *   not JSON, an unknown enum value or name, an impossible date or an oversized input each give a
 *   status and an error, never a crash. Amounts are exact: integer euro cents in structs, decimal
 *   strings ("47.76") in JSON. duplicata_bool is one byte: 0 is false, anything else true.
 *
 * Languages. Error messages exist in French ("fr", the language of the law, and the default for
 *   NULL or any other value) and English ("en"): one line, lowercase, user input quoted.
 *
 * Panics. Every function runs inside one panic boundary: a bug in the library gives
 *   DUPLICATA_STATUS_PANIC (code "internal.panic"), never an abort of the host program.
 *
 * PROCESS, RUN-TIME SEARCH PATH AND THREADS
 *
 * Memory for the whole process. Each engine owns its parameter set and frees it with
 *   duplicata_engine_free. A thread that used an engine keeps a reference to its current set
 *   until the thread uses other engines or ends (at most 4 per thread), so evaluations need no
 *   lock. The static strings of the typed results are copied once per process (a few KB, never
 *   freed, still reachable). A program that frees its engines, errors and strings is clean under
 *   valgrind --leak-check=full --error-exitcode=1 with no suppression file.
 *
 * Finding the library at run time. A program linked with -lduplicata needs libduplicata.so.MAJOR
 *   at run time. Installed by the Debian package, or under /usr/local followed by ldconfig, the
 *   dynamic loader finds it. Under another prefix, either record the path in the program when
 *   linking,
 *     cc app.c $(pkg-config --cflags --libs duplicata) \
 *        -Wl,-rpath,$(pkg-config --variable=libdir duplicata)
 *   or set LD_LIBRARY_PATH=<prefix>/lib when starting it. A program linked with the static
 *   library (its path, libduplicata.a, then the libraries pkg-config --static --libs duplicata
 *   adds after -lduplicata) needs nothing at run time.
 *
 * Threads. A duplicata_engine may be used by any number of threads at once, including
 *   duplicata_engine_reload, which swaps the parameter set atomically: evaluations already running
 *   finish with the old set, later ones use the new set, and a rejected file leaves the engine
 *   exactly as it was. Free an engine only once no other thread uses it. An error or a string
 *   belongs to one thread at a time. Functions without an engine (duplicata_parse_plate, the
 *   names, the error accessors) are thread-safe.
 *
 * Typical use:
 *
 *   duplicata_engine *engine = NULL;
 *   duplicata_error *err = NULL;
 *   char *decision = NULL;
 *   if (duplicata_engine_new(&engine, &err) == DUPLICATA_STATUS_OK &&
 *       duplicata_engine_evaluate_json(engine, json, strlen(json), &decision, &err) ==
 *           DUPLICATA_STATUS_OK) {
 *     puts(decision);
 *   } else {
 *     fprintf(stderr, "%s: %s\n", duplicata_error_code(err), duplicata_error_message(err, "fr"));
 *   }
 *   duplicata_string_free(decision);
 *   duplicata_error_free(err);
 *   duplicata_engine_free(engine);
 *
 * The typed fee path, no JSON and no allocation:
 *
 *   duplicata_fee_query q;
 *   duplicata_fees fees;
 *   DUPLICATA_INIT(q);
 *   DUPLICATA_INIT(fees);
 *   q.date.year = 2019; q.date.month = 6; q.date.day = 1;
 *   q.department = "33";
 *   q.plate = "AB-123-CD";
 *   duplicata_category_from_str("car", &q.category, NULL);
 *   duplicata_energy_from_str("petrol", &q.energy, NULL);
 *   if (duplicata_engine_fees(engine, &q, &fees, &err) == DUPLICATA_STATUS_OK)
 *     printf("%s %lld\n", fees.lines[0].label_fr, (long long)fees.lines[0].cents);
 */


#ifndef DUPLICATA_H
#define DUPLICATA_H

/* Generated by cbindgen 0.29.4 from ffi/cbindgen.toml: do not edit by hand. */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* DUPLICATA_INIT(s): prepares a struct the caller passes (duplicata_fee_query, duplicata_fees,
   duplicata_plate, duplicata_rate, duplicata_problem): zeroes it and sets its size member to the
   size this header declares. Use it on each such struct before filling or passing it. */
#define DUPLICATA_INIT(s) (memset(&(s), 0, sizeof(s)), (s).size = sizeof(s))


/* The number of fee lines (Y1 to Y5, in this order in `duplicata_fees.lines`). */
#define DUPLICATA_FEE_LINES 5

/* The major version: only it may break the ABI (it is the SONAME's number). */
#define DUPLICATA_VERSION_MAJOR 0

/* The minor version: additions only. */
#define DUPLICATA_VERSION_MINOR 1

/* The patch version: fixes only. */
#define DUPLICATA_VERSION_PATCH 0

/* `MAJOR * 1000000 + MINOR * 1000 + PATCH` (1.2.3 is 1002003): compare it with
   `duplicata_version_number()` to check at run time that the library is at least as new as the
   header a program was built with. */
#define DUPLICATA_VERSION_NUMBER 1000

/* The result of a fallible function. `DUPLICATA_STATUS_OK` is 0. Every other value is written out
   explicitly, and a value is never reused once retired: new statuses are only appended. The error
   object (when `err` is not NULL) carries the precise, stable code, e.g. `plate.invalid_format`. */
enum duplicata_status
#if (defined(__cplusplus) && __cplusplus >= 201103L) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L)
  : uint32_t
#endif /* fixed underlying type */
 {
  /* Success: the outputs are written. */
  DUPLICATA_STATUS_OK = 0,
  /* A pointer that must not be NULL was NULL (code `ffi.null_argument`). */
  DUPLICATA_STATUS_NULL_ARGUMENT = 1,
  /* A string is not valid UTF-8 (code `ffi.invalid_utf8`). */
  DUPLICATA_STATUS_INVALID_UTF8 = 2,
  /* The request buffer contains a NUL byte (code `ffi.embedded_nul`). */
  DUPLICATA_STATUS_EMBEDDED_NUL = 3,
  /* An argument of a typed call has no meaning: unknown enum value, impossible date (codes
     `ffi.invalid_argument`, `request.invalid_date`). */
  DUPLICATA_STATUS_INVALID_ARGUMENT = 4,
  /* The request is not JSON, too large, misses a field or has a wrong value (codes `request.*`). */
  DUPLICATA_STATUS_INVALID_REQUEST = 5,
  /* A registration number cannot be read (codes `plate.*`). */
  DUPLICATA_STATUS_INVALID_PLATE = 6,
  /* A department code is not a French department (code `department.unknown`). */
  DUPLICATA_STATUS_UNKNOWN_DEPARTMENT = 7,
  /* The date is outside the period the engine answers for (code `request.date_out_of_range`). */
  DUPLICATA_STATUS_DATE_OUT_OF_RANGE = 8,
  /* A parameter file was rejected; `duplicata_error_problem` lists every problem (codes `params.*`). */
  DUPLICATA_STATUS_INVALID_PARAMETERS = 9,
  /* A file could not be read (code `io.read`). */
  DUPLICATA_STATUS_IO = 10,
  /* A procedure event is not allowed in the current state. */
  DUPLICATA_STATUS_EVENT_NOT_ALLOWED = 11,
  /* A bug in the engine, reported rather than crashing the host. */
  DUPLICATA_STATUS_INTERNAL = 12,
  /* A panic inside the library was caught at the boundary (code `internal.panic`). */
  DUPLICATA_STATUS_PANIC = 13,
  /* A name given to a `duplicata_*_from_str` function is not one of the contract's names
     (code `ffi.unknown_name`). */
  DUPLICATA_STATUS_UNKNOWN_NAME = 14
};
#ifndef __cplusplus
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L
typedef enum duplicata_status duplicata_status;
#else
typedef uint32_t duplicata_status;
#endif /* C23 */
#endif /* __cplusplus */

/* The vehicle's category (values are part of the ABI and never change). */
enum duplicata_category
#if (defined(__cplusplus) && __cplusplus >= 201103L) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L)
  : uint32_t
#endif /* fixed underlying type */
 {
  /* Passenger car (VP). */
  DUPLICATA_CATEGORY_CAR = 0,
  /* Light utility vehicle (CTTE). */
  DUPLICATA_CATEGORY_UTILITY = 1,
  /* Motor caravan. */
  DUPLICATA_CATEGORY_MOTORHOME = 2,
  /* Motorcycle over 125 cm3. */
  DUPLICATA_CATEGORY_MOTORCYCLE = 3,
  /* Vélomoteur or motorcycle up to 125 cm3. */
  DUPLICATA_CATEGORY_MOTORCYCLE_LE_125 = 4,
  /* Two- or three-wheel cyclomoteur up to 50 cm3. */
  DUPLICATA_CATEGORY_MOPED_LE_50 = 5,
  DUPLICATA_CATEGORY_OTHER = 6
};
#ifndef __cplusplus
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L
typedef enum duplicata_category duplicata_category;
#else
typedef uint32_t duplicata_category;
#endif /* C23 */
#endif /* __cplusplus */

/* The vehicle's energy, field P.3 (values are part of the ABI and never change). */
enum duplicata_energy
#if (defined(__cplusplus) && __cplusplus >= 201103L) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L)
  : uint32_t
#endif /* fixed underlying type */
 {
  DUPLICATA_ENERGY_PETROL = 0,
  DUPLICATA_ENERGY_DIESEL = 1,
  DUPLICATA_ENERGY_ELECTRIC = 2,
  DUPLICATA_ENERGY_HYDROGEN = 3,
  DUPLICATA_ENERGY_HYBRID = 4,
  DUPLICATA_ENERGY_LPG = 5,
  DUPLICATA_ENERGY_CNG = 6,
  DUPLICATA_ENERGY_E85 = 7,
  DUPLICATA_ENERGY_OTHER = 8
};
#ifndef __cplusplus
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L
typedef enum duplicata_energy duplicata_energy;
#else
typedef uint32_t duplicata_energy;
#endif /* C23 */
#endif /* __cplusplus */

/* Why a duplicata is needed (values are part of the ABI and never change). */
enum duplicata_reason
#if (defined(__cplusplus) && __cplusplus >= 201103L) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L)
  : uint32_t
#endif /* fixed underlying type */
 {
  /* `"loss"`: perte. */
  DUPLICATA_REASON_LOSS = 0,
  /* `"theft"`: vol. */
  DUPLICATA_REASON_THEFT = 1,
  /* `"damage"`: détérioration. */
  DUPLICATA_REASON_DAMAGE = 2
};
#ifndef __cplusplus
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L
typedef enum duplicata_reason duplicata_reason;
#else
typedef uint32_t duplicata_reason;
#endif /* C23 */
#endif /* __cplusplus */

/* Who files the request (values are part of the ABI and never change). */
enum duplicata_applicant
#if (defined(__cplusplus) && __cplusplus >= 201103L) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L)
  : uint32_t
#endif /* fixed underlying type */
 {
  /* `"holder"`: the holder (titulaire). */
  DUPLICATA_APPLICANT_HOLDER = 0,
  /* `"co_holder"`: a co-holder (cotitulaire). */
  DUPLICATA_APPLICANT_CO_HOLDER = 1,
  /* `"mandate_holder"`: someone with the holder's mandate. */
  DUPLICATA_APPLICANT_MANDATE_HOLDER = 2,
  /* `"legal_guardian"`: the legal representative of a minor or protected holder. */
  DUPLICATA_APPLICANT_LEGAL_GUARDIAN = 3,
  /* `"lessee"`: the lessee of a leased vehicle. */
  DUPLICATA_APPLICANT_LESSEE = 4,
  /* `"heir"`: an heir of a deceased holder. */
  DUPLICATA_APPLICANT_HEIR = 5,
  /* `"professional"`: a professional of the automobile trade. */
  DUPLICATA_APPLICANT_PROFESSIONAL = 6
};
#ifndef __cplusplus
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L
typedef enum duplicata_applicant duplicata_applicant;
#else
typedef uint32_t duplicata_applicant;
#endif /* C23 */
#endif /* __cplusplus */

/* The status of a fee line, as the decision's `fees.lines[].status` (values are part of the ABI
   and never change). */
enum duplicata_line_status
#if (defined(__cplusplus) && __cplusplus >= 201103L) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L)
  : uint32_t
#endif /* fixed underlying type */
 {
  /* `"due"`: a positive amount. */
  DUPLICATA_LINE_STATUS_DUE = 0,
  /* `"not_due"`: 0. */
  DUPLICATA_LINE_STATUS_NOT_DUE = 1,
  /* `"unknown"`: the amount cannot be known; `unknown_reason` says why. */
  DUPLICATA_LINE_STATUS_UNKNOWN = 2
};
#ifndef __cplusplus
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L
typedef enum duplicata_line_status duplicata_line_status;
#else
typedef uint32_t duplicata_line_status;
#endif /* C23 */
#endif /* __cplusplus */

/* How far a value can be trusted (values are part of the ABI and ordered: low < medium < high). */
enum duplicata_confidence
#if (defined(__cplusplus) && __cplusplus >= 201103L) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L)
  : uint32_t
#endif /* fixed underlying type */
 {
  DUPLICATA_CONFIDENCE_LOW = 0,
  DUPLICATA_CONFIDENCE_MEDIUM = 1,
  DUPLICATA_CONFIDENCE_HIGH = 2
};
#ifndef __cplusplus
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L
typedef enum duplicata_confidence duplicata_confidence;
#else
typedef uint32_t duplicata_confidence;
#endif /* C23 */
#endif /* __cplusplus */

/* The legal regime of the fees (values are part of the ABI and never change). */
enum duplicata_regime
#if (defined(__cplusplus) && __cplusplus >= 201103L) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L)
  : uint32_t
#endif /* fixed underlying type */
 {
  /* 2009 to 2020: taxe régionale and taxe de gestion of the CGI. */
  DUPLICATA_REGIME_CGI = 0,
  /* 2021: taxe fixe of 11 EUR. */
  DUPLICATA_REGIME_TAXE_FIXE_2021 = 1,
  /* 2022 onwards: code des impositions sur les biens et services. */
  DUPLICATA_REGIME_CIBS = 2
};
#ifndef __cplusplus
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L
typedef enum duplicata_regime duplicata_regime;
#else
typedef uint32_t duplicata_regime;
#endif /* C23 */
#endif /* __cplusplus */

/* The numbering system of a registration number (values are part of the ABI and never change). */
enum duplicata_plate_system
#if (defined(__cplusplus) && __cplusplus >= 201103L) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L)
  : uint32_t
#endif /* fixed underlying type */
 {
  /* SIV, `AB-123-CD`, number for life. */
  DUPLICATA_PLATE_SYSTEM_SIV = 0,
  /* Former FNI, `123 AB 45`: a duplicata converts it to SIV. */
  DUPLICATA_PLATE_SYSTEM_FNI = 1,
  /* Cyclomoteur number issued before 2015-07-01, `A 11 A`. */
  DUPLICATA_PLATE_SYSTEM_MOPED = 2,
  /* Provisional `WW` number. */
  DUPLICATA_PLATE_SYSTEM_WW = 3,
  /* Garage `W` number. */
  DUPLICATA_PLATE_SYSTEM_W = 4
};
#ifndef __cplusplus
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L
typedef enum duplicata_plate_system duplicata_plate_system;
#else
typedef uint32_t duplicata_plate_system;
#endif /* C23 */
#endif /* __cplusplus */

/* An engine: a parameter set compiled once. Shareable across threads; its parameter set can be
   swapped atomically by `duplicata_engine_reload`. Freed by `duplicata_engine_free`. */
typedef struct duplicata_engine duplicata_engine;

/* The error of a failed call: a stable code, the field concerned, messages in French and English
   and, for a rejected parameter file, every problem found. Owned by the caller, freed by
   `duplicata_error_free`; the strings read from it live as long as it does. */
typedef struct duplicata_error duplicata_error;

/* A calendar day. */
typedef struct {
  int32_t year;
  /* 1 to 12. */
  uint32_t month;
  /* 1 to 31. */
  uint32_t day;
} duplicata_date;

/* A yes/no value: 0 is no, any other value yes (the library writes 1). One byte, the same as a
   C99 `bool`, and usable from C89 and C++98. */
typedef uint8_t duplicata_bool;

/* One problem of a rejected parameter file. The strings are borrowed from the error. Set `size`
   before the call (`DUPLICATA_INIT(problem)`). */
typedef struct {
  /* `sizeof(duplicata_problem)` as the caller's header declares it; the bytes written. */
  size_t size;
  /* Stable code, e.g. `"params.overlap"`. */
  const char *code;
  /* Where in the file's structure, e.g. `"zone[NAQ].rates[2]"`. */
  const char *path;
  /* 1-based line of the offending entry (0 when unknown). */
  uint32_t line;
  /* 1-based column of the offending entry (0 when unknown). */
  uint32_t column;
  /* The message in the language asked for. */
  const char *message;
} duplicata_problem;

/* What the fee of a carte-grise duplicata depends on. The strings are borrowed for the call only.
   Prepare it with `DUPLICATA_INIT(query)` (zeroes it and sets `size`), then set the fields. */
typedef struct {
  /* `sizeof(duplicata_fee_query)` as the caller's header declares it (`DUPLICATA_INIT`). */
  size_t size;
  /* Day of the request: the rules in force that day apply. */
  duplicata_date date;
  /* The holder's department (`"33"`, `"2A"`, `"971"`); NULL if unknown (it is needed only while
     the regional tax is due, until 2020). */
  const char *department;
  /* The registration number, in any usual typing (`"ab123cd"`, `"123 AB 45"`). Required. */
  const char *plate;
  duplicata_category category;
  duplicata_energy energy;
  /* Non-zero: a change of address is asked at the same time. */
  duplicata_bool change_of_address;
  /* Non-zero: the certificate was lost or destroyed in a natural disaster. */
  duplicata_bool natural_disaster;
} duplicata_fee_query;

/* One line Y1 to Y5 of the certificate. Every string is static (valid for the whole life of the
   process, never freed) and NUL-terminated, UTF-8, the same texts as the decision's
   `fees.lines`. */
typedef struct {
  /* `"Y1"` to `"Y5"`: the field of the certificate. */
  const char *code;
  /* The field's label, `"Taxe régionale"` / `"Regional tax"`. */
  const char *label_fr;
  const char *label_en;
  /* Why the line has its amount: the rule applied. */
  const char *explanation_fr;
  const char *explanation_en;
  /* When `status` is `DUPLICATA_LINE_STATUS_UNKNOWN`: a stable code of the cause
     (`"fees.y1.unknown_rate"`, `"fees.y1.unknown_exemption"`) and its text; NULL otherwise. */
  const char *unknown_reason;
  const char *unknown_reason_fr;
  const char *unknown_reason_en;
  /* The amount in euro cents; 0 when unknown. */
  int64_t cents;
  duplicata_line_status status;
  duplicata_confidence confidence;
  /* 0 when the amount cannot be known (`status` is then `DUPLICATA_LINE_STATUS_UNKNOWN`). */
  duplicata_bool known;
} duplicata_fee_line;

/* One amount of a fee breakdown. */
typedef struct {
  /* The amount in euro cents (4776 is 47.76 EUR); 0 when `known` is 0. */
  int64_t cents;
  /* 0 when the amount cannot be known (a documented gap of the parameters). */
  duplicata_bool known;
  duplicata_confidence confidence;
} duplicata_amount;

/* The fees of a carte-grise duplicata: the lines Y1 to Y5 of the certificate and the total.
   Set `size` before the call (`DUPLICATA_INIT(fees)`); on success it holds the bytes written. */
typedef struct {
  /* `sizeof(duplicata_fees)` as the caller's header declares it; on success, the bytes written. */
  size_t size;
  /* Y1 taxe régionale, Y2 and Y3 (never due on a duplicata), Y4 taxe de gestion (until 2020)
     or taxe fixe (from 2021), Y5 redevance d'acheminement. */
  duplicata_fee_line lines[DUPLICATA_FEE_LINES];
  /* Y1 + ... + Y5; unknown when a line is unknown. Its confidence is the lowest of the lines. */
  duplicata_amount total;
  duplicata_regime regime;
  /* The system of the registration number that was read. */
  duplicata_plate_system plate_system;
  /* Non-zero: the FNI number is converted to a new SIV number. */
  duplicata_bool conversion;
  /* Non-zero: a change of address asked at the same time, only the highest event is charged. */
  duplicata_bool highest_event_only;
} duplicata_fees;

/* A registration number that was read. Set `size` before the call (`DUPLICATA_INIT(plate)`). */
typedef struct {
  /* `sizeof(duplicata_plate)` as the caller's header declares it; on success, the bytes written. */
  size_t size;
  duplicata_plate_system system;
  /* The canonical form, NUL-terminated: `AB-123-CD`, `123 AB 45`, `A 11 A`, `1234 W 75`. */
  char normalized[16];
  /* For a number of the former FNI (and FNI-era W and WW numbers): its department code,
     NUL-terminated; an empty string otherwise. */
  char department[4];
} duplicata_plate;

/* The regional rate per CV of a department on a day. Set `size` before the call
   (`DUPLICATA_INIT(rate)`). */
typedef struct {
  /* `sizeof(duplicata_rate)` as the caller's header declares it; on success, the bytes written. */
  size_t size;
  /* Euro cents per CV, every component included; 0 when `known` is 0. */
  int64_t per_cv_cents;
  /* 0 for a documented gap: no source gives the rate for that period. */
  duplicata_bool known;
  duplicata_confidence confidence;
  /* First day of the period of this rate. */
  duplicata_date period_from;
  /* Last day of the period; meaningful only when `has_period_to` is non-zero (open-ended
     otherwise). */
  duplicata_date period_to;
  duplicata_bool has_period_to;
} duplicata_rate;

#ifdef __cplusplus
extern "C" {
#endif /* __cplusplus */

/* The version of the library (one version for the whole workspace), e.g. `"0.1.0"`. The string is
   static: do not free it. */
const char *duplicata_version(void);

/* Frees a string returned by the library (a decision, a rate answer). NULL does nothing.

   # Safety
   `s` is NULL or a string returned by a `duplicata_*` function, not freed yet. */
void duplicata_string_free(char *s);

/* Builds an engine over the embedded reference parameters and writes it to `*out` (the file is
   read and checked anew, about a millisecond: build one engine and share it).

   # Safety
   `out` is NULL or writable; `err` is NULL or writable. */
duplicata_status duplicata_engine_new(duplicata_engine **out,
                                      duplicata_error **err);

/* Builds an engine over the parameter file at `path` and writes it to `*out`. A rejected file
   gives `DUPLICATA_STATUS_INVALID_PARAMETERS` and an error listing every problem
   (`duplicata_error_problem`); a file that cannot be read gives `DUPLICATA_STATUS_IO`.

   # Safety
   `path` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable. */
duplicata_status duplicata_engine_from_file(const char *path,
                                            duplicata_engine **out,
                                            duplicata_error **err);

/* Replaces the engine's parameter set by the file at `path`, atomically: evaluations already
   running finish with the old set, later ones use the new one. A file that cannot be read or is
   rejected leaves the engine exactly as it was. Safe to call while other threads evaluate.

   # Safety
   `engine` is NULL or an engine returned by the library and not freed yet; `path` is NULL or a
   NUL-terminated string; `err` is NULL or writable. */
duplicata_status duplicata_engine_reload(duplicata_engine *engine,
                                         const char *path,
                                         duplicata_error **err);

/* Frees an engine. NULL does nothing. No other thread may be using it.

   # Safety
   `engine` is NULL or an engine returned by the library, not freed yet, and no longer used by any
   other thread. */
void duplicata_engine_free(duplicata_engine *engine);

/* Evaluates a JSON request (`len` bytes of UTF-8 at `request`, no terminator needed) and writes
   the decision, compact JSON, to `*decision` (free it with `duplicata_string_free`). A request over
   1 MiB gives `request.too_large` without being read; a NUL byte in the buffer gives
   `DUPLICATA_STATUS_EMBEDDED_NUL`; invalid UTF-8 gives `DUPLICATA_STATUS_INVALID_UTF8`; a request
   the engine refuses to evaluate gives its status and error. A refused duplicata is not an error: it
   is a decision whose `eligibility.eligible` is false.

   # Safety
   `engine` is NULL or an engine returned by the library and not freed yet; `request` is NULL or
   readable for `len` bytes; `decision` and `err` are NULL or writable. */
duplicata_status duplicata_engine_evaluate_json(const duplicata_engine *engine,
                                                const char *request,
                                                size_t len,
                                                char **decision,
                                                duplicata_error **err);

/* The regional rate per CV in force for `department` (e.g. `"33"`, `"2A"`, `"971"`) on `date`, as
   JSON (region, zone, rate or an explicit `"unknown"` with the known values around the gap,
   period, confidence, sources), written to `*out` (free it with `duplicata_string_free`).

   # Safety
   `engine` is NULL or an engine returned by the library and not freed yet; `department` is NULL or
   a NUL-terminated string; `out` and `err` are NULL or writable. */
duplicata_status duplicata_engine_rate_json(const duplicata_engine *engine,
                                            const char *department,
                                            duplicata_date date,
                                            char **out,
                                            duplicata_error **err);

/* The stable machine code of the error, e.g. `"plate.invalid_format"`; NULL if `err` is NULL.

   # Safety
   `err` is NULL or an error returned by the library and not freed yet. */
const char *duplicata_error_code(const duplicata_error *err);

/* The message of the error in `lang`: `"fr"` or `"en"` (NULL or anything else gives French, the
   language of the law). One line, lowercase, user input quoted. NULL if `err` is NULL.

   # Safety
   `err` is NULL or an error returned by the library and not freed yet; `lang` is NULL or a
   NUL-terminated string. */
const char *duplicata_error_message(const duplicata_error *err,
                                    const char *lang);

/* The field path the error concerns, e.g. `"vehicle.plate"`; NULL if none (or if `err` is NULL).

   # Safety
   `err` is NULL or an error returned by the library and not freed yet. */
const char *duplicata_error_field(const duplicata_error *err);

/* The status of the call that produced the error; `DUPLICATA_STATUS_NULL_ARGUMENT` if `err` is NULL.

   # Safety
   `err` is NULL or an error returned by the library and not freed yet. */
duplicata_status duplicata_error_status(const duplicata_error *err);

/* The error as the JSON object every surface prints, `{"error":{"code":...}}`, byte for byte what
   the core's `Error::to_json` gives. NULL if `err` is NULL.

   # Safety
   `err` is NULL or an error returned by the library and not freed yet. */
const char *duplicata_error_json(const duplicata_error *err);

/* How many problems the error lists (those of a rejected parameter file); 0 for any other error
   and for NULL.

   # Safety
   `err` is NULL or an error returned by the library and not freed yet. */
size_t duplicata_error_problem_count(const duplicata_error *err);

/* Writes problem `index` (from 0) to `*out`, its message in `lang` (`"fr"` or `"en"`), and returns
   1; returns 0 and writes nothing if `err` or `out` is NULL, `out->size` is not set (see
   `DUPLICATA_INIT`) or `index` is past the end.

   # Safety
   `err` is NULL or an error returned by the library and not freed yet; `lang` is NULL or a
   NUL-terminated string; `out` is NULL or points to writable memory for one `duplicata_problem`. */
duplicata_bool duplicata_error_problem(const duplicata_error *err,
                                       size_t index,
                                       const char *lang,
                                       duplicata_problem *out);

/* Frees an error. NULL does nothing.

   # Safety
   `err` is NULL or an error returned by the library, not freed yet; the strings read from it are
   invalid afterwards. */
void duplicata_error_free(duplicata_error *err);

/* Reads a vehicle category by its contract name (`"car"`, `"utility"`, `"motorhome"`,
   `"motorcycle"`, `"motorcycle_le_125"`, `"moped_le_50"`, `"other"`; exact spelling) and writes
   it to `*out`. Any other name gives `DUPLICATA_STATUS_UNKNOWN_NAME` (code `ffi.unknown_name`,
   field `vehicle.category`, the expected names in the message).

   # Safety
   `name` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable. */
duplicata_status duplicata_category_from_str(const char *name,
                                             duplicata_category *out,
                                             duplicata_error **err);

/* The contract name of a `duplicata_category` (static, never freed); NULL for a value out of the list. */
const char *duplicata_category_name(uint32_t value);

/* Reads an energy by its contract name (`"petrol"`, `"diesel"`, `"electric"`, `"hydrogen"`,
   `"hybrid"`, `"lpg"`, `"cng"`, `"e85"`, `"other"`) and writes it to `*out`. Any other name gives
   `DUPLICATA_STATUS_UNKNOWN_NAME` (field `vehicle.energy`).

   # Safety
   `name` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable. */
duplicata_status duplicata_energy_from_str(const char *name,
                                           duplicata_energy *out,
                                           duplicata_error **err);

/* The contract name of a `duplicata_energy` (static, never freed); NULL for a value out of the list. */
const char *duplicata_energy_name(uint32_t value);

/* Reads a reason by its contract name (`"loss"`, `"theft"`, `"damage"`) and writes it to `*out`.
   Any other name gives `DUPLICATA_STATUS_UNKNOWN_NAME` (field `reason`).

   # Safety
   `name` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable. */
duplicata_status duplicata_reason_from_str(const char *name,
                                           duplicata_reason *out,
                                           duplicata_error **err);

/* The contract name of a `duplicata_reason` (static, never freed); NULL for a value out of the list. */
const char *duplicata_reason_name(uint32_t value);

/* Reads an applicant by its contract name (`"holder"`, `"co_holder"`, `"mandate_holder"`,
   `"legal_guardian"`, `"lessee"`, `"heir"`, `"professional"`) and writes it to `*out`. Any other
   name gives `DUPLICATA_STATUS_UNKNOWN_NAME` (field `applicant`).

   # Safety
   `name` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable. */
duplicata_status duplicata_applicant_from_str(const char *name,
                                              duplicata_applicant *out,
                                              duplicata_error **err);

/* The contract name of a `duplicata_applicant` (static, never freed); NULL for a value out of the list. */
const char *duplicata_applicant_name(uint32_t value);

/* The contract name of a `duplicata_regime` (`"cgi"`, `"taxe_fixe_2021"`, `"cibs"`, as the
   decision's `fees.regime`; static); NULL for a value out of the list. */
const char *duplicata_regime_name(uint32_t value);

/* The contract name of a `duplicata_line_status` (`"due"`, `"not_due"`, `"unknown"`, as the
   decision's `fees.lines[].status`; static); NULL for a value out of the list. */
const char *duplicata_line_status_name(uint32_t value);

/* The fees of a carte-grise duplicata, written to `*out`: Y1 to Y5 with their amount in integer
   cents, status, confidence, label, explanation and, when unknown, the reason, then the total.
   Allocates nothing on success; every string is static. The same amounts, statuses and texts as
   the `fees` of `duplicata_engine_evaluate_json` for the same request, and the fields it reads are
   checked the same way (a cyclomoteur number with a car category gives
   `DUPLICATA_STATUS_INVALID_REQUEST`, code `request.inconsistent`, field `vehicle.category`); it
   does not check the rest of a request (eligibility, documents). `query->size` and `out->size`
   must be set (`DUPLICATA_INIT`).

   # Safety
   `engine` is NULL or an engine returned by the library and not freed yet; `query` is NULL or
   points to a readable `duplicata_fee_query` whose strings are NULL or NUL-terminated; `out` and
   `err` are NULL or writable. */
duplicata_status duplicata_engine_fees(const duplicata_engine *engine,
                                       const duplicata_fee_query *query,
                                       duplicata_fees *out,
                                       duplicata_error **err);

/* Reads a registration number in any usual typing (case, spaces and hyphens are free) and writes
   it to `*out`. Allocates nothing on success. An unreadable number gives
   `DUPLICATA_STATUS_INVALID_PLATE` and a `plate.*` code.

   # Safety
   `input` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable. */
duplicata_status duplicata_parse_plate(const char *input,
                                       duplicata_plate *out,
                                       duplicata_error **err);

/* The regional rate per CV in force for `department` on `date`, written to `*out`. For the region,
   zone, sources and the known values around a gap, see `duplicata_engine_rate_json`.

   # Safety
   `engine` is NULL or an engine returned by the library and not freed yet; `department` is NULL or
   a NUL-terminated string; `out` and `err` are NULL or writable. */
duplicata_status duplicata_engine_rate(const duplicata_engine *engine,
                                       const char *department,
                                       duplicata_date date,
                                       duplicata_rate *out,
                                       duplicata_error **err);

/* The version of the library that is running, as `DUPLICATA_VERSION_NUMBER` gives it
   (`MAJOR * 1000000 + MINOR * 1000 + PATCH`). A program built with a header of the same major
   version runs against any library whose number is at least the header's. */
uint32_t duplicata_version_number(void);

#ifdef __cplusplus
}  /* extern "C" */
#endif  /* __cplusplus */

#endif  /* DUPLICATA_H */
