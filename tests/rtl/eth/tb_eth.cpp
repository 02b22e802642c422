// Unit test bench of the Ethernet MAC (rtl/periph/eth/obti_eth.v) alone,
// with an RMII PHY model and an MDIO PHY model written here. Expected values
// come from IEEE 802.3 (preamble, SFD, 60-byte minimum, 64..1522-byte frame
// limits, 12-byte inter-frame gap, clause 22 MDIO frame) and from zlib's
// crc32() as the independent CRC-32 (the FCS is its value, least significant
// byte first). Prints one PASS/FAIL line per property.
#include <zlib.h>

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "Vobti_eth.h"
#include "verilated.h"

namespace {

// Register offsets from the generated header (the description in
// rtl/periph/eth/eth.regs.toml).
#include "obti/regs_eth.h"

using Bytes = std::vector<uint8_t>;

std::unique_ptr<VerilatedContext> ctx;
std::unique_ptr<Vobti_eth> dut;
uint64_t cycle = 0;
int fails = 0, checks = 0;
std::string cur_fail;

void fail(const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (cur_fail.empty()) cur_fail = buf;
}

#define EXPECT(cond, ...)              \
  do {                                 \
    checks++;                          \
    if (!(cond)) fail(__VA_ARGS__);    \
  } while (0)

void verdict(const char *name) {
  if (cur_fail.empty()) {
    printf("PASS eth: %s\n", name);
  } else {
    printf("FAIL eth: %s: %s\n", name, cur_fail.c_str());
    fails++;
  }
  cur_fail.clear();
}

uint32_t crc32_of(const Bytes &b) { return uint32_t(crc32(0L, b.data(), uInt(b.size()))); }

// --- RMII PHY model ---------------------------------------------------------
// One di-bit every `period` cycles on each direction; the MAC samples and
// drives once per period at its own phase, so any fixed phase works.
struct Dibit {
  bool dv;
  uint8_t d;
};

struct Phy {
  int period = 2;                  // cycles per di-bit (REFDIV, x10 at 10 Mbit/s)
  std::deque<Dibit> rx;            // to the MAC
  int rx_cnt = 0;
  Dibit cur{false, 0};
  // from the MAC
  int tx_cnt = 0;
  bool in_frame = false;
  std::vector<uint8_t> dibits;     // of the frame being sent
  std::vector<Bytes> sent;         // whole wire frames (preamble..FCS)
  std::vector<uint64_t> gaps;      // di-bits of silence before each frame
  uint64_t idle = 1000000;

  // A frame on the wire: preamble (with `lead` 00 di-bits before it), SFD,
  // bytes; `extra` trailing di-bits (dribble), `toggle` last bytes with CRS_DV
  // toggling as at the end of carrier (RMII 1.2 5.3.2).
  void send(const Bytes &frame, int ipg_dibits = 48, int lead = 0, int pre_bytes = 7,
            int extra = 0, int toggle_bytes = 0) {
    for (int i = 0; i < lead; i++) rx.push_back({true, 0});
    Bytes w(size_t(pre_bytes), 0x55);
    w.push_back(0xD5);
    size_t start = w.size();
    w.insert(w.end(), frame.begin(), frame.end());
    for (size_t i = 0; i < w.size(); i++)
      for (int k = 0; k < 4; k++) {
        bool dv = true;
        if (i >= start && toggle_bytes > 0 && i + size_t(toggle_bytes) >= w.size())
          dv = (k & 1) != 0;      // low on the first di-bit of each nibble
        rx.push_back({dv, uint8_t((w[i] >> (2 * k)) & 3)});
      }
    for (int k = 0; k < extra; k++) rx.push_back({true, uint8_t(k & 3)});
    for (int i = 0; i < ipg_dibits; i++) rx.push_back({false, 0});
  }

  void before_edge(Vobti_eth *t) {
    if (++rx_cnt >= period) {
      rx_cnt = 0;
      if (!rx.empty()) {
        cur = rx.front();
        rx.pop_front();
      } else {
        cur = {false, 0};
      }
    }
    t->i_rmii_crs_dv = cur.dv;
    t->i_rmii_rxd = cur.d;
  }

  void after_edge(Vobti_eth *t) {
    if (++tx_cnt < period) return;
    tx_cnt = 0;
    if (t->o_rmii_txen) {
      if (!in_frame) {
        in_frame = true;
        dibits.clear();
        gaps.push_back(idle);
      }
      dibits.push_back(t->o_rmii_txd);
    } else {
      if (in_frame) {
        in_frame = false;
        idle = 0;
        Bytes b;
        for (size_t i = 0; i + 3 < dibits.size(); i += 4)
          b.push_back(uint8_t(dibits[i] | dibits[i + 1] << 2 | dibits[i + 2] << 4 |
                              dibits[i + 3] << 6));
        if (dibits.size() % 4) b.push_back(0xEE);  // marks a partial byte
        sent.push_back(b);
      }
      idle++;
    }
  }
};

// --- MDIO PHY model (IEEE 802.3 clause 22) ---------------------------------
struct Mdio {
  uint16_t regs[32] = {};
  int phy_addr = 1;
  bool last_mdc = false;
  uint64_t bits = 0;       // shifted in on rising MDC edges
  int n = 0;               // bits since the last 32 ones
  int ones = 0;
  bool reading = false;
  int rd_bit = 0;
  uint16_t rd_val = 0;
  bool drive = true;       // line level the PHY drives during a read
  int frames = 0;
  std::string error;

  void after_edge(Vobti_eth *t) {
    bool mdc = t->o_mdc;
    bool rise = mdc && !last_mdc, fall = !mdc && last_mdc;
    last_mdc = mdc;
    if (reading && fall) {
      // the PHY changes its bit after the rising edge; we present it after the
      // falling edge so it is stable at the next rising edge
      // first falling edge: TA bit 1 (released, reads 1); then TA bit 2 = 0
      if (rd_bit == 0) drive = true;
      else if (rd_bit == 1) drive = false;
      else drive = (rd_val >> (17 - rd_bit)) & 1;     // data MSB first
      if (++rd_bit > 17) {
        reading = false;
        drive = true;
      }
    }
    if (!rise) return;
    if (reading) return;
    if (!t->o_mdio_oe) {
      if (n > 0) error = "MDIO released by the master outside a read turnaround";
      return;
    }
    int b = t->o_mdio_o;
    if (n == 0) {
      if (b) { ones++; return; }
      if (ones < 32) { error = "MDIO frame with a preamble shorter than 32 bits"; ones = 0; return; }
      bits = 0;
      n = 1;       // first start bit (0)
      return;
    }
    bits = (bits << 1) | uint64_t(b);
    n++;
    if (n == 14) {
      // ST(2) OP(2) PHYAD(5) REGAD(5) seen: 0 1 op op p p p p p r r r r r
      uint32_t st1 = (bits >> 12) & 1, op = (bits >> 10) & 3;
      uint32_t phy = (bits >> 5) & 31, reg = bits & 31;
      if (st1 != 1) error = "bad MDIO start bits";
      if (op == 2) {          // read: TA driven by the PHY
        if (phy == uint32_t(phy_addr)) {
          reading = true;
          rd_bit = 0;
          rd_val = regs[reg];
        }
        frames++;
        n = 0;
        ones = 0;
        return;
      }
      if (op != 1) error = "bad MDIO op code";
    }
    if (n == 32) {            // write: ... TA(10) DATA(16)
      uint32_t ta = (bits >> 16) & 3, data = bits & 0xFFFF;
      uint32_t phy = (bits >> 23) & 31, reg = (bits >> 18) & 31;
      if (ta != 2) error = "bad MDIO write turnaround";
      if (phy == uint32_t(phy_addr)) regs[reg] = uint16_t(data);
      frames++;
      n = 0;
      ones = 0;
    }
  }
};

Phy phy;
Mdio mdio;

void step() {
  phy.before_edge(dut.get());
  dut->i_mdio_i = (dut->o_mdio_oe ? dut->o_mdio_o : mdio.drive);
  dut->clk = 1;
  dut->eval();
  dut->clk = 0;
  dut->eval();
  cycle++;
  phy.after_edge(dut.get());
  mdio.after_edge(dut.get());
}

#include "tb_eth_bus.h"

void run(uint64_t n) {
  for (uint64_t i = 0; i < n; i++) step();
}

// Runs until the PHY has sent everything queued plus a margin.
void drain_rx(int margin = 400) {
  while (!phy.rx.empty()) step();
  run(uint64_t(margin));
}

const Bytes kMac = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x31};

void set_mac(const Bytes &m) {
  bus_write(ETH_MACLO, m[0] | m[1] << 8 | m[2] << 16 | uint32_t(m[3]) << 24);
  bus_write(ETH_MACHI, m[4] | m[5] << 8);
}

std::mt19937 rng(12345);

Bytes payload_frame(const Bytes &dst, size_t len) {  // len without FCS
  Bytes f(len);
  for (size_t i = 0; i < len; i++) f[i] = uint8_t(rng());
  for (size_t i = 0; i < 6 && i < len; i++) f[i] = dst[i];
  for (size_t i = 6; i < 12 && i < len; i++) f[i] = uint8_t(0x10 + i);
  return f;
}

Bytes with_fcs(Bytes f) {
  uint32_t c = crc32_of(f);
  for (int k = 0; k < 4; k++) f.push_back(uint8_t(c >> (8 * k)));
  return f;
}

uint32_t ctrl_value(bool rxen, bool speed10, bool promisc, bool allmulti, uint32_t refdiv = 2) {
  return (rxen ? ETH_CTRL_RXEN_MASK : 0) | (speed10 ? ETH_CTRL_SPEED10_MASK : 0) |
         (promisc ? ETH_CTRL_PROMISC_MASK : 0) | (allmulti ? ETH_CTRL_ALLMULTI_MASK : 0) |
         (refdiv << ETH_CTRL_REFDIV_SHIFT) | (4u << ETH_CTRL_MDCDIV_SHIFT);
}


uint32_t counter(uint32_t reg) { return bus_read(reg); }


// Sends `f` (no FCS) through the MAC's TX buffer, waits for the end.
void mac_send(const Bytes &f, uint32_t len_reg) {
  for (size_t i = 0; i < f.size(); i += 4) {
    uint32_t w = 0;
    for (size_t k = 0; k < 4 && i + k < f.size(); k++) w |= uint32_t(f[i + k]) << (8 * k);
    bus_write(ETH_BUF + uint32_t(i), w);
  }
  bus_write(ETH_TXLEN, len_reg);
}

void wait_tx_idle(uint64_t limit) {
  uint64_t end = cycle + limit;
  while ((bus_read(ETH_STATUS) & ETH_STATUS_TXBUSY_MASK) && cycle < end) run(20);
  if (cycle >= end) fail("transmitter still busy after %llu cycles", (unsigned long long)limit);
}

// Checks one wire frame against the frame the MAC was given.
void check_wire(const Bytes &wire, const Bytes &f, const char *what) {
  Bytes exp(7, 0x55);
  exp.push_back(0xD5);
  Bytes body = f;
  if (body.size() < 60) body.resize(60, 0);
  exp.insert(exp.end(), body.begin(), body.end());
  uint32_t c = crc32_of(body);
  for (int k = 0; k < 4; k++) exp.push_back(uint8_t(c >> (8 * k)));
  if (wire.size() != exp.size()) {
    fail("%s: %zu bytes on the wire, expected %zu", what, wire.size(), exp.size());
    return;
  }
  for (size_t i = 0; i < exp.size(); i++)
    if (wire[i] != exp[i]) {
      fail("%s: wire byte %zu is 0x%02x, expected 0x%02x", what, i, wire[i], exp[i]);
      return;
    }
}

// --- the tests ----------------------------------------------------------------

void test_reset() {
  EXPECT(bus_read(ETH_CTRL) == ETH_CTRL_RESET, "CTRL reset 0x%08x", bus_read(ETH_CTRL));
  EXPECT(bus_read(ETH_STATUS) == 0, "STATUS not 0 after reset");
  EXPECT(bus_read(ETH_RXLEN) == 0, "RXLEN not 0 with an empty ring");
  EXPECT(dut->o_irq == 0, "irq after reset");
  EXPECT(dut->o_rmii_txen == 0, "TXEN after reset");
  verdict("reset values, idle line");
}

void test_mdio() {
  mdio.regs[2] = 0x0007;
  mdio.regs[3] = 0xC0F1;
  bus_write(ETH_MDIO, (1u << ETH_MDIO_WRITE_SHIFT) | (1u << ETH_MDIO_PHY_SHIFT) |
                          (4u << ETH_MDIO_REG_SHIFT) | 0x01E1);
  EXPECT(bus_read(ETH_STATUS) & ETH_STATUS_MDIOBUSY_MASK, "MDIOBUSY not set during a write");
  while (bus_read(ETH_MDIO) & ETH_MDIO_BUSY_MASK) run(10);
  EXPECT(mdio.regs[4] == 0x01E1, "PHY register 4 = 0x%04x after write 0x01e1", mdio.regs[4]);
  EXPECT(bus_read(ETH_IP) & ETH_IP_MDIO_MASK, "IP.MDIO not set");
  bus_write(ETH_IP, ETH_IP_MDIO_MASK);
  EXPECT(!(bus_read(ETH_IP) & ETH_IP_MDIO_MASK), "IP.MDIO not cleared by w1c");
  for (uint32_t reg : {2u, 3u, 4u}) {
    bus_write(ETH_MDIO, (1u << ETH_MDIO_PHY_SHIFT) | (reg << ETH_MDIO_REG_SHIFT));
    while (bus_read(ETH_MDIO) & ETH_MDIO_BUSY_MASK) run(10);
    uint32_t v = bus_read(ETH_MDIO) & 0xFFFF;
    EXPECT(v == mdio.regs[reg], "read PHY register %u: 0x%04x, expected 0x%04x", reg, v,
           mdio.regs[reg]);
  }
  // a PHY address nobody answers reads all ones (pulled-up line)
  bus_write(ETH_MDIO, (7u << ETH_MDIO_PHY_SHIFT) | (2u << ETH_MDIO_REG_SHIFT));
  while (bus_read(ETH_MDIO) & ETH_MDIO_BUSY_MASK) run(10);
  EXPECT((bus_read(ETH_MDIO) & 0xFFFF) == 0xFFFF, "absent PHY did not read 0xffff");
  EXPECT(mdio.frames == 5, "PHY model saw %d frames, expected 5", mdio.frames);
  EXPECT(mdio.error.empty(), "%s", mdio.error.c_str());
  verdict("MDIO clause-22 write and read frames (preamble, ST, OP, TA, data)");
}

void test_tx(int period, const char *name) {
  phy.sent.clear();
  phy.gaps.clear();
  std::vector<Bytes> frames;
  for (size_t len : {size_t(1), size_t(14), size_t(42), size_t(59), size_t(60), size_t(61),
                     size_t(64), size_t(100), size_t(333), size_t(1000), size_t(1514),
                     size_t(1518)}) {
    if (period > 2 && len > 200) continue;    // 10 Mbit/s: keep it short
    frames.push_back(payload_frame(kMac, len));
  }
  uint32_t ok0 = counter(ETH_TXOK);
  for (auto &f : frames) {
    mac_send(f, uint32_t(f.size()));
    EXPECT(bus_read(ETH_STATUS) & ETH_STATUS_TXBUSY_MASK, "TXBUSY not set after TXLEN");
    wait_tx_idle(uint64_t(period) * 4 * 1600 + 1000);
  }
  run(uint64_t(period) * 8);
  EXPECT(phy.sent.size() == frames.size(), "%zu frames on the wire, expected %zu",
         phy.sent.size(), frames.size());
  for (size_t i = 0; i < frames.size() && i < phy.sent.size(); i++) {
    char what[64];
    snprintf(what, sizeof what, "frame of %zu bytes", frames[i].size());
    check_wire(phy.sent[i], frames[i], what);
  }
  EXPECT(counter(ETH_TXOK) - ok0 == frames.size(), "TXOK counted %u",
         counter(ETH_TXOK) - ok0);
  verdict(name);
}

void test_tx_gap_and_len() {
  // Back to back: a second TXLEN while busy is ignored; the next frame
  // starts no earlier than 12 byte times (48 di-bits) after the last.
  phy.sent.clear();
  phy.gaps.clear();
  Bytes a = payload_frame(kMac, 80), b = payload_frame(kMac, 90);
  mac_send(a, 80);
  bus_write(ETH_TXLEN, 90);   // ignored: busy
  EXPECT((bus_read(ETH_TXLEN) & 0x7FF) == 80, "TXLEN accepted while busy");
  while (bus_read(ETH_STATUS) & ETH_STATUS_TXBUSY_MASK) {}
  mac_send(b, 90);
  wait_tx_idle(100000);
  run(20);
  EXPECT(phy.sent.size() == 2, "%zu frames sent, expected 2", phy.sent.size());
  if (phy.gaps.size() == 2) EXPECT(phy.gaps[1] >= 48, "gap of %llu di-bits < 48", (unsigned long long)phy.gaps[1]);
  if (phy.sent.size() == 2) check_wire(phy.sent[1], b, "second frame");
  // out-of-range lengths are refused
  size_t n = phy.sent.size();
  bus_write(ETH_TXLEN, 0);
  bus_write(ETH_TXLEN, 1519);
  EXPECT(!(bus_read(ETH_STATUS) & ETH_STATUS_TXBUSY_MASK), "TXLEN 0 or 1519 started a frame");
  run(2000);
  EXPECT(phy.sent.size() == n, "a frame was sent for TXLEN 0 or 1519");
  verdict("TX: inter-frame gap >= 12 bytes, TXLEN ignored while busy or out of range");
}

void test_rx_basic(const char *name) {
  clear_counters();
  std::vector<Bytes> sent;
  std::uniform_int_distribution<int> len_d(60, 1514);
  for (int i = 0; i < 24; i++) {
    size_t len = (i == 0) ? 60 : (i == 1) ? 1514 : (i == 2) ? 1518 : size_t(len_d(rng));
    Bytes f = payload_frame(i % 3 == 2 ? Bytes(6, 0xFF) : kMac, len);
    sent.push_back(f);
    // variations of the PHY's preamble, dribble di-bits, CRS_DV toggling
    phy.send(with_fcs(f), 48, i % 4, 7 - (i % 3), (i % 5 == 1) ? 2 : 0, (i % 4 == 3) ? 2 : 0);
    drain_rx();
    Bytes got;
    if (!read_frame(got)) {
      fail("frame %d (%zu bytes) not received", i, len);
      continue;
    }
    EXPECT(got == with_fcs(f), "frame %d (%zu bytes): data or FCS differ (got %zu bytes)", i,
           len, got.size());
  }
  EXPECT(counter(ETH_RXOK) == sent.size(), "RXOK %u, expected %zu", counter(ETH_RXOK), sent.size());
  EXPECT(counter(ETH_CRCERR) == 0 && counter(ETH_RUNT) == 0, "error counters moved");
  verdict(name);
}

void test_rx_errors() {
  clear_counters();
  bus_write(ETH_IE, ETH_IE_RXDROP_MASK);
  // bad FCS (one bit flipped in the data, then in the FCS)
  Bytes f = with_fcs(payload_frame(kMac, 200));
  f[50] ^= 0x04;
  phy.send(f);
  Bytes g = with_fcs(payload_frame(kMac, 64));
  g[g.size() - 1] ^= 0x80;
  phy.send(g);
  drain_rx();
  EXPECT(counter(ETH_CRCERR) == 2, "CRCERR %u, expected 2", counter(ETH_CRCERR));
  EXPECT(dut->o_irq == 1, "no RXDROP interrupt");
  bus_write(ETH_IP, ETH_IP_RXDROP_MASK);
  EXPECT(dut->o_irq == 0, "RXDROP interrupt not cleared");
  // runts: 63 bytes with FCS and a 20-byte fragment, both with good FCS
  phy.send(with_fcs(payload_frame(kMac, 59)));
  phy.send(with_fcs(payload_frame(kMac, 16)));
  phy.send(with_fcs(payload_frame(kMac, 2)));
  drain_rx();
  EXPECT(counter(ETH_RUNT) == 3, "RUNT %u, expected 3", counter(ETH_RUNT));
  // oversize: 1523 bytes with FCS, and a 2000-byte jabber
  phy.send(with_fcs(payload_frame(kMac, 1519)));
  phy.send(with_fcs(payload_frame(kMac, 1996)));
  drain_rx(100);
  // 1522 bytes with FCS is the limit and is accepted
  Bytes lim = payload_frame(kMac, 1518);
  phy.send(with_fcs(lim));
  drain_rx();
  EXPECT(counter(ETH_OVERSIZE) == 2, "OVERSIZE %u, expected 2", counter(ETH_OVERSIZE));
  Bytes got;
  EXPECT(read_frame(got) && got == with_fcs(lim), "1522-byte frame not received intact");
  EXPECT(!read_frame(got), "a dropped frame reached the ring");
  EXPECT(counter(ETH_RXOK) == 1, "RXOK %u, expected 1", counter(ETH_RXOK));
  // false carrier (10 instead of preamble) and noise without SFD are ignored
  for (int i = 0; i < 20; i++) phy.rx.push_back({true, 2});
  for (int i = 0; i < 48; i++) phy.rx.push_back({false, 0});
  for (int i = 0; i < 30; i++) phy.rx.push_back({true, 1});
  for (int i = 0; i < 48; i++) phy.rx.push_back({false, 0});
  Bytes after = payload_frame(kMac, 77);
  phy.send(with_fcs(after));
  drain_rx();
  EXPECT(read_frame(got) && got == with_fcs(after), "frame after false carrier lost");
  EXPECT(counter(ETH_CRCERR) == 2 && counter(ETH_RUNT) == 3, "false carrier was counted");
  bus_write(ETH_IE, 0);
  bus_write(ETH_IP, 0xF);
  verdict("RX drops: bad FCS, runts, oversize counted and not stored; false carrier ignored");
}

void test_rx_overrun() {
  clear_counters();
  bus_write(ETH_IE, ETH_IE_RX_MASK);
  std::vector<Bytes> fs;
  for (int i = 0; i < 6; i++) {
    fs.push_back(payload_frame(kMac, 100 + size_t(i) * 37));
    phy.send(with_fcs(fs.back()), 48);     // back to back, minimum gap
  }
  drain_rx();
  EXPECT((bus_read(ETH_STATUS) & 0xFF) == 4, "ring holds %u frames, expected 4",
         bus_read(ETH_STATUS) & 0xFF);
  EXPECT(counter(ETH_OVERRUN) == 2, "OVERRUN %u, expected 2", counter(ETH_OVERRUN));
  EXPECT(dut->o_irq == 1, "no RX interrupt with frames waiting");
  for (int i = 0; i < 4; i++) {
    Bytes got;
    EXPECT(read_frame(got) && got == with_fcs(fs[size_t(i)]), "ring frame %d differs", i);
  }
  EXPECT(dut->o_irq == 0, "RX interrupt with an empty ring");
  // the ring wraps around correctly afterwards
  for (int round = 0; round < 3; round++) {
    Bytes a = payload_frame(kMac, 300 + size_t(round)), b = payload_frame(kMac, 61);
    phy.send(with_fcs(a), 48);
    phy.send(with_fcs(b), 48);
    drain_rx();
    Bytes g1, g2;
    EXPECT(read_frame(g1) && g1 == with_fcs(a) && read_frame(g2) && g2 == with_fcs(b),
           "wrap-around round %d", round);
  }
  bus_write(ETH_IE, 0);
  verdict("RX ring: back-to-back frames, overrun counted when full, wrap-around, RX interrupt");
}

void test_filter() {
  clear_counters();
  Bytes other = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x32};
  Bytes mc1 = {0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb};    // mDNS group
  Bytes mc2 = {0x33, 0x33, 0x00, 0x00, 0x00, 0x01};    // IPv6 all-nodes
  uint32_t h1 = crc32_of(mc1) & 63, h2 = crc32_of(mc2) & 63;
  if (h1 == h2) fail("test addresses share a hash bit");
  uint64_t hash = 1ull << h1;
  bus_write(ETH_HASHLO, uint32_t(hash));
  bus_write(ETH_HASHHI, uint32_t(hash >> 32));
  struct Case {
    Bytes dst;
    bool promisc, allmulti, accept;
  } cases[] = {
      {kMac, false, false, true},       {other, false, false, false},
      {Bytes(6, 0xFF), false, false, true}, {mc1, false, false, true},
      {mc2, false, false, false},       {mc2, false, true, true},
      {other, true, false, true},       {mc2, true, false, true},
  };
  int n = 0, acc = 0, rej = 0;
  for (auto &c : cases) {
    bus_write(ETH_CTRL, ctrl_value(true, false, c.promisc, c.allmulti));
    Bytes f = payload_frame(c.dst, 90);
    phy.send(with_fcs(f));
    drain_rx();
    Bytes got;
    bool r = read_frame(got);
    EXPECT(r == c.accept, "case %d (%02x:%02x:..:%02x promisc %d allmulti %d): %s", n,
           c.dst[0], c.dst[1], c.dst[5], c.promisc, c.allmulti,
           r ? "accepted" : "rejected");
    if (r) EXPECT(got == with_fcs(f), "case %d: data differ", n);
    (c.accept ? acc : rej)++;
    n++;
  }
  EXPECT(counter(ETH_FILTERED) == uint32_t(rej), "FILTERED %u, expected %d",
         counter(ETH_FILTERED), rej);
  EXPECT(counter(ETH_RXOK) == uint32_t(acc), "RXOK %u, expected %d", counter(ETH_RXOK), acc);
  // RXEN off: frames are ignored, not counted
  bus_write(ETH_CTRL, ctrl_value(false, false, false, false));
  phy.send(with_fcs(payload_frame(kMac, 90)));
  drain_rx();
  Bytes got;
  EXPECT(!read_frame(got), "frame received with RXEN off");
  EXPECT(counter(ETH_RXOK) == uint32_t(acc), "RXOK moved with RXEN off");
  bus_write(ETH_CTRL, ctrl_value(true, false, false, false));
  bus_write(ETH_HASHLO, 0);
  bus_write(ETH_HASHHI, 0);
  verdict("address filter: own MAC, broadcast, multicast hash (zlib crc32 & 63), ALLMULTI, PROMISC, RXEN");
}

void test_txdone_irq() {
  bus_write(ETH_IP, 0xF);
  bus_write(ETH_IE, ETH_IE_TXDONE_MASK);
  mac_send(payload_frame(kMac, 70), 70);
  EXPECT(dut->o_irq == 0, "TXDONE interrupt before the frame was sent");
  wait_tx_idle(100000);
  run(4);
  EXPECT(dut->o_irq == 1, "no TXDONE interrupt");
  EXPECT(bus_read(ETH_IP) & ETH_IP_TXDONE_MASK, "IP.TXDONE not set");
  bus_write(ETH_IP, ETH_IP_TXDONE_MASK);
  EXPECT(dut->o_irq == 0, "TXDONE not cleared by w1c");
  bus_write(ETH_IE, 0);
  verdict("TXDONE interrupt, w1c");
}

}  // namespace

int main(int argc, char **argv) {
  ctx = std::make_unique<VerilatedContext>();
  ctx->commandArgs(argc, argv);
  dut = std::make_unique<Vobti_eth>(ctx.get());
  dut->clk = 0;
  dut->rst = 1;
  dut->eval();
  for (int i = 0; i < 4; i++) {
    dut->clk = 1;
    dut->eval();
    dut->clk = 0;
    dut->eval();
  }
  dut->rst = 0;
  mdio.drive = true;

  test_reset();
  bus_write(ETH_CTRL, ctrl_value(true, false, false, false));
  set_mac(kMac);
  test_mdio();
  phy.period = 2;
  test_tx(2, "TX at 100 Mbit/s: preamble, SFD, data, zero padding to 60, FCS = zlib crc32");
  test_tx_gap_and_len();
  test_txdone_irq();
  test_rx_basic("RX at 100 Mbit/s: 24 frames 60..1518 bytes intact (preamble variants, dribble, CRS_DV toggling)");
  test_rx_errors();
  test_rx_overrun();
  test_filter();
  // 10 Mbit/s: each di-bit lasts 10 reference clocks
  bus_write(ETH_CTRL, ctrl_value(true, true, false, false));
  phy.period = 20;
  test_tx(20, "TX at 10 Mbit/s: frames and FCS as at 100 Mbit/s");
  {
    clear_counters();
    std::vector<Bytes> fs;
    for (size_t len : {60, 61, 150}) {
      fs.push_back(payload_frame(kMac, len));
      phy.send(with_fcs(fs.back()));
    }
    Bytes bad = with_fcs(payload_frame(kMac, 70));
    bad[20] ^= 1;
    phy.send(bad);
    drain_rx(2000);
    for (auto &f : fs) {
      Bytes got;
      EXPECT(read_frame(got) && got == with_fcs(f), "10 Mbit/s frame of %zu bytes", f.size());
    }
    EXPECT(counter(ETH_CRCERR) == 1, "CRCERR %u at 10 Mbit/s", counter(ETH_CRCERR));
    verdict("RX at 10 Mbit/s: frames intact, bad FCS counted");
  }
  // REFDIV 1 (system clock = 50 MHz reference)
  bus_write(ETH_CTRL, ctrl_value(true, false, false, false, 1));
  phy.period = 1;
  test_tx(1, "TX with REFDIV 1");
  test_rx_basic("RX with REFDIV 1");
  printf("eth: %d checks, %d failed properties, %llu cycles\n", checks, fails,
         (unsigned long long)cycle);
  dut->final();
  dut.reset();
  return fails ? 1 : 0;
}
