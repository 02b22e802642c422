/* Checks for the firmware tests: each failed check prints where and what,
 * fwtest_done() prints the verdict line and gives main()'s exit code. */
#ifndef OBTI_FWTEST_H
#define OBTI_FWTEST_H

#include <stdbool.h>
#include <stdint.h>

#define CHECK(cond) fwtest_check((cond), #cond, __FILE__, __LINE__)
#define CHECK_EQ(got, want) \
    fwtest_check_eq((uint32_t)(got), (uint32_t)(want), #got, __FILE__, __LINE__)

bool fwtest_check(bool ok, const char *what, const char *file, int line);
bool fwtest_check_eq(uint32_t got, uint32_t want, const char *what,
                     const char *file, int line);

/* Number of checks so far and of those that failed. */
unsigned fwtest_checks(void);
unsigned fwtest_failures(void);

/* Print "<name>: PASS (N checks)" or "<name>: FAIL (F of N checks)";
 * returns 0 or 1 for main() to return. A test that checked nothing fails. */
int fwtest_done(const char *name);

#endif /* OBTI_FWTEST_H */
