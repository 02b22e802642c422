// G.711 coders: every 16-bit input through both encoders and every code
// through both decoders, against the independent model g711_ref.c; the spot
// values of the ITU-T G.191 reference as explicit checks. One PASS/FAIL line
// per property on stdout.
#include <cstdio>
#include <cstdint>

#include "Vtb_g711.h"
#include "g711_ref.h"

static int g_fail = 0;

static void verdict(bool ok, const char *what, const char *detail) {
  printf("%s pcm/g711: %s%s%s\n", ok ? "PASS" : "FAIL", what, ok ? "" : ": ", ok ? "" : detail);
  if (!ok) g_fail++;
}

int main() {
  Vtb_g711 top;
  char why[160];

  // Spot values (issue 5 / ITU-T G.191 g711.c behaviour).
  struct { int16_t x; uint8_t u, a; } spot[] = {
      {0, 0xFF, 0xD5}, {-1, 0x7F, 0x55}, {32767, 0x80, 0xAA}, {-32768, 0x00, 0x2A}};
  bool ok = true;
  why[0] = 0;
  for (auto &s : spot) {
    top.i_lin = uint16_t(s.x);
    top.eval();
    uint8_t ru = g711_ref_ulaw_enc(s.x), ra = g711_ref_alaw_enc(s.x);
    if (top.o_ulaw != s.u || top.o_alaw != s.a || ru != s.u || ra != s.a) {
      ok = false;
      snprintf(why, sizeof why, "x=%d: rtl u=%02x a=%02x, model u=%02x a=%02x, want u=%02x a=%02x",
               s.x, top.o_ulaw, top.o_alaw, ru, ra, s.u, s.a);
    }
  }
  verdict(ok, "spot values 0, -1, 32767, -32768 (both laws, RTL and model)", why);

  // Decoder spot values: the extremes of G.711 (mu-law +-32124, A-law +-32256)
  // and the smallest steps (mu-law 0xFF -> 0, A-law 0xD5 -> 8).
  struct { uint8_t c; int16_t u, a; } dspot[] = {
      {0x80, 32124, 0}, {0x00, -32124, 0}, {0xFF, 0, 0}, {0x7F, 0, 0}};
  ok = true;
  for (auto &s : dspot) {
    top.i_code = s.c;
    top.eval();
    if (int16_t(top.o_ulaw_lin) != s.u) {
      ok = false;
      snprintf(why, sizeof why, "ulaw %02x -> %d, want %d", s.c, int16_t(top.o_ulaw_lin), s.u);
    }
  }
  struct { uint8_t c; int16_t a; } aspot[] = {{0xAA, 32256}, {0x2A, -32256}, {0xD5, 8}, {0x55, -8}};
  for (auto &s : aspot) {
    top.i_code = s.c;
    top.eval();
    if (int16_t(top.o_alaw_lin) != s.a) {
      ok = false;
      snprintf(why, sizeof why, "alaw %02x -> %d, want %d", s.c, int16_t(top.o_alaw_lin), s.a);
    }
  }
  verdict(ok, "decoder extremes and smallest steps", why);

  // Exhaustive encoders.
  int bad_u = 0, bad_a = 0;
  for (int x = -32768; x <= 32767; x++) {
    top.i_lin = uint16_t(x);
    top.eval();
    uint8_t ru = g711_ref_ulaw_enc(int16_t(x)), ra = g711_ref_alaw_enc(int16_t(x));
    if (top.o_ulaw != ru && bad_u++ == 0)
      snprintf(why, sizeof why, "x=%d rtl %02x model %02x", x, top.o_ulaw, ru);
    if (top.o_alaw != ra && bad_a++ == 0)
      snprintf(why, sizeof why, "x=%d rtl %02x model %02x", x, top.o_alaw, ra);
  }
  snprintf(why + 100, 50, "%d", 0);
  verdict(bad_u == 0, "mu-law encoder: all 65536 inputs match the model", why);
  verdict(bad_a == 0, "A-law encoder: all 65536 inputs match the model", why);

  // Exhaustive decoders, and decode(encode(decode(c))) == decode(c): every
  // reconstruction value lies inside its own interval.
  int bad_ud = 0, bad_ad = 0, bad_rt = 0;
  for (int c = 0; c < 256; c++) {
    top.i_code = uint8_t(c);
    top.eval();
    int16_t ul = int16_t(top.o_ulaw_lin), al = int16_t(top.o_alaw_lin);
    if (ul != g711_ref_ulaw_dec(uint8_t(c)) && bad_ud++ == 0)
      snprintf(why, sizeof why, "ulaw %02x rtl %d model %d", c, ul, g711_ref_ulaw_dec(uint8_t(c)));
    if (al != g711_ref_alaw_dec(uint8_t(c)) && bad_ad++ == 0)
      snprintf(why, sizeof why, "alaw %02x rtl %d model %d", c, al, g711_ref_alaw_dec(uint8_t(c)));
    // mu-law has two codes for zero (0xFF, 0x7F); A-law none.
    top.i_lin = uint16_t(al);
    top.eval();
    if (top.o_alaw != c && bad_rt++ == 0)
      snprintf(why, sizeof why, "alaw round trip %02x -> %d -> %02x", c, al, top.o_alaw);
    top.i_lin = uint16_t(ul);
    top.eval();
    if (top.o_ulaw != c && !(c == 0x7F && top.o_ulaw == 0xFF) && bad_rt++ == 0)
      snprintf(why, sizeof why, "ulaw round trip %02x -> %d -> %02x", c, ul, top.o_ulaw);
  }
  verdict(bad_ud == 0, "mu-law decoder: all 256 codes match the model", why);
  verdict(bad_ad == 0, "A-law decoder: all 256 codes match the model", why);
  verdict(bad_rt == 0, "encode(decode(code)) == code for every code of both laws", why);
  top.final();
  return g_fail ? 1 : 0;
}
