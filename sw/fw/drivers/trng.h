/* TRNG driver (docs/trng.md, docs/registers/trng.md): noise-diode or
 * ring-oscillator source, hardware SP 800-90B health tests, raw words from
 * the FIFO, SHA-256 conditioning in software. */
#ifndef OBTI_TRNG_H
#define OBTI_TRNG_H

#include <stddef.h>
#include <stdint.h>

#define TRNG_SRC_DIODE 0u
#define TRNG_SRC_RING  1u

/* Health-test state, read together by trng_status(). */
struct trng_state {
    uint32_t status;      /* STATUS register (TRNG_STATUS_*_MASK) */
    uint32_t rct_fails;   /* samples that failed the repetition count test */
    uint32_t apt_fails;   /* windows that failed the adaptive proportion test */
    uint32_t alarm_at;    /* sample index of the first failure, 0 = none */
    uint32_t max_run;     /* longest run seen */
    uint32_t max_apt;     /* largest APT count seen */
    uint32_t samples;     /* samples since the last restart */
};

/* Program the sample period (1..65535 cycles), the default cutoffs, normal
 * mode and the diode source, and clear any alarm. The sampler stays off: the
 * reads switch it on for as long as they need it, and each such session
 * begins with the start-up test (1024 samples). Returns 0 or OBTI_EINVAL. */
int trng_init(uint32_t div);

/* Select TRNG_SRC_DIODE or TRNG_SRC_RING (while sampling: restarts the
 * start-up test). Returns 0 or OBTI_EINVAL. */
int trng_select_source(uint32_t src);

/* Keep the sampler running between reads (1), or let reads switch it on
 * and off (0, the default after trng_init). Switching it on restarts the
 * start-up test. */
int trng_run(int on);

/* Raw mode on (1) or off (0): every sample into the FIFO, unconditioned and
 * also during the start-up test and in alarm -- for assessment only. */
int trng_set_raw(int on);

/* Health-test cutoffs: RCT 2..255, APT 2..1024. Returns 0 or OBTI_EINVAL. */
int trng_set_cutoffs(uint32_t rct, uint32_t apt);

/* n raw, health-tested words (the sampler is switched on if it is off, and
 * off again afterwards), waiting while the start-up test runs. Returns 0,
 * OBTI_EALARM (nothing valid: words are wiped) or OBTI_ETIMEDOUT (no sample
 * arrived in time). In raw mode the words are unprocessed samples and the
 * alarm is not checked. */
int trng_read(uint32_t *words, size_t n);

/* len conditioned bytes: SHA-256 over each 512 health-tested raw bits.
 * Returns 0 or an error of trng_read (then out is wiped). */
int trng_read_conditioned(uint8_t *out, size_t len);

/* Snapshot of the health tests. Returns 0, or OBTI_EALARM when in alarm. */
int trng_status(struct trng_state *st);

/* Clear the alarm and its counters; the start-up test runs again. */
int trng_clear_alarm(void);

/* TRNG_IRQ: interrupt on alarm. */
void trng_irq_enable(uint32_t mask);
void trng_irq_disable(uint32_t mask);

#endif /* OBTI_TRNG_H */
