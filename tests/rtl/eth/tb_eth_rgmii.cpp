// Test bench of the Ethernet MAC built for RGMII (obti_eth with Rgmii = 1)
// against an RGMII PHY model written here, with the PHY's RX clock
// independent of the system clock (event-driven, picosecond time). The MAC
// side of the board's DDR flops is what the bench sees: per clock cycle the
// rising- and falling-edge values. Expected values come from the RGMII v2.0
// specification (10/100: one nibble per rising RX/TX clock edge, low nibble
// first; RX_CTL/TX_CTL = DV/EN on the rising edge, DV xor ER on the
// falling edge; in-band status between frames: RXD0 link, RXD2:1 clock
// speed, RXD3 duplex), IEEE 802.3 (preamble, SFD, 60-byte minimum, FCS,
// 12-byte inter-frame gap, +-100 ppm clocks) and zlib's crc32() as the
// independent FCS. One PASS/FAIL line per property.
#include <zlib.h>

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "Vobti_eth_rgmii.h"
#include "verilated.h"

namespace {

#include "obti/regs_eth.h"

using Bytes = std::vector<uint8_t>;

std::unique_ptr<VerilatedContext> ctx;
std::unique_ptr<Vobti_eth_rgmii> dut;
uint64_t cycle = 0;
int fails = 0;
std::string cur_fail;

void fail(const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (cur_fail.empty()) cur_fail = buf;
}

#define EXPECT(cond, ...)           \
  do {                              \
    if (!(cond)) fail(__VA_ARGS__); \
  } while (0)

void verdict(const std::string &name) {
  if (cur_fail.empty()) {
    printf("PASS eth-rgmii: %s\n", name.c_str());
  } else {
    printf("FAIL eth-rgmii: %s: %s\n", name.c_str(), cur_fail.c_str());
    fails++;
  }
  cur_fail.clear();
}

uint32_t crc32_of(const Bytes &b) { return uint32_t(crc32(0L, b.data(), uInt(b.size()))); }

Bytes with_fcs(Bytes f) {
  uint32_t c = crc32_of(f);
  for (int k = 0; k < 4; k++) f.push_back(uint8_t(c >> (8 * k)));
  return f;
}

// --- clocks -------------------------------------------------------------------
struct Clock {
  uint64_t half_ps;
  uint64_t next;
  bool level;
};
Clock sys{20000, 20000, false};   // 25 MHz
Clock rxc{20000, 7000, false};    // the PHY's RX clock, own phase

// --- RGMII PHY model ------------------------------------------------------------
struct Sym {
  bool dv, er;
  uint8_t d;
};

struct Phy {
  // receive direction (PHY -> MAC), one symbol per RX clock cycle
  std::deque<Sym> rx;
  uint8_t inband = 0xB;            // full duplex, 25 MHz, link up
  // transmit direction (MAC -> PHY): half-cycle samples of the DDR outputs
  bool last_txc = false;
  bool txc_seen = false;
  uint8_t rise_d = 0;
  bool rise_en = false;
  uint64_t last_rise_half = 0, half = 0;
  std::vector<uint64_t> periods;   // TXC periods in half-cycles
  uint64_t high_halves = 0, cur_high = 0;
  std::vector<uint64_t> highs;
  bool prev_d_valid = false;
  uint8_t prev_d = 0;
  bool prev_en = false;
  bool in_frame = false;
  std::vector<uint8_t> nibbles;
  std::vector<Bytes> sent;
  std::vector<uint64_t> gaps;      // idle nibbles before each frame
  uint64_t idle = 1000000;
  std::string error;

  void send(const Bytes &wire_frame, int ipg_nibbles = 24, int pre_bytes = 7,
            int er_at = -1) {
    Bytes w(size_t(pre_bytes), 0x55);
    w.push_back(0xD5);
    size_t start = w.size();
    w.insert(w.end(), wire_frame.begin(), wire_frame.end());
    for (size_t i = 0; i < w.size(); i++)
      for (int k = 0; k < 2; k++) {
        bool er = er_at >= 0 && i == start + size_t(er_at) && k == 1;
        rx.push_back({true, er, uint8_t((w[i] >> (4 * k)) & 15)});
      }
    for (int i = 0; i < ipg_nibbles; i++) rx.push_back({false, false, 0});
  }

  // Values the board's IDDR flops hand the MAC for the next RX clock cycle.
  void drive_rx(Vobti_eth_rgmii *t) {
    Sym s{false, false, 0};
    if (!rx.empty()) {
      s = rx.front();
      rx.pop_front();
    }
    uint8_t d = s.dv ? s.d : inband;
    t->i_rgmii_rxd_r = d;
    t->i_rgmii_rxd_f = d;                 // 10/100: the falling edge repeats it
    t->i_rgmii_rxctl_r = s.dv;
    t->i_rgmii_rxctl_f = s.dv ^ s.er;
  }

  // One half-cycle of the MAC's DDR outputs: the PHY samples TXD/TX_CTL on
  // the rising TX_CLK edge (TX_EN) and TX_CTL again on the falling edge.
  void half_cycle(bool txc, uint8_t d, bool ctl) {
    half++;
    bool rise = txc && !last_txc, fallb = !txc && last_txc;
    last_txc = txc;
    if (txc) cur_high++;
    // edge-aligned output: TXD and TX_CTL change only where TX_CLK rises
    if (prev_d_valid && !rise && (d != prev_d || ctl != prev_en))
      error = "TXD/TX_CTL changed away from a rising TX_CLK edge";
    prev_d_valid = true;
    prev_d = d;
    prev_en = ctl;
    if (fallb) {
      highs.push_back(cur_high);
      if (ctl != rise_en) error = "TX_CTL differs on the falling edge (TX_ER signalled)";
    }
    if (!rise) return;
    cur_high = 1;
    if (txc_seen) periods.push_back(half - last_rise_half);
    txc_seen = true;
    last_rise_half = half;
    rise_d = d;
    rise_en = ctl;
    if (ctl) {
      if (!in_frame) {
        in_frame = true;
        nibbles.clear();
        gaps.push_back(idle);
      }
      nibbles.push_back(d);
    } else {
      if (in_frame) {
        in_frame = false;
        idle = 0;
        Bytes b;
        for (size_t i = 0; i + 1 < nibbles.size(); i += 2)
          b.push_back(uint8_t(nibbles[i] | nibbles[i + 1] << 4));
        if (nibbles.size() % 2) b.push_back(0xEE);   // marks a partial byte
        sent.push_back(b);
      }
      idle++;
    }
  }
};

Phy phy;

// Advances time to the next system clock rising edge and past it.
void step() {
  for (;;) {
    uint64_t t = std::min(sys.next, rxc.next);
    bool sys_rise = false;
    if (rxc.next == t) {
      rxc.level = !rxc.level;
      rxc.next += rxc.half_ps;
      if (rxc.level) phy.drive_rx(dut.get());
      // inputs change just after the edge that follows: keep them stable
      // across this rising edge by driving before it (IDDR output timing)
      dut->i_rgmii_rxc = rxc.level;
    }
    if (sys.next == t) {
      sys.level = !sys.level;
      sys.next += sys.half_ps;
      dut->clk = sys.level;
      sys_rise = sys.level;
    }
    dut->eval();
    if (sys_rise) {
      cycle++;
      phy.half_cycle(dut->o_rgmii_txc_r, dut->o_rgmii_txd_r, dut->o_rgmii_txctl_r);
      phy.half_cycle(dut->o_rgmii_txc_f, dut->o_rgmii_txd_f, dut->o_rgmii_txctl_f);
      return;
    }
  }
}

void run(uint64_t n) {
  for (uint64_t i = 0; i < n; i++) step();
}

#include "tb_eth_bus.h"

const Bytes kMac = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x31};
std::mt19937 rng(4242);

Bytes payload_frame(size_t len) {
  Bytes f(len);
  for (size_t i = 0; i < len; i++) f[i] = uint8_t(rng());
  for (size_t i = 0; i < 6 && i < len; i++) f[i] = kMac[i];
  for (size_t i = 6; i < 12 && i < len; i++) f[i] = uint8_t(0x10 + i);
  return f;
}

uint32_t ctrl_value(bool speed10, uint32_t refdiv) {
  return ETH_CTRL_RXEN_MASK | (speed10 ? ETH_CTRL_SPEED10_MASK : 0) |
         (refdiv << ETH_CTRL_REFDIV_SHIFT) | (4u << ETH_CTRL_MDCDIV_SHIFT);
}



void drain_rx(uint64_t margin) {
  while (!phy.rx.empty()) step();
  run(margin);
}

// Sets the speed: the PHY's RX clock period and the MAC's CTRL.
void set_speed(bool speed10, uint32_t refdiv, uint64_t sys_half_ps, double rx_ppm) {
  sys.half_ps = sys_half_ps;
  double rx_half = (speed10 ? 200000.0 : 20000.0) / (1.0 + rx_ppm * 1e-6);
  rxc.half_ps = uint64_t(rx_half + 0.5);
  phy.inband = uint8_t(0x8 | (speed10 ? 0 : 2) | 1);
  bus_write(ETH_CTRL, ctrl_value(speed10, refdiv));
  run(50);
}

// --- tests ----------------------------------------------------------------------

void test_tx(bool speed10, uint32_t refdiv, const std::string &name) {
  phy.sent.clear();
  phy.gaps.clear();
  phy.periods.clear();
  phy.highs.clear();
  phy.error.clear();
  std::vector<Bytes> frames;
  for (size_t len : {1, 14, 59, 60, 61, 100, 333, 1514, 1518}) {
    if (speed10 && len > 200) continue;
    frames.push_back(payload_frame(len));
  }
  for (auto &f : frames) {
    for (size_t i = 0; i < f.size(); i += 4) {
      uint32_t w = 0;
      for (size_t k = 0; k < 4 && i + k < f.size(); k++) w |= uint32_t(f[i + k]) << (8 * k);
      bus_write(ETH_BUF + uint32_t(i), w);
    }
    bus_write(ETH_TXLEN, uint32_t(f.size()));
    uint64_t end = cycle + uint64_t(refdiv) * (speed10 ? 10 : 1) * 2 * 1600 + 1000;
    while ((bus_read(ETH_STATUS) & ETH_STATUS_TXBUSY_MASK) && cycle < end) run(20);
    if (cycle >= end) fail("transmitter still busy");
  }
  run(100);
  EXPECT(phy.sent.size() == frames.size(), "%zu frames on the wire, expected %zu",
         phy.sent.size(), frames.size());
  for (size_t i = 0; i < frames.size() && i < phy.sent.size(); i++) {
    Bytes body = frames[i];
    if (body.size() < 60) body.resize(60, 0);
    Bytes exp(7, 0x55);
    exp.push_back(0xD5);
    Bytes wf = with_fcs(body);
    exp.insert(exp.end(), wf.begin(), wf.end());
    if (phy.sent[i] != exp) {
      fail("frame %zu (%zu bytes): wire differs (%zu bytes, expected %zu)", i, frames[i].size(),
           phy.sent[i].size(), exp.size());
      break;
    }
  }
  for (size_t i = 1; i < phy.gaps.size(); i++)
    EXPECT(phy.gaps[i] >= 24, "inter-frame gap of %llu nibbles < 24 (12 bytes)",
           (unsigned long long)phy.gaps[i]);
  // TX_CLK: period REFDIV (x10) system cycles = 40 ns (400 ns) at 25 MHz
  uint64_t want = 2ull * refdiv * (speed10 ? 10 : 1);
  for (uint64_t p : phy.periods)
    if (p != want) {
      fail("TX_CLK period %llu half-cycles, expected %llu", (unsigned long long)p,
           (unsigned long long)want);
      break;
    }
  for (uint64_t h : phy.highs)
    if (h != want / 2) {
      fail("TX_CLK high for %llu half-cycles, expected %llu", (unsigned long long)h,
           (unsigned long long)(want / 2));
      break;
    }
  EXPECT(phy.error.empty(), "%s", phy.error.c_str());
  EXPECT(bus_read(ETH_TXOK) >= frames.size(), "TXOK %u", bus_read(ETH_TXOK));
  verdict(name);
}

void test_rx(bool speed10, const std::string &name) {
  clear_counters();
  std::vector<Bytes> frames;
  std::vector<size_t> lens = {60, 61, 64, 100, 512, 1514, 1518};
  if (speed10) lens = {60, 61, 150};
  for (size_t len : lens) frames.push_back(payload_frame(len));
  // back to back with the minimum gap; short preambles too
  int k = 0;
  for (auto &f : frames) phy.send(with_fcs(f), 24, (k++ % 2) ? 7 : 1);
  size_t got = 0;
  uint64_t margin = speed10 ? 4000 : 400;
  while (!phy.rx.empty() || got < frames.size()) {
    Bytes b;
    if (read_frame(b)) {
      if (got < frames.size() && b != with_fcs(frames[got]))
        fail("frame %zu (%zu bytes) differs in the ring", got, frames[got].size());
      got++;
    } else if (phy.rx.empty()) {
      run(margin);
      if (!read_frame(b)) break;
      if (got < frames.size() && b != with_fcs(frames[got]))
        fail("frame %zu differs in the ring", got);
      got++;
    } else {
      run(200);
    }
  }
  EXPECT(got == frames.size(), "%zu frames read, expected %zu", got, frames.size());
  EXPECT(bus_read(ETH_RXOK) == frames.size(), "RXOK %u", bus_read(ETH_RXOK));
  EXPECT(bus_read(ETH_CRCERR) == 0, "CRCERR %u", bus_read(ETH_CRCERR));
  uint32_t st = bus_read(ETH_STATUS);
  EXPECT(st & ETH_STATUS_RGMII_MASK, "STATUS.RGMII not set");
  EXPECT(((st & ETH_STATUS_LINK_MASK) >> ETH_STATUS_LINK_SHIFT) == 1, "in-band LINK not seen");
  EXPECT(((st & ETH_STATUS_CLKSPEED_MASK) >> ETH_STATUS_CLKSPEED_SHIFT) == (speed10 ? 0u : 1u),
         "in-band CLKSPEED %u", (st & ETH_STATUS_CLKSPEED_MASK) >> ETH_STATUS_CLKSPEED_SHIFT);
  EXPECT(st & ETH_STATUS_DUPLEX_MASK, "in-band DUPLEX not seen");
  verdict(name);
}

void test_rx_errors(bool speed10, const std::string &name) {
  clear_counters();
  Bytes good = payload_frame(80);
  Bytes bad = with_fcs(payload_frame(90));
  bad[30] ^= 0x10;
  phy.send(bad);                                       // bad FCS
  phy.send(with_fcs(payload_frame(70)), 24, 7, 20);    // RX_ER on byte 20
  Bytes runt = with_fcs(payload_frame(40));
  phy.send(runt);
  // a false carrier between frames (RX_DV low, RX_ER high, RXD 1110)
  for (int i = 0; i < 4; i++) phy.rx.push_back({false, true, 0xE});
  phy.send(with_fcs(good));
  drain_rx(speed10 ? 4000 : 400);
  EXPECT(bus_read(ETH_CRCERR) == 2, "CRCERR %u, expected 2 (bad FCS, RX_ER)",
         bus_read(ETH_CRCERR));
  EXPECT(bus_read(ETH_RUNT) == 1, "RUNT %u", bus_read(ETH_RUNT));
  Bytes b;
  EXPECT(read_frame(b) && b == with_fcs(good), "the good frame after the bad ones is not intact");
  EXPECT(!read_frame(b), "more frames in the ring than the good one");
  verdict(name);
}

// Sustained back-to-back maximum frames with the PHY's clock fast by `ppm`:
// the clock-crossing FIFO must neither lose nor invent nibbles (IEEE 802.3
// allows +-100 ppm on each side); far beyond that the frames are dropped
// and counted, never accepted corrupted.
void test_rx_clock(double ppm, bool expect_ok, const std::string &name) {
  set_speed(false, 1, 20000, ppm);
  clear_counters();
  std::vector<Bytes> frames;
  for (int i = 0; i < 4; i++) frames.push_back(payload_frame(1518));   // the ring's 4 slots
  size_t got = 0, intact = 0;
  for (auto &f : frames) {
    phy.send(with_fcs(f), 24);
    drain_rx(0);
  }
  run(400);
  Bytes b;
  while (read_frame(b)) {
    for (auto &f : frames)
      if (b == with_fcs(f)) intact++;
    got++;
  }
  uint32_t crc = bus_read(ETH_CRCERR), ok = bus_read(ETH_RXOK);
  if (expect_ok) {
    EXPECT(intact == frames.size() && ok == frames.size(), "%zu of %zu frames intact (RXOK %u, CRCERR %u)",
           intact, frames.size(), ok, crc);
  } else {
    EXPECT(got == intact, "a corrupted frame was accepted");
    EXPECT(crc + ok == frames.size() && crc > 0, "RXOK %u + CRCERR %u, expected %zu with drops",
           ok, crc, frames.size());
  }
  verdict(name);
}

// The MAC's own output fed back into its input through the bench (a PHY in
// loopback): frames sent come back intact.
void test_loopback(bool speed10, const std::string &name) {
  clear_counters();
  phy.sent.clear();
  std::vector<Bytes> frames = {payload_frame(60), payload_frame(200)};
  if (!speed10) frames.push_back(payload_frame(1200));
  for (auto &f : frames) {
    for (size_t i = 0; i < f.size(); i += 4) {
      uint32_t w = 0;
      for (size_t k = 0; k < 4 && i + k < f.size(); k++) w |= uint32_t(f[i + k]) << (8 * k);
      bus_write(ETH_BUF + uint32_t(i), w);
    }
    bus_write(ETH_TXLEN, uint32_t(f.size()));
    while (bus_read(ETH_STATUS) & ETH_STATUS_TXBUSY_MASK) run(20);
  }
  run(200);
  for (auto &w : phy.sent) {
    // the wire frame (preamble, SFD, data, FCS) back as the PHY's receive data
    Bytes body(w.begin() + 8, w.end());
    phy.send(body);
  }
  drain_rx(speed10 ? 4000 : 400);
  Bytes b;
  size_t n = 0;
  while (read_frame(b)) {
    if (n < frames.size() && b != with_fcs(frames[n])) fail("looped frame %zu differs", n);
    n++;
  }
  EXPECT(n == frames.size(), "%zu frames looped back, expected %zu", n, frames.size());
  verdict(name);
}

// A system reset while the PHY's RX clock is stopped (the boards hold the
// PHY in reset with the SoC): the receive side must still start clean, so
// the first frame after the clock resumes is received.
void test_reset_without_rxc(const std::string &name) {
  rxc.next = UINT64_MAX / 2;                 // RX clock stopped
  dut->rst = 1;
  run(8);
  dut->rst = 0;
  run(8);
  bus_write(ETH_MACLO, kMac[0] | kMac[1] << 8 | kMac[2] << 16 | uint32_t(kMac[3]) << 24);
  bus_write(ETH_MACHI, kMac[4] | kMac[5] << 8);
  bus_write(ETH_CTRL, ctrl_value(false, 1));
  rxc.half_ps = 20000;
  rxc.level = false;
  dut->i_rgmii_rxc = 0;
  rxc.next = sys.next + 3000;                // the PHY's clock starts
  Bytes f = payload_frame(100);
  for (int i = 0; i < 32; i++) phy.rx.push_back({false, false, 0});  // idle first
  phy.send(with_fcs(f), 24, 7);
  drain_rx(400);
  Bytes b;
  EXPECT(read_frame(b) && b == with_fcs(f), "the first frame after reset was not received intact");
  EXPECT(bus_read(ETH_RXOK) == 1, "RXOK %u", bus_read(ETH_RXOK));
  EXPECT(!read_frame(b), "a second frame in the ring");
  uint32_t drops = bus_read(ETH_CRCERR) + bus_read(ETH_RUNT) + bus_read(ETH_OVERSIZE);
  EXPECT(drops == 0, "%u frames dropped: stale nibbles from before the reset", drops);
  verdict(name);
}

}  // namespace

int main(int argc, char **argv) {
  ctx = std::make_unique<VerilatedContext>();
  ctx->commandArgs(argc, argv);
  dut = std::make_unique<Vobti_eth_rgmii>(ctx.get());
  dut->rst = 1;
  run(8);
  dut->rst = 0;
  run(8);
  bus_write(ETH_MACLO, kMac[0] | kMac[1] << 8 | kMac[2] << 16 | uint32_t(kMac[3]) << 24);
  bus_write(ETH_MACHI, kMac[4] | kMac[5] << 8);

  // 100 Mbit/s, system clock 25 MHz (REFDIV 1), PHY clock 100 ppm fast
  set_speed(false, 1, 20000, 100);
  test_tx(false, 1, "TX at 100 Mbit/s (25 MHz clock): nibbles low first, padding, FCS = zlib crc32, "
                    "12-byte gap, TX_CLK 25 MHz edge-aligned, no TX_ER");
  test_rx(false, "RX at 100 Mbit/s, PHY clock +100 ppm: 7 frames 60..1518 bytes back to back intact, "
                 "in-band status in STATUS");
  test_rx_errors(false, "RX at 100 Mbit/s: bad FCS and RX_ER counted as CRC errors, runt counted, "
                        "false carrier ignored, next frame intact");
  test_loopback(false, "loopback at 100 Mbit/s: MAC output fed back as PHY input, frames intact");
  test_rx_clock(-100, true, "RX clock crossing: PHY clock -100 ppm, 4 back-to-back 1518-byte frames intact");
  test_rx_clock(30000, false, "RX clock crossing: PHY clock +3 % (out of spec): frames that overflow "
                              "the FIFO are counted as CRC errors, none accepted corrupted");
  // 50 MHz system clock (REFDIV 2): TX_CLK from two cycles
  set_speed(false, 2, 10000, 0);
  test_tx(false, 2, "TX at 100 Mbit/s with a 50 MHz system clock (REFDIV 2): frames, TX_CLK 25 MHz");
  test_rx(false, "RX at 100 Mbit/s with a 50 MHz system clock");
  // 10 Mbit/s: 2.5 MHz clocks
  set_speed(true, 1, 20000, 50);
  test_tx(true, 1, "TX at 10 Mbit/s: frames, FCS, TX_CLK 2.5 MHz with 50 % duty");
  test_rx(true, "RX at 10 Mbit/s: frames intact, in-band speed 2.5 MHz");
  test_rx_errors(true, "RX at 10 Mbit/s: bad FCS, RX_ER, runt counted");
  test_loopback(true, "loopback at 10 Mbit/s");
  test_reset_without_rxc("reset while the PHY's RX clock is stopped: the first frame afterwards is received");

  printf("eth-rgmii: %d failed, %llu cycles\n", fails, (unsigned long long)cycle);
  dut->final();
  return fails ? 1 : 0;
}
