/* Independent G.711 model for the test benches (tests/rtl/pcm/g711_ref.c). */
#ifndef G711_REF_H
#define G711_REF_H
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif
uint8_t g711_ref_ulaw_enc(int16_t x);
int16_t g711_ref_ulaw_dec(uint8_t code);
uint8_t g711_ref_alaw_enc(int16_t x);
int16_t g711_ref_alaw_dec(uint8_t code);
#ifdef __cplusplus
}
#endif
#endif
