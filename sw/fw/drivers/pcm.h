/* PCM highway master driver (docs/registers/pcm.md, docs/telephone.md):
 * bit clock, frame sync, per-channel time slots and formats, sample FIFOs. */
#ifndef OBTI_PCM_H
#define OBTI_PCM_H

#include <stdint.h>

#define PCM_CH_STRIDE 0x20u     /* channel n's registers: CH0_* + n * stride */
#define PCM_FIFO_MIN  160u      /* 20 ms at 8 kHz: the smallest FIFO we accept */

enum pcm_fmt {
    PCM_FMT_ULAW = 0,           /* G.711 mu-law, coded in hardware */
    PCM_FMT_ALAW = 1,           /* G.711 A-law, coded in hardware */
    PCM_FMT_PASS = 2,           /* 8-bit code as is (companding in the SLIC) */
    PCM_FMT_LINEAR = 3,         /* 16-bit two's complement, two time slots */
};

struct pcm_config {
    uint32_t clk_hz;            /* system clock, a multiple of 8000 */
    uint32_t bclk_hz;           /* 256000 .. 8192000, a multiple of 8000 */
    int long_fsync;             /* 0 = short (FSYNC for bit 0), 1 = long (bits 0..7) */
};

/* Stop the highway, program the clocks and flush every FIFO; channels are
 * left disabled. Returns 0 or OBTI_EINVAL (clocks out of range, or the bit
 * clock faster than a quarter of the system clock). */
int pcm_init(const struct pcm_config *cfg);

/* Configure channel ch: format and time slots (first bit clock after the
 * one FSYNC rises in; the slot must end inside the frame). Call while the
 * highway is stopped. Returns 0 or OBTI_EINVAL. */
int pcm_channel(unsigned ch, enum pcm_fmt fmt, unsigned tx_slot, unsigned rx_slot, int enable);

/* Start and stop BCLK/FSYNC. */
void pcm_start(void);
void pcm_stop(void);

/* Number of channels and FIFO depth of this build. */
unsigned pcm_channels(void);
unsigned pcm_fifo_depth(void);

/* Queue up to n samples for transmission; returns how many were queued
 * (0 when the FIFO is full). */
int pcm_write(unsigned ch, const int16_t *s, unsigned n);

/* Take up to n received samples; returns how many were read. */
int pcm_read(unsigned ch, int16_t *s, unsigned n);

/* FIFO levels in samples. */
unsigned pcm_tx_level(unsigned ch);
unsigned pcm_rx_level(unsigned ch);

/* Thresholds for the interrupt (IE.TX: level <= tx, IE.RX: level >= rx)
 * and the enables (PCM_IE_TX_MASK, PCM_IE_RX_MASK of regs_pcm.h). */
int pcm_set_thresholds(unsigned ch, unsigned tx, unsigned rx);
void pcm_irq_enable(uint32_t mask);
void pcm_irq_disable(uint32_t mask);

/* Underrun and overrun counts since the last call; clears them. */
void pcm_take_errors(unsigned ch, uint32_t *underruns, uint32_t *overruns);

/* Frames since pcm_start(). */
uint32_t pcm_frames(void);

#endif /* OBTI_PCM_H */
