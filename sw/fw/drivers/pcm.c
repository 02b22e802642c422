/* PCM highway master driver. */
#include "pcm.h"

#include <obti/regs_pcm.h>

#include "cpu.h"
#include "obti_err.h"

static inline uint32_t pcm_rd(uint32_t off) { return mmio_read32(PCM_BASE + off); }
static inline void pcm_wr(uint32_t off, uint32_t v) { mmio_write32(PCM_BASE + off, v); }
static inline uint32_t ch_off(unsigned ch, uint32_t reg) { return reg + ch * PCM_CH_STRIDE; }

unsigned pcm_channels(void) { return (pcm_rd(PCM_INFO) & PCM_INFO_CHANNELS_MASK) >> PCM_INFO_CHANNELS_SHIFT; }
unsigned pcm_fifo_depth(void) { return (pcm_rd(PCM_INFO) & PCM_INFO_DEPTH_MASK) >> PCM_INFO_DEPTH_SHIFT; }

int pcm_init(const struct pcm_config *cfg)
{
    if (!cfg || cfg->clk_hz % 8000u || cfg->bclk_hz % 8000u || cfg->bclk_hz < 256000u ||
        cfg->bclk_hz > 8192000u || cfg->clk_hz / 8000u > 0xffffu || cfg->bclk_hz > cfg->clk_hz / 4u)
        return OBTI_EINVAL;
    pcm_wr(PCM_CTRL, 0);
    for (unsigned ch = 0; ch < pcm_channels(); ch++)
        pcm_wr(ch_off(ch, PCM_CH0_CFG), 0);
    pcm_wr(PCM_BITS, cfg->bclk_hz / 8000u);
    pcm_wr(PCM_FRAME, cfg->clk_hz / 8000u);
    pcm_wr(PCM_IE, 0);
    pcm_wr(PCM_CTRL, (cfg->long_fsync ? PCM_CTRL_LONGFS_MASK : 0) | PCM_CTRL_TXFLUSH_MASK | PCM_CTRL_RXFLUSH_MASK);
    return 0;
}

int pcm_channel(unsigned ch, enum pcm_fmt fmt, unsigned tx_slot, unsigned rx_slot, int enable)
{
    unsigned bits = pcm_rd(PCM_BITS) & PCM_BITS_BITS_MASK;
    unsigned w = fmt == PCM_FMT_LINEAR ? 16u : 8u;
    if (ch >= pcm_channels() || (unsigned)fmt > 3u || tx_slot + w > bits || rx_slot + w > bits)
        return OBTI_EINVAL;
    pcm_wr(ch_off(ch, PCM_CH0_SLOT), (rx_slot << PCM_CH0_SLOT_RXS_SHIFT) | (tx_slot << PCM_CH0_SLOT_TXS_SHIFT));
    pcm_wr(ch_off(ch, PCM_CH0_CFG), ((unsigned)fmt << PCM_CH0_CFG_FMT_SHIFT) | (enable ? PCM_CH0_CFG_EN_MASK : 0));
    return 0;
}

void pcm_start(void) { pcm_wr(PCM_CTRL, (pcm_rd(PCM_CTRL) & PCM_CTRL_LONGFS_MASK) | PCM_CTRL_EN_MASK); }
void pcm_stop(void) { pcm_wr(PCM_CTRL, pcm_rd(PCM_CTRL) & PCM_CTRL_LONGFS_MASK); }

unsigned pcm_tx_level(unsigned ch)
{
    return (pcm_rd(ch_off(ch, PCM_CH0_LEVEL)) & PCM_CH0_LEVEL_TX_MASK) >> PCM_CH0_LEVEL_TX_SHIFT;
}

unsigned pcm_rx_level(unsigned ch)
{
    return (pcm_rd(ch_off(ch, PCM_CH0_LEVEL)) & PCM_CH0_LEVEL_RX_MASK) >> PCM_CH0_LEVEL_RX_SHIFT;
}

int pcm_write(unsigned ch, const int16_t *s, unsigned n)
{
    if (ch >= pcm_channels()) return OBTI_EINVAL;
    unsigned room = pcm_fifo_depth() - pcm_tx_level(ch);
    if (n > room) n = room;
    for (unsigned i = 0; i < n; i++)
        pcm_wr(ch_off(ch, PCM_CH0_TX), (uint16_t)s[i]);
    return (int)n;
}

int pcm_read(unsigned ch, int16_t *s, unsigned n)
{
    if (ch >= pcm_channels()) return OBTI_EINVAL;
    unsigned i;
    for (i = 0; i < n; i++) {
        uint32_t v = pcm_rd(ch_off(ch, PCM_CH0_RX));
        if (v & PCM_CH0_RX_EMPTY_MASK) break;
        s[i] = (int16_t)(v & PCM_CH0_RX_SAMPLE_MASK);
    }
    return (int)i;
}

int pcm_set_thresholds(unsigned ch, unsigned tx, unsigned rx)
{
    if (ch >= pcm_channels() || tx > pcm_fifo_depth() || rx > pcm_fifo_depth()) return OBTI_EINVAL;
    pcm_wr(ch_off(ch, PCM_CH0_THRESH), (rx << PCM_CH0_THRESH_RX_SHIFT) | (tx << PCM_CH0_THRESH_TX_SHIFT));
    return 0;
}

void pcm_irq_enable(uint32_t mask) { pcm_wr(PCM_IE, pcm_rd(PCM_IE) | mask); }
void pcm_irq_disable(uint32_t mask) { pcm_wr(PCM_IE, pcm_rd(PCM_IE) & ~mask); }

void pcm_take_errors(unsigned ch, uint32_t *underruns, uint32_t *overruns)
{
    uint32_t v = pcm_rd(ch_off(ch, PCM_CH0_ERR));
    pcm_wr(ch_off(ch, PCM_CH0_ERR), 0);
    if (underruns) *underruns = (v & PCM_CH0_ERR_UNDERRUN_MASK) >> PCM_CH0_ERR_UNDERRUN_SHIFT;
    if (overruns) *overruns = (v & PCM_CH0_ERR_OVERRUN_MASK) >> PCM_CH0_ERR_OVERRUN_SHIFT;
}

uint32_t pcm_frames(void) { return pcm_rd(PCM_FRAMES); }
