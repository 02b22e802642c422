/* Telephony DSP for the subscriber line: DTMF detector and generator,
 * call-progress tone generator and hook-switch state machine. Integer
 * only (the core has no FPU); the same sources build for the firmware
 * and for the host tests. See docs/telephone.md, "Telephony DSP". */
#ifndef OBTI_TEL_H
#define OBTI_TEL_H

#include <stddef.h>
#include <stdint.h>

/* Sampling rate and the 20 ms frame of the PCM path and of the voice packets. */
#define TEL_RATE_HZ   8000
#define TEL_FRAME     160

/* Level reference: 0 dBm0 is a sine of peak TEL_DBM0_PEAK in 16-bit linear
 * samples. G.711 puts the mu-law overload (a sine just reaching the largest
 * decision value, 8159 in 14-bit units, 32636 left-justified to 16 bits)
 * at +3.17 dBm0: 32636 / 10^(3.17/20) = 22657. Levels in this API are in
 * tenths of a dB ("dbx10"), e.g. -130 for -13 dBm0. */
#define TEL_DBM0_PEAK 22657

/* Peak amplitude of a sine at level_dbx10 dBm0 (clamped to -90..+3.17 dBm0;
 * 0 below -90 dBm0). Integer only; error below 0.01 dB. */
int32_t tel_level_peak(int level_dbx10);

/* ---- DTMF detector ------------------------------------------------------ */

/* Analysis block: 80 samples (10 ms). A digit is reported once, after
 * three consecutive valid blocks; it ends after three consecutive blocks
 * without it. Thresholds: docs/telephone.md. */
#define DTMF_BLOCK 80
#define DTMF_RUN   3

struct dtmf_det {
    int32_t  s1[8], s2[8];      /* Goertzel states of the current half-block */
    int32_t  re[2][8], im[2][8];/* complex outputs of the two half-blocks */
    int32_t  prev_re[8], prev_im[8]; /* previous full block (fine phase) */
    int64_t  energy;            /* sum of x^2 over the current half-block */
    int64_t  half_energy[2];    /* the same for the two halves of the block */
    uint16_t pos;               /* samples into the current block */
    char     cand;              /* digit of the current run of valid blocks, or 0 */
    uint8_t  cand_blocks;       /* length of that run */
    int32_t  fine[2];           /* last frequency errors of the run's two tones */
    int64_t  run_tone[DTMF_RUN];   /* the run's last blocks: tone energy (offset loss given back) */
    int64_t  run_energy[DTMF_RUN]; /* and total energy */
    char     held;              /* digit reported and not yet ended, or 0 */
    uint8_t  miss_blocks;       /* consecutive blocks without the held digit */
    uint32_t digits;            /* digits reported since init */
    uint32_t dropped;           /* digits lost because the caller's buffer was full */
};

void dtmf_det_init(struct dtmf_det *d);

/* Feed n samples (any n, any block alignment). Each newly detected digit
 * ('0'-'9', '*', '#', 'A'-'D') is stored in digits[], at most max of them;
 * returns how many were stored. Digits beyond max are counted in
 * d->dropped (with at most one new digit per 80 ms, one slot per 20 ms
 * frame is always enough). x NULL feeds nothing. */
size_t dtmf_det_feed(struct dtmf_det *d, const int16_t *x, size_t n,
                     char *digits, size_t max);

/* The digit currently held (tone still present), or 0. */
char dtmf_det_current(const struct dtmf_det *d);

/* ---- DTMF generator ----------------------------------------------------- */

#define DTMF_GEN_MAX 32         /* digits queued by one dtmf_gen_start */

struct tel_osc {                /* one sine: 32-bit phase accumulator */
    uint32_t phase, step;
    int32_t  peak;
};

struct dtmf_gen {
    char     digits[DTMF_GEN_MAX];
    uint8_t  count, index;
    uint32_t on_samples, off_samples, pos;
    struct tel_osc lo, hi;
    int      lo_dbx10, hi_dbx10;
};

/* Queue a string of digits, each a tone of on_ms then a pause of off_ms,
 * low-group tone at lo_dbx10 and high-group tone at hi_dbx10 dBm0 (a
 * telephone sends about -80/-60). Returns 0, or OBTI_EINVAL for an
 * unknown digit, an empty or too long string or on_ms == 0. */
int dtmf_gen_start(struct dtmf_gen *g, const char *digits, unsigned on_ms,
                   unsigned off_ms, int lo_dbx10, int hi_dbx10);

/* Write n samples (silence once the string is done). Returns 1 while
 * digits remain to be played, 0 when done. */
int dtmf_gen_fill(struct dtmf_gen *g, int16_t *out, size_t n);

/* ---- Call-progress tones (North American precise tone plan) ------------- */

enum tone_kind {
    TONE_OFF = 0,
    TONE_DIAL,      /* 350 + 440 Hz, -13 dBm0 each, continuous */
    TONE_RINGBACK,  /* 440 + 480 Hz, -19 dBm0 each, 2 s on, 4 s off */
    TONE_BUSY,      /* 480 + 620 Hz, -24 dBm0 each, 0.5 s on, 0.5 s off */
    TONE_REORDER,   /* 480 + 620 Hz, -24 dBm0 each, 0.25 s on, 0.25 s off */
    TONE_KINDS
};

struct tone_gen {
    enum tone_kind kind;
    struct tel_osc a, b;
    uint32_t on_samples, period_samples, pos;
};

void tone_gen_init(struct tone_gen *t);

/* Start a tone from the beginning of its cadence (TONE_OFF: silence).
 * Returns 0, or OBTI_EINVAL for an unknown kind. */
int tone_gen_start(struct tone_gen *t, enum tone_kind kind);

/* Write the next n samples (normally one TEL_FRAME). */
void tone_gen_fill(struct tone_gen *t, int16_t *out, size_t n);

/* ---- Hook switch -------------------------------------------------------- */

/* Debounce and timing, in ms (docs/telephone.md):
 * - the raw loop-closure bit must be stable HOOK_DEBOUNCE_MS before the
 *   debounced state follows it;
 * - a debounced open loop shorter than HOOK_FLASH_MIN_MS is ignored;
 * - HOOK_FLASH_MIN_MS..HOOK_FLASH_MAX_MS open, then closed again: a flash;
 * - open longer than HOOK_FLASH_MAX_MS: on-hook (reported at that moment). */
#define HOOK_DEBOUNCE_MS   10
#define HOOK_FLASH_MIN_MS  100
#define HOOK_FLASH_MAX_MS  1000

enum hook_event {
    HOOK_EV_NONE = 0,
    HOOK_EV_OFF_HOOK,
    HOOK_EV_ON_HOOK,
    HOOK_EV_FLASH
};

struct hook_sm {
    uint8_t  raw;           /* last raw loop-closure bit */
    uint8_t  closed;        /* debounced loop state */
    uint8_t  off_hook;      /* reported state: 1 off-hook */
    uint32_t raw_ms;        /* how long raw has held its level before the last sample */
    uint32_t open_ms;       /* time since the debounced loop opened while off-hook */
};

/* Start on-hook with the loop open. */
void hook_init(struct hook_sm *h);

/* Advance by elapsed_ms with the raw loop-closure bit (1 = loop closed,
 * i.e. off-hook) sampled now; call every 1 ms, or every frame with 20
 * (the timing resolution is then 20 ms). Returns the event, if any. */
enum hook_event hook_feed(struct hook_sm *h, int loop_closed, unsigned elapsed_ms);

/* 1 when off-hook (a flash in progress still counts as off-hook). */
int hook_is_off(const struct hook_sm *h);

#endif
