// Ethernet PHY model on the SoC's RMII and MDIO pins. With --eth slirp it
// bridges frames to the host through libslirp (user-mode networking: DHCP,
// the host's 127.0.0.1 as 10.0.2.2, port forwards to the SoC); with
// --eth tap:NAME to a TAP device (e.g. inside a network namespace). It can
// drop a share of the frames and inject bad ones. libslirp is loaded with
// dlopen so the harness links without it. Options: docs/ethernet.md.
#include <dlfcn.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <slirp/libslirp.h>
#include <zlib.h>

#include <arpa/inet.h>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "Vobti_soc.h"
#include "obti_model.h"

namespace {

using Bytes = std::vector<uint8_t>;

int g_refdiv = 2;        // CTRL.REFDIV reset value
bool g_speed10 = false;

constexpr uint64_t kSysclkHz = 100000000;   // simulated time base (SYSCLK_HZ)
constexpr uint64_t kPollCycles = 2000;      // host sockets polled every 20 us of sim time
constexpr size_t kQueueMax = 512;           // frames waiting for the wire
const uint8_t kSlirpMac[6] = {0x52, 0x55, 0x0a, 0x00, 0x02, 0x02};

// The libslirp functions used, resolved at run time.
struct SlirpLib {
  decltype(&slirp_new) new_;
  decltype(&slirp_cleanup) cleanup;
  decltype(&slirp_pollfds_fill) fill;
  decltype(&slirp_pollfds_poll) poll;
  decltype(&slirp_input) input;
  decltype(&slirp_add_hostfwd) hostfwd;
  bool load() {
    void *h = dlopen("libslirp.so.0", RTLD_NOW);
    if (!h) return false;
    new_ = reinterpret_cast<decltype(new_)>(dlsym(h, "slirp_new"));
    cleanup = reinterpret_cast<decltype(cleanup)>(dlsym(h, "slirp_cleanup"));
    fill = reinterpret_cast<decltype(fill)>(dlsym(h, "slirp_pollfds_fill"));
    poll = reinterpret_cast<decltype(poll)>(dlsym(h, "slirp_pollfds_poll"));
    input = reinterpret_cast<decltype(input)>(dlsym(h, "slirp_input"));
    hostfwd = reinterpret_cast<decltype(hostfwd)>(dlsym(h, "slirp_add_hostfwd"));
    return new_ && cleanup && fill && poll && input && hostfwd;
  }
};

struct Timer {
  SlirpTimerCb cb;
  void *opaque;
  int64_t expire_ms;
  bool armed;
};

struct HostFwd {
  bool udp;
  in_addr host;
  int host_port, guest_port;
};

uint32_t fcs_of(const uint8_t *p, size_t n) { return uint32_t(crc32(0L, p, uInt(n))); }

class EthModel : public ObtiModel {
 public:
  const char *name() const override { return "eth"; }

  int parse_option(int argc, char **argv, int i) override {
    std::string o = argv[i];
    auto val = [&]() -> const char * {
      if (i + 1 >= argc) {
        obti_sim_fail(2, "%s needs a value", o.c_str());
        return "";
      }
      return argv[i + 1];
    };
    if (o == "--eth") {
      std::string v = val();
      if (v == "slirp") {
        enabled_ = true;
      } else if (v.compare(0, 4, "tap:") == 0 && v.size() > 4 && v.size() - 4 < IFNAMSIZ) {
        enabled_ = true;
        tap_name_ = v.substr(4);
      } else {
        obti_sim_fail(2, "--eth: expected 'slirp' or 'tap:IFNAME', got '%s'", v.c_str());
      }
      return 2;
    }
    if (o == "--eth-hostfwd") { parse_hostfwd(val()); return 2; }
    if (o == "--eth-drop") {
      drop_pct_ = atof(val());
      if (drop_pct_ < 0 || drop_pct_ > 100) obti_sim_fail(2, "--eth-drop: 0..100");
      return 2;
    }
    if (o == "--eth-drop-all") { drop_all_ = true; return 1; }
    if (o == "--eth-seed") {
      uint32_t seed = uint32_t(obti_sim_parse_u64(o.c_str(), val()));
      rng_.seed(seed);
      drop_rng_.seed(seed ^ 0x9E3779B9u);
      return 2;
    }
    if (o == "--eth-inject") { parse_inject(val()); return 2; }
    if (o == "--eth-inject-gap") { inject_gap_ = obti_sim_parse_u64(o.c_str(), val()); return 2; }
    if (o == "--eth-inject-at") { inject_at_ = obti_sim_parse_u64(o.c_str(), val()); return 2; }
    if (o == "--eth-log") { log_ = true; return 1; }
    return 0;
  }

  void usage(FILE *out) const override {
    fprintf(out,
            "  --eth slirp        bridge the RMII PHY to the host through libslirp (10.0.2.0/24,\n"
            "                     DHCP, host 127.0.0.1 reachable as 10.0.2.2)\n"
            "  --eth tap:IFNAME   bridge the RMII PHY to an existing TAP device instead\n"
            "  --eth-hostfwd udp|tcp:HOSTADDR:PORT-:GUESTPORT  forward a host port to the SoC\n"
            "  --eth-drop PCT     drop PCT %% of the IPv4 frames in each direction (random)\n"
            "                     once the SoC has its DHCP address\n"
            "  --eth-drop-all     --eth-drop applies to every frame from the start (ARP, DHCP)\n"
            "  --eth-seed N       seed of the drop/injection generator (default 1)\n"
            "  --eth-inject KIND=N[,KIND=N...]  inject bad frames once the SoC has an address:\n"
            "                     badcrc, runt, oversize, random, trunc (IP/UDP/TCP headers cut)\n"
            "  --eth-inject-gap CYCLES   cycles between injected frames (default 3000)\n"
            "  --eth-inject-at CYCLE     start injecting no earlier than this cycle\n"
            "  --eth-log          log frames and events on stderr\n");
  }

  void start(Vobti_soc *top) override {
    top->i_rmii_crs_dv = 0;
    top->i_rmii_rxd = 0;
    if (!enabled_) {
      if (!fwds_.empty() || inject_total() > 0 || drop_pct_ > 0)
        obti_sim_fail(2, "--eth-hostfwd/--eth-inject/--eth-drop need --eth");
      return;
    }
    if (!tap_name_.empty()) {
      if (!fwds_.empty()) obti_sim_fail(2, "--eth-hostfwd needs --eth slirp");
      open_tap();
      return;
    }
    if (!lib_.load()) {
      obti_sim_fail(2, "eth: cannot load libslirp.so.0: %s", dlerror());
      return;
    }
    SlirpConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.version = 1;
    cfg.in_enabled = true;
    inet_pton(AF_INET, "10.0.2.0", &cfg.vnetwork);
    inet_pton(AF_INET, "255.255.255.0", &cfg.vnetmask);
    inet_pton(AF_INET, "10.0.2.2", &cfg.vhost);
    inet_pton(AF_INET, "10.0.2.15", &cfg.vdhcp_start);
    inet_pton(AF_INET, "10.0.2.3", &cfg.vnameserver);
    cfg.vhostname = "obti";
    cfg.if_mtu = 1500;
    cfg.if_mru = 1500;
    cfg.disable_host_loopback = false;
    memset(&cb_, 0, sizeof cb_);
    cb_.send_packet = [](const void *buf, size_t len, void *op) -> ssize_t {
      static_cast<EthModel *>(op)->from_slirp(static_cast<const uint8_t *>(buf), len);
      return ssize_t(len);
    };
    cb_.guest_error = [](const char *msg, void *op) {
      if (static_cast<EthModel *>(op)->log_) fprintf(stderr, "eth: slirp: guest error: %s\n", msg);
    };
    cb_.clock_get_ns = [](void *) -> int64_t {
      return int64_t(obti_sim_cycle() * (1000000000ull / kSysclkHz));
    };
    cb_.timer_new = [](SlirpTimerCb cb, void *cb_op, void *op) -> void * {
      auto *m = static_cast<EthModel *>(op);
      m->timers_.push_back(new Timer{cb, cb_op, 0, false});
      return m->timers_.back();
    };
    cb_.timer_free = [](void *t, void *op) {
      auto *m = static_cast<EthModel *>(op);
      for (auto &p : m->timers_)
        if (p == t) p = nullptr;
      delete static_cast<Timer *>(t);
    };
    cb_.timer_mod = [](void *t, int64_t expire_ms, void *) {
      static_cast<Timer *>(t)->expire_ms = expire_ms;
      static_cast<Timer *>(t)->armed = true;
    };
    cb_.register_poll_fd = [](int, void *) {};
    cb_.unregister_poll_fd = [](int, void *) {};
    cb_.notify = [](void *) {};
    slirp_ = lib_.new_(&cfg, &cb_, this);
    if (!slirp_) {
      obti_sim_fail(2, "eth: slirp_new failed");
      return;
    }
    for (auto &f : fwds_) {
      in_addr guest;
      inet_pton(AF_INET, "10.0.2.15", &guest);
      if (lib_.hostfwd(slirp_, f.udp, f.host, f.host_port, guest, f.guest_port) < 0)
        obti_sim_fail(2, "eth: cannot forward host port %d (in use?)", f.host_port);
    }
  }

  void before_edge(Vobti_soc *top, uint64_t cycle) override {
    if (enabled_ && cycle % kPollCycles == 0) {
      if (tap_fd_ >= 0) poll_tap();
      else poll_host();
    }
    if (enabled_) maybe_inject(cycle);
    if (++rx_cnt_ >= period()) {
      rx_cnt_ = 0;
      next_rx_dibit();
    }
    top->i_rmii_crs_dv = rx_dv_;
    top->i_rmii_rxd = rx_d_;
    // MDIO: sim/models/phy.cpp
  }

  void after_edge(Vobti_soc *top, uint64_t) override {
    if (++tx_cnt_ < period()) return;
    tx_cnt_ = 0;
    if (top->o_rmii_txen) {
      tx_dibits_.push_back(top->o_rmii_txd);
      in_tx_ = true;
    } else if (in_tx_) {
      in_tx_ = false;
      tx_frame_done();
    }
  }

  int finish() override {
    if (enabled_ || frames_from_soc_ > 0) {
      fprintf(stderr,
              "eth: %llu frames to the SoC, %llu from it (%llu bad FCS, %llu malformed), "
              "--eth-drop dropped %llu of %llu to the SoC and %llu of %llu from it, "
              "%llu queue overflows, %llu host write errors; injected badcrc=%d runt=%d "
              "oversize=%d random=%d trunc=%d\n",
              ull(frames_to_soc_), ull(frames_from_soc_), ull(bad_fcs_), ull(malformed_),
              ull(dropped_to_), ull(offered_to_), ull(dropped_from_), ull(offered_from_),
              ull(queue_drops_), ull(host_write_errs_), injected_[0], injected_[1],
              injected_[2], injected_[3], injected_[4]);
    }
    if (slirp_) lib_.cleanup(slirp_);
    slirp_ = nullptr;
    if (tap_fd_ >= 0) close(tap_fd_);
    tap_fd_ = -1;
    return 0;
  }

  void set_ctrl(int refdiv, int speed10) {
    g_refdiv = refdiv < 1 ? 1 : refdiv;
    g_speed10 = speed10 != 0;
  }

 private:
  static unsigned long long ull(uint64_t v) { return (unsigned long long)v; }
  static int period() { return g_refdiv * (g_speed10 ? 10 : 1); }

  bool enabled_ = false;
  bool log_ = false;
  SlirpLib lib_{};
  SlirpCb cb_{};
  Slirp *slirp_ = nullptr;
  std::vector<Timer *> timers_;
  std::vector<HostFwd> fwds_;
  std::vector<pollfd> pfds_;
  double drop_pct_ = 0;
  bool drop_all_ = false;
  std::mt19937 rng_{1};
  std::mt19937 drop_rng_{1};   // its own stream: injection does not shift the drop pattern
  std::string tap_name_;
  int tap_fd_ = -1;

  // towards the SoC
  std::deque<Bytes> queue_;        // wire bytes: preamble, SFD, frame, FCS
  Bytes cur_;
  size_t cur_pos_ = 0;
  int cur_dibit_ = 0;
  int ipg_ = 0;
  int rx_cnt_ = 0;
  bool rx_dv_ = false;
  uint8_t rx_d_ = 0;
  // from the SoC
  int tx_cnt_ = 0;
  bool in_tx_ = false;
  std::vector<uint8_t> tx_dibits_;
  // guest state learnt from its frames
  uint8_t guest_mac_[6] = {};
  bool guest_mac_known_ = false;
  bool guest_has_ip_ = false;
  // injection
  enum { KBadcrc, KRunt, KOversize, KRandom, KTrunc, KNum };
  int inject_want_[KNum] = {};
  int injected_[KNum] = {};
  uint64_t inject_gap_ = 3000, inject_at_ = 0, next_inject_ = 0;
  bool inject_done_ = false;
  // statistics
  uint64_t frames_to_soc_ = 0, frames_from_soc_ = 0, bad_fcs_ = 0, malformed_ = 0,
           queue_drops_ = 0, host_write_errs_ = 0;
  // --eth-drop: frames offered in each direction and dropped
  uint64_t offered_to_ = 0, dropped_to_ = 0, offered_from_ = 0, dropped_from_ = 0;

  int inject_total() const {
    int n = 0;
    for (int k = 0; k < KNum; k++) n += inject_want_[k];
    return n;
  }

  void parse_hostfwd(const std::string &s) {
    // udp:127.0.0.1:5555-:7
    HostFwd f{};
    char proto[8], addr[64];
    int hp, gp;
    if (sscanf(s.c_str(), "%7[a-z]:%63[0-9.]:%d-:%d", proto, addr, &hp, &gp) != 4 ||
        (strcmp(proto, "udp") && strcmp(proto, "tcp")) || inet_pton(AF_INET, addr, &f.host) != 1 ||
        hp <= 0 || hp > 65535 || gp <= 0 || gp > 65535) {
      obti_sim_fail(2, "--eth-hostfwd: expected udp|tcp:ADDR:PORT-:PORT, got '%s'", s.c_str());
      return;
    }
    f.udp = !strcmp(proto, "udp");
    f.host_port = hp;
    f.guest_port = gp;
    fwds_.push_back(f);
  }

  void parse_inject(const std::string &s) {
    static const char *names[KNum] = {"badcrc", "runt", "oversize", "random", "trunc"};
    size_t p = 0;
    while (p < s.size()) {
      size_t e = s.find(',', p);
      std::string item = s.substr(p, e == std::string::npos ? std::string::npos : e - p);
      size_t eq = item.find('=');
      bool ok = false;
      for (int k = 0; k < KNum && eq != std::string::npos; k++)
        if (item.substr(0, eq) == names[k]) {
          inject_want_[k] += atoi(item.c_str() + eq + 1);
          ok = true;
        }
      if (!ok) obti_sim_fail(2, "--eth-inject: bad item '%s'", item.c_str());
      if (e == std::string::npos) break;
      p = e + 1;
    }
  }

  // Whether --eth-drop loses this frame. By default only IPv4 frames after
  // the DHCP exchange are subject to loss: lwIP's ARP and DHCP retry timers
  // (1 s, 4..64 s of simulated time) would stretch a run to hours of wall
  // time; --eth-drop-all includes them.
  // offered/dropped count the frames subject to loss and those lost.
  bool drop(const uint8_t *f, size_t n, uint64_t &offered, uint64_t &dropped) {
    if (drop_pct_ <= 0) return false;
    bool ipv4 = n >= 14 && f[12] == 0x08 && f[13] == 0x00;
    if (!drop_all_ && (!guest_has_ip_ || !ipv4)) return false;
    offered++;
    if (std::uniform_real_distribution<double>(0, 100)(drop_rng_) >= drop_pct_) return false;
    dropped++;
    return true;
  }

  // Queues a frame for the SoC: preamble and SFD, the bytes, the FCS
  // (complemented in its lowest bit when bad_fcs).
  void enqueue(const uint8_t *p, size_t n, bool with_fcs = true, bool bad_fcs = false) {
    if (queue_.size() >= kQueueMax) {
      queue_drops_++;
      return;
    }
    Bytes w(7, 0x55);
    w.push_back(0xD5);
    w.insert(w.end(), p, p + n);
    if (with_fcs) {
      uint32_t c = fcs_of(p, n) ^ (bad_fcs ? 1u : 0u);
      for (int k = 0; k < 4; k++) w.push_back(uint8_t(c >> (8 * k)));
    }
    queue_.push_back(std::move(w));
  }

  // A frame from the host side (slirp or the TAP device) for the SoC.
  void from_slirp(const uint8_t *p, size_t n) {
    if (log_) fprintf(stderr, "eth: cycle %llu: host -> SoC %zu bytes\n", ull(obti_sim_cycle()), n);
    if (n < 14) return;
    if (drop(p, n, offered_to_, dropped_to_)) return;
    // a DHCP ACK (UDP 67 -> 68, message type 5) gives the SoC its address
    if (n > 282 && p[12] == 0x08 && p[13] == 0x00 && p[23] == 17 && p[36] == 0 && p[37] == 68)
      for (size_t i = 282; i + 2 < n && p[i] != 255; i += (p[i] == 0) ? 1 : size_t(p[i + 1]) + 2)
        if (p[i] == 53 && p[i + 2] == 5) guest_has_ip_ = true;
    Bytes f(p, p + n);
    if (f.size() < 60) f.resize(60, 0);   // the PHY's link partner pads
    frames_to_soc_++;
    enqueue(f.data(), f.size());
  }

  void next_rx_dibit() {
    if (cur_pos_ < cur_.size()) {
      rx_dv_ = true;
      rx_d_ = (cur_[cur_pos_] >> (2 * cur_dibit_)) & 3;
      if (++cur_dibit_ == 4) {
        cur_dibit_ = 0;
        cur_pos_++;
      }
      if (cur_pos_ == cur_.size()) ipg_ = 48;
      return;
    }
    rx_dv_ = false;
    rx_d_ = 0;
    if (ipg_ > 0) {
      ipg_--;
      return;
    }
    if (!queue_.empty()) {
      cur_ = std::move(queue_.front());
      queue_.pop_front();
      cur_pos_ = 0;
      cur_dibit_ = 0;
    }
  }

  void tx_frame_done() {
    Bytes w;
    for (size_t i = 0; i + 3 < tx_dibits_.size(); i += 4)
      w.push_back(uint8_t(tx_dibits_[i] | tx_dibits_[i + 1] << 2 | tx_dibits_[i + 2] << 4 |
                          tx_dibits_[i + 3] << 6));
    bool partial = tx_dibits_.size() % 4 != 0;
    tx_dibits_.clear();
    frames_from_soc_++;
    // 7 x 0x55, 0xD5, at least 60 bytes, FCS
    size_t pre = 0;
    while (pre < w.size() && w[pre] == 0x55) pre++;
    if (partial || pre != 7 || pre >= w.size() || w[pre] != 0xD5 || w.size() - pre - 1 < 64) {
      malformed_++;
      obti_sim_fail(1, "eth: malformed frame from the SoC (%zu bytes on the wire)", w.size());
      return;
    }
    const uint8_t *f = w.data() + pre + 1;
    size_t n = w.size() - pre - 1 - 4;
    uint32_t c = fcs_of(f, n);
    uint32_t got = f[n] | f[n + 1] << 8 | f[n + 2] << 16 | uint32_t(f[n + 3]) << 24;
    if (c != got) {
      bad_fcs_++;
      obti_sim_fail(1, "eth: frame from the SoC with a bad FCS");
      return;
    }
    if (!guest_mac_known_) {
      memcpy(guest_mac_, f + 6, 6);
      guest_mac_known_ = true;
    }
    if (log_) fprintf(stderr, "eth: cycle %llu: SoC -> host %zu bytes\n", ull(obti_sim_cycle()), n);
    if (drop(f, n, offered_from_, dropped_from_)) return;
    if (slirp_) lib_.input(slirp_, f, int(n));
    if (tap_fd_ >= 0 && write(tap_fd_, f, n) != ssize_t(n)) host_write_errs_++;
  }

  // --- TAP device ---------------------------------------------------------------
  void open_tap() {
    tap_fd_ = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (tap_fd_ < 0) {
      obti_sim_fail(2, "eth: cannot open /dev/net/tun: %s", strerror(errno));
      return;
    }
    ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    memcpy(ifr.ifr_name, tap_name_.data(), tap_name_.size());
    if (ioctl(tap_fd_, TUNSETIFF, &ifr) < 0) {
      obti_sim_fail(2, "eth: cannot attach to TAP device '%s': %s", tap_name_.c_str(), strerror(errno));
      close(tap_fd_);
      tap_fd_ = -1;
    }
  }

  // Takes every frame the TAP device has (the kernel sends at most the MTU
  // plus the Ethernet header; longer reads are truncated by the kernel).
  void poll_tap() {
    uint8_t buf[2048];
    for (;;) {
      ssize_t n = read(tap_fd_, buf, sizeof buf);
      if (n <= 0) break;
      from_slirp(buf, size_t(n));
    }
  }

  void poll_host() {
    uint32_t timeout = 0;
    pfds_.clear();
    lib_.fill(slirp_, &timeout,
              [](int fd, int ev, void *op) -> int {
                auto *m = static_cast<EthModel *>(op);
                short e = 0;
                if (ev & SLIRP_POLL_IN) e |= POLLIN;
                if (ev & SLIRP_POLL_OUT) e |= POLLOUT;
                if (ev & SLIRP_POLL_PRI) e |= POLLPRI;
                m->pfds_.push_back({fd, e, 0});
                return int(m->pfds_.size() - 1);
              },
              this);
    int r = pfds_.empty() ? 0 : ::poll(pfds_.data(), nfds_t(pfds_.size()), 0);
    lib_.poll(slirp_, r < 0,
              [](int idx, void *op) -> int {
                auto *m = static_cast<EthModel *>(op);
                short re = m->pfds_[size_t(idx)].revents;
                int ev = 0;
                if (re & POLLIN) ev |= SLIRP_POLL_IN;
                if (re & POLLOUT) ev |= SLIRP_POLL_OUT;
                if (re & POLLPRI) ev |= SLIRP_POLL_PRI;
                if (re & POLLERR) ev |= SLIRP_POLL_ERR;
                if (re & POLLHUP) ev |= SLIRP_POLL_HUP;
                return ev;
              },
              this);
    int64_t now_ms = int64_t(obti_sim_cycle() / (kSysclkHz / 1000));
    for (size_t i = 0; i < timers_.size(); i++) {
      Timer *t = timers_[i];
      if (t && t->armed && t->expire_ms <= now_ms) {
        t->armed = false;
        t->cb(t->opaque);
      }
    }
  }

  // --- bad frames -------------------------------------------------------------
  void maybe_inject(uint64_t cycle) {
    if (!guest_has_ip_ || !guest_mac_known_ || cycle < inject_at_ || cycle < next_inject_) return;
    int k = -1;
    for (int i = 0; i < KNum; i++)
      if (injected_[i] < inject_want_[i]) {
        k = i;
        break;
      }
    if (k < 0) {
      if (!inject_done_ && inject_total() > 0)
        fprintf(stderr, "eth: injected all %d frames by cycle %llu\n", inject_total(), ull(cycle));
      inject_done_ = true;
      return;
    }
    // Keep the wire queue short so that injected frames do not push real
    // traffic out of it.
    if (queue_.size() > 4) return;
    next_inject_ = cycle + inject_gap_;
    injected_[k]++;
    std::uniform_int_distribution<int> byte(0, 255);
    Bytes f;
    auto header = [&](uint16_t type) {
      f.assign(guest_mac_, guest_mac_ + 6);
      f.insert(f.end(), kSlirpMac, kSlirpMac + 6);
      f.push_back(uint8_t(type >> 8));
      f.push_back(uint8_t(type));
    };
    auto fill = [&](size_t n) {
      while (f.size() < n) f.push_back(uint8_t(byte(rng_)));
    };
    switch (k) {
      case KBadcrc:
        header(0x0800);
        fill(60 + size_t(byte(rng_)) * 4);
        enqueue(f.data(), f.size(), true, true);
        break;
      case KRunt:      // 14..59 bytes + FCS: below the 64-byte minimum
        header(0x0800);
        fill(14 + size_t(byte(rng_)) % 46);
        enqueue(f.data(), f.size());
        break;
      case KOversize:  // 1519..1600 bytes + FCS
        header(0x0800);
        fill(1519 + size_t(byte(rng_)) % 82);
        enqueue(f.data(), f.size());
        break;
      case KRandom: {  // random bytes to the SoC, IPv4 type half of the time
        header((byte(rng_) & 1) ? 0x0800 : uint16_t(byte(rng_) << 8 | byte(rng_)));
        fill(60 + size_t(byte(rng_)) % 140);
        enqueue(f.data(), f.size());
        break;
      }
      default: {       // truncated IPv4 / UDP / TCP headers, padded to 60 bytes
        header(0x0800);
        int v = injected_[k] % 4;
        uint8_t ip[20] = {0x45, 0, 0, 0, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 2, 2, 10, 0, 2, 15};
        size_t total = 0;
        switch (v) {
          case 0: ip[0] = 0x4F; total = 24; break;           // IHL 60 > the 24 bytes
          case 1: total = 1400; break;                         // length beyond the frame
          case 2: ip[9] = 17; total = 24; break;               // UDP header cut to 4 bytes
          default: ip[9] = 6; total = 30; break;               // TCP header cut to 10 bytes
        }
        ip[2] = uint8_t(total >> 8);
        ip[3] = uint8_t(total);
        uint32_t s = 0;
        for (int i = 0; i < 20; i += 2) s += uint32_t(ip[i] << 8 | ip[i + 1]);
        while (s >> 16) s = (s & 0xFFFF) + (s >> 16);
        ip[10] = uint8_t(~s >> 8);
        ip[11] = uint8_t(~s);
        f.insert(f.end(), ip, ip + 20);
        fill(14 + 20 + 10);
        if (f.size() < 60) f.resize(60, 0);
        enqueue(f.data(), f.size());
        break;
      }
    }
  }
};

EthModel *g_model = nullptr;

ObtiModel *make_model() {
  g_model = new EthModel();
  return g_model;
}

struct Registrar {
  Registrar() { obti_register_model(make_model); }
} registrar;

}  // namespace

extern "C" void obti_sim_eth_ctrl(int refdiv, int speed10) {
  if (g_model) g_model->set_ctrl(refdiv, speed10);
  else {
    g_refdiv = refdiv < 1 ? 1 : refdiv;
    g_speed10 = speed10 != 0;
  }
}
