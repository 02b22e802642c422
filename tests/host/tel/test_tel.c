/* Host tests of the telephony DSP (sw/fw/tel): DTMF detector against the
 * receiver requirements, the tone and DTMF generators measured against
 * the precise tone plan, the hook state machine, bad input.
 *
 * Test signals are made here with libm double-precision sin and a local
 * PRNG, independent of the generators under test; measurements use a
 * double-precision Goertzel written here. The 0 dBm0 reference is
 * checked against the G.711 mu-law digital milliwatt.
 *
 * Usage: test_tel                 run every test, one PASS/FAIL line each
 *        test_tel --count FILE    feed FILE (raw s16le 8 kHz mono) to the
 *                                 detector, print "<seconds> <digits> <d@time,...>"
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obti_err.h"
#include "tel.h"
#include "telbench_kat.h"

#define FS 8000.0

static int failures;
static int passes;

static void verdict(const char *name, int ok, const char *fmt, ...)
{
    if (ok) {
        printf("PASS tel/%s\n", name);
        passes++;
        return;
    }
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    printf("FAIL tel/%s: %s\n", name, why);
    failures++;
}

/* ---- independent signal tools ----------------------------------------- */

static const double row_hz[4] = { 697, 770, 852, 941 };
static const double col_hz[4] = { 1209, 1336, 1477, 1633 };
static const char keys[] = "123A456B789C*0#D";

static void key_freqs(char k, double *lo, double *hi)
{
    const char *p = strchr(keys, k);
    int i = (int)(p - keys);
    *lo = row_hz[i / 4];
    *hi = col_hz[i % 4];
}

/* Peak of a sine at level dBm0: 0 dBm0 is 32636 / 10^(3.17/20) (G.711
 * mu-law overload at +3.17 dBm0), see tel.h. */
static double peak_of(double dbm0)
{
    return 32636.0 / pow(10.0, 3.17 / 20.0) * pow(10.0, dbm0 / 20.0);
}

static double level_of_power(double mean_square)
{
    double ref = peak_of(0.0);
    return 10.0 * log10(mean_square / (ref * ref / 2.0));
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static double urand(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}
static double grand(void)
{
    double u1 = urand(), u2 = urand();
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

/* A signal under construction, in double, clipped to 16 bits at the end. */
struct sig {
    double *v;
    size_t n, cap;
};

static void sig_silence(struct sig *s, double ms)
{
    size_t k = (size_t)llround(ms * FS / 1000.0);
    if (s->n + k > s->cap) {
        s->cap = (s->n + k) * 2 + 1024;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (s->v == NULL)
            abort();
    }
    memset(s->v + s->n, 0, k * sizeof *s->v);
    s->n += k;
}

/* Append a tone pair of ms milliseconds; random phases. */
static void sig_pair(struct sig *s, double ms, double f1, double l1, double f2, double l2)
{
    size_t at = s->n;
    sig_silence(s, ms);
    double a1 = peak_of(l1), a2 = peak_of(l2);
    double p1 = 2 * M_PI * urand(), p2 = 2 * M_PI * urand();
    for (size_t i = at; i < s->n; i++) {
        double t = (double)(i - at) / FS;
        s->v[i] = a1 * sin(2 * M_PI * f1 * t + p1) + a2 * sin(2 * M_PI * f2 * t + p2);
    }
}

static void sig_digit(struct sig *s, char k, double ms, double l_lo, double l_hi,
                      double dev_lo, double dev_hi)
{
    double lo, hi;
    key_freqs(k, &lo, &hi);
    sig_pair(s, ms, lo * (1 + dev_lo), l_lo, hi * (1 + dev_hi), l_hi);
}

/* Add white Gaussian noise of the given level (dBm0 of its mean square). */
static void sig_noise(struct sig *s, size_t from, double dbm0)
{
    double sd = peak_of(dbm0) / sqrt(2.0);
    for (size_t i = from; i < s->n; i++)
        s->v[i] += sd * grand();
}

static int16_t *sig_pcm(const struct sig *s)
{
    int16_t *p = malloc((s->n + 1) * sizeof *p);
    if (p == NULL)
        abort();
    for (size_t i = 0; i < s->n; i++) {
        double v = floor(s->v[i] + 0.5);
        p[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
    }
    return p;
}

/* Feed a signal to a fresh detector in blocks of varying size (1..400
 * samples, so no block alignment is assumed); digits into out. */
static size_t detect(const struct sig *s, char *out, size_t max)
{
    struct dtmf_det d;
    dtmf_det_init(&d);
    int16_t *p = sig_pcm(s);
    size_t got = 0, i = 0, step = 1;
    while (i < s->n) {
        size_t k = step % 400 + 1;
        step = step * 7 + 3;
        if (k > s->n - i)
            k = s->n - i;
        char tmp[8];
        size_t nd = dtmf_det_feed(&d, p + i, k, tmp, sizeof tmp);
        for (size_t j = 0; j < nd; j++)
            if (got + 1 < max)
                out[got++] = tmp[j];
        i += k;
    }
    /* Flush: trailing silence lets a final digit end. */
    int16_t z[160] = { 0 };
    for (int f = 0; f < 10; f++) {
        char tmp[8];
        size_t nd = dtmf_det_feed(&d, z, 160, tmp, sizeof tmp);
        for (size_t j = 0; j < nd; j++)
            if (got + 1 < max)
                out[got++] = tmp[j];
    }
    out[got] = '\0';
    free(p);
    return got;
}

static void sig_free(struct sig *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Goertzel power of x at f, as the mean square of that component. */
static double tone_power(const int16_t *x, size_t n, double f)
{
    double re = 0, im = 0;
    for (size_t i = 0; i < n; i++) {
        re += x[i] * cos(2 * M_PI * f * (double)i / FS);
        im -= x[i] * sin(2 * M_PI * f * (double)i / FS);
    }
    return 2.0 * (re * re + im * im) / ((double)n * (double)n);
}

/* Frequency of the strongest component in [f0, f1], 0.05 Hz resolution:
 * coarse scan, then golden refinement of the DFT peak. */
static double peak_freq(const int16_t *x, size_t n, double f0, double f1)
{
    double best = f0, bp = -1;
    for (double f = f0; f <= f1; f += 1.0) {
        double p = tone_power(x, n, f);
        if (p > bp) {
            bp = p;
            best = f;
        }
    }
    double a = best - 1, b = best + 1;
    while (b - a > 0.01) {
        double m1 = a + (b - a) * 0.382, m2 = a + (b - a) * 0.618;
        if (tone_power(x, n, m1) > tone_power(x, n, m2))
            b = m2;
        else
            a = m1;
    }
    return (a + b) / 2;
}

/* ---- DTMF detector ------------------------------------------------------ */

static void test_every_digit(void)
{
    struct sig s = { 0 };
    char got[64];
    sig_silence(&s, 30);
    for (const char *k = keys; *k; k++) {
        sig_digit(&s, *k, 60, -10, -8, 0, 0);
        sig_silence(&s, 60);
    }
    detect(&s, got, sizeof got);
    verdict("dtmf/every_digit", strcmp(got, keys) == 0, "sent %s, got \"%s\"", keys, got);
    sig_free(&s);
}

/* One digit per case; expect it or nothing. */
static int one_digit(char k, double ms, double l_lo, double l_hi, double d_lo, double d_hi,
                     char *got, size_t max)
{
    struct sig s = { 0 };
    sig_silence(&s, 5 + 70 * urand());
    sig_digit(&s, k, ms, l_lo, l_hi, d_lo, d_hi);
    sig_silence(&s, 60);
    size_t n = detect(&s, got, max);
    sig_free(&s);
    return (int)n;
}

/* A shifted tone that lands within 3.5 % of another frequency of its group
 * is that other digit (the rows are about 10 % apart): skipped. */
static int near_other(char k, double dl, double dh)
{
    double lo, hi;
    key_freqs(k, &lo, &hi);
    for (int i = 0; i < 4; i++) {
        if (row_hz[i] != lo && fabs(lo * (1 + dl) / row_hz[i] - 1) < 0.035)
            return 1;
        if (col_hz[i] != hi && fabs(hi * (1 + dh) / col_hz[i] - 1) < 0.035)
            return 1;
    }
    return 0;
}

static void test_frequency(void)
{
    char got[16], why[256] = "";
    int ok = 1;
    /* Accept: both tones, or one, off by up to +/-1.5 %. */
    const double acc[] = { -0.015, -0.01, 0, 0.01, 0.015 };
    for (const char *k = keys; *k; k++)
        for (int a = 0; a < 5; a++)
            for (int b = 0; b < 5; b++) {
                if (one_digit(*k, 60, -10, -10, acc[a], acc[b], got, sizeof got) != 1 || got[0] != *k) {
                    if (ok)
                        snprintf(why, sizeof why, "digit %c at %+.1f%%/%+.1f%%: got \"%s\"",
                                 *k, acc[a] * 100, acc[b] * 100, got);
                    ok = 0;
                }
            }
    verdict("dtmf/accept_1.5pct", ok, "%s", why);

    /* Reject: either tone (or both) off by 3.5 % or more, both signs. */
    const double rej[] = { 0.035, 0.04, 0.05, 0.07, 0.1 };
    ok = 1;
    for (const char *k = keys; *k; k++)
        for (int a = 0; a < 5; a++)
            for (int sign = -1; sign <= 1; sign += 2)
                for (int which = 0; which < 3; which++) {
                    double dl = which != 1 ? sign * rej[a] : 0;
                    double dh = which != 0 ? sign * rej[a] : 0;
                    if (near_other(*k, dl, dh))
                        continue;
                    if (one_digit(*k, 60, -10, -10, dl, dh, got, sizeof got) != 0) {
                        if (ok)
                            snprintf(why, sizeof why, "digit %c at %+.1f%%/%+.1f%%: got \"%s\"",
                                     *k, dl * 100, dh * 100, got);
                        ok = 0;
                    }
                }
    verdict("dtmf/reject_3.5pct", ok, "%s", why);
}

static void test_twist(void)
{
    char got[16], why[256] = "";
    int ok = 1;
    /* Normal twist: high group up to 8 dB below the low group; reverse:
     * up to 4 dB above (LSSGR). Also with the worst frequency offsets. */
    const double tw[] = { -8, -6, -4, 0, 2, 4 };
    const double dev[] = { -0.015, 0, 0.015 };
    for (const char *k = keys; *k; k++)
        for (int t = 0; t < 6; t++)
            for (int v = 0; v < 3; v++) {
                double lo = tw[t] < 0 ? -6 : -6 - tw[t], hi = lo + tw[t];
                if (one_digit(*k, 60, lo, hi, dev[v], dev[v], got, sizeof got) != 1 || got[0] != *k) {
                    if (ok)
                        snprintf(why, sizeof why, "digit %c twist %+.0f dB dev %+.1f%%: got \"%s\"",
                                 *k, tw[t], dev[v] * 100, got);
                    ok = 0;
                }
            }
    verdict("dtmf/twist_accept", ok, "%s", why);
    ok = 1;
    const double bad[] = { -12, -14, 8, 10 };
    for (const char *k = keys; *k; k++)
        for (int t = 0; t < 4; t++) {
            double lo = bad[t] < 0 ? -4 : -4 - bad[t], hi = lo + bad[t];
            if (one_digit(*k, 60, lo, hi, 0, 0, got, sizeof got) != 0) {
                if (ok)
                    snprintf(why, sizeof why, "digit %c twist %+.0f dB: got \"%s\"", *k, bad[t], got);
                ok = 0;
            }
        }
    verdict("dtmf/twist_reject", ok, "%s", why);
}

static void test_levels(void)
{
    char got[16], why[256] = "";
    int ok = 1;
    /* Per-tone levels from -3 dBm0 (the pair just below overload) to
     * -33 dBm0: a 30 dB range (the requirement is 26 dB). */
    for (double l = -3; l >= -33; l -= 3)
        for (const char *k = keys; *k; k++)
            if (one_digit(*k, 60, l, l, 0, 0, got, sizeof got) != 1 || got[0] != *k) {
                if (ok)
                    snprintf(why, sizeof why, "digit %c at %.0f dBm0: got \"%s\"", *k, l, got);
                ok = 0;
            }
    verdict("dtmf/levels_-3_to_-33dBm0", ok, "%s", why);
    ok = 1;
    for (double l = -44; l >= -60; l -= 4)
        for (const char *k = keys; *k; k++)
            if (one_digit(*k, 60, l, l, 0, 0, got, sizeof got) != 0) {
                if (ok)
                    snprintf(why, sizeof why, "digit %c at %.0f dBm0: got \"%s\"", *k, l, got);
                ok = 0;
            }
    verdict("dtmf/reject_below_-44dBm0", ok, "%s", why);
}

static void test_durations(void)
{
    char got[64], why[256] = "";
    int ok = 1;
    /* 40 ms tones with 40 ms pauses, 50 trials at random alignments. */
    const char *str = "1234567890*#ABCD";
    for (int trial = 0; trial < 50 && ok; trial++) {
        struct sig s = { 0 };
        sig_silence(&s, 1 + 20 * urand());
        for (const char *k = str; *k; k++) {
            sig_digit(&s, *k, 40, -10, -10, 0, 0);
            sig_silence(&s, 40);
        }
        detect(&s, got, sizeof got);
        if (strcmp(got, str) != 0) {
            snprintf(why, sizeof why, "40/40 ms: sent %s got \"%s\"", str, got);
            ok = 0;
        }
        sig_free(&s);
    }
    /* The same digit repeated with 40 ms pauses counts each time. */
    for (int trial = 0; trial < 20 && ok; trial++) {
        struct sig s = { 0 };
        sig_silence(&s, 1 + 20 * urand());
        for (int r = 0; r < 5; r++) {
            sig_digit(&s, '5', 40, -10, -10, 0, 0);
            sig_silence(&s, 40);
        }
        detect(&s, got, sizeof got);
        if (strcmp(got, "55555") != 0) {
            snprintf(why, sizeof why, "5 x '5' 40/40 ms: got \"%s\"", got);
            ok = 0;
        }
        sig_free(&s);
    }
    verdict("dtmf/accept_40ms_tone_40ms_pause", ok, "%s", why);

    /* Tones of 23 ms or less are rejected, at every alignment. */
    ok = 1;
    for (int trial = 0; trial < 400 && ok; trial++) {
        char k = keys[trial % 16];
        double ms = 10 + 13 * urand();
        if (one_digit(k, ms, -6, -6, 0, 0, got, sizeof got) != 0) {
            snprintf(why, sizeof why, "%.1f ms of %c: got \"%s\"", ms, k, got);
            ok = 0;
        }
    }
    verdict("dtmf/reject_23ms_tone", ok, "%s", why);

    /* A dropout of 10 ms or less inside a tone is bridged: one digit. */
    ok = 1;
    for (int trial = 0; trial < 100 && ok; trial++) {
        struct sig s = { 0 };
        char k = keys[trial % 16];
        double lo, hi;
        key_freqs(k, &lo, &hi);
        sig_silence(&s, 1 + 20 * urand());
        sig_pair(&s, 50 + 30 * urand(), lo, -10, hi, -10);
        sig_silence(&s, 2 + 8 * urand());
        sig_pair(&s, 50 + 30 * urand(), lo, -10, hi, -10);
        sig_silence(&s, 60);
        detect(&s, got, sizeof got);
        if (strlen(got) != 1 || got[0] != k) {
            snprintf(why, sizeof why, "%c with a dropout: got \"%s\"", k, got);
            ok = 0;
        }
        sig_free(&s);
    }
    verdict("dtmf/bridge_10ms_dropout", ok, "%s", why);
}

static void test_noise(void)
{
    char got[64], why[256] = "";
    int ok = 1;
    /* Digits in white noise 15 dB below the DTMF power (-7 dBm0 pair). */
    for (int trial = 0; trial < 10 && ok; trial++) {
        struct sig s = { 0 };
        sig_silence(&s, 40);
        for (const char *k = keys; *k; k++) {
            sig_digit(&s, *k, 50, -10, -10, 0, 0);
            sig_silence(&s, 50);
        }
        sig_noise(&s, 0, -7 - 15);
        detect(&s, got, sizeof got);
        if (strcmp(got, keys) != 0) {
            snprintf(why, sizeof why, "SNR 15 dB: sent %s got \"%s\"", keys, got);
            ok = 0;
        }
        sig_free(&s);
    }
    verdict("dtmf/digits_in_noise_snr15", ok, "%s", why);

    /* White noise alone, 20 s at each level: no digit. */
    ok = 1;
    for (double l = -3; l >= -43 && ok; l -= 10) {
        struct sig s = { 0 };
        sig_silence(&s, 20000);
        sig_noise(&s, 0, l);
        size_t n = detect(&s, got, sizeof got);
        if (n != 0) {
            snprintf(why, sizeof why, "noise at %.0f dBm0: got \"%s\"", l, got);
            ok = 0;
        }
        sig_free(&s);
    }
    verdict("dtmf/white_noise_no_digit", ok, "%s", why);
}

static void test_call_progress_talkoff(void)
{
    char got[64], why[256] = "";
    int ok = 1;
    /* Dial, ringback, busy, reorder pairs, continuous, from -3 to -33 dBm0
     * per tone, and the same with 10 % frequency errors: no digit. */
    const double pairs[3][2] = { { 350, 440 }, { 440, 480 }, { 480, 620 } };
    for (int p = 0; p < 3 && ok; p++)
        for (double l = -3; l >= -33 && ok; l -= 10)
            for (double dev = -0.1; dev <= 0.1 && ok; dev += 0.05) {
                struct sig s = { 0 };
                sig_pair(&s, 3000, pairs[p][0] * (1 + dev), l, pairs[p][1] * (1 + dev), l);
                size_t n = detect(&s, got, sizeof got);
                if (n != 0) {
                    snprintf(why, sizeof why, "%.0f+%.0f Hz at %.0f dBm0: got \"%s\"",
                             pairs[p][0] * (1 + dev), pairs[p][1] * (1 + dev), l, got);
                    ok = 0;
                }
                sig_free(&s);
            }
    verdict("dtmf/call_progress_tones_no_digit", ok, "%s", why);

    /* Dialling over the dial tone's echo: the telephone's DTMF at -8/-6
     * dBm0 with dial tone returned through the SLIC's hybrid at 14 dB
     * trans-hybrid loss (-27 dBm0 per tone): every digit. */
    ok = 1;
    for (int trial = 0; trial < 5 && ok; trial++) {
        struct sig s = { 0 };
        sig_silence(&s, 30 + 20 * urand());
        for (const char *k = keys; *k; k++) {
            sig_digit(&s, *k, 50, -8, -6, 0, 0);
            sig_silence(&s, 50);
        }
        double a = peak_of(-27), p1 = 2 * M_PI * urand(), p2 = 2 * M_PI * urand();
        for (size_t i = 0; i < s.n; i++)
            s.v[i] += a * sin(2 * M_PI * 350 * (double)i / FS + p1) +
                      a * sin(2 * M_PI * 440 * (double)i / FS + p2);
        detect(&s, got, sizeof got);
        if (strcmp(got, keys) != 0) {
            snprintf(why, sizeof why, "sent %s got \"%s\"", keys, got);
            ok = 0;
        }
        sig_free(&s);
    }
    verdict("dtmf/digits_over_dial_tone_echo", ok, "%s", why);

    /* The firmware's own dial tone fed back (line echo): no digit. */
    struct tone_gen t;
    struct dtmf_det d;
    tone_gen_init(&t);
    dtmf_det_init(&d);
    ok = tone_gen_start(&t, TONE_DIAL) == 0;
    size_t n = 0;
    for (int f = 0; f < 500; f++) {
        int16_t buf[TEL_FRAME];
        tone_gen_fill(&t, buf, TEL_FRAME);
        n += dtmf_det_feed(&d, buf, TEL_FRAME, got, sizeof got);
    }
    verdict("dtmf/own_dial_tone_no_digit", ok && n == 0, "%zu digits in 10 s of dial tone", n);
}

/* ---- generators ---------------------------------------------------------- */

static void test_level_reference(void)
{
    /* The G.711 mu-law digital milliwatt (Table 5/G.711: 1E 0B 0B 1E 9E 8B
     * 8B 9E) decoded with the G.711 expansion is 0 dBm0. */
    static const uint8_t dmw[8] = { 0x1E, 0x0B, 0x0B, 0x1E, 0x9E, 0x8B, 0x8B, 0x9E };
    double ms = 0;
    for (int i = 0; i < 8; i++) {
        int u = ~dmw[i] & 0xff;
        int e = (u >> 4) & 7, m = u & 15;
        int mag = (((m << 3) + 0x84) << e) - 0x84;
        double v = (u & 0x80) ? -mag : mag;
        ms += v * v / 8;
    }
    double l = level_of_power(ms);
    verdict("level/digital_milliwatt_0dBm0", fabs(l) < 0.02, "mu-law DMW measures %.3f dBm0", l);
    verdict("level/TEL_DBM0_PEAK", fabs(TEL_DBM0_PEAK - peak_of(0)) < 0.5,
            "TEL_DBM0_PEAK %d, G.711 gives %.1f", TEL_DBM0_PEAK, peak_of(0));

    int ok = 1;
    char why[128] = "";
    for (int x = -900; x <= 31; x++) {
        double want = peak_of(x / 10.0);
        double got = tel_level_peak(x);
        if (fabs(got - want) > 0.51 + want * 0.0002) {
            snprintf(why, sizeof why, "%d: %.0f, want %.2f", x, got, want);
            ok = 0;
            break;
        }
    }
    verdict("level/tel_level_peak", ok && tel_level_peak(-901) == 0 &&
            tel_level_peak(100) == tel_level_peak(31), "%s", why);
}

/* Generate seconds of a tone kind, frame by frame. */
static int16_t *gen_tone(enum tone_kind k, size_t n)
{
    struct tone_gen t;
    tone_gen_init(&t);
    if (tone_gen_start(&t, k) != 0)
        return NULL;
    int16_t *x = malloc(n * sizeof *x);
    if (x == NULL)
        abort();
    for (size_t i = 0; i < n; i += TEL_FRAME)
        tone_gen_fill(&t, x + i, n - i < TEL_FRAME ? n - i : TEL_FRAME);
    return x;
}

/* On/off runs of a signal in 1-sample resolution: a sample is "on" when
 * the 40-sample window around it has energy; runs listed in ms. */
static int cadence(const int16_t *x, size_t n, double *on_ms, double *off_ms, int max)
{
    int runs = 0;
    size_t start = 0;
    int state = -1;
    for (size_t i = 0; i <= n; i++) {
        int on = 0;
        if (i < n) {
            /* Any non-zero sample in the next 8 (zero crossings aside). */
            for (size_t j = i; j < i + 8 && j < n; j++)
                if (x[j] != 0)
                    on = 1;
        }
        if (i == n || on != state) {
            if (state >= 0 && runs < 2 * max) {
                double ms = (double)(i - start) * 1000.0 / FS;
                if (state)
                    on_ms[runs / 2] = ms;
                else
                    off_ms[runs / 2] = ms;
                runs++;
            }
            state = on;
            start = i;
        }
    }
    return runs;
}

static void test_tones(void)
{
    struct {
        enum tone_kind k;
        const char *name;
        double f1, f2, level, on_ms, off_ms;
    } tc[] = {
        { TONE_DIAL, "dial", 350, 440, -13, 0, 0 },
        { TONE_RINGBACK, "ringback", 440, 480, -19, 2000, 4000 },
        { TONE_BUSY, "busy", 480, 620, -24, 500, 500 },
        { TONE_REORDER, "reorder", 480, 620, -24, 250, 250 },
    };
    for (size_t c = 0; c < sizeof tc / sizeof tc[0]; c++) {
        size_t n = 13 * 8000;
        int16_t *x = gen_tone(tc[c].k, n);
        char name[64];
        /* Frequency and level over the first 200 ms (inside every burst). */
        size_t w = 1600;
        double f1 = peak_freq(x, w, tc[c].f1 - 20, tc[c].f1 + 15);
        double f2 = peak_freq(x, w, tc[c].f2 - 15, tc[c].f2 + 20);
        double l1 = level_of_power(tone_power(x, w, tc[c].f1));
        double l2 = level_of_power(tone_power(x, w, tc[c].f2));
        /* Everything else in the burst: distortion + noise. */
        double total = 0;
        for (size_t i = 0; i < w; i++)
            total += (double)x[i] * x[i] / (double)w;
        double rest = total - tone_power(x, w, tc[c].f1) - tone_power(x, w, tc[c].f2);
        double snr = 10 * log10((total - rest) / (rest > 1e-9 ? rest : 1e-9));
        snprintf(name, sizeof name, "tone/%s_frequency", tc[c].name);
        verdict(name, fabs(f1 - tc[c].f1) < 0.5 && fabs(f2 - tc[c].f2) < 0.5,
                "measured %.2f + %.2f Hz", f1, f2);
        snprintf(name, sizeof name, "tone/%s_level", tc[c].name);
        verdict(name, fabs(l1 - tc[c].level) < 0.1 && fabs(l2 - tc[c].level) < 0.1,
                "measured %.2f / %.2f dBm0, want %.0f", l1, l2, tc[c].level);
        snprintf(name, sizeof name, "tone/%s_purity", tc[c].name);
        verdict(name, snr > 50, "signal to distortion %.1f dB", snr);

        double on[8], off[8];
        int runs = cadence(x, n, on, off, 8);
        int ok;
        char why[160];
        if (tc[c].off_ms == 0) {
            ok = runs == 1;
            snprintf(why, sizeof why, "%d on/off runs, want 1 continuous", runs);
        } else {
            ok = runs >= 4;
            snprintf(why, sizeof why, "%d runs", runs);
            for (int r = 0; ok && r < runs / 2; r++) {
                /* The last off run may be cut by the end of the record. */
                int last = r == runs / 2 - 1;
                if (fabs(on[r] - tc[c].on_ms) > 1 || (!last && fabs(off[r] - tc[c].off_ms) > 1)) {
                    snprintf(why, sizeof why, "burst %d: %.1f ms on, %.1f ms off", r, on[r], off[r]);
                    ok = 0;
                }
            }
        }
        snprintf(name, sizeof name, "tone/%s_cadence", tc[c].name);
        verdict(name, ok, "%s", why);
        free(x);
    }
    /* TONE_OFF is silence. */
    int16_t *x = gen_tone(TONE_OFF, 1600);
    int silent = 1;
    for (int i = 0; i < 1600; i++)
        silent &= x[i] == 0;
    verdict("tone/off_silent", silent, "non-zero samples");
    free(x);
}

static void test_dtmf_gen(void)
{
    /* Every digit: frequencies, levels, durations measured here, and the
     * detector finds the string. */
    struct dtmf_gen g;
    int rc = dtmf_gen_start(&g, keys, 100, 60, -80, -60);
    size_t n = 16 * 160 * 8 + 800;
    int16_t *x = calloc(n, sizeof *x);
    if (x == NULL)
        abort();
    int more = 1;
    for (size_t i = 0; i < n; i += TEL_FRAME)
        more = dtmf_gen_fill(&g, x + i, TEL_FRAME);
    int ok = rc == 0 && more == 0;
    char why[200] = "";
    if (!ok)
        snprintf(why, sizeof why, "start %d, still playing %d", rc, more);
    for (int k = 0; k < 16 && ok; k++) {
        const int16_t *b = x + k * 1280;
        double lo, hi;
        key_freqs(keys[k], &lo, &hi);
        double flo = peak_freq(b, 800, lo - 20, lo + 20);
        double fhi = peak_freq(b, 800, hi - 20, hi + 20);
        double llo = level_of_power(tone_power(b, 800, lo));
        double lhi = level_of_power(tone_power(b, 800, hi));
        double on[4], off[4];
        int runs = cadence(b, 1280, on, off, 4);
        if (fabs(flo - lo) > 0.5 || fabs(fhi - hi) > 0.5 || fabs(llo + 8) > 0.1 ||
            fabs(lhi + 6) > 0.1 || runs != 2 || fabs(on[0] - 100) > 1 || fabs(off[0] - 60) > 1) {
            snprintf(why, sizeof why, "%c: %.2f Hz %.2f dBm0, %.2f Hz %.2f dBm0, %d runs, %.1f ms on",
                     keys[k], flo, llo, fhi, lhi, runs, on[0]);
            ok = 0;
        }
    }
    verdict("dtmfgen/frequency_level_timing", ok, "%s", why);

    struct dtmf_det d;
    dtmf_det_init(&d);
    char got[32];
    size_t nd = dtmf_det_feed(&d, x, n, got, sizeof got - 1);
    got[nd] = '\0';
    verdict("dtmfgen/detected", strcmp(got, keys) == 0, "got \"%s\"", got);
    free(x);
}

/* ---- hook ------------------------------------------------------------------ */

/* Run a hook timeline at 1 ms: segments of (closed, ms); events with times. */
struct hook_seg {
    int closed;
    unsigned ms;
};

static int hook_run(const struct hook_seg *seg, int nseg, unsigned step,
                    enum hook_event *ev, unsigned *at, int max)
{
    struct hook_sm h;
    hook_init(&h);
    int n = 0;
    unsigned t = 0;
    for (int s = 0; s < nseg; s++)
        for (unsigned m = 0; m < seg[s].ms; m += step) {
            enum hook_event e = hook_feed(&h, seg[s].closed, step);
            t += step;
            if (e != HOOK_EV_NONE && n < max) {
                ev[n] = e;
                at[n++] = t;
            }
        }
    return n;
}

static void test_hook(void)
{
    enum hook_event ev[8];
    unsigned at[8];
    int n;

    /* Off-hook after 10 ms of steady closure; contact bounce first. */
    const struct hook_seg off[] = { { 0, 50 }, { 1, 2 }, { 0, 1 }, { 1, 3 }, { 0, 2 }, { 1, 500 } };
    n = hook_run(off, 6, 1, ev, at, 8);
    verdict("hook/off_hook_debounced", n == 1 && ev[0] == HOOK_EV_OFF_HOOK && at[0] >= 58 + 10 &&
            at[0] <= 58 + 11, "%d events, first at %u ms", n, n ? at[0] : 0);

    /* Glitches shorter than the debounce time: nothing. */
    const struct hook_seg gl[] = { { 0, 50 }, { 1, 8 }, { 0, 100 }, { 1, 5 }, { 0, 100 } };
    n = hook_run(gl, 5, 1, ev, at, 8);
    verdict("hook/glitch_ignored", n == 0, "%d events", n);

    /* Openings while off-hook: < 100 ms ignored, 100..1000 ms flash,
     * > 1000 ms on-hook (reported 1000 ms after the debounced opening).
     * Times are multiples of 20 ms so that both feeding rates see them. */
    struct {
        unsigned open_ms;
        enum hook_event want;
    } op[] = {
        { 20, HOOK_EV_NONE }, { 80, HOOK_EV_NONE }, { 100, HOOK_EV_FLASH },
        { 500, HOOK_EV_FLASH }, { 1000, HOOK_EV_FLASH }, { 1040, HOOK_EV_ON_HOOK },
        { 5000, HOOK_EV_ON_HOOK },
    };
    for (unsigned step = 1; step <= 20; step += 19) {
        int ok = 1;
        char why[128] = "";
        for (size_t i = 0; i < sizeof op / sizeof op[0]; i++) {
            struct hook_seg sq[] = { { 0, 100 }, { 1, 400 }, { 0, op[i].open_ms }, { 1, 400 } };
            n = hook_run(sq, 4, step, ev, at, 8);
            int want_n = op[i].want == HOOK_EV_NONE ? 1 : op[i].want == HOOK_EV_FLASH ? 2 : 3;
            int good = n == want_n && ev[0] == HOOK_EV_OFF_HOOK;
            if (good && op[i].want == HOOK_EV_FLASH)
                good = ev[1] == HOOK_EV_FLASH;
            if (good && op[i].want == HOOK_EV_ON_HOOK)
                good = ev[1] == HOOK_EV_ON_HOOK && ev[2] == HOOK_EV_OFF_HOOK &&
                       at[1] >= 500 + 1000 && at[1] <= 500 + 1000 + HOOK_DEBOUNCE_MS + 3 * step;
            if (!good && ok) {
                snprintf(why, sizeof why, "open %u ms, step %u ms: %d events (%d at %u, %d at %u)",
                         op[i].open_ms, step, n, n > 0 ? (int)ev[0] : -1, n > 0 ? at[0] : 0,
                         n > 1 ? (int)ev[1] : -1, n > 1 ? at[1] : 0);
                ok = 0;
            }
        }
        char name[64];
        snprintf(name, sizeof name, "hook/flash_onhook_step%ums", step);
        verdict(name, ok, "%s", why);
    }
}

/* ---- bad input --------------------------------------------------------- */

static void test_bad_input(void)
{
    struct dtmf_gen g;
    char longs[DTMF_GEN_MAX + 2];
    memset(longs, '1', sizeof longs - 1);
    longs[sizeof longs - 1] = '\0';
    int ok = dtmf_gen_start(&g, "12x", 50, 50, -80, -60) == OBTI_EINVAL &&
             dtmf_gen_start(&g, "", 50, 50, -80, -60) == OBTI_EINVAL &&
             dtmf_gen_start(&g, NULL, 50, 50, -80, -60) == OBTI_EINVAL &&
             dtmf_gen_start(&g, "1", 0, 50, -80, -60) == OBTI_EINVAL &&
             dtmf_gen_start(&g, longs, 50, 50, -80, -60) == OBTI_EINVAL;
    /* A failed start leaves a generator that plays silence. */
    int16_t buf[160];
    int more = dtmf_gen_fill(&g, buf, 160);
    int silent = 1;
    for (int i = 0; i < 160; i++)
        silent &= buf[i] == 0;
    verdict("bad/dtmf_gen_start", ok && more == 0 && silent, "codes or state wrong");

    struct tone_gen t;
    tone_gen_init(&t);
    verdict("bad/tone_gen_start", tone_gen_start(&t, (enum tone_kind)99) == OBTI_EINVAL &&
            tone_gen_start(&t, TONE_KINDS) == OBTI_EINVAL, "accepted an unknown kind");

    /* A full digit buffer: the digit is counted as dropped, not written. */
    struct dtmf_det d;
    dtmf_det_init(&d);
    dtmf_gen_start(&g, "12", 60, 60, -80, -60);
    int16_t x[2000];
    dtmf_gen_fill(&g, x, 2000);
    size_t nd = dtmf_det_feed(&d, x, 2000, NULL, 0);
    verdict("bad/dtmf_det_full_buffer", nd == 0 && d.dropped == 2 && d.digits == 2,
            "returned %zu, dropped %u, digits %u", nd, (unsigned)d.dropped, (unsigned)d.digits);

    /* A key held for 100 s at the top of the range: one digit, no
     * overflow in the detector's accumulators (UBSan in this build). */
    {
        struct sig s = { 0 };
        sig_silence(&s, 20);
        sig_digit(&s, 'D', 100000, -3, -3, 0, 0);
        sig_silence(&s, 60);
        char g2[8];
        size_t n2 = detect(&s, g2, sizeof g2);
        verdict("dtmf/held_100s_one_digit", n2 == 1 && g2[0] == 'D', "got \"%s\"", g2);
        sig_free(&s);
    }

    /* Full-scale square wave and clipped DTMF: no crash, no digit from the square. */
    dtmf_det_init(&d);
    for (int i = 0; i < 2000; i++)
        x[i] = (i / 4) % 2 ? 32767 : -32768;
    char dg[8];
    nd = dtmf_det_feed(&d, x, 2000, dg, 8);
    nd += dtmf_det_feed(&d, x, 0, dg, 8);
    nd += dtmf_det_feed(&d, NULL, 160, dg, 8);
    verdict("bad/dtmf_det_full_scale_square", nd == 0, "%zu digits from a 1 kHz square", nd);
}

/* The host build of the generators gives the checksum the firmware
 * benchmark checks on the SoC (sw/fw/app/telbench/telbench_kat.h). */
static void test_kat(void)
{
    uint32_t h = telbench_kat_fnv();
    verdict("kat/generators_fnv", h == TELBENCH_KAT_FNV, "host %08x, header %08x",
            (unsigned)h, (unsigned)TELBENCH_KAT_FNV);
}

/* ---- talk-off file mode ----------------------------------------------- */

static int count_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return 2;
    }
    struct dtmf_det d;
    dtmf_det_init(&d);
    int16_t buf[TEL_FRAME];
    size_t n, total = 0;
    char all[256];
    size_t na = 0;
    while ((n = fread(buf, sizeof buf[0], TEL_FRAME, f)) > 0) {
        char dg[4];
        size_t k = dtmf_det_feed(&d, buf, n, dg, sizeof dg);
        for (size_t i = 0; i < k; i++) {
            int w = snprintf(all + na, sizeof all - na, "%s%c@%.2fs", na ? "," : "", dg[i],
                             (double)total / FS);
            if (w > 0 && (size_t)w < sizeof all - na)
                na += (size_t)w;
        }
        total += n;
    }
    fclose(f);
    all[na] = '\0';
    printf("%.1f %u %s\n", (double)total / FS, (unsigned)d.digits, na ? all : "-");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--count") == 0)
        return count_file(argv[2]);
    if (argc != 1) {
        fprintf(stderr, "usage: %s [--count FILE.s16]\n", argv[0]);
        return 2;
    }
    /* Fixed seed: the same phases and noise every run; TEL_SEED=n tries others. */
    const char *seed = getenv("TEL_SEED");
    if (seed != NULL && strtoull(seed, NULL, 0) != 0)
        rng_state = strtoull(seed, NULL, 0);
    test_level_reference();
    test_every_digit();
    test_frequency();
    test_twist();
    test_levels();
    test_durations();
    test_noise();
    test_call_progress_talkoff();
    test_tones();
    test_dtmf_gen();
    test_hook();
    test_bad_input();
    test_kat();
    fprintf(stderr, "tel: %d passed, %d failed\n", passes, failures);
    return 0;
}
