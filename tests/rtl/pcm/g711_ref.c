/* Independent G.711 model, written from the tables of ITU-T G.711 (Table 1a
 * A-law, Table 2a mu-law: decision values and decoder output values), with
 * the input conventions of the ITU-T G.191 reference (16-bit linear input,
 * negative values by their one's complement magnitude, so -1 codes like 0
 * with the sign bit clear; decision values belong to the upper interval).
 *
 * It works differently from the RTL on purpose: it builds the 128 decision
 * values of each law from the segment table and encodes by searching them,
 * and decodes by the middle of the interval. */
#include "g711_ref.h"

/* A-law, 4096 scale (G.711 Table 1a): 8 segments of 16 intervals; segments
 * 0 and 1 have step 2 (0..32..64), segment s >= 2 step 2^s from 2^(s+4). */
static int alaw_lower(int c) /* c = segment*16 + interval */
{
    int s = c >> 4, q = c & 15;
    return s == 0 ? 2 * q : (16 + q) << s;
}

static int alaw_step(int c)
{
    int s = c >> 4;
    return s == 0 ? 2 : 1 << s;
}

/* mu-law, 8159 scale (G.711 Table 2a): segment k spans decision values
 * 2^(k+5)-33 .. 2^(k+6)-33 in 16 steps of 2^(k+1); the first interval of
 * segment 0 is [0, 1). */
static int ulaw_lower(int c)
{
    int k = c >> 4, q = c & 15;
    int v = ((16 + q) << (k + 1)) - 33;
    return v < 0 ? 0 : v;
}

static int ulaw_out(int c)
{
    int k = c >> 4, q = c & 15;
    if (c == 0) return 0;
    return ((16 + q) << (k + 1)) - 33 + (1 << k);
}

static int ones_mag(int16_t x) { return x < 0 ? -(int)x - 1 : x; }

uint8_t g711_ref_alaw_enc(int16_t x)
{
    int v = ones_mag(x) >> 3; /* 16-bit -> 4096 scale */
    int c = 0;
    for (int i = 0; i < 128; i++)
        if (alaw_lower(i) <= v) c = i;
    return (uint8_t)((x >= 0 ? 0x80 : 0x00) | c) ^ 0x55; /* even bits inverted */
}

int16_t g711_ref_alaw_dec(uint8_t code)
{
    int c = (code ^ 0x55) & 0x7f;
    int mid = alaw_lower(c) * 2 + alaw_step(c); /* 2 * middle, 8192 scale */
    int v = mid * 4;                            /* -> 16-bit */
    return (int16_t)(((code ^ 0x55) & 0x80) ? v : -v);
}

uint8_t g711_ref_ulaw_enc(int16_t x)
{
    int v = ones_mag(x) >> 2; /* 16-bit -> 8159 scale */
    int c = 0;
    for (int i = 0; i < 128; i++)
        if (ulaw_lower(i) <= v) c = i;
    return (uint8_t)(((x >= 0 ? 0x80 : 0x00) | c) ^ 0x7f); /* magnitude bits inverted */
}

int16_t g711_ref_ulaw_dec(uint8_t code)
{
    int c = (~code) & 0x7f;
    int v = ulaw_out(c) * 4;
    return (int16_t)((code & 0x80) ? v : -v);
}
