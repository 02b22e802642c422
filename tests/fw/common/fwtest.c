/* Check bookkeeping for the firmware tests. */
#include "fwtest.h"

#include <stdio.h>

static unsigned fwtest_n, fwtest_failed;

bool fwtest_check(bool ok, const char *what, const char *file, int line)
{
    fwtest_n++;
    if (!ok) {
        fwtest_failed++;
        printf("  check failed: %s:%d: %s\n", file, line, what);
    }
    return ok;
}

bool fwtest_check_eq(uint32_t got, uint32_t want, const char *what,
                     const char *file, int line)
{
    fwtest_n++;
    if (got != want) {
        fwtest_failed++;
        printf("  check failed: %s:%d: %s is 0x%08lx, expected 0x%08lx\n",
               file, line, what, (unsigned long)got, (unsigned long)want);
        return false;
    }
    return true;
}

unsigned fwtest_checks(void) { return fwtest_n; }
unsigned fwtest_failures(void) { return fwtest_failed; }

int fwtest_done(const char *name)
{
    if (fwtest_n == 0) {
        printf("%s: FAIL (no checks ran)\n", name);
        return 1;
    }
    if (fwtest_failed) {
        printf("%s: FAIL (%u of %u checks)\n", name, fwtest_failed, fwtest_n);
        return 1;
    }
    printf("%s: PASS (%u checks)\n", name, fwtest_n);
    return 0;
}
