/* The known-answer checksum of the tone and DTMF generators (see
 * telbench_kat.h). */
#include "telbench_kat.h"
#include "tel.h"

static uint32_t fnv_frame(uint32_t h, const int16_t *x, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        uint16_t v = (uint16_t)x[i];
        h = (h ^ (v & 0xffu)) * 16777619u;
        h = (h ^ (v >> 8)) * 16777619u;
    }
    return h;
}

uint32_t telbench_kat_fnv(void)
{
    uint32_t h = 2166136261u;
    int16_t buf[TEL_FRAME];
    struct tone_gen t;
    struct dtmf_gen g;

    tone_gen_init(&t);
    for (int k = TONE_DIAL; k <= TONE_REORDER; k++) {
        if (tone_gen_start(&t, (enum tone_kind)k) != 0)
            return 0;
        for (int f = 0; f < 13; f++) {
            tone_gen_fill(&t, buf, TEL_FRAME);
            h = fnv_frame(h, buf, TEL_FRAME);
        }
    }
    if (dtmf_gen_start(&g, TELBENCH_DIGITS, 60, 60, -80, -60) != 0)
        return 0;
    while (dtmf_gen_fill(&g, buf, TEL_FRAME))
        h = fnv_frame(h, buf, TEL_FRAME);
    return h;
}
