// Noise-diode and ring-oscillator source models for the TRNG (docs/trng.md),
// header-only so that the SoC harness (sim/models/noise.cpp) and the TRNG's
// unit test bench drive the RTL with the same sources.
#ifndef OBTI_NOISE_MODEL_H
#define OBTI_NOISE_MODEL_H

#include <cmath>
#include <cstdint>
#include <random>
#include <string>

// The comparator output behind an avalanche diode: a new level every
// `period` clock cycles, 1 with probability `bias`; with probability `corr`
// the previous level is kept instead (a Markov chain: lag-1 correlation corr
// at bias 0.5). Faults replace it from a given cycle on.
struct NoiseDiode {
  enum Fault { kNone, kStuck0, kStuck1, kBias, kCorr };
  double bias = 0.5, corr = 0.0;
  uint64_t period = 1;
  Fault fault = kNone;
  double fault_value = 0.0;     // bias or correlation of the fault
  uint64_t fault_cycle = 0;
  std::mt19937_64 rng{1};
  int level = 0;

  void seed(uint64_t s) { rng.seed(s); }

  double uniform() { return double(rng() >> 11) * (1.0 / 9007199254740992.0); }

  // Parses "stuck0", "stuck1", "bias=P", "corr=C", each with an optional
  // "@CYCLE"; false on a malformed spec.
  bool parse_fault(const std::string &spec) {
    std::string kind = spec;
    fault_cycle = 0;
    size_t at = spec.find('@');
    if (at != std::string::npos) {
      kind = spec.substr(0, at);
      char *end = nullptr;
      fault_cycle = strtoull(spec.c_str() + at + 1, &end, 0);
      if (!end || *end) return false;
    }
    if (kind == "stuck0") fault = kStuck0;
    else if (kind == "stuck1") fault = kStuck1;
    else if (kind.rfind("bias=", 0) == 0) fault = kBias, fault_value = atof(kind.c_str() + 5);
    else if (kind.rfind("corr=", 0) == 0) fault = kCorr, fault_value = atof(kind.c_str() + 5);
    else return false;
    return fault_value >= 0.0 && fault_value <= 1.0;
  }

  // The pin during clock cycle `cycle`.
  int step(uint64_t cycle) {
    bool faulty = fault != kNone && cycle >= fault_cycle;
    if (faulty && fault == kStuck0) return 0;
    if (faulty && fault == kStuck1) return 1;
    if (period > 1 && cycle % period != 0) return level;
    double b = faulty && fault == kBias ? fault_value : bias;
    double c = faulty && fault == kCorr ? fault_value : corr;
    if (c > 0.0 && uniform() < c) return level;
    level = uniform() < b;
    return level;
  }
};

// Free-running ring oscillators XORed, sampled at the clock: each ring's
// phase advances by Tclk/Tring cycles per clock plus Gaussian jitter that
// accumulates as a random walk (sigma = jitter * sqrt(periods elapsed)).
struct RingOscModel {
  static constexpr int kRings = 3;
  double period_ns[kRings] = {2.43, 4.07, 5.71};  // 3-, 5-, 7-stage rings
  double clock_ns = 10.0;
  double jitter = 0.05;        // per ring period, in periods
  double phase[kRings] = {0.0, 0.31, 0.67};
  std::mt19937_64 rng{2};
  std::normal_distribution<double> gauss{0.0, 1.0};

  void seed(uint64_t s) { rng.seed(s); }

  int step() {
    int out = 0;
    for (int r = 0; r < kRings; r++) {
      double n = clock_ns / period_ns[r];
      phase[r] += n + jitter * std::sqrt(n) * gauss(rng);
      phase[r] -= std::floor(phase[r]);
      out ^= phase[r] < 0.5;
    }
    return out;
  }
};

#endif
