/* Call-progress tones of the North American precise tone plan: two
 * summed sines with an on/off cadence, produced sample by sample. */
#include "tel_priv.h"
#include "obti_err.h"

struct tone_def {
    uint16_t f1, f2;        /* Hz */
    int16_t  level_dbx10;   /* each tone, dBm0 x 10 */
    uint16_t on_ms, off_ms; /* off_ms 0: continuous */
};

static const struct tone_def tone_defs[TONE_KINDS] = {
    [TONE_OFF]      = { 0, 0, 0, 0, 0 },
    [TONE_DIAL]     = { 350, 440, -130, 1000, 0 },
    [TONE_RINGBACK] = { 440, 480, -190, 2000, 4000 },
    [TONE_BUSY]     = { 480, 620, -240, 500, 500 },
    [TONE_REORDER]  = { 480, 620, -240, 250, 250 },
};

void tone_gen_init(struct tone_gen *t)
{
    (void)tone_gen_start(t, TONE_OFF);
}

int tone_gen_start(struct tone_gen *t, enum tone_kind kind)
{
    if ((unsigned)kind >= TONE_KINDS)
        return OBTI_EINVAL;
    const struct tone_def *d = &tone_defs[kind];
    t->kind = kind;
    tel_osc_set(&t->a, d->f1, d->level_dbx10);
    tel_osc_set(&t->b, d->f2, d->level_dbx10);
    t->on_samples = (uint32_t)d->on_ms * (TEL_RATE_HZ / 1000);
    t->period_samples = t->on_samples + (uint32_t)d->off_ms * (TEL_RATE_HZ / 1000);
    t->pos = 0;
    return 0;
}

void tone_gen_fill(struct tone_gen *t, int16_t *out, size_t n)
{
    if (out == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        int32_t v = 0;
        if (t->kind != TONE_OFF && t->pos < t->on_samples)
            v = tel_osc_next(&t->a) + tel_osc_next(&t->b);
        out[i] = tel_sat16(v);
        if (t->kind != TONE_OFF && ++t->pos >= t->period_samples) {
            t->pos = 0;
            /* Each burst starts at phase 0, as from a keyed oscillator. */
            t->a.phase = 0;
            t->b.phase = 0;
        }
    }
}
