/* picolibc stdio on the console: formatted output matches the C11 rules
 * (ISO/IEC 9899:2011 7.21.6.1 fprintf, 7.21.6.2 fscanf); the expected
 * strings follow from those rules and agree with glibc on the host. The
 * last line goes to the UART and fwtests.mk checks it on the simulator's
 * stdout (printf/expect). */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fwtest.h"

static void fmt_is(const char *expect, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void fmt_is(const char *expect, const char *fmt, ...)
{
    char buf[96];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (!CHECK(strcmp(buf, expect) == 0 && n == (int)strlen(expect)))
        printf("    format \"%s\": got \"%s\" (%d), expected \"%s\"\n", fmt, buf, n, expect);
}

int main(void)
{
    char buf[16];
    int d = 0, n;
    unsigned x = 0;
    char word[8] = "";
    const char *volatile long_string = "abcdefgh";   /* not seen at compile time */

    /* integers */
    fmt_is("0 42 -42", "%d %i %d", 0, 42, -42);
    fmt_is("-2147483648 2147483647", "%d %d", INT_MIN, INT_MAX);
    fmt_is("4294967295", "%u", UINT_MAX);
    fmt_is("+5 -5  5", "%+d %+d % d", 5, -5, 5);
    fmt_is("[   42] [42   ] [00042] [042]", "[%5d] [%-5d] [%05d] [%.3d]", 42, 42, 42, 42);
    fmt_is("[   42]", "[%*d]", 5, 42);
    fmt_is("-9223372036854775808", "%lld", (long long)INT64_MIN);
    fmt_is("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
    fmt_is("-56 4464", "%hhd %hd", (signed char)-56, (short)4464);
    fmt_is("16", "%zu", sizeof(uint32_t[4]));
    /* hex and octal */
    fmt_is("ff FF 0xff 0XFF", "%x %X %#x %#X", 255u, 255u, 255u, 255u);
    fmt_is("deadbeef 0000beef", "%x %08x", 0xdeadbeefu, 0xbeefu);
    fmt_is("17 017 0", "%o %#o %#x", 15u, 15u, 0u);
    fmt_is("123456789abcdef0", "%llx", 0x123456789abcdef0ull);
    /* characters and strings */
    fmt_is("a|  b|c  |", "%c|%3c|%-3c|", 'a', 'b', 'c');
    fmt_is("abc|ab|  abc|abc  |", "%s|%.2s|%5s|%-5s|", "abc", "abc", "abc", "abc");
    fmt_is("100%", "%d%%", 100);
    /* floating point */
    fmt_is("3.14 -0.500 2", "%.2f %.3f %.0f", 3.14159, -0.5, 2.4);
    fmt_is("1.234568e+04", "%e", 12345.678);
    fmt_is("0.0001 1e-05 123457", "%g %g %g", 0.0001, 0.00001, 123456.7);

    /* snprintf truncates but returns the full length */
    n = snprintf(buf, 5, "%s", long_string);
    CHECK(n == 8 && strcmp(buf, "abcd") == 0);
    n = snprintf(NULL, 0, "%d", 123456);
    CHECK_EQ(n, 6);

    /* scanf side */
    n = sscanf("  -42 0x1f word", "%d %x %7s", &d, &x, word);
    CHECK_EQ(n, 3);
    CHECK(d == -42 && x == 0x1f && strcmp(word, "word") == 0);

    printf("printf-line: %d %s %#x %05.1f\n", 12345, "openbti", 0xbeefu, 2.25);
    return fwtest_done("printf");
}
