/* DTMF detector: Goertzel filters on the eight DTMF frequencies over
 * 10 ms blocks, each block run as two 5 ms halves so that the phase
 * advance of each tone gives its frequency independently of its level.
 * The algorithm and its thresholds are described in docs/telephone.md,
 * "Telephony DSP". */
#include "tel.h"

#define HALF (DTMF_BLOCK / 2)

/* Per DTMF frequency f (697, 770, 852, 941, 1209, 1336, 1477, 1633 Hz),
 * w = 2 pi f / 8000:
 * cos_q15   cos(w) * 32768, which is also 2 cos(w) in Q14 (the Goertzel coefficient)
 * sin_q15   sin(w) * 32768
 * c40, s40  cos(40 w), sin(40 w) * 32768: one half-block of phase
 * c80, s80  cos(80 w), sin(80 w) * 32768: one block of phase
 * lim_q24   the frequency limit as a phase error in turns * 2^24:
 *           DTMF_FREQ_TOL of f over one block (f * tol * 80 / 8000), which
 *           is also twice that over one half-block. */
static const int32_t cos_q15[8] = { 27980, 26956, 25701, 24219, 19073, 16325, 13085, 9315 };
static const int32_t sin_q15[8] = { 17055, 18631, 20327, 22072, 26645, 28412, 30042, 31416 };
static const int32_t c40[8] = { -32623, 19261, -2058, -9142, 31467, -13952, -24580, 16680 };
static const int32_t s40[8] = { 3084, -26510, 32703, -31467, 9142, -29649, 21670, 28205 };
static const int32_t c80[8] = { 32188, -10126, -32510, -27667, 27667, -20887, 4107, -15786 };
static const int32_t s80[8] = { -6140, -31164, -4107, 17558, 17558, 25248, -32510, 28715 };
/* Frequency tolerance in 0.1 %: between the 1.5 % that must be accepted
 * and the 3.5 % that must be rejected. */
#define DTMF_FREQ_TOL 20
#define LIM(f) ((int32_t)((int64_t)(f) * DTMF_FREQ_TOL * 16777216 / 100000))
static const int32_t lim_q24[8] = { LIM(697), LIM(770), LIM(852), LIM(941),
                                    LIM(1209), LIM(1336), LIM(1477), LIM(1633) };

/* Leakage between the two tones of a pair over a half-block, for the
 * first-order cancellation in dtmf_unleak(); complex, Q15. With
 * S(d) = sum_{m<40} e^{j d m} and w_i the bin frequencies:
 * k_rc[r][c]  K(r<-c) = e^{j (w_r - w_c) 39} S(w_c - w_r) / 40, the share of
 *             column c's Goertzel output found in row r's; K(c<-r) is its
 *             conjugate;
 * kc_rc[r][c] Kc(r<-c) = e^{j (w_r + w_c) 39} S(-w_c - w_r) / 40, the same
 *             for the negative-frequency image of c (conj of c's output);
 *             symmetric;
 * kc_self[i]  Kc(i<-i), a tone's own image. */
static const int16_t k_rc[4][4][2] = {
    { { 51, -4029 }, { 1774, -671 }, { -683, -488 }, { -378, -1887 } },
    { { 2484, -1170 }, { -1376, -1298 }, { 496, -2929 }, { 1639, -1248 } },
    { { -2512, -2669 }, { 1794, -3797 }, { 1276, -189 }, { -656, -454 } },
    { { 3903, -5609 }, { -405, -96 }, { -1151, -3104 }, { 1172, -2792 } },
};
static const int16_t kc_rc[4][4][2] = {
    { { 729, 951 }, { 545, -157 }, { -131, 411 }, { 395, 832 } },
    { { -169, 338 }, { 741, 824 }, { 707, -103 }, { 30, -37 } },
    { { 916, 137 }, { -101, 176 }, { 411, 832 }, { 900, 338 } },
    { { 46, 774 }, { 934, 305 }, { 221, -174 }, { -58, 380 } },
};
static const int16_t kc_self[8][2] = {
    { -119, 89 }, { -27, 1165 }, { 751, 1083 }, { 996, 609 },
    { 221, -174 }, { 852, 70 }, { 181, 562 }, { 713, -179 },
};

/* 1 / D(x)^2 in Q12 for x = k / 64 turns, k = 0..33, where
 * D(x) = sin(pi x) / (80 sin(pi x / 80)) is the response of an 80-sample
 * Goertzel filter to a tone x turns per block off its frequency: the
 * level lost to a frequency offset, given back before the purity check. */
static const uint16_t inv_d2_q12[34] = {
    4096, 4099, 4109, 4126, 4149, 4179, 4216, 4261, 4313, 4373, 4441, 4518,
    4604, 4700, 4806, 4924, 5053, 5195, 5351, 5522, 5710, 5916, 6141, 6389,
    6660, 6958, 7285, 7646, 8043, 8482, 8968, 9506, 10105, 10772,
};

/* p / D(x)^2 for a phase error x in turns * 2^24 (|x| <= 1/2 turn). */
static int64_t offset_gain(int64_t p, int32_t x)
{
    uint32_t t = (uint32_t)(x < 0 ? -x : x);
    if (t > (1u << 23))
        t = 1u << 23;
    uint32_t k = t >> 18, f = t & ((1u << 18) - 1);
    int64_t g = inv_d2_q12[k] + (((int64_t)(inv_d2_q12[k + 1] - inv_d2_q12[k]) * f) >> 18);
    return (p * g) >> 12;
}

static const char dtmf_keys[4][4] = {
    { '1', '2', '3', 'A' },
    { '4', '5', '6', 'B' },
    { '7', '8', '9', 'C' },
    { '*', '0', '#', 'D' },
};

/* Thresholds (docs/telephone.md):
 * - each tone at least -38 dBm0: |X|^2 >= (peak * 40)^2, peak 22657 * 10^(-38/20) = 285;
 * - twist: row at most 10 dB above the column, column at most 6.02 dB above the row;
 * - the two tones hold at least 3/5 of the block's energy (after the
 *   leakage correction);
 * - the block is steady: its two halves' energies within 3 dB (a factor
 *   2), so a block that a tone fills less than 3/4 of does not count;
 * - each tone's frequency within DTMF_FREQ_TOL (2.0 %) of nominal,
 *   measured from its phase advance over one block (twice that, 4.0 %,
 *   over a half-block for the first block of a run);
 * - the measured frequency drifts by at most DTMF_DRIFT_Q24 per block;
 * - a run of DTMF_RUN valid blocks whose tones hold at least 17/20 of the
 *   run's energy makes a digit; DTMF_RUN blocks without it end it. */
#define DTMF_PMIN          130170715LL
#define DTMF_TWIST_NORMAL  10
#define DTMF_TWIST_REVERSE 4
#define DTMF_RATIO_NUM     3
#define DTMF_RATIO_DEN     5
#define DTMF_RUN_RATIO_NUM 17
#define DTMF_RUN_RATIO_DEN 20
/* Largest change of a tone's measured frequency from one block to the
 * next, in turns * 2^24 over a block: 0.05 turn, 5 Hz. DTMF tones are
 * steady; voiced speech glides. */
#define DTMF_DRIFT_Q24     838861

#define TURN_Q24   (1 << 24)

/* atan(2^-i) in turns * 2^24. */
static const int32_t atan_q24[20] = {
    2097152, 1238021, 654136, 332050, 166669, 83416, 41718, 20860, 10430,
    5215, 2608, 1304, 652, 326, 163, 81, 41, 20, 10, 5,
};

/* Angle of (re + j im) * (c - j s), c and s in Q15, as turns * 2^24 in
 * (-2^23, 2^23]: CORDIC in vectoring mode. */
static int32_t angle_rot(int64_t re, int64_t im, int32_t c, int32_t s)
{
    while (re > (1 << 27) || re < -(1 << 27) || im > (1 << 27) || im < -(1 << 27)) {
        re /= 2;
        im /= 2;
    }
    int32_t x = (int32_t)((c * re + s * im) >> 15);
    int32_t y = (int32_t)((c * im - s * re) >> 15);
    int32_t a = 0;
    if (x < 0) {
        x = -x;
        y = -y;
        a = TURN_Q24 / 2;
    }
    for (int i = 0; i < 20; i++) {
        int32_t xs = x >> i, ys = y >> i;
        if (y > 0) {
            x += ys;
            y -= xs;
            a += atan_q24[i];
        } else {
            x -= ys;
            y += xs;
            a -= atan_q24[i];
        }
    }
    while (a > TURN_Q24 / 2)
        a -= TURN_Q24;
    while (a <= -TURN_Q24 / 2)
        a += TURN_Q24;
    return a;
}

static int32_t abs32(int32_t v)
{
    return v < 0 ? -v : v;
}

/* (a + j b)(x + j y) or, conj set, (a + j b)(x - j y), Q15 constant, added
 * to *re, *im with the given sign. */
static void cmac(int64_t *re, int64_t *im, int32_t a, int32_t b, int64_t x, int64_t y,
                 int conj, int sign)
{
    if (conj)
        y = -y;
    *re += sign * ((a * x - b * y) >> 15);
    *im += sign * ((a * y + b * x) >> 15);
}

/* Remove from the half-block outputs of row r and column c what each
 * tone (and its negative-frequency image) leaks into the other's and its
 * own filter, to first order: a rectangular 5 ms window leaks up to 21 %
 * (-14 dB) of one tone into the other's filter, which at 8 dB twist
 * would move the weak tone's level by 2 dB and its phase by 0.25 rad. */
static void dtmf_unleak(int32_t *re, int32_t *im, int r, int c)
{
    int64_t rr = re[r], ri = im[r], cr = re[c], ci = im[c];
    int64_t nrr = rr, nri = ri, ncr = cr, nci = ci;
    const int16_t *k = k_rc[r][c - 4], *kc = kc_rc[r][c - 4];
    cmac(&nrr, &nri, k[0], k[1], cr, ci, 0, -1);
    cmac(&nrr, &nri, kc[0], kc[1], cr, ci, 1, -1);
    cmac(&nrr, &nri, kc_self[r][0], kc_self[r][1], rr, ri, 1, -1);
    cmac(&ncr, &nci, k[0], -k[1], rr, ri, 0, -1);
    cmac(&ncr, &nci, kc[0], kc[1], rr, ri, 1, -1);
    cmac(&ncr, &nci, kc_self[c][0], kc_self[c][1], cr, ci, 1, -1);
    re[r] = (int32_t)nrr;
    im[r] = (int32_t)nri;
    re[c] = (int32_t)ncr;
    im[c] = (int32_t)nci;
}

void dtmf_det_init(struct dtmf_det *d)
{
    for (int i = 0; i < 8; i++) {
        d->s1[i] = d->s2[i] = 0;
        d->re[0][i] = d->im[0][i] = d->re[1][i] = d->im[1][i] = 0;
        d->prev_re[i] = d->prev_im[i] = 0;
    }
    d->energy = d->half_energy[0] = d->half_energy[1] = 0;
    d->pos = 0;
    d->cand = 0;
    d->cand_blocks = 0;
    d->fine[0] = d->fine[1] = 0;
    for (int i = 0; i < DTMF_RUN; i++)
        d->run_tone[i] = d->run_energy[i] = 0;
    d->held = 0;
    d->miss_blocks = 0;
    d->digits = 0;
    d->dropped = 0;
}

/* Complex output of the Goertzel filters over the half-block just ended. */
static void dtmf_half_end(struct dtmf_det *d, int h)
{
    for (int i = 0; i < 8; i++) {
        int64_t s1 = d->s1[i], s2 = d->s2[i];
        d->re[h][i] = (int32_t)(s1 - ((cos_q15[i] * s2) >> 15));
        d->im[h][i] = (int32_t)((sin_q15[i] * s2) >> 15);
        d->s1[i] = d->s2[i] = 0;
    }
    d->half_energy[h] = d->energy;
    d->energy = 0;
}

/* Decide on the block just ended. Returns the block's digit (or 0) and
 * sets *fine_ok when the frequency check against the previous block
 * passes for both tones; fine[] gets the two tones' phase errors and
 * *tone_e the two tones' energy |X|^2 with the offset loss given back. */
static char dtmf_block_end(struct dtmf_det *d, int *fine_ok, int32_t fine_out[2],
                           int64_t *tone_e)
{
    int32_t xr[8], xi[8];
    int64_t p[8];

    /* Whole block: first half plus the second half turned back by one
     * half-block of the nominal frequency. */
    for (int i = 0; i < 8; i++) {
        int64_t a = d->re[1][i], b = d->im[1][i];
        xr[i] = d->re[0][i] + (int32_t)((c40[i] * a + s40[i] * b) >> 15);
        xi[i] = d->im[0][i] + (int32_t)((c40[i] * b - s40[i] * a) >> 15);
        p[i] = (int64_t)xr[i] * xr[i] + (int64_t)xi[i] * xi[i];
    }
    int r = 0, c = 4;
    for (int i = 1; i < 4; i++)
        if (p[i] > p[r])
            r = i;
    for (int i = 5; i < 8; i++)
        if (p[i] > p[c])
            c = i;

    dtmf_unleak(d->re[0], d->im[0], r, c);
    dtmf_unleak(d->re[1], d->im[1], r, c);
    for (int k = 0; k < 2; k++) {
        int i = k ? c : r;
        int64_t a = d->re[1][i], b = d->im[1][i];
        xr[i] = d->re[0][i] + (int32_t)((c40[i] * a + s40[i] * b) >> 15);
        xi[i] = d->im[0][i] + (int32_t)((c40[i] * b - s40[i] * a) >> 15);
        p[i] = (int64_t)xr[i] * xr[i] + (int64_t)xi[i] * xi[i];
    }

    char digit = 0;
    int64_t e0 = d->half_energy[0], e1 = d->half_energy[1], energy = e0 + e1;
    *fine_ok = 0;
    if (p[r] >= DTMF_PMIN && p[c] >= DTMF_PMIN
        && p[r] <= p[c] * DTMF_TWIST_NORMAL && p[c] <= p[r] * DTMF_TWIST_REVERSE
        /* 2 (p_r + p_c) / N >= 3/4 E, N = 80 */
        && (p[r] + p[c]) * 2 * DTMF_RATIO_DEN >= (int64_t)DTMF_RATIO_NUM * DTMF_BLOCK * energy
        /* steady: the halves' energies within 3 dB of each other */
        && e0 <= 2 * e1 && e1 <= 2 * e0) {
        int ok = 1, fok = 1;
        int64_t e = 0;
        const int t[2] = { r, c };
        for (int k = 0; k < 2; k++) {
            int i = t[k];
            /* Coarse: phase advance from the first to the second half. */
            int64_t u = (int64_t)d->re[1][i] * d->re[0][i] + (int64_t)d->im[1][i] * d->im[0][i];
            int64_t v = (int64_t)d->im[1][i] * d->re[0][i] - (int64_t)d->re[1][i] * d->im[0][i];
            int32_t coarse = angle_rot(u, v, c40[i], s40[i]);
            if (abs32(coarse) > lim_q24[i]) {
                ok = 0;
                break;
            }
            /* Fine: from the previous block to this one, twice the baseline;
             * the coarse estimate picks the turn. */
            u = (int64_t)xr[i] * d->prev_re[i] + (int64_t)xi[i] * d->prev_im[i];
            v = (int64_t)xi[i] * d->prev_re[i] - (int64_t)xr[i] * d->prev_im[i];
            int32_t fine = angle_rot(u, v, c80[i], s80[i]);
            int32_t pred = 2 * coarse;
            if (pred - fine > TURN_Q24 / 2)
                fine += TURN_Q24;
            else if (fine - pred > TURN_Q24 / 2)
                fine -= TURN_Q24;
            if (abs32(fine) > lim_q24[i])
                fok = 0;
            fine_out[k] = fine;
            /* The offset: from the fine estimate, or for the first block of
             * a tone (no fine estimate yet) from the coarse one. */
            e += offset_gain(p[i], abs32(fine) <= lim_q24[i] ? fine : 2 * coarse);
        }
        if (ok) {
            digit = dtmf_keys[r][c - 4];
            *fine_ok = fok;
            *tone_e = e;
        }
    }
    for (int i = 0; i < 8; i++) {
        d->prev_re[i] = xr[i];
        d->prev_im[i] = xi[i];
    }
    return digit;
}

size_t dtmf_det_feed(struct dtmf_det *d, const int16_t *x, size_t n,
                     char *digits, size_t max)
{
    size_t out = 0;
    if (x == NULL)
        return 0;
    for (size_t k = 0; k < n; k++) {
        int32_t v = x[k];
        for (int i = 0; i < 8; i++) {
            int32_t s0 = v + (int32_t)(((int64_t)cos_q15[i] * d->s1[i]) >> 14) - d->s2[i];
            d->s2[i] = d->s1[i];
            d->s1[i] = s0;
        }
        d->energy += v * v;
        d->pos++;
        if (d->pos == HALF) {
            dtmf_half_end(d, 0);
            continue;
        }
        if (d->pos < DTMF_BLOCK)
            continue;
        dtmf_half_end(d, 1);
        d->pos = 0;

        int fine_ok;
        int32_t fine[2] = { 0, 0 };
        int64_t tone_e = 0;
        char b = dtmf_block_end(d, &fine_ok, fine, &tone_e);
        /* From the third block of a run on, the frequency must also hold
         * still against the previous block's measurement. */
        if (fine_ok && d->cand_blocks >= 2
            && (abs32(fine[0] - d->fine[0]) > DTMF_DRIFT_Q24
                || abs32(fine[1] - d->fine[1]) > DTMF_DRIFT_Q24))
            fine_ok = 0;
        d->fine[0] = fine[0];
        d->fine[1] = fine[1];
        if (b != 0 && b == d->cand && fine_ok) {
            if (d->cand_blocks < 255)
                d->cand_blocks++;
        } else {
            d->cand = b;
            d->cand_blocks = b != 0;
            for (int i = 0; i < DTMF_RUN; i++)
                d->run_tone[i] = d->run_energy[i] = 0;
        }
        /* The last DTMF_RUN blocks of the run, for its purity. */
        d->run_tone[d->cand_blocks % DTMF_RUN] = tone_e;
        d->run_energy[d->cand_blocks % DTMF_RUN] = d->half_energy[0] + d->half_energy[1];
        int64_t run_tone = 0, run_energy = 0;
        for (int i = 0; i < DTMF_RUN; i++) {
            run_tone += d->run_tone[i];
            run_energy += d->run_energy[i];
        }
        if (d->held != 0) {
            if (b == d->held)
                d->miss_blocks = 0;
            else if (++d->miss_blocks >= DTMF_RUN)
                d->held = 0;
        }
        /* Purity over the whole run: over 30 ms the two tones' cross term
         * in the energy averages out (it is up to 10 % of one block), so
         * the threshold can be tighter than per block. */
        if (d->held == 0 && d->cand_blocks >= DTMF_RUN
            && run_tone * 2 * DTMF_RUN_RATIO_DEN
                   >= (int64_t)DTMF_RUN_RATIO_NUM * DTMF_BLOCK * run_energy) {
            d->held = d->cand;
            d->miss_blocks = 0;
            d->digits++;
            if (out < max && digits != NULL)
                digits[out++] = d->cand;
            else
                d->dropped++;
        }
    }
    return out;
}

char dtmf_det_current(const struct dtmf_det *d)
{
    return d->held;
}
