/* DTMF generator: a string of digits as tone bursts and pauses. */
#include "tel_priv.h"
#include "obti_err.h"

static const uint16_t dtmf_row_hz[4] = { 697, 770, 852, 941 };
static const uint16_t dtmf_col_hz[4] = { 1209, 1336, 1477, 1633 };
static const char dtmf_keys[4][4] = {
    { '1', '2', '3', 'A' },
    { '4', '5', '6', 'B' },
    { '7', '8', '9', 'C' },
    { '*', '0', '#', 'D' },
};

/* Row and column of a digit; -1 when it is not a DTMF key. */
static int dtmf_key_pos(char c, unsigned *row, unsigned *col)
{
    for (unsigned r = 0; r < 4; r++)
        for (unsigned k = 0; k < 4; k++)
            if (dtmf_keys[r][k] == c) {
                *row = r;
                *col = k;
                return 0;
            }
    return -1;
}

int dtmf_gen_start(struct dtmf_gen *g, const char *digits, unsigned on_ms,
                   unsigned off_ms, int lo_dbx10, int hi_dbx10)
{
    size_t n = 0;
    unsigned r, c;
    g->count = 0;
    if (digits == NULL || on_ms == 0 || on_ms > 60000 || off_ms > 60000)
        return OBTI_EINVAL;
    for (; digits[n] != '\0'; n++)
        if (n >= DTMF_GEN_MAX || dtmf_key_pos(digits[n], &r, &c) != 0)
            return OBTI_EINVAL;
    if (n == 0)
        return OBTI_EINVAL;
    for (size_t i = 0; i < n; i++)
        g->digits[i] = digits[i];
    g->count = (uint8_t)n;
    g->index = 0;
    g->pos = 0;
    g->on_samples = on_ms * (TEL_RATE_HZ / 1000);
    g->off_samples = off_ms * (TEL_RATE_HZ / 1000);
    g->lo_dbx10 = lo_dbx10;
    g->hi_dbx10 = hi_dbx10;
    return 0;
}

int dtmf_gen_fill(struct dtmf_gen *g, int16_t *out, size_t n)
{
    if (out == NULL)
        n = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t v = 0;
        if (g->index < g->count) {
            if (g->pos == 0) {
                unsigned r = 0, c = 0;
                (void)dtmf_key_pos(g->digits[g->index], &r, &c);
                tel_osc_set(&g->lo, dtmf_row_hz[r], g->lo_dbx10);
                tel_osc_set(&g->hi, dtmf_col_hz[c], g->hi_dbx10);
            }
            if (g->pos < g->on_samples)
                v = tel_osc_next(&g->lo) + tel_osc_next(&g->hi);
            if (++g->pos >= g->on_samples + g->off_samples) {
                g->pos = 0;
                g->index++;
            }
        }
        out[i] = tel_sat16(v);
    }
    return g->index < g->count;
}
