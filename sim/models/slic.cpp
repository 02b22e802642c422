// ProSLIC Si3210/Si3215 SLIC + codec model on the SoC's SLIC pins, with a
// virtual telephone on its line driven by a scenario. Register subset,
// timing rules, scenario format and reports: docs/simulation.md ("Virtual
// telephone") and docs/telephone.md. Disabled unless a --slic or --phone
// option is given (the pins then stay idle low, as without a SLIC).
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "Vobti_soc.h"
#include "obti_model.h"
#include "slic_g711.h"

namespace {

using namespace slic_g711;

// --- WAV files: 8 kHz mono 16-bit PCM only -----------------------------------
bool wav_write(const std::string &path, const std::vector<int16_t> &s) {
  FILE *f = fopen(path.c_str(), "wb");
  if (!f) return false;
  auto u32 = [&](uint32_t v) { for (int i = 0; i < 4; i++) fputc(int((v >> (8 * i)) & 0xff), f); };
  auto u16 = [&](uint16_t v) { fputc(v & 0xff, f); fputc(v >> 8, f); };
  uint32_t bytes = uint32_t(s.size() * 2);
  fwrite("RIFF", 1, 4, f); u32(36 + bytes); fwrite("WAVEfmt ", 1, 8, f);
  u32(16); u16(1); u16(1); u32(8000); u32(16000); u16(2); u16(16);
  fwrite("data", 1, 4, f); u32(bytes);
  for (int16_t v : s) u16(uint16_t(v));
  return fclose(f) == 0;
}

// Returns "" or an error message.
std::string wav_read(const std::string &path, std::vector<int16_t> *out) {
  FILE *f = fopen(path.c_str(), "rb");
  if (!f) return path + ": " + strerror(errno);
  std::vector<uint8_t> d;
  uint8_t buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) d.insert(d.end(), buf, buf + n);
  fclose(f);
  auto le = [&](size_t o, int w) { uint32_t v = 0; for (int i = w - 1; i >= 0; i--) v = (v << 8) | d[o + i]; return v; };
  if (d.size() < 12 || memcmp(&d[0], "RIFF", 4) || memcmp(&d[8], "WAVE", 4)) return path + ": not a RIFF/WAVE file";
  bool fmt_ok = false;
  for (size_t o = 12; o + 8 <= d.size();) {
    uint32_t len = le(o + 4, 4);
    if (len > d.size() - o - 8) return path + ": chunk beyond the end of the file";
    if (!memcmp(&d[o], "fmt ", 4)) {
      if (len < 16) return path + ": short fmt chunk";
      if (le(o + 8, 2) != 1 || le(o + 10, 2) != 1 || le(o + 12, 4) != 8000 || le(o + 22, 2) != 16)
        return path + ": must be PCM, mono, 8000 Hz, 16 bit (convert with sox)";
      fmt_ok = true;
    } else if (!memcmp(&d[o], "data", 4)) {
      if (!fmt_ok) return path + ": data before fmt";
      for (uint32_t i = 0; i + 1 < len; i += 2) out->push_back(int16_t(le(o + 8 + i, 2)));
      return "";
    }
    o += 8 + len + (len & 1);
  }
  return path + ": no data chunk";
}

// --- Si3210 direct registers of the modelled subset -----------------------
enum Reg : uint8_t {
  kSpiMode = 0, kPcmMode = 1, kPcmTxLo = 2, kPcmTxHi = 3, kPcmRxLo = 4, kPcmRxHi = 5,
  kLoopback = 8, kHybrid = 11, kIrq1 = 18, kIrq2 = 19, kIrq3 = 20, kIe1 = 21, kIe2 = 22,
  kIe3 = 23, kRingOsc = 34, kRingOnLo = 48, kRingOnHi = 49, kRingOffLo = 50, kRingOffHi = 51,
  kLinefeed = 64, kLoopStat = 68,
};
constexpr uint8_t kIrq1RingT1 = 0x10, kIrq1RingT2 = 0x20;   // reg 18: ring active / inactive timer expired
constexpr uint8_t kIrq2RingTrip = 0x01, kIrq2Loop = 0x02;   // reg 19: ring trip, loop closure change
constexpr uint8_t kRingOscTimers = 0x18;                    // reg 34: active (bit 3) and inactive (bit 4) timer enables
constexpr int kLfOpen = 0, kLfRinging = 4;
constexpr uint8_t kRevision = 5;                            // reg 0 REV[3:0] (rev E)

// Datasheet timing (Si3210 Tables 10 and 11), in ns.
constexpr double kSpiMinPeriod = 62, kSpiSetup = 25, kSpiHold = 20, kSpiCsHigh = 220;
constexpr double kPcmSetup = 25, kPcmHold = 20, kPcmJitter = 120;
constexpr int kValidBits[] = {32, 64, 96, 128, 192, 256, 512, 1024};   // 0.256 .. 8.192 MHz

const char *kDtmfKeys = "123A456B789C*0#D";
const double kDtmfRow[4] = {697, 770, 852, 941}, kDtmfCol[4] = {1209, 1336, 1477, 1633};
constexpr double kPi = 3.14159265358979323846;
constexpr double kDbm0Peak = 22657.0;   // 0 dBm0 sine peak in 16-bit linear (G.711 digital milliwatt)

// One source of mouthpiece audio between two times.
struct Segment {
  uint64_t start, end;        // cycles
  double f1 = 0, f2 = 0, a1 = 0, a2 = 0;   // tones (Hz, peak)
  int wav = -1;                // index into the model's WAVs, or -1 for tones
  double gain = 1;
};

struct HookEvent {
  uint64_t at;
  bool off_hook;
  std::string what;           // for the log
};

// An event-triggered wait ("wait audio" / "wait silence") ends one part of
// the timeline; the statements after it form the next part, whose times
// count from the moment the condition was met.
struct Part {
  // the wait that starts this part (parts after the first)
  bool silence = false;       // wait silence (else wait audio)
  double level = -40;         // dBm0 over 10 ms: at or above is audio
  double need_ms = 0;         // audio: that long in a row; silence: that long in a row ...
  double after_ms = 0;        // ... after at least this much audio (in all) since the wait began
  double timeout_ms = 0;
  uint64_t arm = 0;           // cycles after the previous part's origin when the wait begins
  std::string text;           // the statement, for the log
  // what happens after it, in cycles relative to the part's origin
  std::vector<HookEvent> hooks;
  std::vector<Segment> segments;
  uint64_t end_at = UINT64_MAX;
};

class SlicModel : public ObtiModel {
 public:
  const char *name() const override { return "slic"; }

  int parse_option(int argc, char **argv, int i) override {
    std::string a = argv[i];
    if (a.rfind("--slic", 0) != 0 && a.rfind("--phone", 0) != 0) return 0;
    auto val = [&]() -> const char * {
      if (i + 1 >= argc) { fprintf(stderr, "obti_sim: %s needs a value\n", a.c_str()); exit(2); }
      return argv[i + 1];
    };
    enabled_ = true;
    if (a == "--slic") return 1;
    if (a == "--slic-trace") { trace_ = true; return 1; }
    if (a == "--slic-part") {
      std::string p = val();
      if (p != "3210" && p != "3215") { fprintf(stderr, "obti_sim: --slic-part must be 3210 or 3215\n"); exit(2); }
      si3215_ = p == "3215";
      return 2;
    }
    if (a == "--phone-scenario") { script_ += read_text(val()); script_ += "\n"; return 2; }
    if (a == "--phone") { script_ += val(); script_ += "\n"; return 2; }
    if (a == "--phone-earpiece") { earpiece_path_ = val(); return 2; }
    if (a == "--phone-mouthpiece") { mouthpiece_path_ = val(); return 2; }
    if (a == "--phone-log") { log_path_ = val(); return 2; }
    if (a == "--phone-clk-hz") { clk_hz_ = double(obti_sim_parse_u64(a.c_str(), val())); return 2; }
    fprintf(stderr, "obti_sim: unknown option %s (see --help)\n", a.c_str());
    exit(2);
  }

  void usage(FILE *out) const override {
    fprintf(out,
            "  --slic             attach the Si3210 SLIC model (implied by the options below)\n"
            "  --slic-part P      3210 (default) or 3215\n"
            "  --slic-trace       print every SLIC register access on stderr\n"
            "  --phone-scenario FILE  virtual telephone timeline (docs/simulation.md)\n"
            "  --phone 'STATEMENTS'   the same inline, statements separated by ';'\n"
            "  --phone-earpiece FILE  record the line towards the phone (8 kHz WAV)\n"
            "  --phone-mouthpiece FILE  record what the phone sends (8 kHz WAV)\n"
            "  --phone-log FILE   events, ringing cadence and errors, one per line\n"
            "  --phone-clk-hz N   system clock for sim time (default 100000000)\n");
  }

  void start(Vobti_soc *top) override {
    top->i_pcm_dr = 0;
    top->i_slic_sdo = 0;
    if (!enabled_) return;
    top->i_slic_int_n = 1;
    ns_per_cycle_ = 1e9 / clk_hz_;
    cycles_per_sample_ = uint64_t(clk_hz_ / 8000.0 + 0.5);
    if (!log_path_.empty()) {
      log_ = fopen(log_path_.c_str(), "w");
      if (!log_) { fprintf(stderr, "obti_sim: cannot write %s: %s\n", log_path_.c_str(), strerror(errno)); exit(2); }
    }
    parse_script();
    reset_regs();
  }

  void before_edge(Vobti_soc *top, uint64_t) override {
    if (!enabled_) return;
    top->i_pcm_dr = dtx_;
    top->i_slic_sdo = sdo_;
    top->i_slic_int_n = int_n_;
  }

  void after_edge(Vobti_soc *top, uint64_t cycle) override {
    if (!enabled_) return;
    cycle_ = cycle;
    if (cycle >= next_event_) run_events();
    bool rst_n = top->o_slic_reset_n;
    if (rst_n != rst_n_) {
      rst_n_ = rst_n;
      if (!rst_n) reset_regs();
      note("%s", rst_n ? "reset released" : "reset asserted");
      update_line();
    }
    spi_pins(top->o_slic_cs_n, top->o_slic_sclk, top->o_slic_sdi);
    pcm_pins(top->o_pcm_bclk, top->o_pcm_fsync, top->o_pcm_dx);
  }

  int finish() override {
    if (!enabled_) return 0;
    if (ringing_) ring_edge(false);
    if (!cadence_.empty()) {
      std::string s;
      for (size_t k = 0; k < cadence_.size(); k++)
        s += (k ? " / " : "") + std::string(k % 2 ? "off " : "on ") + fmt_ms(cadence_[k]);
      fprintf(stderr, "slic: ringing seen: %s ms\n", s.c_str());
    }
    int rc = 0;
    if (!earpiece_path_.empty() && !wav_write(earpiece_path_, earpiece_)) {
      fprintf(stderr, "slic: cannot write %s\n", earpiece_path_.c_str());
      rc = 3;
    }
    if (!mouthpiece_path_.empty() && !wav_write(mouthpiece_path_, mouthpiece_)) {
      fprintf(stderr, "slic: cannot write %s\n", mouthpiece_path_.c_str());
      rc = 3;
    }
    if (unimplemented_) {
      fprintf(stderr, "slic: %llu access(es) to registers the model does not implement\n", (unsigned long long)unimplemented_);
      log("summary unimplemented %llu", (unsigned long long)unimplemented_);
      rc = 6;
    }
    log("summary spi_accesses %llu frames %llu", (unsigned long long)accesses_, (unsigned long long)frames_);
    if (log_) fclose(log_);
    return rc;
  }

 private:
  // options
  bool enabled_ = false, trace_ = false, si3215_ = false;
  std::string script_, earpiece_path_, mouthpiece_path_, log_path_;
  double clk_hz_ = 100e6, ns_per_cycle_ = 10;
  uint64_t cycles_per_sample_ = 12500;
  FILE *log_ = nullptr;
  uint64_t cycle_ = 0;

  // scenario
  std::vector<HookEvent> hook_events_;
  size_t hook_next_ = 0;
  std::vector<Segment> segments_;
  std::vector<std::vector<int16_t>> wavs_;
  uint64_t end_at_ = UINT64_MAX;
  std::vector<Part> parts_;         // parts after the first, waiting for their condition
  size_t part_next_ = 0;            // the part whose wait is pending (or armed)
  uint64_t part_arm_ = UINT64_MAX;  // cycle at which its wait begins
  bool part_armed_ = false;
  double ear_audio_ms_ = 0, ear_run_ms_ = 0;   // audio in all / current run of audio or silence
  double ear_energy_ = 0;
  int ear_count_ = 0;
  uint64_t next_event_ = UINT64_MAX;
  bool off_hook_ = false;

  // registers and line
  uint8_t regs_[128] = {};
  bool rst_n_ = false;
  bool lcr_ = false, rtp_ = false, ringing_ = false;
  int lfs_ = kLfOpen;
  bool cad_on_ = true;              // cadence phase while LF = ringing with timers
  uint64_t cad_next_ = UINT64_MAX;
  uint64_t ring_since_ = 0;
  std::vector<double> cadence_;     // alternating on/off durations seen by the ringer, ms
  bool int_n_ = true;
  uint64_t unimplemented_ = 0, accesses_ = 0;

  // SPI
  bool cs_n_ = true, sclk_ = true, sdi_ = false, sdo_ = false;
  uint64_t cs_rise_ = 0, sclk_rise_ = 0, sclk_fall_ = 0, sdi_change_ = 0;
  bool cs_seen_ = false;
  int bits_ = 0;
  uint8_t in_ = 0, out_ = 0;
  bool have_addr_ = false;
  uint8_t addr_ = 0;

  // PCM
  bool bclk_ = false, fsync_ = false, dx_ = false, dtx_ = false, fsync_at_rise_ = false;
  uint64_t bclk_rise_ = 0, bclk_fall_ = 0, fsync_change_ = 0, dx_change_ = 0, frame_start_ = 0;
  uint64_t stop_limit_ = UINT64_MAX;
  int bit_ = -1, frame_bits_ = 0, bits_per_frame_ = 0, good_frames_ = 0;
  bool dx_sampled_ = false;
  uint32_t rx_word_ = 0, tx_word_ = 0;
  uint64_t frames_ = 0;
  std::vector<int16_t> earpiece_, mouthpiece_;

  // --- reporting ------------------------------------------------------------
  double ms(uint64_t c) const { return double(c) * ns_per_cycle_ * 1e-6; }
  double ns(uint64_t c) const { return double(c) * ns_per_cycle_; }
  static std::string fmt_ms(double v) { char b[32]; snprintf(b, sizeof b, "%.1f", v); return b; }

  void log(const char *fmt, ...) __attribute__((format(printf, 2, 3))) {
    if (!log_) return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(log_, "%.3f ", ms(cycle_));
    vfprintf(log_, fmt, ap);
    fputc('\n', log_);
    va_end(ap);
    fflush(log_);
  }

  // An event worth a line on stderr and in the log.
  void note(const char *fmt, ...) __attribute__((format(printf, 2, 3))) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fprintf(stderr, "slic: %.3f ms: %s\n", ms(cycle_), buf);
    log("%s", buf);
  }

  // A datasheet rule broken by the SoC: ends the run.
  void violation(const char *fmt, ...) __attribute__((format(printf, 2, 3))) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    log("violation %s", buf);
    obti_sim_fail(5, "slic: %.3f ms (cycle %llu): %s", ms(cycle_), (unsigned long long)cycle_, buf);
  }

  static std::string read_text(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "obti_sim: cannot open %s: %s\n", path, strerror(errno)); exit(2); }
    std::string s;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
    fclose(f);
    return s;
  }

  // --- scenario --------------------------------------------------------------
  [[noreturn]] void script_error(int stmt, const std::string &text, const std::string &why) {
    fprintf(stderr, "obti_sim: phone scenario statement %d '%s': %s\n", stmt, text.c_str(), why.c_str());
    exit(2);
  }

  // "12", "12ms", "1.5s", "250us" -> ms; false if malformed.
  static bool parse_time(const std::string &s, double *out) {
    char *end;
    errno = 0;
    double v = strtod(s.c_str(), &end);
    if (errno || end == s.c_str() || !(v >= 0) || v > 1e7) return false;
    std::string u = end;
    if (u == "" || u == "ms") *out = v;
    else if (u == "s") *out = v * 1000;
    else if (u == "us") *out = v / 1000;
    else return false;
    return true;
  }

  static bool parse_num(const std::string &s, double lo, double hi, double *out) {
    char *end;
    errno = 0;
    double v = strtod(s.c_str(), &end);
    if (errno || end == s.c_str() || *end || !(v >= lo && v <= hi)) return false;
    *out = v;
    return true;
  }

  uint64_t cyc(double t_ms) const { return uint64_t(t_ms * 1e6 / ns_per_cycle_ + 0.5); }

  void parse_script() {
    std::vector<std::string> stmts;
    std::string cur;
    for (char c : script_) {
      if (c == '\n' || c == ';') { stmts.push_back(cur); cur.clear(); }
      else cur += c;
    }
    stmts.push_back(cur);
    double t = 0;   // end of the previous statement, ms from the origin of its part
    int no = 0;
    // Statements before the first event-triggered wait go straight into the
    // timeline; later ones into the part that the wait starts.
    std::vector<HookEvent> *hooks = &hook_events_;
    std::vector<Segment> *segs = &segments_;
    uint64_t *end_at = &end_at_;
    for (std::string s : stmts) {
      std::vector<std::string> w;
      std::string tok;
      for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\r') { if (!tok.empty()) w.push_back(tok); tok.clear(); }
        else tok += c;
      }
      if (!tok.empty()) w.push_back(tok);
      // comments: a word starting with "//" or a leading '#'
      for (size_t k = 0; k < w.size(); k++)
        if (w[k].rfind("//", 0) == 0 || (k == 0 && w[k][0] == '#')) { w.resize(k); break; }
      if (w.empty()) continue;
      no++;
      size_t k = 0;
      double at = t;
      if (w[0][0] == '@' || w[0][0] == '+') {
        double v;
        if (!parse_time(w[0].substr(1), &v)) script_error(no, s, "bad time '" + w[0] + "' (e.g. @120ms, +1.5s)");
        if (w[0][0] == '@' && !parts_.empty())
          script_error(no, s, "absolute time after an event-triggered wait (use +T: its time is not known)");
        at = w[0][0] == '@' ? v : t + v;
        k = 1;
      }
      if (k >= w.size()) script_error(no, s, "time without an action");
      std::string act = w[k++];
      std::vector<std::string> args(w.begin() + long(k), w.end());
      auto kv = [&](const std::string &key, double def, double lo, double hi, size_t from) {
        for (size_t j = from; j < args.size(); j++) {
          size_t eq = args[j].find('=');
          if (eq == std::string::npos) script_error(no, s, "expected key=value, got '" + args[j] + "'");
          if (args[j].substr(0, eq) != key) continue;
          double v;
          if (!parse_num(args[j].substr(eq + 1), lo, hi, &v))
            script_error(no, s, key + " must be a number in [" + fmt_ms(lo) + ", " + fmt_ms(hi) + "]");
          return v;
        }
        return def;
      };
      // key=TIME with a unit (ms by default, s, us), e.g. timeout=2s
      auto kt = [&](const std::string &key, double def, double lo, double hi, size_t from) {
        for (size_t j = from; j < args.size(); j++) {
          size_t eq = args[j].find('=');
          if (eq == std::string::npos || args[j].substr(0, eq) != key) continue;
          double v;
          if (!parse_time(args[j].substr(eq + 1), &v) || v < lo || v > hi)
            script_error(no, s, key + " must be a time from " + fmt_ms(lo) + " ms to " + fmt_ms(hi) + " ms (e.g. " +
                                    key + "=2s)");
          return v;
        }
        return def;
      };
      auto check_keys = [&](size_t from, std::initializer_list<const char *> keys) {
        for (size_t j = from; j < args.size(); j++) {
          size_t eq = args[j].find('=');
          bool ok = false;
          for (const char *key : keys) ok |= eq != std::string::npos && args[j].substr(0, eq) == key;
          if (!ok) script_error(no, s, "unknown argument '" + args[j] + "'");
        }
      };
      if (act == "offhook" || act == "onhook") {
        check_keys(0, {});
        hooks->push_back({cyc(at), act == "offhook", act});
        t = at;
      } else if (act == "flash") {
        check_keys(0, {"ms"});
        double len = kv("ms", 500, 1, 10000, 0);
        hooks->push_back({cyc(at), false, "flash"});
        hooks->push_back({cyc(at + len), true, "flash-end"});
        t = at + len;
      } else if (act == "dial") {
        if (args.empty()) script_error(no, s, "dial needs digits");
        std::string digits = args[0];
        check_keys(1, {"level", "twist", "offset", "offset_lo", "offset_hi", "on", "off"});
        double level = kv("level", -8, -60, 3, 1), twist = kv("twist", 2, -20, 20, 1);
        double off_all = kv("offset", 0, -20, 20, 1);
        double off_lo = kv("offset_lo", off_all, -20, 20, 1), off_hi = kv("offset_hi", off_all, -20, 20, 1);
        double on = kv("on", 50, 1, 10000, 1), off = kv("off", 50, 0, 10000, 1);
        double a1 = kDbm0Peak * std::pow(10.0, level / 20), a2 = kDbm0Peak * std::pow(10.0, (level + twist) / 20);
        if (a1 + a2 > 32767) script_error(no, s, "level and twist overload the 16-bit mouthpiece");
        for (char d : digits) {
          const char *p = strchr(kDtmfKeys, toupper(static_cast<unsigned char>(d)));
          if (!p || !d) script_error(no, s, std::string("'") + d + "' is not a DTMF digit");
          int idx = int(p - kDtmfKeys);
          Segment g;
          g.start = cyc(at);
          g.end = cyc(at + on);
          g.f1 = kDtmfRow[idx / 4] * (1 + off_lo / 100);
          g.f2 = kDtmfCol[idx % 4] * (1 + off_hi / 100);
          g.a1 = a1;
          g.a2 = a2;
          segs->push_back(g);
          at += on + off;
        }
        t = at;
      } else if (act == "tone") {
        // tone FREQ [level=] [ms=]: one sine (e.g. to test talk-off)
        if (args.empty()) script_error(no, s, "tone needs a frequency");
        double f;
        if (!parse_num(args[0], 1, 3999, &f)) script_error(no, s, "frequency must be 1..3999 Hz");
        check_keys(1, {"level", "ms"});
        double level = kv("level", -10, -60, 3, 1), len = kv("ms", 100, 1, 1e6, 1);
        Segment g;
        g.start = cyc(at);
        g.end = cyc(at + len);
        g.f1 = f;
        g.a1 = kDbm0Peak * std::pow(10.0, level / 20);
        segs->push_back(g);
        t = at + len;
      } else if (act == "play") {
        if (args.empty()) script_error(no, s, "play needs a WAV file");
        check_keys(1, {"gain"});
        double gain = kv("gain", 0, -60, 20, 1);
        wavs_.emplace_back();
        std::string err = wav_read(args[0], &wavs_.back());
        if (!err.empty()) script_error(no, s, err);
        Segment g;
        g.start = cyc(at);
        g.end = cyc(at + double(wavs_.back().size()) / 8.0);
        g.gain = std::pow(10.0, gain / 20);
        g.wav = int(wavs_.size() - 1);
        segs->push_back(g);
        t = at + double(wavs_.back().size()) / 8.0;
      } else if (act == "wait" && !args.empty() && (args[0] == "audio" || args[0] == "silence")) {
        // wait audio D / wait silence D [after=A]: on the earpiece, [level=] [timeout=]
        Part p;
        p.silence = args[0] == "silence";
        p.text = s;
        if (args.size() < 2 || args[1].find('=') != std::string::npos || !parse_time(args[1], &p.need_ms) ||
            p.need_ms < 10 || p.need_ms > 60000)
          script_error(no, s, "wait " + args[0] + " needs a duration of 10 ms to 60 s (e.g. wait " + args[0] + " 150ms)");
        if (p.silence) check_keys(2, {"after", "level", "timeout"});
        else check_keys(2, {"level", "timeout"});
        p.after_ms = kt("after", 100, 10, 60000, 2);
        p.level = kv("level", -40, -70, 3, 2);
        p.timeout_ms = kt("timeout", 10000, 10, 600000, 2);
        p.arm = cyc(at);
        parts_.push_back(std::move(p));
        hooks = &parts_.back().hooks;
        segs = &parts_.back().segments;
        end_at = &parts_.back().end_at;
        t = 0;
      } else if (act == "wait") {
        double v;
        if (args.size() != 1 || !parse_time(args[0], &v))
          script_error(no, s, "wait needs one duration, or audio D / silence D (e.g. wait 100ms, wait silence 150ms)");
        t = at + v;
      } else if (act == "end") {
        check_keys(0, {});
        *end_at = cyc(at);
        t = at;
      } else {
        script_error(no, s, "unknown action '" + act + "' (offhook, onhook, flash, dial, tone, play, wait, end)");
      }
    }
    std::stable_sort(hook_events_.begin(), hook_events_.end(),
                     [](const HookEvent &a, const HookEvent &b) { return a.at < b.at; });
    if (!parts_.empty()) part_arm_ = parts_[0].arm;
    schedule();
  }

  void schedule() {
    next_event_ = end_at_;
    if (hook_next_ < hook_events_.size()) next_event_ = std::min(next_event_, hook_events_[hook_next_].at);
    next_event_ = std::min(next_event_, cad_next_);
    if (part_next_ < parts_.size()) {
      const Part &p = parts_[part_next_];
      next_event_ = std::min(next_event_, part_armed_ ? part_arm_ + cyc(p.timeout_ms) : part_arm_);
    }
  }

  // --- event-triggered waits -------------------------------------------------
  // Earpiece samples in 10 ms blocks (what the phone hears: nothing while
  // on-hook); a block at or above the wait's level is audio.
  void ear_monitor(int16_t s) {
    if (!part_armed_) return;
    double v = off_hook_ ? s : 0;
    ear_energy_ += v * v;
    if (++ear_count_ < 80) return;
    const Part &p = parts_[part_next_];
    double dbm0 = 10 * std::log10(std::max(ear_energy_ / 80, 1e-3) / (kDbm0Peak * kDbm0Peak / 2));
    bool audio = dbm0 >= p.level;
    ear_energy_ = 0;
    ear_count_ = 0;
    bool was_audio = ear_run_ms_ > 0;
    if (audio) ear_audio_ms_ += 10;
    // ear_run_ms_: > 0 a run of audio, < 0 a run of silence (ms)
    ear_run_ms_ = audio ? (was_audio ? ear_run_ms_ + 10 : 10) : (was_audio ? -10 : ear_run_ms_ - 10);
    bool met = p.silence ? (ear_audio_ms_ >= p.after_ms && -ear_run_ms_ >= p.need_ms)
                         : ear_run_ms_ >= p.need_ms;
    if (met) part_begin();
  }

  // The pending wait's condition is met now: its part's statements start.
  void part_begin() {
    Part &p = parts_[part_next_++];
    note("wait %s met (%.0f ms of audio heard since it began)", p.silence ? "silence" : "audio", ear_audio_ms_);
    part_armed_ = false;
    uint64_t origin = cycle_;
    hook_events_.erase(hook_events_.begin(), hook_events_.begin() + long(hook_next_));
    hook_next_ = 0;
    for (HookEvent e : p.hooks) { e.at += origin; hook_events_.push_back(e); }
    std::stable_sort(hook_events_.begin(), hook_events_.end(),
                     [](const HookEvent &a, const HookEvent &b) { return a.at < b.at; });
    for (Segment g : p.segments) { g.start += origin; g.end += origin; segments_.push_back(g); }
    if (p.end_at != UINT64_MAX) end_at_ = std::min(end_at_, origin + p.end_at);
    part_arm_ = part_next_ < parts_.size() ? origin + parts_[part_next_].arm : UINT64_MAX;
    schedule();
    if (part_arm_ <= cycle_) run_events();
  }

  void part_events() {
    if (part_next_ >= parts_.size()) return;
    const Part &p = parts_[part_next_];
    if (!part_armed_ && part_arm_ <= cycle_) {
      part_armed_ = true;
      part_arm_ = cycle_;
      ear_audio_ms_ = ear_run_ms_ = ear_energy_ = 0;
      ear_count_ = 0;
      note("wait %s %.0f ms begins", p.silence ? "silence" : "audio", p.need_ms);
    } else if (part_armed_ && cycle_ >= part_arm_ + cyc(p.timeout_ms)) {
      log("violation wait timed out");
      obti_sim_fail(7, "phone: %.3f ms: '%s' not met within %.0f ms (%.0f ms of audio heard)", ms(cycle_),
                    p.text.c_str(), p.timeout_ms, ear_audio_ms_);
      part_next_ = parts_.size();
    }
  }

  void run_events() {
    while (hook_next_ < hook_events_.size() && hook_events_[hook_next_].at <= cycle_) {
      const HookEvent &e = hook_events_[hook_next_++];
      off_hook_ = e.off_hook;
      note("phone %s", e.what.c_str());
      update_line();
    }
    if (cad_next_ <= cycle_) cadence_step();
    part_events();
    if (end_at_ <= cycle_) {
      log("end");
      obti_sim_fail(0, "phone: scenario ended at %.3f ms", ms(cycle_));
      end_at_ = UINT64_MAX;
    }
    schedule();
  }

  // Mouthpiece signal at a time: the sum of the active segments.
  int16_t mouthpiece_at(uint64_t c) const {
    if (!off_hook_) return 0;   // on-hook: the transmitter is disconnected
    double v = 0;
    for (const Segment &g : segments_) {
      if (c < g.start || c >= g.end) continue;
      double t = double(c - g.start) * ns_per_cycle_ * 1e-9;
      if (g.wav >= 0) {
        const std::vector<int16_t> &wav = wavs_[size_t(g.wav)];
        size_t n = size_t(t * 8000.0);
        if (n < wav.size()) v += wav[n] * g.gain;
      } else {
        v += g.a1 * std::sin(2 * kPi * g.f1 * t) + g.a2 * std::sin(2 * kPi * g.f2 * t);
      }
    }
    v = std::lround(v);
    return int16_t(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
  }

  // --- registers ---------------------------------------------------------------
  void reset_regs() {
    memset(regs_, 0, sizeof regs_);
    regs_[kSpiMode] = kRevision;            // PARTNUM 0 (Si3210 family), REV
    regs_[kPcmMode] = si3215_ ? 0x80 : 0;   // bit 7 reads 1 on an Si3215
    regs_[kLoopback] = 0x02;
    regs_[kHybrid] = 0x33;
    cad_next_ = UINT64_MAX;
    have_addr_ = false;
  }

  static bool implemented(uint8_t r) {
    switch (r) {
      case kSpiMode: case kPcmMode: case kPcmTxLo: case kPcmTxHi: case kPcmRxLo: case kPcmRxHi:
      case kLoopback: case kHybrid: case kIrq1: case kIrq2: case kIrq3: case kIe1: case kIe2: case kIe3:
      case kRingOsc: case kRingOnLo: case kRingOnHi: case kRingOffLo: case kRingOffHi:
      case kLinefeed: case kLoopStat:
        return true;
      default:
        return false;
    }
  }

  uint8_t reg_read(uint8_t r) {
    accesses_++;
    if (!implemented(r)) {
      unimplemented_++;
      note("read of register %u, which the model does not implement (reads 0)", r);
      return 0;
    }
    uint8_t v = regs_[r];
    if (r == kLinefeed) v = uint8_t((regs_[r] & 7) | (lfs_ << 4));
    if (r == kLoopStat) v = uint8_t((lcr_ ? 1 : 0) | (rtp_ ? 2 : 0));
    if (trace_) fprintf(stderr, "slic: %.3f ms: read  reg %3u = 0x%02x\n", ms(cycle_), r, v);
    return v;
  }

  void reg_write(uint8_t r, uint8_t v) {
    accesses_++;
    if (trace_) fprintf(stderr, "slic: %.3f ms: write reg %3u = 0x%02x\n", ms(cycle_), r, v);
    if (!implemented(r) || (r == kSpiMode && v != 0) || (r == kPcmMode && (v & 0x06))) {
      unimplemented_++;
      note("write 0x%02x to register %u: %s", v, r,
           r == kSpiMode ? "daisy-chain mode is not modelled" :
           r == kPcmMode ? "GCI mode and bit 2 are not modelled" : "not implemented by the model");
      return;
    }
    switch (r) {
      case kSpiMode: case kLoopStat: return;                 // read-only
      case kIrq1: case kIrq2: case kIrq3: regs_[r] &= uint8_t(~v); break;   // write 1 to clear
      case kPcmMode: {
        bool was = regs_[r] & 0x20;
        regs_[r] = uint8_t((v & 0x39) | (si3215_ ? 0x80 : 0));
        if (((v >> 3) & 3) == 2) { unimplemented_++; note("PCM format 10b (reserved) written to register 1"); }
        if (!was && (v & 0x20)) { good_frames_ = 0; note("PCM enabled, %s", fmt_name()); }
        if (was && !(v & 0x20)) note("PCM disabled");
        break;
      }
      case kPcmTxHi: case kPcmRxHi: regs_[r] = v & 3; break;
      case kLinefeed: {
        int old = regs_[r] & 7;
        regs_[r] = v & 7;
        if ((v & 7) != old) {
          static const char *names[] = {"open", "forward active", "forward on-hook transmission", "tip open",
                                        "ringing", "reverse active", "reverse on-hook transmission", "ring open"};
          note("linefeed %s", names[v & 7]);
        }
        break;
      }
      default: regs_[r] = v; break;
    }
    update_line();
  }

  const char *fmt_name() const {
    switch ((regs_[kPcmMode] >> 3) & 3) {
      case 0: return "A-law";
      case 1: return "mu-law";
      case 3: return "16-bit linear";
      default: return "reserved";
    }
  }

  // --- line: linefeed, hook, ringing, interrupts ---------------------------------
  void update_line() {
    int lf = rst_n_ ? (regs_[kLinefeed] & 7) : kLfOpen;
    if (lf != lfs_) {
      lfs_ = lf;
      if (lf == kLfRinging) {
        cad_on_ = true;
        cad_next_ = UINT64_MAX;
        if ((regs_[kRingOsc] & kRingOscTimers) == kRingOscTimers) cad_next_ = cycle_ + cadence_cycles(true);
      } else {
        cad_next_ = UINT64_MAX;
      }
    }
    bool feeds = lf == 1 || lf == 2 || lf == 5 || lf == 6;
    bool lcr = off_hook_ && feeds;
    bool rtp = off_hook_ && lf == kLfRinging;
    if (lcr != lcr_) { lcr_ = lcr; regs_[kIrq2] |= kIrq2Loop; log("lcr %d", lcr ? 1 : 0); }
    if (rtp && !rtp_) { regs_[kIrq2] |= kIrq2RingTrip; note("ring trip"); }
    rtp_ = rtp;
    bool ring = lf == kLfRinging && cad_on_ && !off_hook_;
    if (ring != ringing_) ring_edge(ring);
    int_n_ = !((regs_[kIrq1] & regs_[kIe1]) | (regs_[kIrq2] & regs_[kIe2]) | (regs_[kIrq3] & regs_[kIe3]));
    schedule();
  }

  uint64_t cadence_cycles(bool on) const {
    unsigned ticks = on ? (regs_[kRingOnHi] << 8 | regs_[kRingOnLo]) : (regs_[kRingOffHi] << 8 | regs_[kRingOffLo]);
    if (ticks == 0) ticks = 1;
    return uint64_t(ticks) * cycles_per_sample_;   // 125 us per count
  }

  void cadence_step() {
    regs_[kIrq1] |= cad_on_ ? kIrq1RingT1 : kIrq1RingT2;
    cad_on_ = !cad_on_;
    cad_next_ = cycle_ + cadence_cycles(cad_on_);
    update_line();
  }

  // The ringer: what the bell sees, with durations.
  void ring_edge(bool on) {
    double d = ms(cycle_ - ring_since_);
    if (on && ringing_seen_) {
      cadence_.push_back(d);
      note("ringer on after %s ms off", fmt_ms(d).c_str());
    } else if (on) {
      note("ringer on");
    } else {
      cadence_.push_back(d);
      note("ringer off after %s ms on", fmt_ms(d).c_str());
    }
    ringing_seen_ = true;
    ringing_ = on;
    ring_since_ = cycle_;
  }
  bool ringing_seen_ = false;

  // --- SPI control port (mode 3) -------------------------------------------------
  void spi_pins(bool cs_n, bool sclk, bool sdi) {
    if (cs_n == cs_n_ && sclk == sclk_ && sdi == sdi_) return;
    if (sdi != sdi_) {
      if (!cs_n_ && ns(cycle_ - sclk_rise_) < kSpiHold && bits_ > 0)
        violation("SPI: SDI changed %.0f ns after SCLK rose (hold %.0f ns)", ns(cycle_ - sclk_rise_), kSpiHold);
      sdi_change_ = cycle_;
      sdi_ = sdi;
    }
    if (cs_n != cs_n_) {
      cs_n_ = cs_n;
      if (!cs_n) {
        if (cs_seen_ && ns(cycle_ - cs_rise_) < kSpiCsHigh)
          violation("SPI: CS high for %.0f ns between bytes (at least %.0f ns)", ns(cycle_ - cs_rise_), kSpiCsHigh);
        if (!sclk) violation("SPI: CS fell with SCLK low (mode 3: SCLK idles high)");
        if (!rst_n_) violation("SPI: access while RESET is asserted");
        bits_ = 0;
        in_ = 0;
        out_ = have_addr_ && (addr_ & 0x80) ? reg_read(addr_ & 0x7f) : 0;
        sdo_ = out_ >> 7;
      } else {
        cs_rise_ = cycle_;
        cs_seen_ = true;
        sdo_ = false;
        byte_done();
      }
    }
    if (sclk != sclk_) {
      sclk_ = sclk;
      if (cs_n_) return;
      if (sclk) {
        if (bits_ > 0 && ns(cycle_ - sclk_rise_) < kSpiMinPeriod)
          violation("SPI: SCLK period %.0f ns (at least %.0f ns)", ns(cycle_ - sclk_rise_), kSpiMinPeriod);
        if (ns(cycle_ - sdi_change_) < kSpiSetup)
          violation("SPI: SDI changed %.0f ns before SCLK rose (setup %.0f ns)", ns(cycle_ - sdi_change_), kSpiSetup);
        sclk_rise_ = cycle_;
        in_ = uint8_t((in_ << 1) | (sdi_ ? 1 : 0));
        bits_++;
      } else {
        sclk_fall_ = cycle_;
        // SDO shifts on falling edges: bit 7 - (bits so far)
        sdo_ = bits_ < 8 ? (out_ >> (7 - bits_)) & 1 : 0;
      }
    }
  }

  void byte_done() {
    if (bits_ != 8) {
      violation("SPI: a byte of %d bits (CS must frame exactly 8 SCLK cycles)", bits_);
      return;
    }
    if (!have_addr_) {
      addr_ = in_;
      have_addr_ = true;
      return;
    }
    have_addr_ = false;
    if (!(addr_ & 0x80)) reg_write(addr_ & 0x7f, in_);
  }

  // --- PCM highway and codec -------------------------------------------------------
  int slot_width() const { return ((regs_[kPcmMode] >> 3) & 3) == 3 ? 16 : 8; }
  int tx_slot() const { return (regs_[kPcmTxHi] & 3) << 8 | regs_[kPcmTxLo]; }   // DTX (to the SoC)
  int rx_slot() const { return (regs_[kPcmRxHi] & 3) << 8 | regs_[kPcmRxLo]; }   // DRX (from the SoC)
  bool pcm_on() const { return rst_n_ && (regs_[kPcmMode] & 0x20); }
  bool checking() const { return pcm_on() && good_frames_ >= 2; }

  uint32_t encode(int16_t s) const {
    switch ((regs_[kPcmMode] >> 3) & 3) {
      case 0: return alaw_encode(s);
      case 1: return ulaw_encode(s);
      default: return uint16_t(s);
    }
  }

  int16_t decode(uint32_t w) const {
    switch ((regs_[kPcmMode] >> 3) & 3) {
      case 0: return alaw_decode(uint8_t(w));
      case 1: return ulaw_decode(uint8_t(w));
      default: return int16_t(uint16_t(w));
    }
  }

  void pcm_pins(bool bclk, bool fsync, bool dx) {
    if (fsync != fsync_) {
      if (checking() && bclk_fall_ && ns(cycle_ - bclk_fall_) < kPcmHold)
        violation("PCM: FSYNC changed %.0f ns after PCLK fell (hold %.0f ns)", ns(cycle_ - bclk_fall_), kPcmHold);
      fsync_ = fsync;
      fsync_change_ = cycle_;
    }
    if (dx != dx_) {
      if (checking() && dx_sampled_ && ns(cycle_ - bclk_fall_) < kPcmHold)
        violation("PCM: DRX changed %.0f ns after PCLK fell in its slot (hold %.0f ns)", ns(cycle_ - bclk_fall_), kPcmHold);
      dx_ = dx;
      dx_change_ = cycle_;
    }
    if (bclk == bclk_) {
      if (cycle_ - bclk_rise_ > stop_limit_ && checking())
        violation("PCM: PCLK stopped while PCM is enabled (register 1 PCME)");
      return;
    }
    bclk_ = bclk;
    if (bclk) rise();
    else fall();
  }

  void rise() {
    uint64_t period = cycle_ - bclk_rise_;
    bool frame = fsync_ && !fsync_at_rise_;
    fsync_at_rise_ = fsync_;
    if (checking() && bits_per_frame_) {
      double nominal = 125000.0 / bits_per_frame_;
      if (std::fabs(ns(period) - nominal) > kPcmJitter)
        violation("PCM: PCLK period %.0f ns, nominal %.1f ns (jitter at most %.0f ns)", ns(period), nominal, kPcmJitter);
      double low = ns(cycle_ - bclk_fall_) / ns(period);
      if (low < 0.4 || low > 0.6) violation("PCM: PCLK low for %.0f%% of its period (duty cycle 40..60%%)", low * 100);
    }
    bclk_rise_ = cycle_;
    dx_sampled_ = false;
    if (frame) frame_begin();
    else if (bit_ >= 0) bit_++;
    frame_bits_++;
    // DTX: MSB first, driven from this rising edge
    dtx_ = false;
    int w = slot_width();
    if (pcm_on() && bit_ >= tx_slot() && bit_ < tx_slot() + w) dtx_ = (tx_word_ >> (w - 1 - (bit_ - tx_slot()))) & 1;
  }

  void fall() {
    uint64_t high = cycle_ - bclk_rise_;
    bclk_fall_ = cycle_;
    if (checking() && bits_per_frame_) {
      double duty = ns(high) * bits_per_frame_ / 125000.0;
      if (duty < 0.4 || duty > 0.6) violation("PCM: PCLK high for %.0f%% of its period (duty cycle 40..60%%)", duty * 100);
      if (ns(cycle_ - fsync_change_) < kPcmSetup)
        violation("PCM: FSYNC changed %.0f ns before PCLK fell (setup %.0f ns)", ns(cycle_ - fsync_change_), kPcmSetup);
    }
    int w = slot_width();
    if (pcm_on() && bit_ >= rx_slot() && bit_ < rx_slot() + w) {
      if (checking() && ns(cycle_ - dx_change_) < kPcmSetup)
        violation("PCM: DRX changed %.0f ns before PCLK fell in its slot (setup %.0f ns)", ns(cycle_ - dx_change_), kPcmSetup);
      dx_sampled_ = true;
      rx_word_ = (rx_word_ << 1) | (dx_ ? 1 : 0);
      if (bit_ == rx_slot() + w - 1) {
        int16_t s = decode(rx_word_ & (w == 16 ? 0xffff : 0xff));
        size_t n = size_t(frame_start_ / cycles_per_sample_);
        if (earpiece_.size() <= n) earpiece_.resize(n + 1, 0);
        earpiece_[n] = s;
        ear_monitor(s);
      }
    }
  }

  void frame_begin() {
    if (bit_ >= 0) {
      int bits = frame_bits_;
      uint64_t len = cycle_ - frame_start_;
      bool valid = false;
      for (int b : kValidBits) valid |= b == bits;
      if (pcm_on()) {
        if (checking()) {
          if (bits != bits_per_frame_)
            violation("PCM: %d PCLK cycles in this frame, %d in the previous one", bits, bits_per_frame_);
          if (std::fabs(ns(len) - 125000.0) > kPcmJitter)
            violation("PCM: frame of %.0f ns (FSYNC must be 8 kHz)", ns(len));
        } else if (good_frames_ == 1) {
          if (!valid) violation("PCM: PCLK of %d cycles per frame (%.3f MHz) is not one the Si3210 supports", bits, bits * 0.008);
          int w = slot_width();
          if (rx_slot() + w > bits || tx_slot() + w > bits)
            violation("PCM: slot TX %d / RX %d of %d bits does not end inside the %d-bit frame", tx_slot(), rx_slot(), w, bits);
          note("PCM running: %d bit clocks per frame (%.3f MHz), TX slot %d, RX slot %d, %s", bits, bits * 0.008,
               tx_slot(), rx_slot(), fmt_name());
        }
        good_frames_++;
      }
      bits_per_frame_ = bits;
      stop_limit_ = 4 * len / uint64_t(bits > 0 ? bits : 1) + 4;   // four bit periods without an edge
    }
    frames_++;
    bit_ = 0;
    frame_bits_ = 0;
    frame_start_ = cycle_;
    int16_t m = mouthpiece_at(cycle_);
    tx_word_ = encode(m);
    if (!mouthpiece_path_.empty() && pcm_on()) {
      size_t n = size_t(cycle_ / cycles_per_sample_);
      if (mouthpiece_.size() <= n) mouthpiece_.resize(n + 1, 0);
      mouthpiece_[n] = m;
    }
  }
};

}  // namespace

OBTI_MODEL(SlicModel)
