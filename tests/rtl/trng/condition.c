/* Host side of the TRNG conditioning: reads raw words (little-endian, as the
 * FIFO delivers them) and writes SHA-256 of each 512 raw bits, with the
 * firmware's own code (sw/fw/drivers/trng_cond.c).
 * Usage: condition RAW_IN COND_OUT */
#include <stdio.h>

#include "trng_cond.h"

int main(int argc, char **argv)
{
    FILE *in, *out;
    uint8_t b[4 * TRNG_COND_IN_WORDS], d[TRNG_COND_OUT_BYTES];
    uint32_t raw[TRNG_COND_IN_WORDS];
    unsigned long blocks = 0;

    if (argc != 3 || !(in = fopen(argv[1], "rb")) || !(out = fopen(argv[2], "wb"))) {
        fprintf(stderr, "usage: condition RAW_IN COND_OUT\n");
        return 2;
    }
    while (fread(b, 1, sizeof b, in) == sizeof b) {
        for (unsigned i = 0; i < TRNG_COND_IN_WORDS; i++)
            raw[i] = (uint32_t)b[4 * i] | (uint32_t)b[4 * i + 1] << 8 |
                     (uint32_t)b[4 * i + 2] << 16 | (uint32_t)b[4 * i + 3] << 24;
        trng_condition(raw, d);
        if (fwrite(d, 1, sizeof d, out) != sizeof d)
            return 1;
        blocks++;
    }
    fclose(in);
    fclose(out);
    printf("condition: %lu blocks of 512 raw bits -> %lu bytes\n", blocks, blocks * 32);
    return 0;
}
