/* Telephony DSP benchmark and known-answer test on the SoC: cycles per
 * 20 ms frame of the DTMF detector and of the tone generator (mcycle),
 * the generators' output against the host's checksum and the digits the
 * detector finds in the generator's DTMF. Prints "bench <name> <value>"
 * lines for `make bench-tel` and "telbench: ok" when every check passes
 * (exit code 0). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cpu.h"
#include "tel.h"
#include "telbench_kat.h"

int main(void)
{
    int failures = 0;
    int16_t frame[TEL_FRAME];
    char got[16];
    size_t ngot = 0;

    /* Known answer: the generators' samples, bit-exact with the host build. */
    uint32_t fnv = telbench_kat_fnv();
    if (fnv != TELBENCH_KAT_FNV) {
        printf("telbench: generator checksum %08" PRIx32 ", expected %08" PRIx32 "\n",
               fnv, (uint32_t)TELBENCH_KAT_FNV);
        failures++;
    }

    /* DTMF detector: a digit string at -8/-6 dBm0, 60 ms on, 60 ms off,
     * frame by frame; the cost of each frame, average and worst. */
    static struct dtmf_det det;
    static struct dtmf_gen gen;
    dtmf_det_init(&det);
    if (dtmf_gen_start(&gen, TELBENCH_DIGITS, 60, 60, -80, -60) != 0)
        failures++;
    uint64_t total = 0, worst = 0;
    unsigned frames = 0;
    int more = 1;
    while (more || frames < 50) {
        more = dtmf_gen_fill(&gen, frame, TEL_FRAME);
        char dg[4];
        uint64_t t0 = cpu_cycles();
        size_t k = dtmf_det_feed(&det, frame, TEL_FRAME, dg, sizeof dg);
        uint64_t c = cpu_cycles() - t0;
        total += c;
        if (c > worst)
            worst = c;
        frames++;
        for (size_t i = 0; i < k && ngot < sizeof got - 1; i++)
            got[ngot++] = dg[i];
    }
    got[ngot] = '\0';
    if (strcmp(got, TELBENCH_DIGITS) != 0) {
        printf("telbench: detected \"%s\", expected \"%s\"\n", got, TELBENCH_DIGITS);
        failures++;
    }
    printf("bench tel.dtmf.cycles_per_frame %" PRIu64 "\n", total / frames);
    printf("bench tel.dtmf.cycles_per_frame_max %" PRIu64 "\n", worst);

    /* Tone generator: dial tone (two oscillators every sample, the
     * heaviest case), 20 frames. */
    static struct tone_gen tone;
    tone_gen_init(&tone);
    tone_gen_start(&tone, TONE_DIAL);
    total = 0;
    worst = 0;
    for (int f = 0; f < 20; f++) {
        uint64_t t0 = cpu_cycles();
        tone_gen_fill(&tone, frame, TEL_FRAME);
        uint64_t c = cpu_cycles() - t0;
        total += c;
        if (c > worst)
            worst = c;
    }
    printf("bench tel.tone.cycles_per_frame %" PRIu64 "\n", total / 20);
    printf("bench tel.tone.cycles_per_frame_max %" PRIu64 "\n", worst);

    if (failures == 0)
        printf("telbench: ok\n");
    return failures == 0 ? 0 : 1;
}
