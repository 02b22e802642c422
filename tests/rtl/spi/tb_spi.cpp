// SPI master (obti_spi) against a ProSLIC control-port model written here
// from the Si3210 protocol: two bytes per access (address, bit 7 = read; then
// data), CS high between the bytes for >= 220 ns, SCLK idle high, SDI
// sampled on rising edges, SDO driven on falling edges. Checks register
// writes land in the model and reads return the model's bytes, the SCLK
// period, the CS gap, RESET_N, INT and the DONE interrupt.
#include <cstdio>
#include <cstdint>
#include <string>
#include <vector>

#include "Vobti_spi.h"

enum : uint32_t { CLK = 0x00, CMD = 0x04, STATUS = 0x08, SLIC = 0x0C, IE = 0x10, IP = 0x14 };

static int g_fail = 0, g_pass = 0;
static void verdict(bool ok, const std::string &what, const std::string &why = "") {
  printf("%s spi: %s%s%s\n", ok ? "PASS" : "FAIL", what.c_str(), ok ? "" : ": ", ok ? "" : why.c_str());
  ok ? g_pass++ : g_fail++;
}

struct Slic {
  uint8_t regs[128] = {};
  bool cs = true, sclk = true, sdo = true;
  int nbits = 0, byte_no = 0;
  uint8_t sh = 0, addr = 0, out = 0;
  uint64_t cs_rise = 0, last_rise = 0;
  int min_gap = 1 << 30, min_period = 1 << 30, max_period = 0;
  int writes = 0, reads = 0;
  std::vector<std::string> errors;
  void err(const std::string &s) { if (errors.size() < 4) errors.push_back(s); }

  void sample(uint64_t cyc, bool csn, bool ck, bool sdi) {
    if (!csn && cs) {                       // CS falls: a byte starts
      if (cs_rise) min_gap = std::min(min_gap, int(cyc - cs_rise));
      if (!ck) err("SCLK low when CS falls");
      nbits = 0; sh = 0;
      if (byte_no == 1 && (addr & 0x80)) { out = regs[addr & 0x7F]; sdo = out >> 7; out <<= 1; }
    }
    if (!csn && ck && !sclk) {              // rising edge: sample SDI
      if (last_rise) {
        int p = int(cyc - last_rise);
        if (nbits > 0) { min_period = std::min(min_period, p); max_period = std::max(max_period, p); }
      }
      last_rise = cyc;
      sh = uint8_t((sh << 1) | sdi); nbits++;
    }
    if (!csn && !ck && sclk && byte_no == 1 && (addr & 0x80) && nbits > 0) {  // falling: next SDO bit
      sdo = out >> 7; out <<= 1;
    }
    if (csn && !cs) {                       // CS rises: a byte ends
      cs_rise = cyc;
      if (nbits != 8) err("byte of " + std::to_string(nbits) + " bits");
      if (byte_no == 0) { addr = sh; byte_no = 1; }
      else {
        if (addr & 0x80) reads++;
        else { regs[addr & 0x7F] = sh; writes++; }
        byte_no = 0;
      }
    }
    cs = csn; sclk = ck;
  }
};

struct Bench {
  Vobti_spi top;
  Slic slic;
  uint64_t cyc = 0;
  void tick() {
    top.i_sdo = slic.sdo;
    top.clk = 0; top.eval();
    top.clk = 1; top.eval();
    cyc++;
    slic.sample(cyc, top.o_cs_n & 1, top.o_sclk, top.o_sdi);
  }
  void write(uint32_t a, uint32_t v) {
    top.i_req = 1; top.i_we = 1; top.i_addr = a; top.i_wdata = v; top.i_be = 0xF;
    tick(); top.i_req = 0; top.i_we = 0; tick();
  }
  uint32_t read(uint32_t a) {
    top.i_req = 1; top.i_we = 0; top.i_addr = a;
    tick(); top.i_req = 0;
    uint32_t v = top.o_rdata;
    tick();
    return v;
  }
  int wait_idle() {
    int n = 0;
    while ((read(STATUS) & 1) && n < 100000) n++;
    return n;
  }
};

int main() {
  Bench b;
  b.top.i_int_n = 1;
  b.top.rst = 1;
  for (int i = 0; i < 4; i++) b.tick();
  b.top.rst = 0;
  b.tick();
  verdict(b.top.o_reset_n == 0 && b.top.o_cs_n == 1 && b.top.o_sclk == 1,
          "after reset: SLIC held in reset, CS high, SCLK idle high");
  uint32_t rng = 99;
  for (int half : {25, 4, 1}) {
    b.write(CLK, (25u << 16) | uint32_t(half));
    b.slic.min_period = 1 << 30; b.slic.max_period = 0;
    uint8_t want[128];
    for (int r = 0; r < 128; r++) {
      rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5;
      want[r] = uint8_t(rng);
      b.write(CMD, uint32_t(r) | (uint32_t(want[r]) << 8));
      b.wait_idle();
    }
    bool ok = true; std::string why;
    for (int r = 0; r < 128; r++)
      if (b.slic.regs[r] != want[r]) { ok = false; why = "reg " + std::to_string(r); break; }
    verdict(ok, "128 register writes land in the SLIC model (SCLK half period " + std::to_string(half) + ")", why);
    for (int r = 0; r < 128 && ok; r++) {
      b.write(CMD, 0x80u | uint32_t(r));
      b.wait_idle();
      uint32_t st = b.read(STATUS);
      if (((st >> 8) & 0xFF) != want[r]) {
        ok = false;
        char t[80]; snprintf(t, sizeof t, "reg %d read %02x want %02x", r, (st >> 8) & 0xFF, want[r]);
        why = t;
      }
    }
    verdict(ok, "128 register reads return the SLIC's bytes (half period " + std::to_string(half) + ")", why);
    verdict(b.slic.min_period == 2 * half && b.slic.max_period == 2 * half,
            "SCLK period is 2 * HALF cycles (" + std::to_string(2 * half) + ")",
            std::to_string(b.slic.min_period) + ".." + std::to_string(b.slic.max_period));
  }
  verdict(b.slic.min_gap >= 25 && b.slic.errors.empty(), "CS high >= GAP (250 ns >= 220 ns) between bytes; 8 bits per byte",
          b.slic.errors.empty() ? "gap " + std::to_string(b.slic.min_gap) : b.slic.errors[0]);
  verdict(b.slic.reads == 3 * 128 && b.slic.writes == 3 * 128, "one access per command (384 reads, 384 writes)");
  // DONE interrupt and its clear
  b.write(STATUS, 2);
  b.write(IE, 1);
  bool irq_before = b.top.o_irq;
  b.write(CMD, 0x85);
  b.wait_idle();
  bool irq_after = b.top.o_irq;
  b.write(STATUS, 2);
  verdict(!irq_before && irq_after && !b.top.o_irq, "DONE interrupt raised by a finished access, cleared by writing 1");
  // SLIC INT and RESET lines
  b.write(IE, 2);
  b.top.i_int_n = 0;
  b.tick(); b.tick(); b.tick();
  uint32_t s = b.read(SLIC);
  bool i1 = b.top.o_irq;
  b.top.i_int_n = 1;
  b.tick(); b.tick(); b.tick();
  bool i2 = b.top.o_irq;
  b.write(SLIC, 1);
  verdict((s & 0x100) && i1 && !i2 && b.top.o_reset_n == 1, "INT_N low raises the interrupt; RESET_N follows SLIC.RESET_N");
  // A command while busy is ignored
  b.write(CLK, (25u << 16) | 25);
  b.write(CMD, 0x10 | (0xAAu << 8));
  b.write(CMD, 0x11 | (0x55u << 8));
  b.wait_idle();
  uint8_t r11 = b.slic.regs[0x11];
  verdict(b.slic.regs[0x10] == 0xAA && r11 != 0x55, "a command written while BUSY is ignored");
  printf("tb_spi: %d passed, %d failed\n", g_pass, g_fail);
  return g_fail ? 1 : 0;
}
