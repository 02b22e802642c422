// Unit test of the simulator's PHY management model (sim/models/mdio_phy.h)
// with a bit-banged MDIO master written here, so that frames the MAC's
// master never makes (short preamble, clause 45 start, bad op code, bad
// write turnaround, master driving a read's turnaround) can be sent.
// Expected behaviour from IEEE 802.3 clause 22: frame format 22.2.4.5,
// BMCR reset self-clearing 22.2.4.1.1, BMSR link status latching low
// 22.2.4.2.13, PHY identifier 22.2.4.3.1 (BCM50612E's value from Linux's
// brcmphy.h). One PASS/FAIL line per property.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "mdio_phy.h"

namespace {

int fails = 0;
std::string cur_fail;
std::vector<std::string> reports;

#define EXPECT(cond, ...)                                     \
  do {                                                        \
    if (!(cond) && cur_fail.empty()) {                        \
      char b_[256];                                           \
      snprintf(b_, sizeof b_, __VA_ARGS__);                   \
      cur_fail = b_;                                          \
    }                                                         \
  } while (0)

void verdict(const char *name) {
  if (cur_fail.empty()) {
    printf("PASS eth-mdio-phy: %s\n", name);
  } else {
    printf("FAIL eth-mdio-phy: %s: %s\n", name, cur_fail.c_str());
    fails++;
  }
  cur_fail.clear();
}

struct Master {
  MdioPhy *phy;
  uint64_t cycle = 0;
  // one MDC period of 4 cycles: MDIO set while MDC is low, sampled at the rise
  bool bit(bool oe, bool v) {
    phy->tick(cycle++, false, oe, v);
    phy->tick(cycle++, false, oe, v);
    bool line = phy->tick(cycle++, true, oe, v);
    phy->tick(cycle++, true, oe, v);
    return line;
  }
  void idle(uint64_t n) {
    for (uint64_t i = 0; i < n; i++) phy->tick(cycle++, false, false, true);
  }
  void bits(uint32_t v, int n) {
    for (int i = n - 1; i >= 0; i--) bit(true, (v >> i) & 1);
  }
  int read(unsigned addr, unsigned reg, int pre = 32, unsigned st = 1, unsigned op = 2,
           bool drive_ta = false) {
    bits(0xFFFFFFFF, pre);
    bits(st, 2);
    bits(op, 2);
    bits(addr, 5);
    bits(reg, 5);
    bool ta1 = bit(drive_ta, true);
    bool ta2 = bit(false, true);
    uint32_t v = 0;
    for (int i = 0; i < 16; i++) v = (v << 1) | uint32_t(bit(false, true));
    idle(8);
    (void)ta1;
    if (ta2) return -1;            // nobody drove the second turnaround bit
    return int(v);
  }
  void write(unsigned addr, unsigned reg, uint16_t v, unsigned ta = 2, int pre = 32) {
    bits(0xFFFFFFFF, pre);
    bits(1, 2);
    bits(1, 2);
    bits(addr, 5);
    bits(reg, 5);
    bits(ta, 2);
    bits(v, 16);
    idle(8);
  }
};

}  // namespace

int main() {
  MdioPhy::Config cfg;
  cfg.addr = 1;
  cfg.reset_cycles = 500;
  cfg.an_cycles = 3000;
  MdioPhy phy(cfg);
  phy.on_report = [](const std::string &s) { reports.push_back(s); };
  Master m{&phy};

  // Identity and capabilities.
  EXPECT(m.read(1, 2) == 0x0362, "PHYID1 0x%04x", m.read(1, 2));
  EXPECT(m.read(1, 3) == 0x5E20, "PHYID2 0x%04x", m.read(1, 3));
  EXPECT(m.read(1, 0) == 0x1140, "BMCR reset value 0x%04x", m.read(1, 0));
  EXPECT(m.read(1, 4) == 0x01E1, "ANAR reset value 0x%04x", m.read(1, 4));
  EXPECT(m.read(7, 2) == -1, "a PHY at another address answered");
  EXPECT(phy.frames_other_phy == 1, "frames for other PHYs %llu", (unsigned long long)phy.frames_other_phy);
  EXPECT(reports.empty(), "report: %s", reports.empty() ? "" : reports[0].c_str());
  verdict("PHYID 0x0362/0x5e20, BMCR 0x1140, ANAR 0x01e1; other addresses unanswered (bus reads 0xffff)");

  // Link and auto-negotiation: BMSR link bit latches low until read.
  int b0 = m.read(1, 1);
  EXPECT(b0 >= 0 && !(b0 & 0x0004) && !(b0 & 0x0020), "BMSR before AN 0x%04x", b0);
  EXPECT(m.read(1, 5) == 0, "ANLPAR before AN");
  m.idle(3000);
  int b1 = m.read(1, 1);
  EXPECT(b1 == (0x7909 | 0x0020 | 0x0004), "BMSR after AN 0x%04x, expected 0x792d", b1);
  EXPECT(m.read(1, 5) == 0x45E1, "ANLPAR after AN 0x%04x", m.read(1, 5));
  verdict("auto-negotiation completes after its time: BMSR 0x792d, ANLPAR the partner's page");

  // Reset: BMCR.15 reads 1 while resetting, then self-clears; defaults back.
  m.write(1, 4, 0x0061);
  EXPECT(m.read(1, 4) == 0x0061, "ANAR write 0x%04x", m.read(1, 4));
  m.write(1, 0, 0x8000);
  int r1 = m.read(1, 0);
  EXPECT(r1 >= 0 && (r1 & 0x8000), "BMCR.RESET not set right after reset: 0x%04x", r1);
  m.idle(600);
  int r2 = m.read(1, 0);
  EXPECT(r2 == 0x1140, "BMCR after reset 0x%04x (reset bit must self-clear)", r2);
  EXPECT(m.read(1, 4) == 0x01E1, "ANAR not back to its default after reset");
  int b2 = m.read(1, 1);
  EXPECT(b2 >= 0 && !(b2 & 0x0004), "link up right after reset 0x%04x", b2);
  EXPECT(reports.empty(), "report: %s", reports.empty() ? "" : reports[0].c_str());
  verdict("BMCR reset: bit 15 set while resetting, self-clears, registers back to defaults, link down");

  // Reports.
  struct Case {
    const char *what, *needle;
    int kind;
  } cases[] = {
      {"unimplemented register read", "unimplemented PHY register 17", 0},
      {"write to read-only BMSR", "read-only PHY register 1", 1},
      {"short preamble", "preamble of 20 ones", 2},
      {"clause 45 start bits", "start bits 00", 3},
      {"bad op code", "op code 11", 4},
      {"bad write turnaround", "turnaround 11", 5},
      {"master drives the read turnaround", "master drove MDIO", 6},
  };
  for (auto &c : cases) {
    reports.clear();
    switch (c.kind) {
      case 0: EXPECT(m.read(1, 17) == 0, "unimplemented register did not read 0"); break;
      case 1: m.write(1, 1, 0xFFFF); break;
      case 2: m.read(1, 2, 20); break;
      case 3: m.read(1, 2, 32, 0); break;
      case 4: m.read(1, 2, 32, 1, 3); break;
      case 5: m.write(1, 4, 0x1234, 3); break;
      case 6: m.read(1, 2, 32, 1, 2, true); break;
    }
    bool found = false;
    for (auto &r : reports)
      if (r.find(c.needle) != std::string::npos) found = true;
    EXPECT(found, "%s: no report containing \"%s\" (%zu reports)", c.what, c.needle, reports.size());
  }
  EXPECT(m.read(1, 4) == 0x01E1, "ANAR changed by a malformed write: 0x%04x", m.read(1, 4));
  EXPECT(m.read(1, 2) == 0x0362, "model out of step after the malformed frames");
  verdict("reported: unimplemented register, read-only write, short preamble, clause-45 start, "
          "bad op, bad write turnaround, contention; nothing written, next frame fine");

  printf("eth-mdio-phy: %d failed\n", fails);
  return fails ? 1 : 0;
}
