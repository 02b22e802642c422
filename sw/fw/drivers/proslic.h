/* ProSLIC Si3210/Si3215 SLIC + codec driver over the SLIC SPI master
 * (docs/telephone.md, "ProSLIC driver"): reset and identification, PCM mode
 * and time slots (registers 1-5), linefeed (64), ringing with the chip's
 * cadence timers (34, 48-51), hook state (68) and interrupts (18-23).
 * Register numbers and bits are the Si3210 datasheet's direct registers. */
#ifndef OBTI_PROSLIC_H
#define OBTI_PROSLIC_H

#include <stdint.h>

/* Direct registers used by this driver. */
#define PROSLIC_REG_ID          0u    /* SPI mode select: PARTNUM[5:4], REV[3:0] */
#define PROSLIC_REG_PCM_MODE    1u    /* PCME bit 5, PCMF[4:3]; bit 7 reads 1 on an Si3215 */
#define PROSLIC_REG_PCM_TXS_LO  2u    /* DTX (SLIC -> highway) start count [7:0] */
#define PROSLIC_REG_PCM_TXS_HI  3u    /* [1:0] = count [9:8] */
#define PROSLIC_REG_PCM_RXS_LO  4u    /* DRX (highway -> SLIC) start count [7:0] */
#define PROSLIC_REG_PCM_RXS_HI  5u
#define PROSLIC_REG_LOOPBACK    8u    /* 0x02 after reset: the sanity check */
#define PROSLIC_REG_HYBRID      11u   /* 0x33 after reset: the sanity check */
#define PROSLIC_REG_IRQ1        18u   /* interrupt status 1..3, write 1 to clear */
#define PROSLIC_REG_IRQ2        19u
#define PROSLIC_REG_IRQ3        20u
#define PROSLIC_REG_IE1         21u   /* interrupt enables, same bits */
#define PROSLIC_REG_IE2         22u
#define PROSLIC_REG_IE3         23u
#define PROSLIC_REG_RING_OSC    34u   /* ringing oscillator control: timer enables */
#define PROSLIC_REG_RING_ON_LO  48u   /* ringing active time, 125 us units */
#define PROSLIC_REG_RING_ON_HI  49u
#define PROSLIC_REG_RING_OFF_LO 50u   /* ringing inactive time, 125 us units */
#define PROSLIC_REG_RING_OFF_HI 51u
#define PROSLIC_REG_LINEFEED    64u   /* LF[2:0] written, LFS[6:4] the actual state */
#define PROSLIC_REG_LOOP_STAT   68u   /* LCR bit 0 (loop closed), RTP bit 1 (ring trip) */

#define PROSLIC_PCM_PCME        0x20u
#define PROSLIC_PCM_PCMF_SHIFT  3u
#define PROSLIC_RING_OSC_TIMERS 0x18u /* active (bit 3) and inactive (bit 4) timer enables */

/* proslic_take_irqs() bits: reg 18 in bits 7:0, reg 19 in 15:8, reg 20 in 23:16. */
#define PROSLIC_IRQ_RING_ACTIVE   (1u << 4)   /* ringing active timer expired: a burst ended */
#define PROSLIC_IRQ_RING_INACTIVE (1u << 5)   /* ringing inactive timer expired: a burst starts */
#define PROSLIC_IRQ_RING_TRIP     (1u << 8)   /* off-hook while ringing */
#define PROSLIC_IRQ_LOOP          (1u << 9)   /* loop closure changed */

#define PROSLIC_TICK_US 125u                  /* cadence timer unit */
#define PROSLIC_CADENCE_MAX_MS 8191u          /* 16-bit count of 125 us */

enum proslic_linefeed {
    PROSLIC_LF_OPEN = 0,
    PROSLIC_LF_FWD_ACTIVE = 1,
    PROSLIC_LF_FWD_OHT = 2,      /* forward on-hook transmission */
    PROSLIC_LF_TIP_OPEN = 3,
    PROSLIC_LF_RINGING = 4,
    PROSLIC_LF_REV_ACTIVE = 5,
    PROSLIC_LF_REV_OHT = 6,
    PROSLIC_LF_RING_OPEN = 7,
};

enum proslic_pcm_fmt {           /* PCMF: the SLIC's own companding */
    PROSLIC_PCM_ALAW = 0,
    PROSLIC_PCM_ULAW = 1,
    PROSLIC_PCM_LINEAR = 3,      /* 16-bit, two slots */
};

struct proslic_config {
    unsigned cs;                 /* SPI chip select */
    enum proslic_pcm_fmt fmt;
    unsigned tx_slot;            /* first bit clock of DTX (the SoC's PCM RXS) */
    unsigned rx_slot;            /* first bit clock of DRX (the SoC's PCM TXS) */
};

struct proslic {
    unsigned cs;
    uint8_t rev;                 /* REV[3:0] of register 0 */
    uint8_t si3215;              /* 1 for the Si3215 family (register 1 bit 7) */
    uint8_t pcm_mode;            /* register 1 as written */
    uint8_t lf;                  /* linefeed last written */
};

/* Pulse RESET (the SPI master must be initialised and the PCM highway
 * running, the SLIC takes its clock from PCLK), identify the part, check
 * the reset values of registers 8, 11 and 64, program PCM mode and slots
 * (PCM enabled), enable the loop-closure, ring-trip and ringing-timer
 * interrupts and set the linefeed to forward active. Returns 0, OBTI_EINVAL
 * (slot above 1023), OBTI_EIO (no ProSLIC answers, or a register does not
 * hold its reset value) or an SPI error. */
int proslic_init(struct proslic *p, const struct proslic_config *cfg);

/* PCM on the SLIC on (1) or off (0): turn it off before the highway's
 * clock stops or changes, on again once it runs. Returns 0 or an error. */
int proslic_pcm_enable(struct proslic *p, int on);

/* Change the SLIC's companding (PCMF), keeping PCME. Returns 0, OBTI_EINVAL
 * or an SPI error. */
int proslic_pcm_format(struct proslic *p, enum proslic_pcm_fmt fmt);

/* Set / read back the linefeed (read: LFS, the state the chip is in).
 * Returns 0 / the state 0..7, or an error. */
int proslic_set_linefeed(struct proslic *p, enum proslic_linefeed lf);
int proslic_linefeed(struct proslic *p);

/* Ring with the chip's cadence timers: on_ms of ringing, off_ms of silence,
 * repeated until proslic_ring_stop (each 1..PROSLIC_CADENCE_MAX_MS, in
 * 125 us steps; on_ms = 0 rings without cadence). Returns 0 or OBTI_EINVAL. */
int proslic_ring_start(struct proslic *p, unsigned on_ms, unsigned off_ms);

/* Stop ringing: linefeed forward active, cadence timers off. */
int proslic_ring_stop(struct proslic *p);

/* Loop closure (register 68 LCR): 1 = off-hook, 0 = on-hook, or an error. */
int proslic_loop_closed(struct proslic *p);

/* Read and clear the interrupt status registers 18-20: PROSLIC_IRQ_* bits
 * in *irqs. Returns 0 or an error. */
int proslic_take_irqs(struct proslic *p, uint32_t *irqs);

/* 1 while the SLIC's INT pin is asserted. */
int proslic_irq_pending(void);

#endif /* OBTI_PROSLIC_H */
