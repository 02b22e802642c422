/* TRNG driver: configuration, polled reads of health-tested words, and
 * conditioning (trng_cond.c). */
#include "trng.h"

#include <obti/regs_trng.h>
#include <string.h>

#include "cpu.h"
#include "obti_err.h"
#include "trng_cond.h"

static inline uint32_t trng_rd(uint32_t off) { return mmio_read32(TRNG_BASE + off); }
static inline void trng_wr(uint32_t off, uint32_t v) { mmio_write32(TRNG_BASE + off, v); }

int trng_init(uint32_t div)
{
    if (div < 1 || div > 0xffffu)
        return OBTI_EINVAL;
    trng_wr(TRNG_CTRL, 0);
    trng_wr(TRNG_DIV, div);
    trng_wr(TRNG_RCTCUT, TRNG_RCTCUT_RESET);
    trng_wr(TRNG_APTCUT, TRNG_APTCUT_RESET);
    trng_wr(TRNG_IE, 0);
    trng_wr(TRNG_STATUS, TRNG_STATUS_ALARM_MASK | TRNG_STATUS_UNDERRUN_MASK | TRNG_STATUS_OVERRUN_MASK);
    return OBTI_OK;
}

/* The sampler runs only while entropy is being read (each session starts
 * with the start-up test): fewer samples tested means fewer false alarms at
 * alpha = 2^-20 per sample (docs/trng.md), and an idle source. Returns
 * whether this call switched it on. */
static int session_begin(void)
{
    uint32_t c = trng_rd(TRNG_CTRL);

    if (c & TRNG_CTRL_EN_MASK)
        return 0;
    trng_wr(TRNG_CTRL, c | TRNG_CTRL_EN_MASK);
    return 1;
}

static void session_end(int started)
{
    if (started)
        trng_wr(TRNG_CTRL, trng_rd(TRNG_CTRL) & ~TRNG_CTRL_EN_MASK);
}

int trng_select_source(uint32_t src)
{
    uint32_t c;

    if (src != TRNG_SRC_DIODE && src != TRNG_SRC_RING)
        return OBTI_EINVAL;
    c = trng_rd(TRNG_CTRL) & ~TRNG_CTRL_SRC_MASK;
    /* While enabled, a changed SRC restarts the start-up test. */
    trng_wr(TRNG_CTRL, c | (src << TRNG_CTRL_SRC_SHIFT));
    return OBTI_OK;
}

int trng_run(int on)
{
    uint32_t c = trng_rd(TRNG_CTRL) & ~TRNG_CTRL_EN_MASK;

    trng_wr(TRNG_CTRL, c | (on ? TRNG_CTRL_EN_MASK : 0));
    return OBTI_OK;
}

int trng_set_raw(int on)
{
    uint32_t c = trng_rd(TRNG_CTRL) & ~TRNG_CTRL_RAW_MASK;

    trng_wr(TRNG_CTRL, c | (on ? TRNG_CTRL_RAW_MASK : 0));
    return OBTI_OK;
}

int trng_set_cutoffs(uint32_t rct, uint32_t apt)
{
    if (rct < 2 || rct > 255 || apt < 2 || apt > 1024)
        return OBTI_EINVAL;
    trng_wr(TRNG_RCTCUT, rct);
    trng_wr(TRNG_APTCUT, apt);
    return OBTI_OK;
}

static int read_words(uint32_t *words, size_t n)
{
    uint32_t ctrl = trng_rd(TRNG_CTRL);
    uint32_t div = trng_rd(TRNG_DIV);
    int raw = (ctrl & TRNG_CTRL_RAW_MASK) != 0;
    /* Longest honest wait for one word: the start-up test plus a word of
     * samples, at the sample period, with a wide margin. */
    uint64_t patience = (uint64_t)(div ? div : 1) * (1024 + 32) * 4 + 100000;
    uint64_t last = cpu_cycles();

    if (!(ctrl & TRNG_CTRL_EN_MASK))
        return OBTI_EINVAL;
    for (size_t i = 0; i < n;) {
        uint32_t st = trng_rd(TRNG_STATUS);
        if ((st & TRNG_STATUS_ALARM_MASK) && !raw) {
            memset(words, 0, n * sizeof *words);
            return OBTI_EALARM;
        }
        if (st & TRNG_STATUS_LEVEL_MASK) {
            uint32_t k = (st & TRNG_STATUS_LEVEL_MASK) >> TRNG_STATUS_LEVEL_SHIFT;
            while (k-- > 0 && i < n)
                words[i++] = trng_rd(TRNG_DATA);
            last = cpu_cycles();
        } else if (cpu_cycles() - last > patience) {
            memset(words, 0, n * sizeof *words);
            return OBTI_ETIMEDOUT;
        }
    }
    /* A word popped while the alarm tripped was packed before it, but be
     * conservative: nothing read around a failure is used. */
    if (!raw && (trng_rd(TRNG_STATUS) & TRNG_STATUS_ALARM_MASK)) {
        memset(words, 0, n * sizeof *words);
        return OBTI_EALARM;
    }
    return OBTI_OK;
}

int trng_read(uint32_t *words, size_t n)
{
    int started = session_begin();
    int rc = read_words(words, n);

    session_end(started);
    return rc;
}

int trng_read_conditioned(uint8_t *out, size_t len)
{
    int started;
    uint32_t raw[TRNG_COND_IN_WORDS];
    uint8_t block[TRNG_COND_OUT_BYTES];
    size_t done = 0;
    int rc = OBTI_OK;

    started = session_begin();
    while (done < len) {
        size_t n = len - done < sizeof block ? len - done : sizeof block;
        rc = read_words(raw, TRNG_COND_IN_WORDS);
        if (rc != OBTI_OK) {
            memset(out, 0, len);
            break;
        }
        trng_condition(raw, block);
        memcpy(out + done, block, n);
        done += n;
    }
    session_end(started);
    memset(raw, 0, sizeof raw);
    memset(block, 0, sizeof block);
    return rc;
}

int trng_status(struct trng_state *st)
{
    uint32_t fails = trng_rd(TRNG_FAILS), htmax = trng_rd(TRNG_HTMAX);

    st->status = trng_rd(TRNG_STATUS);
    st->rct_fails = (fails & TRNG_FAILS_RCT_MASK) >> TRNG_FAILS_RCT_SHIFT;
    st->apt_fails = (fails & TRNG_FAILS_APT_MASK) >> TRNG_FAILS_APT_SHIFT;
    st->alarm_at = trng_rd(TRNG_ALARMAT);
    st->max_run = (htmax & TRNG_HTMAX_RUN_MASK) >> TRNG_HTMAX_RUN_SHIFT;
    st->max_apt = (htmax & TRNG_HTMAX_APT_MASK) >> TRNG_HTMAX_APT_SHIFT;
    st->samples = trng_rd(TRNG_SAMPLES);
    return (st->status & TRNG_STATUS_ALARM_MASK) ? OBTI_EALARM : OBTI_OK;
}

int trng_clear_alarm(void)
{
    trng_wr(TRNG_STATUS, TRNG_STATUS_ALARM_MASK | TRNG_STATUS_UNDERRUN_MASK | TRNG_STATUS_OVERRUN_MASK);
    return OBTI_OK;
}

void trng_irq_enable(uint32_t mask)
{
    trng_wr(TRNG_IE, trng_rd(TRNG_IE) | (mask & (TRNG_IE_ALARM_MASK | TRNG_IE_AVAIL_MASK)));
}

void trng_irq_disable(uint32_t mask)
{
    trng_wr(TRNG_IE, trng_rd(TRNG_IE) & ~mask);
}
