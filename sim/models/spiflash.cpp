// SPI NOR flash model (25-series, W25Q-like) on the SoC's flash pins, backed
// by a file so that its contents survive a restart. Rules and options:
// docs/spiflash.md. Mode 0: MOSI is sampled on the rising SCK edge, MISO
// changes on the falling edge; commands 03h 0Bh 02h 20h 05h 06h 04h 9Fh.
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "Vobti_soc.h"
#include "obti_model.h"

namespace {

constexpr uint32_t kPage = 256;
constexpr uint32_t kSector = 4096;

class SpiflashModel : public ObtiModel {
 public:
  const char *name() const override { return "spiflash"; }

  int parse_option(int argc, char **argv, int i) override {
    std::string a = argv[i];
    auto val = [&]() -> const char * {
      if (i + 1 >= argc) {
        fprintf(stderr, "obti_sim: %s needs a value\n", a.c_str());
        exit(2);
      }
      return argv[i + 1];
    };
    if (a == "--flash") { file_ = val(); return 2; }
    if (a == "--flash-size") { size_ = obti_sim_parse_u64(a.c_str(), val()); size_set_ = true; return 2; }
    if (a == "--flash-pp-cycles") { pp_cycles_ = obti_sim_parse_u64(a.c_str(), val()); return 2; }
    if (a == "--flash-se-cycles") { se_cycles_ = obti_sim_parse_u64(a.c_str(), val()); return 2; }
    if (a == "--flash-jedec") { jedec_ = uint32_t(obti_sim_parse_u64(a.c_str(), val())); jedec_set_ = true; return 2; }
    if (a == "--flash-strict") { strict_ = true; return 1; }
    if (a == "--flash-trace") { trace_ = true; return 1; }
    return 0;
  }

  void usage(FILE *out) const override {
    fprintf(out,
            "  --flash FILE       SPI flash contents (created all 0xFF; written back at exit)\n"
            "  --flash-size N     flash size in bytes for a new file (default 16 MiB)\n"
            "  --flash-pp-cycles N  page program busy time (default 70000 = 0.7 ms at 100 MHz)\n"
            "  --flash-se-cycles N  4 KiB sector erase busy time (default 4500000 = 45 ms)\n"
            "  --flash-jedec ID   JEDEC ID (default 0xEF40nn, nn = log2 of the size)\n"
            "  --flash-strict     fail the run on a flash rule violation (0->1 program,\n"
            "                     command while busy, program/erase without write enable)\n"
            "  --flash-trace      print every flash command on stderr\n");
  }

  void start(Vobti_soc *top) override {
    top->i_flash_miso = 1;
    if (size_ < kSector || (size_ & (size_ - 1)) || size_ > (1u << 24)) {
      fprintf(stderr, "obti_sim: --flash-size must be a power of two from 4096 to 16 MiB\n");
      exit(2);
    }
    if (!file_.empty()) {
      FILE *f = fopen(file_.c_str(), "rb");
      if (f) {
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        if (n <= 0 || (n & (n - 1)) || n < long(kSector) || n > (1l << 24) ||
            (size_set_ && uint64_t(n) != size_)) {
          fprintf(stderr, "obti_sim: %s: size %ld is not a power of two of 4 KiB..16 MiB%s\n",
                  file_.c_str(), n, size_set_ ? " equal to --flash-size" : "");
          exit(2);
        }
        size_ = uint64_t(n);
        mem_.resize(size_);
        if (fread(mem_.data(), 1, size_, f) != size_) {
          fprintf(stderr, "obti_sim: %s: read error\n", file_.c_str());
          exit(2);
        }
        fclose(f);
      }
    }
    if (mem_.empty()) mem_.assign(size_, 0xFF);
    if (!jedec_set_) {
      uint32_t cap = 0;
      while ((1ull << cap) < size_) cap++;
      jedec_ = 0xEF4000u | cap;
    }
  }

  void before_edge(Vobti_soc *top, uint64_t cycle) override {
    (void)cycle;
    top->i_flash_miso = miso_;
  }

  void after_edge(Vobti_soc *top, uint64_t cycle) override {
    cycle_ = cycle;
    if (busy_ && cycle >= busy_end_) complete();
    bool cs_n = top->o_flash_cs_n, sck = top->o_flash_sck, mosi = top->o_flash_mosi;
    if (cs_n) {
      if (!prev_cs_n_) frame_end(sck);
    } else {
      if (prev_cs_n_) frame_begin(sck);
      else if (sck && !prev_sck_) rising(mosi);
      else if (!sck && prev_sck_) falling();
    }
    prev_cs_n_ = cs_n;
    prev_sck_ = sck;
  }

  int finish() override {
    // Power off: an operation still running is cut where it is.
    if (busy_) interrupt();
    if (!file_.empty()) {
      FILE *f = fopen(file_.c_str(), "wb");
      if (!f || fwrite(mem_.data(), 1, mem_.size(), f) != mem_.size() || fclose(f) != 0) {
        fprintf(stderr, "spiflash: cannot write %s: %s\n", file_.c_str(), strerror(errno));
        return 3;
      }
    }
    if (violations_ || busy_errors_ || protocol_errors_)
      fprintf(stderr, "spiflash: %llu 0->1 program byte(s), %llu command(s) while busy, %llu protocol error(s)\n",
              (unsigned long long)violations_, (unsigned long long)busy_errors_,
              (unsigned long long)protocol_errors_);
    if (strict_ && (violations_ || busy_errors_ || protocol_errors_)) {
      fprintf(stderr, "spiflash: flash rules violated (--flash-strict)\n");
      return 3;
    }
    return 0;
  }

 private:
  enum Op { kNone, kProgram, kErase };

  // options
  std::string file_;
  uint64_t size_ = 16u << 20;
  bool size_set_ = false;
  uint64_t pp_cycles_ = 70000;
  uint64_t se_cycles_ = 4500000;
  uint32_t jedec_ = 0;
  bool jedec_set_ = false;
  bool strict_ = false;
  bool trace_ = false;

  std::vector<uint8_t> mem_;
  uint64_t cycle_ = 0;
  // status
  bool wel_ = false;
  bool busy_ = false;
  uint64_t busy_start_ = 0, busy_end_ = 0;
  Op op_ = kNone;
  uint32_t op_addr_ = 0;
  std::vector<std::pair<uint32_t, uint8_t>> op_bytes_;   // program: address, data
  // frame
  bool prev_cs_n_ = true, prev_sck_ = false;
  bool miso_ = true;
  int bits_ = 0;          // rising edges in this frame
  uint8_t in_ = 0;        // byte being shifted in
  uint8_t out_ = 0xFF;    // byte being shifted out, MSB first
  uint8_t cmd_ = 0;
  bool ignore_ = false;   // command refused (busy): the rest of the frame is ignored
  uint32_t addr_ = 0;
  uint32_t read_ptr_ = 0;
  uint8_t page_[kPage];
  bool page_used_[kPage];
  // counters
  uint64_t violations_ = 0, busy_errors_ = 0, protocol_errors_ = 0;

  void report(uint64_t *counter, const char *fmt, ...) __attribute__((format(printf, 3, 4))) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "spiflash: cycle %llu: ", (unsigned long long)cycle_);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    (*counter)++;
  }

  uint8_t status() const { return uint8_t((wel_ ? 2 : 0) | (busy_ ? 1 : 0)); }
  uint32_t mask(uint32_t a) const { return a & uint32_t(size_ - 1); }

  void frame_begin(bool sck) {
    if (sck) report(&protocol_errors_, "CS fell with SCK high (mode 0 keeps SCK low)");
    bits_ = 0;
    in_ = 0;
    out_ = 0xFF;
    ignore_ = false;
    cmd_ = 0;
    memset(page_used_, 0, sizeof page_used_);
  }

  void rising(bool mosi) {
    in_ = uint8_t((in_ << 1) | (mosi ? 1 : 0));
    bits_++;
    if (bits_ % 8 == 0) byte_in(bits_ / 8 - 1, in_);
  }

  void falling() {
    miso_ = (out_ >> 7) & 1;
    out_ = uint8_t(out_ << 1);
  }

  // Byte n (0 = opcode) of the frame has arrived; choose the next byte out.
  void byte_in(int n, uint8_t b) {
    if (n == 0) {
      cmd_ = b;
      if (trace_) fprintf(stderr, "spiflash: cycle %llu: command %02x\n", (unsigned long long)cycle_, b);
      if (busy_ && b != 0x05) {
        report(&busy_errors_, "command %02x while busy (ignored, as the flash does)", b);
        ignore_ = true;
      }
    }
    if (ignore_) { out_ = 0xFF; return; }
    if (n >= 1 && n <= 3) addr_ = (addr_ << 8) | b;
    switch (cmd_) {
      case 0x05: out_ = status(); break;
      case 0x9F: out_ = n < 3 ? uint8_t(jedec_ >> (8 * (2 - n))) : 0xFF; break;
      case 0x03:
        if (n == 3) read_ptr_ = mask(addr_);
        out_ = n >= 3 ? read_next() : 0xFF;
        break;
      case 0x0B:
        if (n == 3) read_ptr_ = mask(addr_);
        out_ = n >= 4 ? read_next() : 0xFF;
        break;
      case 0x02:
        if (n >= 4) {
          uint32_t off = (addr_ + uint32_t(n - 4)) % kPage;   // wraps within the page
          page_[off] = b;
          page_used_[off] = true;
        }
        out_ = 0xFF;
        break;
      default: out_ = 0xFF; break;
    }
  }

  uint8_t read_next() {
    uint8_t v = mem_[read_ptr_];
    read_ptr_ = mask(read_ptr_ + 1);   // a read continues across the whole array
    return v;
  }

  void frame_end(bool sck) {
    if (sck) report(&protocol_errors_, "CS rose with SCK high (mode 0 keeps SCK low)");
    miso_ = true;
    if (ignore_ || bits_ == 0) return;
    bool whole = bits_ % 8 == 0;
    int nbytes = bits_ / 8;
    switch (cmd_) {
      case 0x06:
      case 0x04:
        if (!whole || nbytes != 1) { report(&protocol_errors_, "write enable/disable frame of %d bits ignored", bits_); return; }
        wel_ = cmd_ == 0x06;
        break;
      case 0x02:
        if (!whole || nbytes < 5) { report(&protocol_errors_, "page program frame of %d bits ignored", bits_); return; }
        if (!wel_) { report(&protocol_errors_, "page program at %06x without write enable (ignored)", mask(addr_)); return; }
        start_program();
        break;
      case 0x20:
        if (!whole || nbytes != 4) { report(&protocol_errors_, "sector erase frame of %d bits ignored", bits_); return; }
        if (!wel_) { report(&protocol_errors_, "sector erase at %06x without write enable (ignored)", mask(addr_)); return; }
        op_ = kErase;
        op_addr_ = mask(addr_) & ~(kSector - 1);
        begin_busy(se_cycles_);
        break;
      case 0x03: case 0x0B: case 0x05: case 0x9F:
        break;
      default:
        report(&protocol_errors_, "unsupported command %02x", cmd_);
        break;
    }
  }

  void start_program() {
    uint32_t base = mask(addr_) & ~(kPage - 1);
    op_ = kProgram;
    op_bytes_.clear();
    uint32_t start = mask(addr_) % kPage;
    // Program in address order from the start offset, as the bytes came in.
    for (uint32_t k = 0; k < kPage; k++) {
      uint32_t off = (start + k) % kPage;
      if (!page_used_[off]) continue;
      uint32_t a = base + off;
      uint8_t d = page_[off];
      uint8_t up = uint8_t(d & ~mem_[a]);
      if (up) {
        violations_++;
        if (violations_ <= 20)
          fprintf(stderr, "spiflash: cycle %llu: program of %02x over %02x at %06x would set 0 bits to 1 (needs an erase; those bits stay 0)\n",
                  (unsigned long long)cycle_, d, mem_[a], a);
      }
      op_bytes_.push_back({a, d});
    }
    begin_busy(pp_cycles_);
  }

  void begin_busy(uint64_t cycles) {
    busy_ = true;
    busy_start_ = cycle_;
    busy_end_ = cycle_ + (cycles ? cycles : 1);
  }

  void complete() {
    if (op_ == kProgram)
      for (auto &p : op_bytes_) mem_[p.first] &= p.second;
    else if (op_ == kErase)
      memset(&mem_[op_addr_], 0xFF, kSector);
    busy_ = false;
    wel_ = false;
    op_ = kNone;
  }

  // Deterministic pseudo-random numbers for the state a power cut leaves.
  uint64_t rng_ = 0;
  uint32_t rnd() {
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 7;
    rng_ ^= rng_ << 17;
    return uint32_t(rng_ >> 16);
  }

  // Power cut during an operation. Program: the bytes are programmed one
  // after the other over the busy time; those whose turn has passed are
  // programmed, the one in progress has a random part of its 0 bits
  // programmed, the rest are untouched. Erase: each bit of the sector that
  // is still 0 has been erased to 1 with probability = elapsed / busy time:
  // partially erased garbage.
  void interrupt() {
    uint64_t total = busy_end_ - busy_start_, done = cycle_ - busy_start_;
    rng_ = 0x9E3779B97F4A7C15ull ^ cycle_ ^ (uint64_t(op_addr_) << 32);
    if (op_ == kProgram) {
      size_t n = op_bytes_.size();
      size_t full = size_t(done * n / total);
      for (size_t k = 0; k < full && k < n; k++) mem_[op_bytes_[k].first] &= op_bytes_[k].second;
      if (full < n) {
        auto &p = op_bytes_[full];
        uint8_t clear = uint8_t(~p.second & mem_[p.first]);   // bits this byte would clear
        mem_[p.first] &= uint8_t(~(clear & rnd()));
      }
      fprintf(stderr, "spiflash: power cut during a page program: %zu of %zu bytes programmed\n", full, n);
    } else if (op_ == kErase) {
      uint32_t p = uint32_t(done * 65536 / total);   // probability in 1/65536
      for (uint32_t k = 0; k < kSector; k++) {
        uint8_t &b = mem_[op_addr_ + k];
        for (int bit = 0; bit < 8; bit++)
          if ((rnd() & 0xFFFF) < p) b |= uint8_t(1u << bit);
      }
      fprintf(stderr, "spiflash: power cut during a sector erase at %06x (%.0f%% done): sector left partially erased\n",
              op_addr_, 100.0 * double(done) / double(total));
    }
    busy_ = false;
    op_ = kNone;
  }
};

}  // namespace

OBTI_MODEL(SpiflashModel)
