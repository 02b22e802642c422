// The Ethernet PHY's management side on the SoC's MDC/MDIO pins: a clause-22
// register model (sim/models/mdio_phy.h) of the Colorlight i9's Broadcom
// B50612D by default. Malformed frames and accesses to unimplemented or
// read-only registers are reported on stderr; --phy-strict fails the run on
// them. Options: docs/ethernet.md, "MDIO and the PHY model".
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "Vobti_soc.h"
#include "mdio_phy.h"
#include "obti_model.h"

namespace {

class PhyModel : public ObtiModel {
 public:
  const char *name() const override { return "phy"; }

  int parse_option(int argc, char **argv, int i) override {
    std::string o = argv[i];
    auto val = [&]() -> uint64_t {
      if (i + 1 >= argc) {
        fprintf(stderr, "obti_sim: %s needs a value\n", o.c_str());
        exit(2);
      }
      return obti_sim_parse_u64(o.c_str(), argv[i + 1]);
    };
    if (o == "--phy-addr") {
      uint64_t v = val();
      if (v > 31) { fprintf(stderr, "obti_sim: --phy-addr must be 0..31\n"); exit(2); }
      cfg_.addr = unsigned(v);
      return 2;
    }
    if (o == "--phy-id") { cfg_.id = uint32_t(val()); return 2; }
    if (o == "--phy-partner") { cfg_.partner = uint16_t(val()); return 2; }
    if (o == "--phy-an-cycles") { cfg_.an_cycles = val(); return 2; }
    if (o == "--phy-reset-cycles") { cfg_.reset_cycles = val(); return 2; }
    if (o == "--phy-nolink") { cfg_.link = false; return 1; }
    if (o == "--phy-none") { absent_ = true; return 1; }
    if (o == "--phy-strict") { strict_ = true; return 1; }
    if (o == "--phy-log") { log_ = true; return 1; }
    return 0;
  }

  void usage(FILE *out) const override {
    fprintf(out,
            "  --phy-addr N       MDIO address of the modelled PHY (default 1)\n"
            "  --phy-id 0xID      PHYID1:PHYID2 (default 0x03625e20, Broadcom BCM5061x)\n"
            "  --phy-partner 0xV  the link partner's ANLPAR (default 0x45e1)\n"
            "  --phy-an-cycles N  auto-negotiation time in cycles (default 20000)\n"
            "  --phy-reset-cycles N  how long BMCR.RESET stays set (default 2000)\n"
            "  --phy-nolink       no cable: link stays down\n"
            "  --phy-none         no PHY on MDIO (the pulled-up line reads all ones)\n"
            "  --phy-strict       fail the run on a malformed MDIO frame or an access to an\n"
            "                     unimplemented or read-only PHY register\n"
            "  --phy-log          log every management frame on stderr\n");
  }

  void start(Vobti_soc *top) override {
    top->i_mdio_i = 1;
    if (absent_) return;
    phy_ = std::make_unique<MdioPhy>(cfg_);
    phy_->on_report = [](const std::string &s) { fprintf(stderr, "phy: %s\n", s.c_str()); };
  }

  void before_edge(Vobti_soc *top, uint64_t cycle) override {
    if (!phy_) {
      top->i_mdio_i = top->o_mdio_oe ? top->o_mdio_o : 1;
      return;
    }
    uint64_t r = phy_->frames_read, w = phy_->frames_written;
    top->i_mdio_i = phy_->tick(cycle, top->o_mdc, top->o_mdio_oe, top->o_mdio_o);
    if (log_ && (phy_->frames_read != r || phy_->frames_written != w))
      fprintf(stderr, "phy: cycle %llu: %s frame done\n", (unsigned long long)cycle,
              phy_->frames_read != r ? "read" : "write");
  }

  int finish() override {
    if (!phy_ || phy_->problems() == 0) return 0;
    fprintf(stderr, "phy: %llu malformed frame(s), %llu unimplemented and %llu read-only register access(es), %llu contention(s)\n",
            (unsigned long long)phy_->malformed_, (unsigned long long)phy_->unimplemented_,
            (unsigned long long)phy_->readonly_, (unsigned long long)phy_->contention_);
    if (strict_) {
      fprintf(stderr, "phy: management rules violated (--phy-strict)\n");
      return 3;
    }
    return 0;
  }

 private:
  MdioPhy::Config cfg_;
  std::unique_ptr<MdioPhy> phy_;
  bool absent_ = false, strict_ = false, log_ = false;
};

}  // namespace

OBTI_MODEL(PhyModel)
