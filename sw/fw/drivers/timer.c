/* Machine timer driver. */
#include "timer.h"

#include <obti/regs_timer.h>

#include "cpu.h"

static inline uint32_t timer_rd(uint32_t off) { return mmio_read32(TIMER_BASE + off); }
static inline void timer_wr(uint32_t off, uint32_t v) { mmio_write32(TIMER_BASE + off, v); }

uint64_t timer_now(void)
{
    uint32_t hi, lo, hi2;

    do {
        hi  = timer_rd(TIMER_MTIMEH);
        lo  = timer_rd(TIMER_MTIME);
        hi2 = timer_rd(TIMER_MTIMEH);
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

void timer_set_now(uint64_t t)
{
    /* Low word 0 first, so the low word cannot carry into the new high. */
    timer_wr(TIMER_MTIME, 0);
    timer_wr(TIMER_MTIMEH, (uint32_t)(t >> 32));
    timer_wr(TIMER_MTIME, (uint32_t)t);
}

void timer_set_compare(uint64_t when)
{
    timer_wr(TIMER_MTIMECMPH, 0xffffffffu);
    timer_wr(TIMER_MTIMECMP, (uint32_t)when);
    timer_wr(TIMER_MTIMECMPH, (uint32_t)(when >> 32));
}

uint64_t timer_compare(void)
{
    return ((uint64_t)timer_rd(TIMER_MTIMECMPH) << 32) | timer_rd(TIMER_MTIMECMP);
}

void timer_delay_cycles(uint64_t cycles)
{
    uint64_t end = timer_now() + cycles;

    while (timer_now() < end)
        ;
}

void timer_delay_us(uint32_t us)
{
    timer_delay_cycles((uint64_t)us * (SYSCLK_HZ / 1000000u));
}

void timer_set_soft(int pending)
{
    timer_wr(TIMER_MSIP, pending ? TIMER_MSIP_MSIP_MASK : 0u);
}
