// G.711 mu-law and A-law for the SLIC model (sim/models/slic.cpp), written
// from ITU-T G.711 and the G.191 reference coder's conventions; checked
// against tests/rtl/pcm/g711_ref.c by tests/e2e/phone/g711_check.cpp.
#ifndef OBTI_SLIC_G711_H
#define OBTI_SLIC_G711_H

#include <cstdint>

namespace slic_g711 {

// Encoders take 16-bit linear samples; negative values by their one's
// complement magnitude, as G.191 does.
inline uint8_t ulaw_encode(int16_t x) {
  int mag = x < 0 ? (~x) >> 2 : x >> 2;       // 14-bit magnitude
  mag += 33;                                  // bias
  if (mag > 8191) mag = 8191;
  int exp = 0;
  for (int v = mag >> 6; v; v >>= 1) exp++;   // segment: 33..63 -> 0, ..., 4096.. -> 7
  int mant = (mag >> (exp + 1)) & 15;
  int raw = (x < 0 ? 0x80 : 0) | (exp << 4) | mant;
  return uint8_t(~raw);
}

inline int16_t ulaw_decode(uint8_t code) {
  int b = uint8_t(~code);
  int exp = (b >> 4) & 7, mant = b & 15;
  int mag = (((mant << 3) + 0x84) << exp) - 0x84;
  return int16_t((b & 0x80) ? -mag : mag);
}

inline uint8_t alaw_encode(int16_t x) {
  int ix = x < 0 ? (~x) >> 4 : x >> 4;        // 12-bit magnitude
  if (ix > 15) {
    int exp = 1;
    while (ix > 16 + 15) { ix >>= 1; exp++; }
    ix = ix - 16 + (exp << 4);
  }
  if (x >= 0) ix |= 0x80;
  return uint8_t(ix ^ 0x55);
}

inline int16_t alaw_decode(uint8_t code) {
  int ix = code ^ 0x55;
  int exp = (ix & 0x7f) >> 4, mant = ix & 15;
  if (exp > 0) mant += 16;
  mant = (mant << 4) + 8;
  if (exp > 1) mant <<= (exp - 1);
  return int16_t((ix & 0x80) ? mant : -mant);
}

}  // namespace slic_g711

#endif
