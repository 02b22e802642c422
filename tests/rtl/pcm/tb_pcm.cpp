// PCM highway master (obti_pcm) against a receiver/transmitter model of the
// SLIC side written here: the model decodes DX on BCLK falling edges from
// the FSYNC it sees, drives DR after BCLK rising edges, checks the Si3210
// timing rules (FSYNC/DRX setup 25 ns and hold 20 ns around PCLK fall, duty
// cycle 40..60 %, period jitter, 8 kHz frames of BITS clocks) and compares
// the samples with the independent G.711 model g711_ref.c. One PASS/FAIL
// line per property.
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <string>
#include <vector>

#include "Vobti_pcm.h"
#include "g711_ref.h"

// Register offsets as docs/registers/pcm.md gives them (from pcm.regs.toml).
enum : uint32_t {
  CTRL = 0x000, BITS = 0x004, FRAME = 0x008, IE = 0x00C, IP = 0x010, FRAMES = 0x014, INFO = 0x018,
  CH = 0x100, CH_STRIDE = 0x20, CFG = 0x00, SLOT = 0x04, TXD = 0x08, RXD = 0x0C, LEVEL = 0x10,
  THRESH = 0x14, ERR = 0x18
};
enum { F_ULAW = 0, F_ALAW = 1, F_PASS = 2, F_LIN = 3 };
constexpr int kNumCh = 2;  // the bench builds obti_pcm with NumChannels = 2

static int g_fail = 0, g_pass = 0;
static void verdict(bool ok, const std::string &what, const std::string &why = "") {
  printf("%s pcm/highway: %s%s%s\n", ok ? "PASS" : "FAIL", what.c_str(), ok ? "" : ": ", ok ? "" : why.c_str());
  ok ? g_pass++ : g_fail++;
}

struct ChanCfg { bool en = false; int fmt = F_ULAW, txs = 1, rxs = 1; };

// The SLIC side of the highway.
struct Peer {
  int bits = 256;       // expected bit clocks per frame
  int frame = 12500;    // expected system clock cycles per frame
  bool longfs = false;
  ChanCfg ch[kNumCh];
  std::vector<uint16_t> got[kNumCh];     // words received on DX per frame
  std::deque<uint16_t> send[kNumCh];     // words to drive on DR, one per frame
  std::vector<std::string> errors;
  int frames = 0;

  // pin history
  bool bclk = false, fsync = false, dx = false, dr = false;
  uint64_t last_rise = 0, last_fall = 0, last_fs_change = 0, last_dx_change = 0;
  uint64_t last_frame_cycle = 0;
  bool seen_rise = false;
  int bit = -1, fs_bits = 0;
  bool prev_fs_sampled = false;
  uint16_t rx_word[kNumCh] = {}, tx_word[kNumCh] = {};
  uint64_t dr_change_at = 0;
  bool dr_next = false;
  int min_half = 1 << 30, max_half = 0, min_period = 1 << 30, max_period = 0;

  int width(int c) const { return ch[c].fmt == F_LIN ? 16 : 8; }
  void err(const std::string &s) { if (errors.size() < 5) errors.push_back(s); }

  // Called once per system clock cycle with the pins after the edge.
  void sample(uint64_t cyc, bool b, bool f, bool d) {
    if (f != fsync) { last_fs_change = cyc; fsync = f; }
    if (d != dx) { last_dx_change = cyc; dx = d; }
    if (b && !bclk) {               // rising edge
      if (seen_rise) {
        int per = int(cyc - last_rise);
        min_period = std::min(min_period, per); max_period = std::max(max_period, per);
        int lo = int(cyc - last_fall);
        min_half = std::min(min_half, lo); max_half = std::max(max_half, lo);
      }
      last_rise = cyc; seen_rise = true;
      // drive DR 20 ns after the rising edge for the next bit
      int nb = bit + 1;
      bool v = false;
      for (int c = 0; c < kNumCh; c++) {
        int p = nb - ch[c].rxs;
        if (bit >= 0 && ch[c].en && p >= 0 && p < width(c)) v = (tx_word[c] >> (width(c) - 1 - p)) & 1;
      }
      dr_next = v; dr_change_at = cyc + 2;
    }
    if (!b && bclk) {               // falling edge: the SLIC samples FSYNC and DRX
      int hi = int(cyc - last_rise);
      min_half = std::min(min_half, hi); max_half = std::max(max_half, hi);
      last_fall = cyc;
      if (cyc - last_fs_change < 3 || cyc - last_dx_change < 3)
        err("setup < 25 ns at the falling edge of cycle " + std::to_string(cyc));
      bool fs_now = fsync;
      if (fs_now && !prev_fs_sampled) {   // FSYNC rose: this bit is bit 0
        if (bit >= 0 && bit + 1 != bits)
          err("frame of " + std::to_string(bit + 1) + " bits, want " + std::to_string(bits));
        if (frames > 0 && int(cyc - last_frame_cycle) != frame)
          err("frame period " + std::to_string(cyc - last_frame_cycle) + " cycles");
        if (frames > 0 && fs_bits != (longfs ? 8 : 1))
          err("FSYNC high for " + std::to_string(fs_bits) + " bits");
        last_frame_cycle = cyc;
        frames++;
        bit = 0; fs_bits = 0;
        for (int c = 0; c < kNumCh; c++) {
          if (!send[c].empty()) { tx_word[c] = send[c].front(); send[c].pop_front(); }
          else tx_word[c] = 0;
        }
        // bit 0 of RX slot 0 must be driven now (the first rising edge of the frame is past)
        bool v = false;
        for (int c = 0; c < kNumCh; c++)
          if (ch[c].en && ch[c].rxs == 0) v = (tx_word[c] >> (width(c) - 1)) & 1;
        if (v) err("slot 0 DR cannot be served by this model");
      } else if (bit >= 0) {
        bit++;
      }
      if (fs_now) fs_bits++;
      prev_fs_sampled = fs_now;
      if (bit >= 0) {
        for (int c = 0; c < kNumCh; c++) {
          int p = bit - ch[c].txs;
          if (!ch[c].en || p < 0 || p >= width(c)) continue;
          rx_word[c] = uint16_t((rx_word[c] << 1) | dx);
          if (p == width(c) - 1) got[c].push_back(width(c) == 8 ? rx_word[c] & 0xFF : rx_word[c]);
        }
      }
    }
    if (!b && bclk == false && cyc - last_fall < 2 && last_fall != 0 && cyc != last_fall &&
        (last_fs_change == cyc || last_dx_change == cyc))
      err("hold < 20 ns after the falling edge at cycle " + std::to_string(last_fall));
    bclk = b;
  }
  bool drive(uint64_t cyc) {
    if (cyc == dr_change_at) dr = dr_next;
    return dr;
  }
};

struct Bench {
  Vobti_pcm top;
  Peer peer;
  uint64_t cyc = 0;
  void tick() {
    top.i_dr = peer.drive(cyc);
    top.clk = 0; top.eval();
    top.clk = 1; top.eval();
    cyc++;
    peer.sample(cyc, top.o_bclk, top.o_fsync, top.o_dx);
  }
  void reset() {
    top.rst = 1; top.i_req = 0;
    for (int i = 0; i < 4; i++) tick();
    top.rst = 0; tick();
  }
  void write(uint32_t a, uint32_t v) {
    top.i_req = 1; top.i_we = 1; top.i_addr = a; top.i_wdata = v; top.i_be = 0xF;
    tick();
    top.i_req = 0; top.i_we = 0;
    tick();
  }
  uint32_t read(uint32_t a) {
    top.i_req = 1; top.i_we = 0; top.i_addr = a;
    tick();
    top.i_req = 0;
    uint32_t v = top.o_rdata;   // o_rvalid is high now
    if (!top.o_rvalid) verdict(false, "bus", "no rvalid one cycle after the request");
    tick();
    return v;
  }
  void run(uint64_t n) { for (uint64_t i = 0; i < n; i++) tick(); }
};

static uint32_t rng = 12345;
static uint32_t rnd() { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static uint16_t encode(int fmt, uint16_t s) {
  switch (fmt) {
    case F_ULAW: return g711_ref_ulaw_enc(int16_t(s));
    case F_ALAW: return g711_ref_alaw_enc(int16_t(s));
    case F_PASS: return s & 0xFF;
    default: return s;
  }
}
static uint16_t decode(int fmt, uint16_t w) {
  switch (fmt) {
    case F_ULAW: return uint16_t(g711_ref_ulaw_dec(uint8_t(w)));
    case F_ALAW: return uint16_t(g711_ref_alaw_dec(uint8_t(w)));
    case F_PASS: return w & 0xFF;
    default: return w;
  }
}
static uint16_t silence(int fmt) { return fmt == F_ALAW ? 0xD5 : fmt == F_LIN ? 0 : 0xFF; }

// One highway configuration: push nsamp samples per enabled channel, let
// the model send nsamp words, run frames, compare both directions.
static void scenario(const char *name, int bits, int frame, bool longfs, ChanCfg c0, ChanCfg c1, int nsamp) {
  Bench b;
  b.reset();
  ChanCfg cfg[kNumCh] = {c0, c1};
  b.peer.bits = bits; b.peer.frame = frame; b.peer.longfs = longfs;
  b.write(BITS, bits);
  b.write(FRAME, frame);
  std::vector<uint16_t> txs[kNumCh], rxw[kNumCh];
  for (int c = 0; c < kNumCh; c++) {
    b.peer.ch[c] = cfg[c];
    uint32_t base = CH + c * CH_STRIDE;
    b.write(base + CFG, (cfg[c].en ? 0x10 : 0) | cfg[c].fmt);
    b.write(base + SLOT, (cfg[c].rxs << 16) | cfg[c].txs);
    if (!cfg[c].en) continue;
    for (int i = 0; i < nsamp; i++) {
      uint16_t s = uint16_t(rnd());
      if (i < 4) s = uint16_t(i == 0 ? 0 : i == 1 ? 0xFFFF : i == 2 ? 0x7FFF : 0x8000);
      txs[c].push_back(s);
      b.write(base + TXD, s);
      uint16_t w = uint16_t(rnd());
      if (cfg[c].fmt != F_LIN) w &= 0xFF;
      rxw[c].push_back(w);
    }
  }
  // The model answers with the words from frame 1 on (frame 0 follows the enable).
  for (int c = 0; c < kNumCh; c++) {
    b.peer.send[c].push_back(0);
    for (auto w : rxw[c]) b.peer.send[c].push_back(w);
  }
  b.write(CTRL, 1 | (longfs ? 2 : 0));
  int frames = nsamp + 3;
  b.run(uint64_t(frame) * frames - 100);
  b.write(CTRL, 0);
  bool ok = true;
  std::string why;
  for (int c = 0; c < kNumCh && ok; c++) {
    if (!cfg[c].en) continue;
    auto &g = b.peer.got[c];
    // frame 0: silence (nothing prefetched yet); frames 1..nsamp: the samples; then underrun silence
    if (g.size() < size_t(nsamp + 2)) { ok = false; why = "ch" + std::to_string(c) + ": only " + std::to_string(g.size()) + " words"; break; }
    if (g[0] != silence(cfg[c].fmt)) { ok = false; why = "frame 0 not silence"; }
    for (int i = 0; i < nsamp && ok; i++) {
      uint16_t want = encode(cfg[c].fmt, txs[c][i]);
      if (g[i + 1] != want) {
        ok = false;
        char t[120]; snprintf(t, sizeof t, "ch%d sample %d (%04x): DX %04x, want %04x", c, i, txs[c][i], g[i + 1], want);
        why = t;
      }
    }
    if (ok && g[nsamp + 1] != silence(cfg[c].fmt)) { ok = false; why = "no silence after the FIFO ran dry"; }
    // RX: frame 0 carried 0, then the model's words
    uint32_t base = CH + c * CH_STRIDE;
    uint32_t first = b.read(base + RXD);
    if (ok && (first >> 31 || (first & 0xFFFF) != decode(cfg[c].fmt, 0))) { ok = false; why = "RX frame 0"; }
    for (int i = 0; i < nsamp && ok; i++) {
      uint32_t v = b.read(base + RXD);
      uint16_t want = decode(cfg[c].fmt, rxw[c][i]);
      if ((v >> 31) || (v & 0xFFFF) != want) {
        char t[120]; snprintf(t, sizeof t, "ch%d RX %d: read %08x, want %04x", c, i, v, want);
        ok = false; why = t;
      }
    }
    uint32_t err = b.read(base + ERR);
    // every silent word after the samples was an underrun; the last prefetch may not have been sent
    uint32_t under = err & 0xFFFF, sent = uint32_t(g.size()) - 1 - uint32_t(nsamp);
    if (ok && (under < sent || under > sent + 1 || under == 0)) {
      ok = false; why = "underruns " + std::to_string(under) + ", silent words sent " + std::to_string(sent);
    }
    if (ok && (err >> 16) != 0) { ok = false; why = "overrun counted while the FIFO was read"; }
  }
  if (!b.peer.errors.empty()) { ok = false; why = "timing: " + b.peer.errors[0]; }
  int half = frame / (2 * bits);
  if (ok && (b.peer.min_half < half || b.peer.max_half > half + 1)) {
    ok = false; why = "half periods " + std::to_string(b.peer.min_half) + ".." + std::to_string(b.peer.max_half);
  }
  if (ok && (b.peer.min_half * 10 < (b.peer.min_period) * 4 || b.peer.max_half * 10 > b.peer.max_period * 6)) {
    ok = false; why = "duty cycle outside 40..60 %";
  }
  if (ok && b.peer.frames < frames - 1) { ok = false; why = "only " + std::to_string(b.peer.frames) + " frames"; }
  verdict(ok, name, why);
}

int main() {
  ChanCfg off;
  // Default clocks, the Si3210's short-frame slot 1, both laws and linear.
  scenario("2.048 MHz short FSYNC, mu-law slot 1, A-law TX 9 / RX 20", 256, 12500, false,
           {true, F_ULAW, 1, 1}, {true, F_ALAW, 9, 20}, 12);
  scenario("8.192 MHz long FSYNC, A-law slot 0 TX / 3 RX, linear TX 100 / RX 1000", 1024, 12500, true,
           {true, F_ALAW, 0, 3}, {true, F_LIN, 100, 1000}, 8);
  scenario("256 kHz short FSYNC, pass-through slot 1, mu-law slot 17 / RX 24", 32, 12500, false,
           {true, F_PASS, 1, 1}, {true, F_ULAW, 17, 24}, 8);
  scenario("1.536 MHz long FSYNC, linear slot 2, channel 1 off", 192, 12500, true,
           {true, F_LIN, 2, 2}, off, 8);
  scenario("4.096 MHz short FSYNC, mu-law ch1 only at slot 500 / RX 33", 512, 12500, false,
           off, {true, F_ULAW, 500, 33}, 6);
  scenario("25 MHz system clock (FRAME 3125), 2.048 MHz, A-law slot 1", 256, 3125, false,
           {true, F_ALAW, 1, 1}, off, 6);

  // FIFO thresholds, levels, underrun and overrun, with short frames to keep it fast.
  {
    Bench b;
    b.reset();
    uint32_t info = b.read(INFO);
    verdict((info & 0xFF) == kNumCh && (info >> 16) == 256, "INFO: 2 channels, 256-sample FIFOs");
    b.peer.bits = 32; b.peer.frame = 400;
    b.write(BITS, 32);
    b.write(FRAME, 400);
    b.write(CH + CFG, 0x10 | F_ULAW);
    b.write(CH + SLOT, (1 << 16) | 1);
    b.peer.ch[0] = {true, F_ULAW, 1, 1};
    b.write(CH + THRESH, (5 << 16) | 10);
    b.write(IE, 1);
    for (int i = 0; i < 20; i++) b.write(CH + TXD, uint32_t(i * 100));
    bool irq0 = b.top.o_irq;
    uint32_t lvl = b.read(CH + LEVEL);
    verdict(!irq0 && (lvl & 0x3FF) == 20 && (lvl >> 16) == 0, "TX level 20 above threshold 10: no interrupt",
            "irq " + std::to_string(irq0) + " level " + std::to_string(lvl));
    b.write(CTRL, 1);
    // 20 samples leave one per frame from frame 1 on; the level reaches 10 after frame 10's prefetch.
    int frames_to_tx_irq = -1, frames_to_rx_irq = -1;
    uint64_t start = b.cyc;
    while (b.cyc - start < 400 * 30) {
      b.tick();
      uint32_t frames = uint32_t((b.cyc - start) / 400);
      if (b.top.o_irq && frames_to_tx_irq < 0) {
        uint32_t ip = b.read(IP);
        if (ip & 1) frames_to_tx_irq = int(frames);
        if (ip & 2) frames_to_rx_irq = int(frames);
        b.write(IE, 0);
        break;
      }
    }
    lvl = b.read(CH + LEVEL);
    verdict(frames_to_tx_irq >= 9 && frames_to_tx_irq <= 11 && (lvl & 0x3FF) == 10 && frames_to_rx_irq < 0,
            "TX threshold interrupt when the level falls to 10 (after ~10 frames)",
            "frames " + std::to_string(frames_to_tx_irq) + " level " + std::to_string(lvl & 0x3FF));
    b.write(IE, 2);
    uint32_t rxl = (b.read(CH + LEVEL) >> 16) & 0x3FF;
    bool rx_irq = b.top.o_irq;
    verdict(rx_irq == (rxl >= 5) && rxl >= 5, "RX threshold interrupt at level >= 5",
            "level " + std::to_string(rxl) + " irq " + std::to_string(rx_irq));
    // drain RX below threshold: interrupt drops
    while (((b.read(CH + LEVEL) >> 16) & 0x3FF) >= 5) b.read(CH + RXD);
    bool after = b.top.o_irq;
    verdict(!after, "RX interrupt drops when the FIFO is read below the threshold");
    b.write(IE, 0);
    // Underrun: let the TX FIFO run dry, count frames.
    b.write(CH + ERR, 0);
    uint32_t lv = b.read(CH + LEVEL) & 0x3FF;
    uint32_t f0 = b.read(FRAMES);
    b.run(400 * 40);
    uint32_t f1 = b.read(FRAMES);
    uint32_t err = b.read(CH + ERR);
    uint32_t under = err & 0xFFFF;
    // each frame's prefetch takes one sample; the ones beyond the level are underruns (+-1 frame for the window edges)
    int64_t want = int64_t(f1 - f0) - int64_t(lv);
    verdict(int64_t(under) >= want - 1 && int64_t(under) <= want + 1 && under > 20,
            "TX underrun counter counts every frame without a sample",
            "under " + std::to_string(under) + " want ~" + std::to_string(want));
    // Overrun: do not read RX for 300 frames: the FIFO fills to 256 and the rest are counted.
    b.write(CTRL, 1 | (1 << 9));   // flush RX
    b.write(CH + ERR, 0);
    uint32_t g0 = b.read(FRAMES);
    b.run(400 * 300);
    uint32_t g1 = b.read(FRAMES);
    err = b.read(CH + ERR);
    uint32_t over = err >> 16;
    uint32_t rlev = (b.read(CH + LEVEL) >> 16) & 0x3FF;
    int64_t wover = int64_t(g1 - g0) - 256;
    verdict(rlev == 256 && int64_t(over) >= wover - 1 && int64_t(over) <= wover + 1,
            "RX overrun: FIFO holds 256 samples, the rest are counted",
            "level " + std::to_string(rlev) + " over " + std::to_string(over) + " want ~" + std::to_string(wover));
    uint32_t e = b.read(CH + RXD);
    verdict(!(e >> 31), "RX data readable after overrun");
    b.write(CTRL, 1 | (1 << 9));
    e = b.read(CH + RXD);
    verdict((e >> 31) && ((b.read(CH + LEVEL) >> 16) & 0x3FF) <= 1, "RXFLUSH empties the FIFO; an empty read sets EMPTY");
    // FIFO capacity: 256 pushes accepted, the 257th dropped.
    b.write(CTRL, 0);
    b.write(CTRL, 1 << 8);
    for (int i = 0; i < 260; i++) b.write(CH + TXD, 1);
    verdict((b.read(CH + LEVEL) & 0x3FF) == 256, "TX FIFO holds 256 samples (>= 160 = 20 ms)");
    verdict(b.peer.errors.empty(), "Si3210 timing rules held throughout",
            b.peer.errors.empty() ? "" : b.peer.errors[0]);
  }
  printf("tb_pcm: %d passed, %d failed\n", g_pass, g_fail);
  return g_fail ? 1 : 0;
}
