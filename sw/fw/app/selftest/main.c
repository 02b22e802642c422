/* Firmware self-test: what `make sim` runs. Exercises the start-up code,
 * picolibc (printf, malloc), the trap layer (ecall, timer and software
 * interrupts) and the counters; ends with "self-test: PASS" and exit 0, or
 * "self-test: FAIL (<item>)" and exit 1. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "sim.h"
#include "timer.h"
#include "trap.h"

static const char *selftest_failed;   /* first failing item */

static void check(bool ok, const char *item)
{
    printf("  %-28s %s\n", item, ok ? "ok" : "FAILED");
    if (!ok && !selftest_failed)
        selftest_failed = item;
}

/* --- banner: CSRs that a core may leave unimplemented -------------------- */
static volatile bool probe_trapped;

static void probe_handler(struct trap_frame *f, uint32_t mcause, uint32_t mtval)
{
    if (mcause != MCAUSE_ILLEGAL_INSN)
        trap_default_exception(f, mcause, mtval);
    probe_trapped = true;
    f->a0 = 0;
    trap_skip_insn(f);
}

/* Read a CSR by name; an illegal-instruction trap yields "n/a". */
#define PROBE_CSR(name, out) do {                                   \
        register uint32_t probe_v_ __asm__("a0") = 0;               \
        probe_trapped = false;                                      \
        __asm__ volatile("csrr %0, " #name : "+r"(probe_v_) :: "memory"); \
        (out) = probe_v_;                                           \
    } while (0)

static void print_csr(const char *name, uint32_t v, bool trapped)
{
    if (trapped)
        printf("  %-10s n/a (illegal instruction)\n", name);
    else
        printf("  %-10s 0x%08" PRIx32 "\n", name, v);
}

static void misa_string(uint32_t misa, char *buf, size_t len)
{
    size_t n = 0;
    static const char *const mxl[4] = { "?", "RV32", "RV64", "RV128" };

    n = (size_t)snprintf(buf, len, "%s", mxl[misa >> 30]);
    for (int i = 0; i < 26 && n + 1 < len; i++)
        if (misa & (1u << i))
            buf[n++] = (char)('A' + i);
    buf[n] = '\0';
}

static void banner(void)
{
    uint32_t v;
    char isa[40];
    trap_exception_handler_fn old = trap_set_exception_handler(probe_handler);

    printf("openbti self-test (%s)\n", sim_present() ? "simulation" : "board");
    PROBE_CSR(misa, v);
    if (!probe_trapped) {
        misa_string(v, isa, sizeof isa);
        printf("  %-10s 0x%08" PRIx32 " %s\n", "misa", v, v ? isa : "(not reported)");
    } else {
        print_csr("misa", v, true);
    }
    PROBE_CSR(mvendorid, v);
    print_csr("mvendorid", v, probe_trapped);
    PROBE_CSR(marchid, v);
    print_csr("marchid", v, probe_trapped);
    PROBE_CSR(mimpid, v);
    print_csr("mimpid", v, probe_trapped);
    PROBE_CSR(mhartid, v);
    print_csr("mhartid", v, probe_trapped);
    trap_set_exception_handler(old);
}

/* --- printf --------------------------------------------------------------- */
static bool fmt_is(const char *expect, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool fmt_is(const char *expect, const char *fmt, ...)
{
    char buf[64];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (strcmp(buf, expect) != 0) {
        printf("    got \"%s\", expected \"%s\"\n", buf, expect);
        return false;
    }
    return true;
}

static void test_printf(void)
{
    bool ok = true;

    ok &= fmt_is("42 -17 0", "%d %d %u", 42, -17, 0u);
    ok &= fmt_is("deadbeef 0xdeadbeef DEADBEEF", "%x %#x %X", 0xdeadbeefu,
                 0xdeadbeefu, 0xdeadbeefu);
    ok &= fmt_is("[   7] [7   ] [0007]", "[%4d] [%-4d] [%04d]", 7, 7, 7);
    ok &= fmt_is("-2147483648 4294967295", "%ld %lu", (long)INT32_MIN, 4294967295ul);
    ok &= fmt_is("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
    ok &= fmt_is("abc|  x|%", "%s|%3c|%%", "abc", 'x');
    check(ok, "printf ints/hex");
}

/* --- malloc ---------------------------------------------------------------- */
static void test_malloc(void)
{
    bool ok = true;
    uint8_t *a = malloc(1000);
    uint32_t *b = malloc(64 * sizeof *b);

    ok &= a != NULL && b != NULL;
    if (ok) {
        memset(a, 0x5a, 1000);
        for (unsigned i = 0; i < 64; i++)
            b[i] = i * 0x01010101u;
        for (unsigned i = 0; i < 1000; i++)
            ok &= a[i] == 0x5a;
        for (unsigned i = 0; i < 64; i++)
            ok &= b[i] == i * 0x01010101u;
        ok &= ((uintptr_t)a & 7) == 0 && ((uintptr_t)b & 7) == 0;
    }
    free(a);
    free(b);
    /* Freed memory comes back: a larger block fits again. */
    a = malloc(2000);
    ok &= a != NULL;
    free(a);
    ok &= malloc(1u << 20) == NULL;   /* more than the data RAM */
    check(ok, "malloc/free");
}

/* --- ecall round trip -------------------------------------------------------- */
static volatile uint32_t ecall_cause;

static void ecall_handler(struct trap_frame *f, uint32_t mcause, uint32_t mtval)
{
    if (mcause != MCAUSE_ECALL_M)
        trap_default_exception(f, mcause, mtval);
    ecall_cause = mcause;
    f->a0 = f->a0 * 3 + f->a1;   /* a "system call" with a checkable result */
    trap_skip_insn(f);
}

static void test_ecall(void)
{
    trap_exception_handler_fn old = trap_set_exception_handler(ecall_handler);
    /* Register variables are bound only at the asm: assign them after the
     * last function call. */
    register uint32_t a0 __asm__("a0") = 1000;
    register uint32_t a1 __asm__("a1") = 7;
    uint32_t result;

    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1) : "memory");
    result = a0;
    trap_set_exception_handler(old);
    if (result != 3007 || ecall_cause != MCAUSE_ECALL_M)
        printf("    a0=%" PRIu32 " mcause=%" PRIu32 "\n", result, ecall_cause);
    check(result == 3007 && ecall_cause == MCAUSE_ECALL_M, "ecall trap round trip");
}

/* --- timer interrupt ------------------------------------------------------- */
static volatile uint64_t timer_irq_at;
static volatile uint32_t timer_irq_count;

static void timer_handler(void *arg)
{
    (void)arg;
    timer_irq_at = timer_now();
    timer_cancel();              /* clears mip.MTIP */
    timer_irq_count++;
}

static void test_timer_irq(void)
{
    uint64_t target, deadline;

    trap_set_irq_handler(TRAP_IRQ_TIMER, timer_handler, NULL);
    timer_irq_count = 0;
    target = timer_now() + 2000;
    deadline = target + 100000;
    timer_set_compare(target);
    cpu_mie_set(MIE_MTIE);
    cpu_irq_enable();
    while (timer_irq_count == 0 && timer_now() < deadline)
        ;
    cpu_irq_disable();
    cpu_mie_clear(MIE_MTIE);
    trap_set_irq_handler(TRAP_IRQ_TIMER, NULL, NULL);
    check(timer_irq_count == 1 && timer_irq_at >= target, "timer interrupt");
}

/* --- software interrupt ------------------------------------------------------ */
static volatile uint32_t soft_irq_count;

static void soft_handler(void *arg)
{
    (void)arg;
    timer_set_soft(0);
    soft_irq_count++;
}

static void test_soft_irq(void)
{
    uint32_t seen_masked;

    trap_set_irq_handler(TRAP_IRQ_SOFT, soft_handler, NULL);
    soft_irq_count = 0;
    cpu_mie_set(MIE_MSIE);
    timer_set_soft(1);           /* pending, but mstatus.MIE is 0 */
    for (volatile int i = 0; i < 20; i++)
        ;
    seen_masked = soft_irq_count;
    cpu_irq_enable();            /* taken right here */
    for (volatile int i = 0; i < 20 && soft_irq_count == 0; i++)
        ;
    cpu_irq_disable();
    cpu_mie_clear(MIE_MSIE);
    trap_set_irq_handler(TRAP_IRQ_SOFT, NULL, NULL);
    check(seen_masked == 0 && soft_irq_count == 1, "software interrupt");
}

/* --- counters ------------------------------------------------------------------ */
static void test_counters(void)
{
    uint64_t c0, c1, i0, i1;

    c0 = cpu_cycles();
    i0 = cpu_instret();
    /* 100 nops: at least 100 instructions and 100 cycles in between. */
    __asm__ volatile(".rept 100\n nop\n .endr");
    i1 = cpu_instret();
    c1 = cpu_cycles();
    printf("    100 nops: %" PRIu64 " instructions, %" PRIu64 " cycles\n", i1 - i0, c1 - c0);
    check(i1 - i0 >= 100 && i1 - i0 < 130 && c1 - c0 >= i1 - i0, "mcycle/minstret");
}

int main(void)
{
    banner();
    test_printf();
    test_malloc();
    test_ecall();
    test_timer_irq();
    test_soft_irq();
    test_counters();
    if (selftest_failed) {
        printf("self-test: FAIL (%s)\n", selftest_failed);
        return 1;
    }
    printf("self-test: PASS\n");
    return 0;
}
