/* Machine timer: mip.MTIP rises when mtime reaches mtimecmp and not before
 * (docs/registers/timer.md: MTIP = mtime >= mtimecmp, unsigned 64-bit);
 * the interrupt arrives at the right mtime with a short latency; the
 * 64-bit mtime read is consistent across a carry into the high word; a
 * compare value in the high word works; timer_delay_cycles waits at least
 * as long as asked. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu.h"
#include "fwtest.h"
#include "timer.h"
#include "trap.h"

/* Interrupt latency bound in cycles: trap entry, dispatch and one timer
 * read on a core with single-cycle memories. */
#define MAX_LATENCY 200u

static volatile uint64_t irq_at;
static volatile unsigned irq_count;

static void timer_handler(void *arg)
{
    (void)arg;
    irq_at = timer_now();
    timer_cancel();
    irq_count++;
}

static void test_mtip_level(void)
{
    uint64_t target = timer_now() + 500;
    unsigned seen = 0, early = 0, late = 0;

    timer_set_compare(target);
    /* Poll mip with the interrupt masked, bracketed by two mtime reads:
     * MTIP seen means mtime had reached target by the second read; MTIP
     * not seen although the first read was past target (plus two cycles
     * for the flop between mtime and mip) means it rose late. */
    while (!seen && !late) {
        uint64_t before = timer_now();
        uint32_t mip = csr_read(mip);
        uint64_t after = timer_now();

        if (mip & MIP_MTIP) {
            seen = 1;
            early = after < target;
        } else if (before >= target + 2) {
            late = 1;
        }
    }
    CHECK(seen && !early && !late);
    timer_cancel();
    CHECK((csr_read(mip) & MIP_MTIP) == 0);
}

static void test_irq_time(uint64_t delta)
{
    uint64_t target, deadline;

    irq_count = 0;
    target = timer_now() + delta;
    deadline = target + 100000;
    timer_set_compare(target);
    cpu_irq_enable();
    while (irq_count == 0 && timer_now() < deadline)
        ;
    cpu_irq_disable();
    CHECK_EQ(irq_count, 1);
    CHECK(irq_at >= target);
    CHECK(irq_at - target < MAX_LATENCY);
    if (irq_count != 1 || irq_at < target || irq_at - target >= MAX_LATENCY)
        printf("    delta %" PRIu64 ": interrupt at target%+" PRId64 "\n",
               delta, (int64_t)(irq_at - target));
}

static void test_carry(void)
{
    uint64_t prev, now;
    unsigned ok = 1;

    timer_set_now(0x00000001ffffff00ull);
    prev = timer_now();
    for (unsigned i = 0; i < 200; i++) {
        now = timer_now();
        ok &= now >= prev && now - prev < 1000;
        prev = now;
    }
    CHECK(ok);
    CHECK((prev >> 32) == 2);                  /* crossed the carry */

    /* compare in the high word */
    irq_count = 0;
    timer_set_now(0x00000002ffffff00ull);
    timer_set_compare(0x0000000300000040ull);
    cpu_irq_enable();
    while (irq_count == 0 && timer_now() < 0x0000000300100000ull)
        ;
    cpu_irq_disable();
    CHECK_EQ(irq_count, 1);
    CHECK(irq_at >= 0x0000000300000040ull && irq_at < 0x0000000300000040ull + MAX_LATENCY);
}

static void test_delay(void)
{
    uint64_t t0 = timer_now(), t1;

    timer_delay_cycles(3000);
    t1 = timer_now();
    CHECK(t1 - t0 >= 3000 && t1 - t0 < 3000 + 500);
    t0 = timer_now();
    timer_delay_us(10);
    t1 = timer_now();
    CHECK(t1 - t0 >= 10 * (SYSCLK_HZ / 1000000u));
}

int main(void)
{
    CHECK_EQ(timer_compare() >> 32, 0xffffffffu);   /* reset value */
    test_mtip_level();
    trap_set_irq_handler(TRAP_IRQ_TIMER, timer_handler, NULL);
    cpu_mie_set(MIE_MTIE);
    test_irq_time(10);
    test_irq_time(100);
    test_irq_time(1000);
    test_irq_time(20000);
    test_carry();
    cpu_mie_clear(MIE_MTIE);
    test_delay();
    return fwtest_done("timer");
}
