/* Internals shared by the telephony DSP sources: the sine oscillator. */
#ifndef OBTI_TEL_PRIV_H
#define OBTI_TEL_PRIV_H

#include "tel.h"

/* Set an oscillator to freq_hz (phase reset to 0) at level_dbx10 dBm0. */
void tel_osc_set(struct tel_osc *o, unsigned freq_hz, int level_dbx10);

/* The next sample of the sine, then advance the phase. */
int32_t tel_osc_next(struct tel_osc *o);

/* Saturate to 16 bits. */
static inline int16_t tel_sat16(int32_t v)
{
    return (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

#endif
