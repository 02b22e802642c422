`default_nettype none
// Ethernet MAC, 10/100 Mbit/s over RMII or (Rgmii = 1) RGMII, with MDIO.
// The MAC runs on the system clock. RMII: the pins are sampled and driven
// once every REFDIV cycles (one 50 MHz reference clock period when the
// system clock is a multiple of 50 MHz and the PHY's reference clock comes
// from the same source). RGMII: a nibble goes out every REFDIV cycles (one
// 25 MHz period), with TX_CLK made from the system clock as two half-cycle
// values for the board's DDR output flops; received nibbles come from the
// PHY's RX clock through obti_eth_rgmii_rx. Both: ten times slower at
// 10 Mbit/s. Received frames go into a ring of RxSlots 2 KiB slots in
// block RAM; one 2 KiB transmit buffer. Registers: docs/registers/eth.md;
// prose: docs/ethernet.md.
module obti_eth #(
  parameter integer RxSlots = 4,       // a power of two, at most 128
  parameter integer Rgmii   = 0        // 0: RMII pins, 1: RGMII pins
) (
  input  wire        clk,
  input  wire        rst,
  // bus slave
  input  wire        i_req,
  input  wire        i_we,
  input  wire [11:0] i_addr,
  input  wire [3:0]  i_be,
  input  wire [31:0] i_wdata,
  output wire        o_gnt,
  output reg         o_rvalid,
  output reg  [31:0] o_rdata,
  output wire        o_err,
  output wire        o_irq,
  // RMII
  output wire        o_rmii_txen,
  output wire [1:0]  o_rmii_txd,
  input  wire        i_rmii_crs_dv,
  input  wire [1:0]  i_rmii_rxd,
  // RGMII, MAC side of the board's DDR flops: _r/_f the values on (or for)
  // the rising/falling clock edge
  input  wire        i_rgmii_rxc,
  input  wire [3:0]  i_rgmii_rxd_r,
  input  wire [3:0]  i_rgmii_rxd_f,
  input  wire        i_rgmii_rxctl_r,
  input  wire        i_rgmii_rxctl_f,
  output reg         o_rgmii_txc_r,
  output reg         o_rgmii_txc_f,
  output wire [3:0]  o_rgmii_txd_r,
  output wire [3:0]  o_rgmii_txd_f,
  output wire        o_rgmii_txctl_r,
  output wire        o_rgmii_txctl_f,
  // MDIO
  output wire        o_mdc,
  output wire        o_mdio_o,
  output wire        o_mdio_oe,
  input  wire        i_mdio_i
);
  `include "obti_eth_regs.vh"

  localparam integer SlotAw  = 9;                  // 512 words = 2 KiB per slot
  localparam integer SlotBits = (RxSlots > 1) ? $clog2(RxSlots) : 1;
  localparam integer MaxTxLen = 1518;

  wire wr  = i_req && i_we;
  wire rd  = i_req && !i_we;
  wire buf_sel = i_addr[11];

  // --- registers --------------------------------------------------------
  reg        rxen_q, speed10_q, promisc_q, allmulti_q;
  reg [7:0]  refdiv_q, mdcdiv_q;
  reg [47:0] mac_q;
  reg [63:0] hash_q;
  reg [10:0] txlen_q;
  reg [3:0]  ie_q;
  reg        ip_txdone_q, ip_rxdrop_q, ip_mdio_q;
  reg [31:0] cnt_rxok_q, cnt_txok_q, cnt_crc_q, cnt_runt_q, cnt_over_q,
             cnt_overrun_q, cnt_filt_q;

  // --- di-bit tick: every REFDIV cycles, every 10th of those at 10 Mbit/s
  reg [7:0] ref_cnt_q;
  reg [3:0] slow_cnt_q;
  reg       tick_q;
  always @(posedge clk) begin
    if (rst) begin
      ref_cnt_q  <= 8'd1;
      slow_cnt_q <= 4'd0;
      tick_q     <= 1'b0;
    end else begin
      tick_q <= 1'b0;
      if (ref_cnt_q >= refdiv_q) begin
        ref_cnt_q <= 8'd1;
        if (!speed10_q || slow_cnt_q == 4'd9) begin
          slow_cnt_q <= 4'd0;
          tick_q     <= 1'b1;
        end else begin
          slow_cnt_q <= slow_cnt_q + 4'd1;
        end
      end else begin
        ref_cnt_q <= ref_cnt_q + 8'd1;
      end
    end
  end

  // --- receive ring -------------------------------------------------------
  reg [SlotBits-1:0] head_q, tail_q;
  reg [7:0]          count_q;
  reg [10:0]         len_q [0:RxSlots-1];

  wire              rx_we, rx_done, rx_good, rx_crcerr, rx_runt, rx_oversize,
                    rx_overrun, rx_filtered;
  wire [SlotAw-1:0] rx_waddr;
  wire [31:0]       rx_wdata;
  wire [10:0]       rx_len;
  wire              ring_free = count_q < RxSlots[7:0];

  // --- PHY interface -------------------------------------------------------
  localparam integer Width = (Rgmii != 0) ? 4 : 2;     // bits per tick
  wire             rx_tick, rx_dv, rx_er;
  wire [Width-1:0] rx_d;
  wire             tx_en;
  wire [Width-1:0] tx_d;
  wire [3:0]       inband;

  generate
    if (Rgmii != 0) begin : g_rgmii
      obti_eth_rgmii_rx u_rgmii_rx (
        .clk       (clk),
        .rst       (rst),
        .i_rxc     (i_rgmii_rxc),
        .i_rxd_r   (i_rgmii_rxd_r),
        .i_rxd_f   (i_rgmii_rxd_f),
        .i_rxctl_r (i_rgmii_rxctl_r),
        .i_rxctl_f (i_rgmii_rxctl_f),
        .o_tick    (rx_tick),
        .o_dv      (rx_dv),
        .o_er      (rx_er),
        .o_rxd     (rx_d),
        .o_inband  (inband)
      );
      // TX_CLK: high for the first half of each nibble period of
      // n_q = REFDIV (x10) cycles, as two half-cycle values per cycle;
      // phase 0 is the cycle in which the transmitter's new nibble appears.
      reg [11:0] ph_q, n_q;
      wire [11:0] ph_d = tick_q ? 12'd0 : ph_q + 12'd1;
      always @(posedge clk) begin
        if (rst) begin
          ph_q          <= 12'd0;
          n_q           <= 12'd1;
          o_rgmii_txc_r <= 1'b0;
          o_rgmii_txc_f <= 1'b0;
        end else begin
          ph_q          <= ph_d;
          n_q           <= speed10_q ? {1'b0, refdiv_q, 3'b000} + {3'b000, refdiv_q, 1'b0}
                                     : {4'd0, refdiv_q};
          o_rgmii_txc_r <= {ph_d[10:0], 1'b0} < n_q;
          o_rgmii_txc_f <= {ph_d[10:0], 1'b1} < n_q;
        end
      end
      assign o_rgmii_txd_r   = tx_d;
      assign o_rgmii_txd_f   = tx_d;      // at 10/100 the falling edge repeats it
      assign o_rgmii_txctl_r = tx_en;     // TX_EN
      assign o_rgmii_txctl_f = tx_en;     // TX_EN xor TX_ER, never an error
      assign o_rmii_txen     = 1'b0;
      assign o_rmii_txd      = 2'b00;
      wire unused_rmii = &{1'b0, i_rmii_crs_dv, i_rmii_rxd};
    end else begin : g_rmii
      assign rx_tick = tick_q;
      assign rx_dv   = i_rmii_crs_dv;
      assign rx_er   = 1'b0;
      assign rx_d    = i_rmii_rxd;
      assign inband  = 4'd0;
      assign o_rmii_txen = tx_en;
      assign o_rmii_txd  = tx_d;
      always @(posedge clk) begin
        o_rgmii_txc_r <= 1'b0;
        o_rgmii_txc_f <= 1'b0;
      end
      assign o_rgmii_txd_r   = 4'd0;
      assign o_rgmii_txd_f   = 4'd0;
      assign o_rgmii_txctl_r = 1'b0;
      assign o_rgmii_txctl_f = 1'b0;
      wire unused_rgmii = &{1'b0, i_rgmii_rxc, i_rgmii_rxd_r, i_rgmii_rxd_f,
                            i_rgmii_rxctl_r, i_rgmii_rxctl_f};
    end
  endgenerate

  obti_eth_rx #(.SlotAw(SlotAw), .Width(Width)) u_rx (
    .clk         (clk),
    .rst         (rst),
    .i_tick      (rx_tick),
    .i_en        (rxen_q),
    .i_crs_dv    (rx_dv),
    .i_er        (rx_er),
    .i_rxd       (rx_d),
    .i_mac       (mac_q),
    .i_hash      (hash_q),
    .i_promisc   (promisc_q),
    .i_allmulti  (allmulti_q),
    .i_slot_free (ring_free),
    .o_we        (rx_we),
    .o_waddr     (rx_waddr),
    .o_wdata     (rx_wdata),
    .o_done      (rx_done),
    .o_len       (rx_len),
    .o_good      (rx_good),
    .o_crcerr    (rx_crcerr),
    .o_runt      (rx_runt),
    .o_oversize  (rx_oversize),
    .o_overrun   (rx_overrun),
    .o_filtered  (rx_filtered)
  );

  wire [31:0] rxbuf_rdata;
  obti_eth_dpram #(.Words(RxSlots << SlotAw)) u_rxbuf (
    .clk     (clk),
    .i_we    (rx_we),
    .i_waddr ({tail_q, rx_waddr}),
    .i_wdata (rx_wdata),
    .i_raddr ({head_q, i_addr[10:2]}),
    .o_rdata (rxbuf_rdata)
  );

  wire pop = wr && i_addr == EthRxpop && count_q != 8'd0;
  always @(posedge clk) begin
    if (rst) begin
      head_q  <= {SlotBits{1'b0}};
      tail_q  <= {SlotBits{1'b0}};
      count_q <= 8'd0;
    end else begin
      if (rx_good) begin
        len_q[tail_q] <= rx_len;
        tail_q        <= tail_q + 1'b1;
      end
      if (pop) head_q <= head_q + 1'b1;
      count_q <= count_q + {7'd0, rx_good} - {7'd0, pop};
    end
  end

  // --- transmit -------------------------------------------------------------
  wire [SlotAw-1:0] tx_raddr;
  wire [31:0]       txbuf_rdata;
  wire              tx_busy, tx_done;
  wire              tx_start = wr && i_addr == EthTxlen && !tx_busy &&
                               i_wdata[10:0] != 11'd0 && i_wdata[10:0] <= MaxTxLen[10:0];

  obti_eth_dpram #(.Words(1 << SlotAw)) u_txbuf (
    .clk     (clk),
    .i_we    (wr && buf_sel),
    .i_waddr (i_addr[10:2]),
    .i_wdata (i_wdata),
    .i_raddr (tx_raddr),
    .o_rdata (txbuf_rdata)
  );

  obti_eth_tx #(.Aw(SlotAw), .Width(Width)) u_tx (
    .clk     (clk),
    .rst     (rst),
    .i_tick  (tick_q),
    .i_start (tx_start),
    .i_len   (i_wdata[10:0]),
    .o_raddr (tx_raddr),
    .i_rdata (txbuf_rdata),
    .o_busy  (tx_busy),
    .o_done  (tx_done),
    .o_txen  (tx_en),
    .o_txd   (tx_d)
  );

  // --- MDIO -------------------------------------------------------------------
  wire        mdio_busy, mdio_done;
  wire [15:0] mdio_rdata;
  obti_eth_mdio u_mdio (
    .clk       (clk),
    .rst       (rst),
    .i_div     (mdcdiv_q),
    .i_start   (wr && i_addr == EthMdio),
    .i_write   (i_wdata[EthMdioWriteLsb]),
    .i_phy     (i_wdata[EthMdioPhyMsb:EthMdioPhyLsb]),
    .i_reg     (i_wdata[EthMdioRegMsb:EthMdioRegLsb]),
    .i_wdata   (i_wdata[EthMdioDataMsb:EthMdioDataLsb]),
    .o_busy    (mdio_busy),
    .o_done    (mdio_done),
    .o_rdata   (mdio_rdata),
    .o_mdc     (o_mdc),
    .o_mdio_o  (o_mdio_o),
    .o_mdio_oe (o_mdio_oe),
    .i_mdio_i  (i_mdio_i)
  );

  // --- register writes, counters, interrupts ----------------------------------
  wire rx_drop = rx_crcerr || rx_runt || rx_oversize || rx_overrun;
  wire ip_clr  = wr && i_addr == EthIp;

  always @(posedge clk) begin
    if (rst) begin
      rxen_q        <= EthCtrlReset[EthCtrlRxenLsb];
      speed10_q     <= EthCtrlReset[EthCtrlSpeed10Lsb];
      promisc_q     <= EthCtrlReset[EthCtrlPromiscLsb];
      allmulti_q    <= EthCtrlReset[EthCtrlAllmultiLsb];
      refdiv_q      <= EthCtrlReset[EthCtrlRefdivMsb:EthCtrlRefdivLsb];
      mdcdiv_q      <= EthCtrlReset[EthCtrlMdcdivMsb:EthCtrlMdcdivLsb];
      mac_q         <= 48'd0;
      hash_q        <= 64'd0;
      txlen_q       <= 11'd0;
      ie_q          <= 4'd0;
      ip_txdone_q   <= 1'b0;
      ip_rxdrop_q   <= 1'b0;
      ip_mdio_q     <= 1'b0;
      cnt_rxok_q    <= 32'd0;
      cnt_txok_q    <= 32'd0;
      cnt_crc_q     <= 32'd0;
      cnt_runt_q    <= 32'd0;
      cnt_over_q    <= 32'd0;
      cnt_overrun_q <= 32'd0;
      cnt_filt_q    <= 32'd0;
    end else begin
      if (wr && i_addr == EthCtrl) begin
        rxen_q     <= i_wdata[EthCtrlRxenLsb];
        speed10_q  <= i_wdata[EthCtrlSpeed10Lsb];
        promisc_q  <= i_wdata[EthCtrlPromiscLsb];
        allmulti_q <= i_wdata[EthCtrlAllmultiLsb];
        refdiv_q   <= i_wdata[EthCtrlRefdivMsb:EthCtrlRefdivLsb];
        mdcdiv_q   <= i_wdata[EthCtrlMdcdivMsb:EthCtrlMdcdivLsb];
      end
      if (wr && i_addr == EthMaclo)   mac_q[31:0]   <= i_wdata;
      if (wr && i_addr == EthMachi)   mac_q[47:32]  <= i_wdata[15:0];
      if (wr && i_addr == EthHashlo)  hash_q[31:0]  <= i_wdata;
      if (wr && i_addr == EthHashhi)  hash_q[63:32] <= i_wdata;
      if (tx_start)                   txlen_q       <= i_wdata[10:0];
      if (wr && i_addr == EthIe)      ie_q          <= i_wdata[3:0];

      ip_txdone_q <= (ip_txdone_q && !(ip_clr && i_wdata[EthIpTxdoneLsb])) || tx_done;
      ip_rxdrop_q <= (ip_rxdrop_q && !(ip_clr && i_wdata[EthIpRxdropLsb])) || rx_drop;
      ip_mdio_q   <= (ip_mdio_q && !(ip_clr && i_wdata[EthIpMdioLsb])) || mdio_done;

      cnt_rxok_q    <= (wr && i_addr == EthRxok)    ? 32'd0 : cnt_rxok_q    + {31'd0, rx_good};
      cnt_txok_q    <= (wr && i_addr == EthTxok)    ? 32'd0 : cnt_txok_q    + {31'd0, tx_done};
      cnt_crc_q     <= (wr && i_addr == EthCrcerr)  ? 32'd0 : cnt_crc_q     + {31'd0, rx_crcerr};
      cnt_runt_q    <= (wr && i_addr == EthRunt)    ? 32'd0 : cnt_runt_q    + {31'd0, rx_runt};
      cnt_over_q    <= (wr && i_addr == EthOversize) ? 32'd0 : cnt_over_q   + {31'd0, rx_oversize};
      cnt_overrun_q <= (wr && i_addr == EthOverrun) ? 32'd0 : cnt_overrun_q + {31'd0, rx_overrun};
      cnt_filt_q    <= (wr && i_addr == EthFiltered) ? 32'd0 : cnt_filt_q   + {31'd0, rx_filtered};
    end
  end

  wire [3:0] ip = {ip_mdio_q, ip_rxdrop_q, ip_txdone_q, count_q != 8'd0};
  assign o_irq = |(ie_q & ip);

  // --- reads: registers from a flop, the frame window straight from the RAM
  reg [31:0] reg_rdata_q;
  reg        buf_rd_q;
  always @(posedge clk) begin
    if (rst) begin
      o_rvalid    <= 1'b0;
      reg_rdata_q <= 32'd0;
      buf_rd_q    <= 1'b0;
    end else begin
      o_rvalid    <= i_req;
      buf_rd_q    <= rd && buf_sel;
      reg_rdata_q <= 32'd0;
      if (rd) begin
        case (i_addr)
          EthCtrl:     reg_rdata_q <= {8'd0, mdcdiv_q, refdiv_q, 4'd0, allmulti_q,
                                       promisc_q, speed10_q, rxen_q};
          EthStatus:   reg_rdata_q <= {16'd0, inband, 1'b0, Rgmii != 0, mdio_busy,
                                       tx_busy, count_q};
          EthMaclo:    reg_rdata_q <= mac_q[31:0];
          EthMachi:    reg_rdata_q <= {16'd0, mac_q[47:32]};
          EthHashlo:   reg_rdata_q <= hash_q[31:0];
          EthHashhi:   reg_rdata_q <= hash_q[63:32];
          EthTxlen:    reg_rdata_q <= {21'd0, txlen_q};
          EthRxlen:    reg_rdata_q <= {21'd0, (count_q != 8'd0) ? len_q[head_q] : 11'd0};
          EthIe:       reg_rdata_q <= {28'd0, ie_q};
          EthIp:       reg_rdata_q <= {28'd0, ip};
          EthMdio:     reg_rdata_q <= {mdio_busy, 15'd0, mdio_rdata};
          EthRxok:     reg_rdata_q <= cnt_rxok_q;
          EthTxok:     reg_rdata_q <= cnt_txok_q;
          EthCrcerr:   reg_rdata_q <= cnt_crc_q;
          EthRunt:     reg_rdata_q <= cnt_runt_q;
          EthOversize: reg_rdata_q <= cnt_over_q;
          EthOverrun:  reg_rdata_q <= cnt_overrun_q;
          EthFiltered: reg_rdata_q <= cnt_filt_q;
          default:     reg_rdata_q <= 32'd0;
        endcase
      end
    end
  end

  always @* begin
    o_rdata = buf_rd_q ? rxbuf_rdata : reg_rdata_q;
  end

  assign o_gnt = 1'b1;
  assign o_err = 1'b0;

`ifdef OBTI_SIM
  // Tell the simulator's PHY model the di-bit period (docs/ethernet.md).
  import "DPI-C" function void obti_sim_eth_ctrl(input int refdiv, input int speed10);
  always @(posedge clk) begin
    if (!rst && wr && i_addr == EthCtrl)
      obti_sim_eth_ctrl({24'd0, i_wdata[EthCtrlRefdivMsb:EthCtrlRefdivLsb]},
                        {31'd0, i_wdata[EthCtrlSpeed10Lsb]});
  end
`endif

  wire unused_ok = &{1'b0, i_be, rx_done};
endmodule
