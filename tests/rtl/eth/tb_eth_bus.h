// Register-bus and receive-ring helpers shared by the MAC benches
// (tb_eth.cpp: RMII, tb_eth_rgmii.cpp: RGMII). Included inside the bench's
// anonymous namespace after "obti/regs_eth.h"; the bench provides `dut`
// (its Verilated obti_eth), `step()` (one system clock), `fail(fmt, ...)`
// and `Bytes`.

// One bus write: request in one cycle, idle in the next.
void bus_write(uint32_t addr, uint32_t data) {
  dut->i_req = 1;
  dut->i_we = 1;
  dut->i_addr = addr;
  dut->i_be = 0xF;
  dut->i_wdata = data;
  step();
  dut->i_req = 0;
  dut->i_we = 0;
  step();
}

// One bus read; the data must be valid one cycle after the request.
uint32_t bus_read(uint32_t addr) {
  dut->i_req = 1;
  dut->i_we = 0;
  dut->i_addr = addr;
  step();
  dut->i_req = 0;
  dut->eval();
  uint32_t v = dut->o_rdata;
  bool ok = dut->o_rvalid;
  step();
  if (!ok) fail("no rvalid one cycle after a read of 0x%03x", addr);
  return v;
}

// Reads the head frame of the receive ring (with its FCS) through the
// window and pops it; false when the ring is empty.
bool read_frame(Bytes &out) {
  if ((bus_read(ETH_STATUS) & ETH_STATUS_RXCOUNT_MASK) == 0) return false;
  uint32_t len = bus_read(ETH_RXLEN) & ETH_RXLEN_LEN_MASK;
  out.assign(len + 4, 0);
  for (uint32_t i = 0; i < len + 4; i += 4) {
    uint32_t w = bus_read(ETH_BUF + i);
    for (uint32_t k = 0; k < 4 && i + k < len + 4; k++) out[i + k] = uint8_t(w >> (8 * k));
  }
  bus_write(ETH_RXPOP, 0);
  return true;
}

void clear_counters() {
  for (uint32_t r : {ETH_RXOK, ETH_TXOK, ETH_CRCERR, ETH_RUNT, ETH_OVERSIZE, ETH_OVERRUN,
                     ETH_FILTERED})
    bus_write(r, 0);
}
