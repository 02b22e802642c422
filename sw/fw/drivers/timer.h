/* Machine timer driver (docs/registers/timer.md): 64-bit mtime counting
 * system clock cycles, mtimecmp for mip.MTIP, and the msip bit (mip.MSIP). */
#ifndef OBTI_TIMER_H
#define OBTI_TIMER_H

#include <stdint.h>

/* System clock in Hz; mtime counts at this rate. */
#ifndef SYSCLK_HZ
#define SYSCLK_HZ 100000000u
#endif

#define TIMER_NEVER UINT64_MAX

/* Current mtime (hi, lo, hi read; retried across a carry). */
uint64_t timer_now(void);

/* Set mtime (for tests; the counter keeps running from the new value). */
void timer_set_now(uint64_t t);

/* mip.MTIP is 1 while mtime >= when. The high word is parked at all-ones
 * while the low word changes, so no spurious interrupt can occur. */
void timer_set_compare(uint64_t when);

/* Current mtimecmp. */
uint64_t timer_compare(void);

/* Clear mip.MTIP for good: mtimecmp = TIMER_NEVER. */
static inline void timer_cancel(void) { timer_set_compare(TIMER_NEVER); }

/* Busy-wait for a number of clock cycles (mtime ticks). */
void timer_delay_cycles(uint64_t cycles);

/* Busy-wait for a number of microseconds at SYSCLK_HZ. */
void timer_delay_us(uint32_t us);

/* Raise (1) or clear (0) the machine software interrupt, mip.MSIP. */
void timer_set_soft(int pending);

#endif /* OBTI_TIMER_H */
