// Unit test bench of obti_trng alone (Verilator): drives the bus port and the
// noise pin, and checks the block against the SP 800-90B health-test model in
// health_model.h (written from the standard) and against the bits it drove.
// Properties: register defaults (from trng.regs.toml via the generated
// header), raw mode delivers exactly the sampled bits, the start-up test
// gates output for 1024 samples, a stuck source trips the RCT within the
// cutoff, a 75/25 source trips the APT within two windows, an ideal source
// (mt19937_64) runs 10^6 samples without an alarm, alarm/interrupt/counters
// and clear, FIFO flush on alarm, source selection (ring model via DPI).
// Prints PASS/FAIL lines; exits non-zero when any check failed.
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "Vobti_trng.h"
#include "Vobti_trng__Dpi.h"
#include "verilated.h"

#include <obti/regs_trng.h>

#include "health_model.h"
#include "noise_model.h"

namespace {

Vobti_trng *dut;
uint64_t cyc = 0;
int npass = 0, nfail = 0;

// --- sources --------------------------------------------------------------
enum Mode { kIdeal, kStuck0, kStuck1, kBias };
struct Source {
  Mode mode = kIdeal;
  double p1 = 0.5;
  std::mt19937_64 rng{12345};
  int next() {
    switch (mode) {
      case kStuck0: return 0;
      case kStuck1: return 1;
      case kBias: return double(rng() >> 11) * (1.0 / 9007199254740992.0) < p1;
      default: return int(rng() >> 63);
    }
  }
};
Source diode;                 // the noise pin
Source ring;                  // what the DPI ring model returns
std::vector<uint8_t> drove;   // pin value per cycle
std::vector<uint8_t> ringbits;  // ring model value per call

NoiseDiode *g_model = nullptr;   // --dump: the harness' diode model drives the pin

void tick() {
  int b = g_model ? g_model->step(cyc) : diode.next();
  drove.push_back(uint8_t(b));
  dut->i_noise = b;
  dut->clk = 0;
  dut->eval();
  dut->clk = 1;
  dut->eval();
  cyc++;
}

void ticks(uint64_t n) {
  for (uint64_t i = 0; i < n; i++) tick();
}

void wr(uint32_t off, uint32_t v) {
  dut->i_req = 1;
  dut->i_we = 1;
  dut->i_addr = off;
  dut->i_be = 0xf;
  dut->i_wdata = v;
  tick();
  dut->i_req = 0;
  dut->i_we = 0;
}

uint32_t rd(uint32_t off) {
  dut->i_req = 1;
  dut->i_we = 0;
  dut->i_addr = off;
  tick();             // the grant edge; rdata is registered at it
  dut->i_req = 0;
  return dut->o_rdata;
}

void check(bool ok, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  printf("%s trng: %s\n", ok ? "PASS" : "FAIL", buf);
  (ok ? npass : nfail)++;
}

uint32_t level() { return (rd(TRNG_STATUS) & TRNG_STATUS_LEVEL_MASK) >> TRNG_STATUS_LEVEL_SHIFT; }

void reset() {
  drove.clear();     // drove[c] is the pin during cycle c
  ringbits.clear();
  cyc = 0;
  dut->rst = 1;
  ticks(4);
  dut->rst = 0;
  tick();
}

// Enable with a configuration; returns the cycle of the enabling write.
uint64_t enable(uint32_t ctrl, uint32_t div) {
  wr(TRNG_DIV, div);
  uint64_t c = cyc;
  wr(TRNG_CTRL, ctrl | TRNG_CTRL_EN_MASK);
  return c;
}

// Read words as they arrive until n words or the cycle budget is spent.
std::vector<uint32_t> collect(size_t n, uint64_t budget) {
  std::vector<uint32_t> w;
  uint64_t end = cyc + budget;
  while (w.size() < n && cyc < end) {
    if (level() != 0) w.push_back(rd(TRNG_DATA));
  }
  return w;
}

std::vector<uint8_t> bits_of(const std::vector<uint32_t> &words) {
  std::vector<uint8_t> b;
  for (uint32_t w : words)
    for (int i = 0; i < 32; i++) b.push_back((w >> i) & 1);
  return b;
}

// Where in the driven pin history (every div cycles from some phase) the
// bit stream occurs: the cycle of its first bit, or -1.
int64_t locate(const std::vector<uint8_t> &bits, uint32_t div,
               const std::vector<uint8_t> &drove = ::drove) {
  for (size_t c0 = 0; c0 < drove.size(); c0++) {
    size_t k = 0;
    while (k < bits.size() && c0 + k * div < drove.size() && drove[c0 + k * div] == bits[k]) k++;
    if (k == bits.size()) return int64_t(c0);
  }
  return -1;
}

// --- tests ----------------------------------------------------------------

uint32_t samples() { return rd(TRNG_SAMPLES); }
uint32_t status() { return rd(TRNG_STATUS); }

void test_defaults() {
  reset();
  bool ok = rd(TRNG_CTRL) == TRNG_CTRL_RESET && rd(TRNG_DIV) == TRNG_DIV_RESET &&
            rd(TRNG_RCTCUT) == TRNG_RCTCUT_RESET && rd(TRNG_APTCUT) == TRNG_APTCUT_RESET &&
            rd(TRNG_STATUS) == TRNG_STATUS_RESET && rd(TRNG_IE) == 0 && dut->o_irq == 0;
  check(ok && TRNG_RCTCUT_RESET == 21 && TRNG_APTCUT_RESET == 589,
        "reset values: DIV %u, RCT cutoff 21, APT cutoff 589, disabled, no interrupt",
        unsigned(TRNG_DIV_RESET));
  uint32_t s0 = samples();
  ticks(1000);
  check(samples() == s0 && s0 == 0 && level() == 0, "disabled: no samples, no output");
}

// Raw mode delivers every sample, from the first one, exactly as sampled.
void test_raw() {
  for (uint32_t div : {1u, 3u, 10u}) {
    reset();
    diode = Source();
    diode.rng.seed(100 + div);
    uint64_t en = enable(TRNG_CTRL_RAW_MASK, div);
    auto w = collect(1, 32 * div + 100);
    uint32_t st = status();
    auto w2 = collect(63, 63 * 32 * div + 1000);
    w.insert(w.end(), w2.begin(), w2.end());
    int64_t c0 = locate(bits_of(w), div);
    check(w.size() == 64 && c0 >= 0 && c0 == int64_t(en + div) - 2 &&
              (st & TRNG_STATUS_STARTUP_MASK) && !(st & TRNG_STATUS_OVERRUN_MASK),
          "raw mode DIV=%u: 2048 bits equal the pin sampled every %u cycles from the first sample "
          "(the first sample at the DIV-th clock after enabling, of the pin 2 cycles earlier through "
          "the synchronizer: %+lld), during the start-up test",
          div, div, (long long)(c0 - int64_t(en)));
  }
}

// Normal mode: nothing until 1024 samples have passed the start-up test.
void test_startup() {
  const uint32_t div = 2;
  reset();
  diode = Source();
  diode.rng.seed(7);
  uint64_t en = enable(0, div);
  bool startup_seen = true;
  while (level() == 0 && cyc < en + 4000) {
    if (cyc < en + 2000 && !(status() & TRNG_STATUS_STARTUP_MASK)) startup_seen = false;
  }
  double at = double(cyc - en) / div;
  uint32_t st = status();
  check(startup_seen && at >= 1056 - 2 && at <= 1056 + 4 && (st & TRNG_STATUS_READY_MASK) &&
            !(st & TRNG_STATUS_STARTUP_MASK),
        "start-up test: STARTUP while the first 1024 samples run, first word after %.1f samples "
        "(1024 + 32), then READY",
        at);
  auto w = collect(64, 64 * 32 * div + 1000);
  int64_t c0 = locate(bits_of(w), div);
  double first = double(c0 - int64_t(en)) / div;
  check(w.size() == 64 && c0 >= 0 && first >= 1024 && first <= 1024 + 3,
        "start-up test: output starts with sample 1025 (first output bit at sample %.1f) "
        "and equals the sampled pin",
        first);
}

// Read raw words until `words` words arrived; feed the model; count samples.
void raw_run(HealthModel &m, std::vector<uint32_t> &all, size_t words) {
  size_t n0 = all.size();
  while (all.size() < n0 + words) {
    if (level() != 0) {
      uint32_t w = rd(TRNG_DATA);
      all.push_back(w);
      for (int i = 0; i < 32; i++) m.add((w >> i) & 1);
    }
  }
}

// Stop sampling and drain the FIFO into the model.
void raw_drain(HealthModel &m, std::vector<uint32_t> &all) {
  wr(TRNG_CTRL, TRNG_CTRL_RAW_MASK);  // EN = 0: the sampler stops, state kept
  ticks(8);
  while (level() != 0) {
    uint32_t w = rd(TRNG_DATA);
    all.push_back(w);
    for (int i = 0; i < 32; i++) m.add((w >> i) & 1);
  }
}

void compare_counters(const HealthModel &m, const char *what) {
  uint32_t fails = rd(TRNG_FAILS), htmax = rd(TRNG_HTMAX);
  uint32_t st = status();
  bool ok = rd(TRNG_ALARMAT) == m.first_fail && samples() == m.n &&
            (fails & 0xffff) == m.rct_fails && (fails >> 16) == m.apt_fails &&
            (htmax & 0xff) == uint32_t(m.max_run) && (htmax >> 16) == uint32_t(m.max_apt) &&
            bool(st & TRNG_STATUS_ALARM_MASK) == (m.first_fail != 0) &&
            bool(st & TRNG_STATUS_RCTFAIL_MASK) == (m.rct_fails != 0) &&
            bool(st & TRNG_STATUS_APTFAIL_MASK) == (m.apt_fails != 0);
  check(ok,
        "%s: ALARMAT %u, SAMPLES %u, FAILS rct %u apt %u, HTMAX run %u apt %u equal the "
        "SP 800-90B model (%llu, %llu, %llu, %llu, %d, %d)",
        what, rd(TRNG_ALARMAT), samples(), fails & 0xffff, fails >> 16, htmax & 0xff, htmax >> 16,
        (unsigned long long)m.first_fail, (unsigned long long)m.n,
        (unsigned long long)m.rct_fails, (unsigned long long)m.apt_fails, m.max_run, m.max_apt);
}

// A stuck source trips the RCT within the cutoff (21 samples).
void test_stuck(Mode mode) {
  const uint32_t div = 4;
  reset();
  diode = Source();
  diode.rng.seed(mode == kStuck0 ? 21 : 22);
  HealthModel m(21, 589, 1024);
  std::vector<uint32_t> all;
  uint64_t en = enable(TRNG_CTRL_RAW_MASK, div);
  raw_run(m, all, 100);
  uint64_t fault = cyc;
  diode.mode = mode;
  raw_run(m, all, 3);
  uint64_t n_sampled = samples();
  (void)n_sampled;
  raw_drain(m, all);
  // Samples still in the packer are the stuck value too.
  uint32_t s = samples();
  while (m.n < s) m.add(mode == kStuck1);
  // The first stuck sample: its pin cycle is the first at or after the fault.
  int64_t c0 = locate(bits_of(std::vector<uint32_t>(all.begin(), all.begin() + 100)), div);
  uint64_t first_stuck = (fault - c0 + div - 1) / div + 1;  // 1-based sample index
  (void)en;
  uint64_t x = m.first_fail;
  check(c0 >= 0 && x >= first_stuck && x - first_stuck + 1 <= 21 &&
            (status() & TRNG_STATUS_RCTFAIL_MASK),
        "stuck at %d from sample %llu: RCT alarm at sample %llu, %llu samples into the fault "
        "(cutoff 21)",
        mode == kStuck1, (unsigned long long)first_stuck, (unsigned long long)x,
        (unsigned long long)(x - first_stuck + 1));
  compare_counters(m, mode == kStuck1 ? "stuck at 1" : "stuck at 0");
}

// A 75/25 source trips the APT: every window that starts with the majority
// value fails (expected count 768 +- 14 >> 589), so with probability 15/16
// within the first two whole windows after the fault.
void test_biased() {
  const int trials = 20;
  int within_two = 0, agree = 0, majority_ok = 0;
  for (int t = 0; t < trials; t++) {
    reset();
    diode = Source();
    diode.rng.seed(1000 + t);
    HealthModel m(21, 589, 1024);
    std::vector<uint32_t> all;
    enable(TRNG_CTRL_RAW_MASK, 1);
    raw_run(m, all, 16 + t);      // the fault starts at varying window phases
    uint64_t f = m.n + 1;         // about the first biased sample (+ packer/FIFO lag)
    diode.mode = kBias;
    diode.p1 = 0.75;
    raw_run(m, all, 32 * 8);      // 8 windows
    raw_drain(m, all);
    // Samples in the packer are unknown: compare only when none are left.
    uint32_t s = samples();
    bool exact = (s == m.n);
    uint64_t x = rd(TRNG_ALARMAT);
    bool apt = status() & TRNG_STATUS_APTFAIL_MASK;
    // Whole windows start at 1 + 1024k; the first one after the fault
    // (allowing for up to 16 words + 32 bits of FIFO and packer lag).
    uint64_t lag = 32 * 17;
    uint64_t ws = ((f - 1 + 1023) / 1024) * 1024 + 1;
    uint64_t ws_late = ((f + lag - 1 + 1023) / 1024) * 1024 + 1;
    if (apt && x <= ws_late + 2 * 1024 - 1) within_two++;
    if (x == m.first_fail && (!exact || (rd(TRNG_FAILS) >> 16) == m.apt_fails)) agree++;
    // The first whole biased window that starts with a 1 must have failed.
    uint64_t w = ws_late;
    std::vector<uint8_t> b = bits_of(all);
    while (w - 1 < b.size() && b[w - 1] == 0) w += 1024;
    if (w - 1 < b.size() && apt && x <= w + 1023) majority_ok++;
    (void)ws;
  }
  check(agree == trials, "75/25 source: APT alarm sample equals the SP 800-90B model in %d/%d runs",
        agree, trials);
  check(majority_ok == trials,
        "75/25 source: the first whole window starting with the majority value trips the APT "
        "(%d/%d runs)",
        majority_ok, trials);
  check(within_two >= 16,
        "75/25 source: APT alarm within two whole windows of the fault in %d/%d runs "
        "(expected 15/16 of them: a window starting with the minority value passes)",
        within_two, trials);
}

// An ideal source: 10^6 samples through the normal path without an alarm.
void test_ideal() {
  reset();
  diode = Source();
  diode.rng.seed(2024);
  enable(0, 1);
  HealthModel m(21, 589, 1024);
  uint64_t words = 0;
  bool overrun = false;
  while (samples() < 1000000 + 1024) {
    if (level() != 0) {
      uint32_t w = rd(TRNG_DATA);
      words++;
      for (int i = 0; i < 32; i++) m.add((w >> i) & 1);
    }
  }
  uint32_t st = status(), htmax = rd(TRNG_HTMAX);
  overrun = st & TRNG_STATUS_OVERRUN_MASK;
  check(!(st & TRNG_STATUS_ALARM_MASK) && (st & TRNG_STATUS_READY_MASK) && rd(TRNG_FAILS) == 0 &&
            m.first_fail == 0 && !overrun && words * 32 >= 1000000 - 64 &&
            (htmax & 0xff) < 21 && (htmax >> 16) < 589 && (htmax & 0xff) >= uint32_t(m.max_run) &&
            (htmax >> 16) >= uint32_t(m.max_apt),
        "ideal source (mt19937_64): %u samples, %llu words read, no alarm; longest run %u, "
        "largest APT count %u",
        samples(), (unsigned long long)words, htmax & 0xff, htmax >> 16);
}

// Alarm in normal mode: output stops, FIFO flushed, interrupt, counters kept
// until cleared; clear restarts the start-up test.
void test_alarm_clear() {
  const uint32_t div = 2;
  reset();
  diode = Source();
  diode.rng.seed(5);
  wr(TRNG_IE, TRNG_IE_ALARM_MASK);
  enable(0, div);
  while (!(status() & TRNG_STATUS_READY_MASK)) {}
  ticks(32 * div * 6);
  uint32_t lvl_before = level();
  diode.mode = kStuck0;
  ticks(div * 40);
  uint32_t st = status();
  uint32_t lvl = level();
  uint32_t d = rd(TRNG_DATA);
  uint32_t st2 = status();
  check(lvl_before >= 4 && (st & TRNG_STATUS_ALARM_MASK) && (st & TRNG_STATUS_RCTFAIL_MASK) &&
            !(st & TRNG_STATUS_READY_MASK) && lvl == 0 && d == 0 &&
            (st2 & TRNG_STATUS_UNDERRUN_MASK) && dut->o_irq == 1 &&
            (rd(TRNG_IP) & TRNG_IP_ALARM_MASK),
        "alarm: READY drops, FIFO flushed (%u words dropped), DATA reads 0 with UNDERRUN, "
        "interrupt raised",
        lvl_before);
  uint32_t f1 = rd(TRNG_FAILS) & 0xffff, at1 = rd(TRNG_ALARMAT);
  ticks(div * 3000);
  uint32_t f2 = rd(TRNG_FAILS) & 0xffff;
  check(level() == 0 && (status() & TRNG_STATUS_ALARM_MASK) && f2 > f1 && rd(TRNG_ALARMAT) == at1 &&
            dut->o_irq == 1,
        "alarm latches: no output for 3000 samples, ALARMAT kept (%u), RCT failures keep counting "
        "(%u -> %u)",
        at1, f1, f2);
  // Disabling and enabling again restarts the start-up test but keeps the alarm.
  wr(TRNG_CTRL, 0);
  wr(TRNG_CTRL, TRNG_CTRL_EN_MASK);
  uint32_t st_re = status();
  check((st_re & TRNG_STATUS_ALARM_MASK) && (st_re & TRNG_STATUS_STARTUP_MASK) && rd(TRNG_ALARMAT) == at1 &&
            dut->o_irq == 1,
        "EN off and on restarts the start-up test but keeps the alarm and its counters");
  // Clear while still stuck: the start-up test catches it again.
  wr(TRNG_STATUS, TRNG_STATUS_ALARM_MASK | TRNG_STATUS_UNDERRUN_MASK);
  uint32_t s_after = samples(), f_after = rd(TRNG_FAILS), a_after = rd(TRNG_ALARMAT);
  bool irq_low = dut->o_irq == 0;
  uint32_t st3 = status();
  ticks(div * 30);
  uint32_t st4 = status();
  check(s_after <= 2 && f_after == 0 && a_after == 0 && irq_low && (st3 & TRNG_STATUS_STARTUP_MASK) &&
            !(st3 & (TRNG_STATUS_UNDERRUN_MASK | TRNG_STATUS_RCTFAIL_MASK)) &&
            (st4 & TRNG_STATUS_ALARM_MASK) && rd(TRNG_ALARMAT) == 21,
        "clear: counters zeroed, interrupt low, start-up restarts; a still-stuck source alarms "
        "again at sample %u",
        rd(TRNG_ALARMAT));
  diode.mode = kIdeal;
  wr(TRNG_STATUS, TRNG_STATUS_ALARM_MASK);
  uint64_t c = cyc;
  while (!(status() & TRNG_STATUS_READY_MASK) && cyc < c + div * 3000) {}
  double at = double(cyc - c) / div;
  auto w = collect(4, 4 * 32 * div + 100);
  check(w.size() == 4 && at >= 1024 && at < 1030 && !(status() & TRNG_STATUS_ALARM_MASK),
        "clear with a good source: READY after %.0f samples, output resumes", at);
}

// Programmable cutoffs: with tight cutoffs an ideal source fails where the
// model says.
void test_cutoffs() {
  struct { int rct, apt; } cfg[] = {{8, 1024}, {30, 540}, {12, 560}};
  for (auto c : cfg) {
    reset();
    diode = Source();
    diode.rng.seed(77 + c.rct);
    wr(TRNG_RCTCUT, c.rct);
    wr(TRNG_APTCUT, c.apt);
    HealthModel m(c.rct, c.apt, 1024);
    std::vector<uint32_t> all;
    enable(TRNG_CTRL_RAW_MASK, 1);
    while (!(status() & TRNG_STATUS_ALARM_MASK) && all.size() < 4000) raw_run(m, all, 1);
    raw_run(m, all, 2);
    raw_drain(m, all);
    uint32_t at = rd(TRNG_ALARMAT);
    bool rct = status() & TRNG_STATUS_RCTFAIL_MASK, apt = status() & TRNG_STATUS_APTFAIL_MASK;
    // Which test failed first, by the model.
    HealthModel m2(c.rct, c.apt, 1024);
    std::vector<uint8_t> b = bits_of(all);
    for (uint64_t i = 0; i < m.first_fail; i++) m2.add(b[i]);
    check(at != 0 && at == m.first_fail && rct == (m2.rct_fails > 0 || m.rct_fails > 0) &&
              (apt || m2.apt_fails == 0),
          "cutoffs RCT %d, APT %d: alarm at sample %u as the model (%s)", c.rct, c.apt, at,
          m2.rct_fails ? "RCT" : "APT");
  }
}

// Source selection: the ring-oscillator model (DPI) vs the diode pin.
void test_source() {
  reset();
  diode = Source();
  diode.mode = kStuck0;
  ring = Source();
  ring.rng.seed(4242);
  uint64_t en = enable(TRNG_CTRL_SRC_MASK | TRNG_CTRL_RAW_MASK, 3);
  (void)en;
  auto w = collect(32, 32 * 32 * 3 + 500);
  // The ring model is called once per clock while enabled; the first samples
  // after enabling still hold the synchronizer's old value: skip a word.
  int64_t c0 = w.size() == 32 ? locate(bits_of(std::vector<uint32_t>(w.begin() + 1, w.end())), 3, ringbits) : -1;

  check(w.size() == 32 && c0 >= 0 && !(status() & TRNG_STATUS_ALARM_MASK),
        "SRC=1: samples come from the ring-oscillator model, not the (stuck) pin");
  wr(TRNG_STATUS, TRNG_STATUS_ALARM_MASK);
  wr(TRNG_CTRL, TRNG_CTRL_EN_MASK | TRNG_CTRL_SRC_MASK);
  uint64_t c = cyc;
  while (!(status() & TRNG_STATUS_READY_MASK) && cyc < c + 3 * 3000) {}
  auto w2 = collect(8, 8 * 32 * 3 + 100);
  check(w2.size() == 8 && !(status() & TRNG_STATUS_ALARM_MASK),
        "SRC=1 normal mode: start-up passes, output flows");
  wr(TRNG_CTRL, TRNG_CTRL_EN_MASK);   // switch to the stuck diode
  uint32_t st = status();
  wr(TRNG_STATUS, TRNG_STATUS_ALARM_MASK);   // zero the counters: ALARMAT counts from here
  ticks(3 * 40);
  check((st & TRNG_STATUS_STARTUP_MASK) && (status() & TRNG_STATUS_ALARM_MASK) &&
            rd(TRNG_ALARMAT) == 21 && level() == 0,
        "switching to the (stuck) diode restarts the start-up test, which alarms at sample 21");
}

// --dump FILE WORDS: health-tested words from the noise-diode model of the
// SoC harness (sim/models/noise_model.h, bias 0.5, seed 1) through the RTL in
// normal mode, written little-endian to FILE for conditioning on the host.
// An alarm is cleared and counted (the start-up test then runs again).
int dump(const char *path, uint64_t nwords) {
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    return 2;
  }
  NoiseDiode model;
  model.seed(1);
  reset();
  g_model = &model;
  enable(0, 1);
  uint64_t words = 0, alarms = 0;
  std::vector<uint32_t> buf;
  while (words < nwords) {
    ticks(16);
    drove.clear();
    uint32_t st = rd(TRNG_STATUS);
    if (st & TRNG_STATUS_ALARM_MASK) {
      alarms++;
      wr(TRNG_STATUS, TRNG_STATUS_ALARM_MASK);
      continue;
    }
    uint32_t n = (st & TRNG_STATUS_LEVEL_MASK) >> TRNG_STATUS_LEVEL_SHIFT;
    for (uint32_t i = 0; i < n && words < nwords; i++, words++) {
      uint32_t w = rd(TRNG_DATA);
      uint8_t b[4] = {uint8_t(w), uint8_t(w >> 8), uint8_t(w >> 16), uint8_t(w >> 24)};
      fwrite(b, 1, 4, f);
    }
  }
  fclose(f);
  printf("dump: %llu words, %llu cycles, %llu alarms cleared (samples tested: %llu)\n",
         (unsigned long long)words, (unsigned long long)cyc, (unsigned long long)alarms,
         (unsigned long long)cyc);
  return 0;
}

}  // namespace

extern "C" int obti_sim_trng_ro() {
  int b = ring.next();
  ringbits.push_back(uint8_t(b));
  return b;
}

int main(int argc, char **argv) {
  Verilated::commandArgs(argc, argv);
  dut = new Vobti_trng;
  dut->i_req = 0;
  dut->i_we = 0;
  dut->i_noise = 0;
  if (argc == 4 && std::string(argv[1]) == "--dump") {
    int rc = dump(argv[2], strtoull(argv[3], nullptr, 0));
    delete dut;
    return rc;
  }
  test_defaults();
  test_raw();
  test_startup();
  test_stuck(kStuck1);
  test_stuck(kStuck0);
  test_biased();
  test_alarm_clear();
  test_cutoffs();
  test_source();
  test_ideal();
  dut->final();
  delete dut;
  printf("trng: %d passed, %d failed\n", npass, nfail);
  return nfail == 0 && npass > 0 ? 0 : 1;
}
