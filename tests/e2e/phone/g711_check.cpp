// The SLIC model's G.711 coders (sim/models/slic_g711.h) against the
// independent table-driven model of tests/rtl/pcm/g711_ref.c: all 65,536
// inputs through both encoders, all 256 codes through both decoders.
// Prints one PASS/FAIL line.
#include <cstdio>

#include "../../rtl/pcm/g711_ref.h"
#include "../../../sim/models/slic_g711.h"

int main() {
  unsigned bad = 0;
  for (int v = -32768; v <= 32767; v++) {
    int16_t x = int16_t(v);
    if (slic_g711::ulaw_encode(x) != g711_ref_ulaw_enc(x) || slic_g711::alaw_encode(x) != g711_ref_alaw_enc(x)) {
      if (bad++ < 5) fprintf(stderr, "g711: encode %d differs\n", v);
    }
  }
  for (int c = 0; c < 256; c++) {
    if (slic_g711::ulaw_decode(uint8_t(c)) != g711_ref_ulaw_dec(uint8_t(c)) ||
        slic_g711::alaw_decode(uint8_t(c)) != g711_ref_alaw_dec(uint8_t(c))) {
      if (bad++ < 10) fprintf(stderr, "g711: decode 0x%02x differs\n", c);
    }
  }
  if (bad) printf("FAIL phone/g711_model: %u of 131,584 results differ from tests/rtl/pcm/g711_ref.c\n", bad);
  else printf("PASS phone/g711_model\n");
  return bad != 0;
}
