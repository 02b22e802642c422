// Reference model of the SP 800-90B section 4.4 health tests, written from
// the standard's text (not from the RTL): the repetition count test (4.4.1)
// and the adaptive proportion test (4.4.2) over a sequence of binary samples.
// Failures: the RCT signals one per sample with B >= C; the APT is counted
// once per window (the sample that brings B to C).
#ifndef TRNG_HEALTH_MODEL_H
#define TRNG_HEALTH_MODEL_H

#include <cstdint>

struct HealthModel {
  int rct_cutoff, apt_cutoff, window;
  // RCT state
  int rct_a = -1, rct_b = 0;
  // APT state
  int apt_a = -1, apt_b = 0, apt_i = 0;
  // results
  uint64_t n = 0;              // samples seen
  uint64_t first_fail = 0;     // 1-based index of the first failing sample, 0 = none
  uint64_t rct_fails = 0, apt_fails = 0;
  int max_run = 0, max_apt = 0;

  HealthModel(int rct, int apt, int w) : rct_cutoff(rct), apt_cutoff(apt), window(w) {}

  void add(int x) {
    n++;
    bool fail = false;
    // 4.4.1: A = the previous value, B = how many times in a row it occurred.
    if (x == rct_a) {
      rct_b++;
    } else {
      rct_a = x;
      rct_b = 1;
    }
    if (rct_b > max_run) max_run = rct_b > 255 ? 255 : rct_b;
    if (rct_b >= rct_cutoff) {
      rct_fails++;
      fail = true;
    }
    // 4.4.2: the first sample of each window of W is A; B counts A in the window.
    if (apt_i == 0) {
      apt_a = x;
      apt_b = 1;
      if (apt_b == apt_cutoff) { apt_fails++; fail = true; }
    } else if (x == apt_a) {
      apt_b++;
      if (apt_b == apt_cutoff) { apt_fails++; fail = true; }
    }
    if (apt_b > max_apt) max_apt = apt_b;
    apt_i = (apt_i + 1) % window;
    if (fail && first_fail == 0) first_fail = n;
  }
};

#endif
