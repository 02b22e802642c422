/* obti-g711enc: 16-bit little-endian linear PCM (8 kHz mono) on stdin to
 * G.711 mu-law on stdout; the build turns the espeak-ng prompt into the
 * PS's prompt file with it. Encoding through spandsp (voice.c). */
#include <stdint.h>
#include <stdio.h>

#include "voice.h"

int main(void)
{
    uint8_t in[2];
    unsigned long n = 0;
    while (fread(in, 1, 2, stdin) == 2) {
        int16_t s = (int16_t)(uint16_t)(in[0] | in[1] << 8);
        if (putchar(voice_ulaw_encode(s)) == EOF)
            return 1;
        n++;
    }
    return n ? 0 : 1;
}
