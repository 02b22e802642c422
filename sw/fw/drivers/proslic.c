/* ProSLIC Si3210/Si3215 driver. */
#include "proslic.h"

#include <stddef.h>

#include "obti_err.h"
#include "spi.h"
#include "timer.h"

#define PROSLIC_RESET_US  100u    /* RESET low, then settle, before the first access */

static int wr(struct proslic *p, uint8_t reg, uint8_t val) { return spi_write(p->cs, reg, val); }
static int rd(struct proslic *p, uint8_t reg) { return spi_read(p->cs, reg); }

#define TRY(x) do { int r_ = (x); if (r_ < 0) return r_; } while (0)

int proslic_init(struct proslic *p, const struct proslic_config *cfg)
{
    if (!p || !cfg || cfg->tx_slot > 1023u || cfg->rx_slot > 1023u || cfg->cs > 3u ||
        (cfg->fmt != PROSLIC_PCM_ALAW && cfg->fmt != PROSLIC_PCM_ULAW && cfg->fmt != PROSLIC_PCM_LINEAR))
        return OBTI_EINVAL;
    p->cs = cfg->cs;
    spi_slic_reset(1);
    timer_delay_us(PROSLIC_RESET_US);
    spi_slic_reset(0);
    timer_delay_us(PROSLIC_RESET_US);

    int id = rd(p, PROSLIC_REG_ID);
    TRY(id);
    /* REV 0 and 15 are what a missing chip (SDO stuck) reads as */
    if ((id & 0x0f) == 0 || (id & 0x0f) == 0x0f || (id & 0x30) != 0) return OBTI_EIO;
    p->rev = (uint8_t)(id & 0x0f);
    int pm = rd(p, PROSLIC_REG_PCM_MODE);
    TRY(pm);
    p->si3215 = (pm & 0x80) != 0;
    int v = rd(p, PROSLIC_REG_LOOPBACK);
    TRY(v);
    if (v != 0x02) return OBTI_EIO;
    v = rd(p, PROSLIC_REG_HYBRID);
    TRY(v);
    if (v != 0x33) return OBTI_EIO;
    v = rd(p, PROSLIC_REG_LINEFEED);
    TRY(v);
    if ((v & 0x07) != PROSLIC_LF_OPEN) return OBTI_EIO;

    TRY(wr(p, PROSLIC_REG_PCM_TXS_LO, (uint8_t)cfg->tx_slot));
    TRY(wr(p, PROSLIC_REG_PCM_TXS_HI, (uint8_t)(cfg->tx_slot >> 8)));
    TRY(wr(p, PROSLIC_REG_PCM_RXS_LO, (uint8_t)cfg->rx_slot));
    TRY(wr(p, PROSLIC_REG_PCM_RXS_HI, (uint8_t)(cfg->rx_slot >> 8)));
    p->pcm_mode = (uint8_t)(PROSLIC_PCM_PCME | ((unsigned)cfg->fmt << PROSLIC_PCM_PCMF_SHIFT));
    TRY(wr(p, PROSLIC_REG_PCM_MODE, p->pcm_mode));
    if (rd(p, PROSLIC_REG_PCM_TXS_LO) != (int)(cfg->tx_slot & 0xff)) return OBTI_EIO;

    /* clear anything pending from before, then enable what the driver serves */
    uint32_t stale;
    TRY(proslic_take_irqs(p, &stale));
    TRY(wr(p, PROSLIC_REG_IE1, (uint8_t)(PROSLIC_IRQ_RING_ACTIVE | PROSLIC_IRQ_RING_INACTIVE)));
    TRY(wr(p, PROSLIC_REG_IE2, (uint8_t)((PROSLIC_IRQ_RING_TRIP | PROSLIC_IRQ_LOOP) >> 8)));
    TRY(wr(p, PROSLIC_REG_IE3, 0));
    return proslic_set_linefeed(p, PROSLIC_LF_FWD_ACTIVE);
}

int proslic_pcm_enable(struct proslic *p, int on)
{
    uint8_t v = on ? (uint8_t)(p->pcm_mode | PROSLIC_PCM_PCME) : (uint8_t)(p->pcm_mode & ~PROSLIC_PCM_PCME);
    TRY(wr(p, PROSLIC_REG_PCM_MODE, v));
    p->pcm_mode = v;
    return 0;
}

int proslic_pcm_format(struct proslic *p, enum proslic_pcm_fmt fmt)
{
    if (fmt != PROSLIC_PCM_ALAW && fmt != PROSLIC_PCM_ULAW && fmt != PROSLIC_PCM_LINEAR) return OBTI_EINVAL;
    uint8_t v = (uint8_t)((p->pcm_mode & PROSLIC_PCM_PCME) | ((unsigned)fmt << PROSLIC_PCM_PCMF_SHIFT));
    TRY(wr(p, PROSLIC_REG_PCM_MODE, v));
    p->pcm_mode = v;
    return 0;
}

int proslic_set_linefeed(struct proslic *p, enum proslic_linefeed lf)
{
    if ((unsigned)lf > 7u) return OBTI_EINVAL;
    TRY(wr(p, PROSLIC_REG_LINEFEED, (uint8_t)lf));
    p->lf = (uint8_t)lf;
    return 0;
}

int proslic_linefeed(struct proslic *p)
{
    int v = rd(p, PROSLIC_REG_LINEFEED);
    return v < 0 ? v : (v >> 4) & 7;
}

static int set_timer(struct proslic *p, uint8_t lo_reg, unsigned ms)
{
    uint32_t ticks = ms * (1000u / PROSLIC_TICK_US);
    TRY(wr(p, lo_reg, (uint8_t)ticks));
    return wr(p, (uint8_t)(lo_reg + 1u), (uint8_t)(ticks >> 8));
}

int proslic_ring_start(struct proslic *p, unsigned on_ms, unsigned off_ms)
{
    if (on_ms > PROSLIC_CADENCE_MAX_MS || (on_ms && (off_ms == 0 || off_ms > PROSLIC_CADENCE_MAX_MS)))
        return OBTI_EINVAL;
    if (on_ms) {
        TRY(set_timer(p, PROSLIC_REG_RING_ON_LO, on_ms));
        TRY(set_timer(p, PROSLIC_REG_RING_OFF_LO, off_ms));
    }
    TRY(wr(p, PROSLIC_REG_RING_OSC, on_ms ? PROSLIC_RING_OSC_TIMERS : 0));
    return proslic_set_linefeed(p, PROSLIC_LF_RINGING);
}

int proslic_ring_stop(struct proslic *p)
{
    TRY(proslic_set_linefeed(p, PROSLIC_LF_FWD_ACTIVE));
    return wr(p, PROSLIC_REG_RING_OSC, 0);
}

int proslic_loop_closed(struct proslic *p)
{
    int v = rd(p, PROSLIC_REG_LOOP_STAT);
    return v < 0 ? v : (v & 1);
}

int proslic_take_irqs(struct proslic *p, uint32_t *irqs)
{
    uint32_t all = 0;
    for (unsigned i = 0; i < 3u; i++) {
        int v = rd(p, (uint8_t)(PROSLIC_REG_IRQ1 + i));
        TRY(v);
        if (v) TRY(wr(p, (uint8_t)(PROSLIC_REG_IRQ1 + i), (uint8_t)v));   /* write 1 to clear */
        all |= (uint32_t)v << (8u * i);
    }
    if (irqs) *irqs = all;
    return 0;
}

int proslic_irq_pending(void) { return spi_slic_int(); }
