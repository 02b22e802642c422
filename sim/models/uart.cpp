// UART model: decodes the SoC's TX line at the bit period the firmware
// programs (UART.DIV, reported by the RTL through DPI) and prints it to
// stdout; drives the RX line with the bytes of --uart-in.
#include <cstdio>
#include <string>

#include "Vobti_soc.h"
#include "obti_model.h"

namespace {

uint32_t g_div = 868;      // reset value of UART.DIV
bool g_div_set = false;    // the firmware has programmed it
constexpr uint64_t kInputStart = 1000000;  // for firmware that never sets DIV

std::string unescape(const std::string &s) {
  std::string out;
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char c = s[++i];
      out += c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c;
    } else {
      out += s[i];
    }
  }
  return out;
}

class UartModel : public ObtiModel {
 public:
  const char *name() const override { return "uart"; }

  int parse_option(int argc, char **argv, int i) override {
    if (std::string(argv[i]) != "--uart-in") return 0;
    if (i + 1 >= argc) obti_sim_fail(2, "--uart-in needs a value");
    else in_ = unescape(argv[i + 1]);
    return 2;
  }

  void usage(FILE *out) const override {
    fprintf(out, "  --uart-in STRING   bytes to send to the UART receiver (\\n escapes)\n");
  }

  void before_edge(Vobti_soc *top, uint64_t cycle) override {
    drive(cycle);
    top->i_uart_rx = line_;
  }

  void after_edge(Vobti_soc *top, uint64_t cycle) override { decode(cycle, top->o_uart_tx); }

  int finish() override {
    fflush(stdout);
    return 0;
  }

 private:
  // receiver of the SoC's TX line
  bool rx_busy_ = false;
  uint64_t rx_next_ = 0;
  int rx_bit_ = 0;
  uint8_t rx_byte_ = 0;
  // transmitter into the SoC's RX line
  std::string in_;
  size_t pos_ = 0;
  uint64_t tx_next_ = 0;
  int tx_bit_ = -2;  // -2 idle gap, -1 start, 0..7 data, 8 stop
  bool line_ = true;

  void decode(uint64_t cycle, bool line) {
    if (!rx_busy_) {
      if (!line) {
        rx_busy_ = true;
        rx_bit_ = 0;
        rx_byte_ = 0;
        rx_next_ = cycle + g_div + g_div / 2;   // middle of data bit 0
      }
      return;
    }
    if (cycle < rx_next_) return;
    if (rx_bit_ < 8) {
      rx_byte_ |= uint8_t(line) << rx_bit_;
      rx_bit_++;
      rx_next_ += g_div;
    } else {
      rx_busy_ = false;  // stop bit
      if (line) {
        fputc(rx_byte_, stdout);
        if (rx_byte_ == '\n') fflush(stdout);
      }
    }
  }

  void drive(uint64_t cycle) {
    if (pos_ >= in_.size() || cycle < tx_next_) return;
    if (!g_div_set && cycle < kInputStart) return;
    if (tx_bit_ == -2) {
      line_ = true;
      tx_bit_ = -1;
      tx_next_ = cycle + 4 * g_div;
      return;
    }
    if (tx_bit_ == -1) line_ = false;
    else if (tx_bit_ < 8) line_ = (uint8_t(in_[pos_]) >> tx_bit_) & 1;
    else line_ = true;
    tx_next_ = cycle + g_div;
    if (++tx_bit_ > 8) {
      tx_bit_ = -2;
      pos_++;
    }
  }
};

}  // namespace

OBTI_MODEL(UartModel)

extern "C" void obti_sim_uart_div(int div) {
  g_div = uint32_t(div);
  g_div_set = true;
}
