// A PHY's management interface (IEEE 802.3 clause 22) as seen on MDC/MDIO:
// the frame decoder of a PHY at one address and its register file. Used by
// the simulator's PHY model (sim/models/phy.cpp) and unit-tested on its own
// (tests/rtl/eth/tb_mdio_phy.cpp). Registers modelled: BMCR 0, BMSR 1,
// PHYID 2/3, ANAR 4, ANLPAR 5, and for a gigabit PHY such as the Colorlight
// i9's Broadcom B50612D the 1000BASE-T control/status 9/10 and extended
// status 15 (the driver clears the 1000BASE-T advertisement because the MAC
// is 10/100 only). Anything else, and every malformed frame, is reported.
// docs/ethernet.md, "MDIO and the PHY model".
#ifndef OBTI_MDIO_PHY_H
#define OBTI_MDIO_PHY_H

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

class MdioPhy {
 public:
  struct Config {
    unsigned addr = 1;                 // PHY address (B50612D: strap PHYA)
    uint32_t id = 0x03625E20;          // PHYID1:PHYID2 (Linux brcmphy.h BCM50612E)
    uint16_t partner = 0x45E1;         // link partner's base page (ANLPAR)
    uint16_t partner_1000 = 0x0C00;    // partner 1000BASE-T FD/HD (GBSR 11:10)
    bool link = true;                  // a cable and a partner are there
    uint64_t reset_cycles = 2000;      // BMCR.RESET stays set this long
    uint64_t an_cycles = 20000;        // auto-negotiation time (scaled down)
  };

  // Register numbers (IEEE 802.3 22.2.4).
  enum : unsigned { kBmcr = 0, kBmsr = 1, kId1 = 2, kId2 = 3, kAnar = 4, kAnlpar = 5,
                    kGbcr = 9, kGbsr = 10, kEstatus = 15 };

  explicit MdioPhy(const Config &c) : cfg_(c) { reset(0); }

  // Called once per system clock cycle with MDC and the master's MDIO
  // driver; returns the level on the MDIO line (master, PHY, or the pull-up).
  bool tick(uint64_t cycle, bool mdc, bool m_oe, bool m_o) {
    cycle_ = cycle;
    update(cycle);
    bool phy_oe = drive_ >= 0;
    if (phy_oe && m_oe && bool(drive_) != m_o)
      report(&contention_, "bus contention: master and PHY drive MDIO at once");
    bool line = m_oe ? m_o : (phy_oe ? bool(drive_) : true);
    if (mdc && !last_mdc_) rising(line, m_oe);
    last_mdc_ = mdc;
    return line;
  }

  // Where reports go (the simulator prints them on stderr).
  std::function<void(const std::string &)> on_report;

  uint64_t frames_read = 0, frames_written = 0, frames_other_phy = 0;
  uint64_t malformed_ = 0, unimplemented_ = 0, readonly_ = 0, contention_ = 0;

  uint64_t problems() const { return malformed_ + unimplemented_ + readonly_ + contention_; }

  // The register value a read returns now (also for tests).
  uint16_t peek(unsigned reg) {
    update(cycle_);
    return read_reg(reg, false);
  }

 private:
  enum State { kIdle, kFrame, kRead, kWrite, kSkip };

  Config cfg_;
  uint64_t cycle_ = 0;
  bool last_mdc_ = false;
  State st_ = kIdle;
  unsigned ones_ = 0;     // preamble ones so far
  unsigned n_ = 0;        // frame bits sampled (ST first)
  uint32_t bits_ = 0;
  unsigned op_ = 0, phy_ = 0, reg_ = 0;
  int drive_ = -1;        // PHY's MDIO driver: -1 released, else the level
  uint16_t rd_ = 0;
  // registers
  uint16_t bmcr_ = 0, anar_ = 0, gbcr_ = 0;
  uint64_t reset_until_ = 0, an_done_at_ = 0;
  bool link_latched_low_ = true;
  bool link_now_ = false;

  void report(uint64_t *counter, const char *fmt, ...) __attribute__((format(printf, 3, 4))) {
    (*counter)++;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (on_report)
      on_report("cycle " + std::to_string(cycle_) + ": " + buf);
  }

  void reset(uint64_t cycle) {
    bmcr_ = 0x1140;           // auto-negotiation on, full duplex, speed bits 1000
    anar_ = 0x01E1;           // 100FD 100HD 10FD 10HD, IEEE 802.3 selector
    gbcr_ = 0x0300;           // advertise 1000BASE-T FD and HD
    an_done_at_ = cycle + cfg_.an_cycles;
    link_latched_low_ = true;
    link_now_ = false;
  }

  bool in_reset() const { return cycle_ < reset_until_; }

  void update(uint64_t cycle) {
    if (reset_until_ && cycle >= reset_until_) {
      reset_until_ = 0;
      reset(cycle);
    }
    bool up = cfg_.link && !in_reset() && !(bmcr_ & 0x0800) &&
              (!(bmcr_ & 0x1000) || cycle >= an_done_at_);
    if (link_now_ && !up) link_latched_low_ = true;
    link_now_ = up;
  }

  bool an_complete() const { return cfg_.link && (bmcr_ & 0x1000) && cycle_ >= an_done_at_; }

  uint16_t read_reg(unsigned reg, bool side_effects) {
    switch (reg) {
      case kBmcr: return in_reset() ? uint16_t(0x8000 | bmcr_) : bmcr_;
      case kBmsr: {
        // 100FD 100HD 10FD 10HD, extended status, AN ability, extended
        // capability; AN complete; link status latched low (22.2.4.2.13)
        uint16_t v = 0x7909;
        if (an_complete()) v |= 0x0020;
        if (link_now_ && !link_latched_low_) v |= 0x0004;
        if (side_effects) link_latched_low_ = false;
        return v;
      }
      case kId1: return uint16_t(cfg_.id >> 16);
      case kId2: return uint16_t(cfg_.id);
      case kAnar: return anar_;
      case kAnlpar: return an_complete() ? cfg_.partner : 0;
      case kGbcr: return gbcr_;
      case kGbsr: return an_complete() ? cfg_.partner_1000 : 0;
      case kEstatus: return 0x3000;   // 1000BASE-T FD and HD
      default:
        report(&unimplemented_, "read of unimplemented PHY register %u (reads 0)", reg);
        return 0;
    }
  }

  void write_reg(unsigned reg, uint16_t v) {
    if (in_reset()) return;   // the PHY ignores management writes while resetting
    switch (reg) {
      case kBmcr:
        if (v & 0x8000) {     // reset: self-clearing once done (22.2.4.1.1)
          reset_until_ = cycle_ + (cfg_.reset_cycles ? cfg_.reset_cycles : 1);
          bmcr_ = uint16_t(v & 0x7FC0);
          link_now_ = false;
          link_latched_low_ = true;
          return;
        }
        // bit 9 (restart AN) self-clears; it, or turning AN on, restarts it
        if ((v & 0x0200) || ((v & 0x1000) && !(bmcr_ & 0x1000))) an_done_at_ = cycle_ + cfg_.an_cycles;
        bmcr_ = uint16_t(v & 0x7DC0);
        return;
      case kAnar: anar_ = uint16_t((v & 0x2DE0) | 0x0001); return;
      case kGbcr: gbcr_ = uint16_t(v & 0x1F00); return;
      case kBmsr: case kId1: case kId2: case kAnlpar: case kGbsr: case kEstatus:
        report(&readonly_, "write of 0x%04x to read-only PHY register %u (ignored)", v, reg);
        return;
      default:
        report(&unimplemented_, "write of 0x%04x to unimplemented PHY register %u (ignored)", v, reg);
        return;
    }
  }

  // One MDC rising edge: the PHY samples MDIO (IEEE 802.3 22.3.4).
  void rising(bool line, bool m_oe) {
    switch (st_) {
      case kIdle:
        if (line) {
          ones_++;
          return;
        }
        if (ones_ < 32) {
          report(&malformed_, "MDIO frame after a preamble of %u ones (32 needed): ignored", ones_);
          ones_ = 0;
          st_ = kSkip;
          n_ = 1;
          return;
        }
        st_ = kFrame;
        n_ = 1;
        bits_ = 0;
        return;
      case kFrame:
        if (!m_oe) {
          report(&malformed_, "master released MDIO in the middle of a frame header");
          skip();
          return;
        }
        bits_ = (bits_ << 1) | uint32_t(line);
        n_++;
        if (n_ == 2 && !line) {
          report(&malformed_, "MDIO start bits 00 (a clause 45 frame?): ignored");
          skip();
          return;
        }
        if (n_ == 14) {
          op_ = (bits_ >> 10) & 3;
          phy_ = (bits_ >> 5) & 31;
          reg_ = bits_ & 31;
          if (op_ != 1 && op_ != 2) {
            report(&malformed_, "MDIO op code %u%u (not read 10 or write 01): ignored", op_ >> 1, op_ & 1);
            skip();
            return;
          }
          if (phy_ != cfg_.addr) {
            frames_other_phy++;
            skip();
            return;
          }
          if (op_ == 2) {
            st_ = kRead;
            rd_ = read_reg(reg_, true);
          } else {
            st_ = kWrite;
          }
        }
        return;
      case kRead:
        // n_ counts frame bits: 14 = first TA bit (line released by both),
        // the PHY drives 0 for the second and then 16 data bits, MSB first
        if (m_oe) report(&contention_, "master drove MDIO during a read's turnaround or data");
        n_++;
        if (n_ == 15) drive_ = 0;
        else if (n_ >= 16 && n_ < 32) drive_ = (rd_ >> (31 - n_)) & 1;
        else if (n_ == 32) {
          drive_ = -1;
          frames_read++;
          end_frame();
        }
        return;
      case kWrite:
        bits_ = (bits_ << 1) | uint32_t(line);
        n_++;
        if (!m_oe) {
          report(&malformed_, "master released MDIO in the middle of a write frame");
          skip();
          return;
        }
        if (n_ == 32) {
          if (((bits_ >> 16) & 3) != 2) {
            report(&malformed_, "MDIO write turnaround %u%u, not 10: ignored",
                   unsigned((bits_ >> 17) & 1), unsigned((bits_ >> 16) & 1));
          } else {
            write_reg(reg_, uint16_t(bits_));
            frames_written++;
          }
          end_frame();
        }
        return;
      case kSkip:
        if (++n_ >= 32) end_frame();
        return;
    }
  }

  void skip() { st_ = kSkip; }

  void end_frame() {
    st_ = kIdle;
    ones_ = 0;
    n_ = 0;
    drive_ = -1;
  }
};

#endif
