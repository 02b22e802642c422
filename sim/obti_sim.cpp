// obti_sim: runs the openbti SoC cycle-accurately in Verilator. Loads an ELF
// or hex firmware, prints the UART, ends on the simulation-control EXIT
// register or a cycle limit. Options and formats: docs/simulation.md.
#include <cerrno>
#include <chrono>
#include <memory>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "Vobti_soc.h"
#include "svdpi.h"
#include "verilated.h"
#include "verilated_fst_c.h"
#include "obti_model.h"

#ifndef OBTI_CODE_BYTES
#define OBTI_CODE_BYTES 262144u
#endif
#ifndef OBTI_DATA_BYTES
#define OBTI_DATA_BYTES 65536u
#endif

namespace {

constexpr uint32_t kCodeBase = 0x00000000u;
constexpr uint32_t kDataBase = 0x10000000u;
constexpr uint32_t kExitAddr = 0x2000F000u;   // simctrl EXIT

struct Options {
  std::string firmware;
  uint64_t max_cycles = 100000000ull;
  std::string fst;
  uint64_t fst_start = 0;
  uint64_t fst_end = UINT64_MAX;
  std::string signature;
  std::string commit_log;
  bool quiet = false;
};

// The harness' copy of the memories: the initial image, kept equal to the
// RTL memories by obti_sim_mem_write (used for the signature dump).
std::unordered_map<uint32_t, uint32_t> g_mem;
std::unordered_map<std::string, uint32_t> g_symbols;

bool g_exit_requested = false;
bool g_exit_retired = false;   // the EXIT store has retired: the run is over
uint32_t g_exit_code = 0;
bool g_failed = false;         // a model ended the run
int g_fail_code = 0;
uint64_t g_retired = 0;
uint64_t g_cycle = 0;
FILE *g_commit = nullptr;

[[noreturn]] void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "obti_sim: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
  exit(2);
}

bool in_memory(uint32_t addr) {
  return (addr - kCodeBase < OBTI_CODE_BYTES) || (addr - kDataBase < OBTI_DATA_BYTES);
}

void put_byte(uint32_t addr, uint8_t value) {
  if (!in_memory(addr))
    die("firmware byte at 0x%08x is outside the code memory and the data RAM", addr);
  uint32_t &w = g_mem[addr & ~3u];
  unsigned sh = (addr & 3u) * 8;
  w = (w & ~(0xffu << sh)) | (uint32_t(value) << sh);
}

std::vector<uint8_t> read_file(const std::string &path) {
  FILE *f = fopen(path.c_str(), "rb");
  if (!f) die("cannot open %s: %s", path.c_str(), strerror(errno));
  std::vector<uint8_t> data;
  uint8_t buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) data.insert(data.end(), buf, buf + n);
  fclose(f);
  return data;
}

uint32_t rd16(const std::vector<uint8_t> &d, size_t off) {
  if (off + 2 > d.size()) die("ELF truncated");
  return d[off] | (d[off + 1] << 8);
}
uint32_t rd32(const std::vector<uint8_t> &d, size_t off) {
  if (off + 4 > d.size()) die("ELF truncated");
  return d[off] | (d[off + 1] << 8) | (d[off + 2] << 16) | (uint32_t(d[off + 3]) << 24);
}

// ELF32 little-endian RISC-V: load PT_LOAD segments at their physical
// addresses and remember the symbols (for the signature).
void load_elf(const std::string &path, const std::vector<uint8_t> &d) {
  if (d.size() < 52 || d[4] != 1 || d[5] != 1)
    die("%s: not a 32-bit little-endian ELF", path.c_str());
  if (rd16(d, 18) != 243) die("%s: not a RISC-V ELF", path.c_str());
  uint32_t phoff = rd32(d, 28), shoff = rd32(d, 32);
  uint32_t phentsize = rd16(d, 42), phnum = rd16(d, 44);
  uint32_t shentsize = rd16(d, 46), shnum = rd16(d, 48);
  for (uint32_t i = 0; i < phnum; i++) {
    size_t ph = size_t(phoff) + size_t(i) * phentsize;
    if (rd32(d, ph) != 1) continue;  // PT_LOAD
    uint32_t off = rd32(d, ph + 4), paddr = rd32(d, ph + 12);
    uint32_t filesz = rd32(d, ph + 16), memsz = rd32(d, ph + 20);
    if (size_t(off) + filesz > d.size()) die("%s: segment beyond the end of the file", path.c_str());
    for (uint32_t k = 0; k < memsz; k++) put_byte(paddr + k, k < filesz ? d[off + k] : 0);
  }
  for (uint32_t i = 0; i < shnum; i++) {
    size_t sh = size_t(shoff) + size_t(i) * shentsize;
    if (rd32(d, sh + 4) != 2) continue;  // SHT_SYMTAB
    uint32_t symoff = rd32(d, sh + 16), symsize = rd32(d, sh + 20);
    uint32_t strndx = rd32(d, sh + 24);
    if (strndx >= shnum) die("%s: bad string table index", path.c_str());
    size_t strsh = size_t(shoff) + size_t(strndx) * shentsize;
    uint32_t stroff = rd32(d, strsh + 16), strsize = rd32(d, strsh + 20);
    if (size_t(stroff) + strsize > d.size() || size_t(symoff) + symsize > d.size())
      die("%s: symbol table beyond the end of the file", path.c_str());
    for (uint32_t s = 0; s + 16 <= symsize; s += 16) {
      uint32_t name = rd32(d, symoff + s), value = rd32(d, symoff + s + 4);
      if (name >= strsize) continue;
      const char *p = reinterpret_cast<const char *>(&d[stroff + name]);
      size_t len = strnlen(p, strsize - name);
      g_symbols[std::string(p, len)] = value;
    }
  }
}

// objcopy -O verilog: "@<byte address>" lines, then hex bytes.
void load_hex(const std::string &path, const std::vector<uint8_t> &d) {
  std::string text(d.begin(), d.end());
  uint32_t addr = 0;
  size_t i = 0, line = 1;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') { line++; i++; continue; }
    if (c == ' ' || c == '\t' || c == '\r') { i++; continue; }
    size_t j = i + (c == '@');
    size_t k = j;
    while (k < text.size() && isxdigit(static_cast<unsigned char>(text[k]))) k++;
    if (k == j) die("%s:%zu: unexpected '%c'", path.c_str(), line, c);
    uint32_t v = uint32_t(strtoul(text.substr(j, k - j).c_str(), nullptr, 16));
    if (c == '@') {
      addr = v;
    } else {
      if (k - j != 2) die("%s:%zu: expected a byte in hex", path.c_str(), line);
      put_byte(addr++, uint8_t(v));
    }
    i = k;
  }
}

std::vector<std::unique_ptr<ObtiModel>> &models() {
  static std::vector<std::unique_ptr<ObtiModel>> m;
  return m;
}

std::vector<ObtiModel *(*)()> &factories() {
  static std::vector<ObtiModel *(*)()> f;
  return f;
}

void usage() {
  printf(
      "usage: obti_sim [options] FIRMWARE.elf|FIRMWARE.hex\n"
      "  --max-cycles N     stop after N cycles (exit code 124)\n"
      "  --fst FILE         write an FST waveform\n"
      "  --fst-start N      first cycle in the waveform\n"
      "  --fst-end N        cycle after the last one in the waveform\n"
      "  --signature FILE   write words begin_signature..end_signature at exit\n"
      "  --commit-log FILE  one line per retired instruction and trap\n"
      "  --quiet            no statistics at exit\n");
  for (auto &m : models()) m->usage(stdout);
}


Options parse(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto val = [&]() -> const char * {
      if (i + 1 >= argc) die("%s needs a value", a.c_str());
      return argv[++i];
    };
    if (a == "--help" || a == "-h") { usage(); exit(0); }
    else if (a == "--max-cycles") o.max_cycles = obti_sim_parse_u64(a.c_str(), val());
    else if (a == "--fst") o.fst = val();
    else if (a == "--fst-start") o.fst_start = obti_sim_parse_u64(a.c_str(), val());
    else if (a == "--fst-end") o.fst_end = obti_sim_parse_u64(a.c_str(), val());
    else if (a == "--signature") o.signature = val();
    else if (a == "--commit-log") o.commit_log = val();
    else if (a == "--quiet") o.quiet = true;
    else if (a.size() > 1 && a[0] == '-') {
      int used = 0;
      for (auto &m : models())
        if ((used = m->parse_option(argc, argv, i)) > 0) break;
      if (used == 0) die("unknown option %s (see --help)", a.c_str());
      if (g_failed) exit(2);
      i += used - 1;
    }
    else if (o.firmware.empty()) o.firmware = a;
    else die("more than one firmware file given");
  }
  if (o.firmware.empty()) { usage(); exit(2); }
  return o;
}

}  // namespace

// --- the harness API for models (sim/obti_model.h) ---------------------------
void obti_register_model(ObtiModel *(*factory)()) { factories().push_back(factory); }

void obti_sim_fail(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "obti_sim: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
  if (!g_failed) {
    g_failed = true;
    g_fail_code = code;
  }
}

uint64_t obti_sim_cycle() { return g_cycle; }

uint64_t obti_sim_parse_u64(const char *opt, const char *s) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 0);
  if (errno || *end || end == s) die("%s: bad number '%s'", opt, s);
  return v;
}

// --- DPI-C functions called from the RTL (compiled with OBTI_SIM) ----------
extern "C" {
int obti_sim_mem_init(int addr) {
  auto it = g_mem.find(uint32_t(addr));
  return it == g_mem.end() ? 0 : int(it->second);
}

void obti_sim_mem_write(int addr, int data, int be) {
  uint32_t &w = g_mem[uint32_t(addr)];
  for (int b = 0; b < 4; b++)
    if (be & (1 << b)) w = (w & ~(0xffu << (8 * b))) | (uint32_t(data) & (0xffu << (8 * b)));
}


void obti_sim_exit(int code) {
  g_exit_requested = true;
  g_exit_code = uint32_t(code);
}

void obti_sim_commit(int pc, int insn, int rd, int rd_value, int st_addr, int st_value, int st_size) {
  if (g_exit_retired) return;  // younger instructions in the pipeline do not count
  g_retired++;
  if (g_exit_requested && st_size && uint32_t(st_addr) == kExitAddr) g_exit_retired = true;
  if (!g_commit) return;
  fprintf(g_commit, "%08x %08x", uint32_t(pc), uint32_t(insn));
  if (rd) fprintf(g_commit, " x%d=%08x", rd, uint32_t(rd_value));
  if (st_size) fprintf(g_commit, " st %08x %08x %d", uint32_t(st_addr), uint32_t(st_value), st_size);
  fputc('\n', g_commit);
}

void obti_sim_trap(int cause, int epc, int tval) {
  if (g_commit && !g_exit_retired) fprintf(g_commit, "trap %08x %08x %08x\n", uint32_t(cause), uint32_t(epc), uint32_t(tval));
}
}

int main(int argc, char **argv) {
  for (auto f : factories()) models().emplace_back(f());
  Options opt = parse(argc, argv);
  std::vector<uint8_t> image = read_file(opt.firmware);
  if (image.size() >= 4 && image[0] == 0x7f && image[1] == 'E' && image[2] == 'L' && image[3] == 'F')
    load_elf(opt.firmware, image);
  else
    load_hex(opt.firmware, image);
  if (!opt.signature.empty() &&
      (!g_symbols.count("begin_signature") || !g_symbols.count("end_signature")))
    die("--signature needs an ELF with begin_signature and end_signature symbols");

  if (!opt.commit_log.empty()) {
    g_commit = fopen(opt.commit_log.c_str(), "w");
    if (!g_commit) die("cannot write %s: %s", opt.commit_log.c_str(), strerror(errno));
  }

  auto ctx = std::make_unique<VerilatedContext>();
  ctx->commandArgs(1, argv);
  auto top = std::make_unique<Vobti_soc>(ctx.get());
  std::unique_ptr<VerilatedFstC> fst;
  if (!opt.fst.empty()) {
    ctx->traceEverOn(true);
    fst = std::make_unique<VerilatedFstC>();
    top->trace(fst.get(), 99);
  }

  top->clk = 0;
  top->rst = 1;
  top->i_uart_rx = 1;
  top->i_gpio = 0;
  for (auto &m : models()) m->start(top.get());
  top->eval();

  auto t0 = std::chrono::steady_clock::now();
  const uint64_t reset_cycles = 4;
  uint64_t time = 0;
  bool fst_open = false;
  int rc = 124;
  int exit_drain = 0;
  for (g_cycle = 0; g_cycle < opt.max_cycles + reset_cycles; g_cycle++) {
    if (fst && !fst_open && g_cycle >= opt.fst_start && g_cycle < opt.fst_end) {
      fst->open(opt.fst.c_str());
      fst_open = true;
    }
    if (fst_open && g_cycle >= opt.fst_end) {
      fst->close();
      fst_open = false;
      fst.reset();
    }
    top->rst = g_cycle < reset_cycles;
    for (auto &m : models()) m->before_edge(top.get(), g_cycle);
    top->clk = 1;
    top->eval();
    if (fst_open) fst->dump(time);
    time += 5;
    top->clk = 0;
    top->eval();
    if (fst_open) fst->dump(time);
    time += 5;
    for (auto &m : models()) m->after_edge(top.get(), g_cycle);
    if (g_failed) {
      rc = g_fail_code;
      g_cycle++;
      break;
    }
    // The EXIT store is granted in execute; run until it retires so that it
    // appears in the commit log like any other instruction (at most a few
    // cycles; a store in flight to EXIT cannot be cancelled any more).
    if (g_exit_requested && (g_exit_retired || ++exit_drain > 4)) {
      rc = int(g_exit_code & 0xff);
      g_cycle++;
      break;
    }
  }
  for (auto &m : models()) {
    int mrc = m->finish();
    if (mrc != 0 && rc == 0) rc = mrc;
  }
  fflush(stdout);
  if (fst_open) fst->close();
  top->final();
  if (g_commit) fclose(g_commit);

  uint64_t cycles = g_cycle > reset_cycles ? g_cycle - reset_cycles : 0;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!g_exit_requested && !g_failed) fprintf(stderr, "obti_sim: cycle limit %llu reached\n", (unsigned long long)opt.max_cycles);

  if (!opt.signature.empty()) {
    FILE *f = fopen(opt.signature.c_str(), "w");
    if (!f) die("cannot write %s: %s", opt.signature.c_str(), strerror(errno));
    uint32_t b = g_symbols["begin_signature"], e = g_symbols["end_signature"];
    for (uint32_t a = b & ~3u; a < e; a += 4) {
      auto it = g_mem.find(a);
      fprintf(f, "%08x\n", it == g_mem.end() ? 0u : it->second);
    }
    fclose(f);
  }
  if (!opt.quiet)
    fprintf(stderr, "obti_sim: exit %d after %llu cycles, %llu instructions retired, %.3g cycles/s\n",
            rc, (unsigned long long)cycles, (unsigned long long)g_retired,
            secs > 0 ? double(cycles) / secs : 0.0);
  return rc;
}
