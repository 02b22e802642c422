// TRNG source models on the SoC: drives the noise-diode pin i_trng_noise each
// cycle (NoiseDiode: bias, Markov correlation, injectable faults) and answers
// the ring-oscillator DPI call of obti_trng_ro (RingOscModel). Options:
// --noise-seed, --noise-bias, --noise-corr, --noise-period, --noise-fault,
// --ro-jitter (docs/trng.md).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "Vobti_soc.h"
#include "noise_model.h"
#include "obti_model.h"

namespace {

NoiseDiode g_diode;
RingOscModel g_ring;

class NoiseModel : public ObtiModel {
 public:
  const char *name() const override { return "noise"; }

  int parse_option(int argc, char **argv, int i) override {
    std::string o = argv[i];
    if (o != "--noise-seed" && o != "--noise-bias" && o != "--noise-corr" &&
        o != "--noise-period" && o != "--noise-fault" && o != "--ro-jitter")
      return 0;
    if (i + 1 >= argc) {
      obti_sim_fail(2, "%s needs a value", o.c_str());
      return 1;
    }
    const char *v = argv[i + 1];
    if (o == "--noise-seed") {
      uint64_t s = obti_sim_parse_u64(o.c_str(), v);
      g_diode.seed(s);
      g_ring.seed(s ^ 0x9e3779b97f4a7c15ull);
    } else if (o == "--noise-period") {
      g_diode.period = obti_sim_parse_u64(o.c_str(), v);
      if (g_diode.period == 0) obti_sim_fail(2, "--noise-period must be at least 1");
    } else if (o == "--noise-fault") {
      if (!g_diode.parse_fault(v))
        obti_sim_fail(2, "--noise-fault: '%s' is not stuck0, stuck1, bias=P or corr=C [@CYCLE]", v);
    } else {
      char *end = nullptr;
      double d = strtod(v, &end);
      if (!end || *end || d < 0.0 || d > 1.0) obti_sim_fail(2, "%s: '%s' is not in [0, 1]", o.c_str(), v);
      if (o == "--noise-bias") g_diode.bias = d;
      else if (o == "--noise-corr") g_diode.corr = d;
      else g_ring.jitter = d;
    }
    return 2;
  }

  void usage(FILE *out) const override {
    fprintf(out, "  --noise-seed N     seed of the noise-diode and ring-oscillator models (default 1)\n");
    fprintf(out, "  --noise-bias P     probability of a 1 on the noise pin (default 0.5)\n");
    fprintf(out, "  --noise-corr C     probability that the noise pin keeps its level (Markov, default 0)\n");
    fprintf(out, "  --noise-period N   cycles per new noise level (default 1)\n");
    fprintf(out, "  --noise-fault F    stuck0, stuck1, bias=P or corr=C, optionally @CYCLE (from then on)\n");
    fprintf(out, "  --ro-jitter J      ring-oscillator jitter per period, in periods (default 0.05)\n");
  }

  void before_edge(Vobti_soc *top, uint64_t cycle) override {
    top->i_trng_noise = g_diode.step(cycle);
  }
};

}  // namespace

OBTI_MODEL(NoiseModel)

extern "C" int obti_sim_trng_ro() { return g_ring.step(); }
