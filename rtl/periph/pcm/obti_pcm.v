`default_nettype none
// PCM highway master for a SLIC/codec (Si3210 timing): BCLK and 8 kHz FSYNC
// from the system clock, DX driven on BCLK rising edges, DR sampled on
// falling edges, per-channel time slots, G.711 in hardware, block-RAM sample
// FIFOs each way. Registers and timing: docs/registers/pcm.md,
// docs/telephone.md.
module obti_pcm #(
  parameter integer NumChannels = 2,     // 1..8
  parameter integer FifoDepth   = 256    // samples per FIFO, a power of two >= 160
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
  // highway
  output wire        o_bclk,
  output wire        o_fsync,
  output wire        o_dx,
  input  wire        i_dr
);
  `include "obti_pcm_regs.vh"

  localparam integer Aw  = $clog2(FifoDepth);
  localparam integer Cw  = (NumChannels > 1) ? $clog2(NumChannels) : 1;
  localparam integer Lw  = Aw + 1;                 // FIFO level / pointer width
  localparam integer RamWords = (1 << Cw) * FifoDepth;
  localparam [1:0] FmtUlaw = 2'd0, FmtAlaw = 2'd1, FmtPass = 2'd2, FmtLin = 2'd3;
  localparam [Lw-1:0] DepthL = FifoDepth[Lw-1:0];
  localparam integer  LastChI = NumChannels - 1;
  localparam [Cw-1:0] LastCh = LastChI[Cw-1:0];

  wire wr = i_req && i_we;
  wire rd = i_req && !i_we;

  // Bus address: global registers below 0x100, channel n at 0x100 + 0x20*n.
  wire          ch_region = (i_addr[11:8] == 4'h1);
  wire [2:0]    bus_ch3   = i_addr[7:5];
  wire [Cw-1:0] bus_ch    = bus_ch3[Cw-1:0];
  wire          bus_ch_ok = ch_region && ({29'd0, bus_ch3} < NumChannels);
  wire [11:0]   ch_off    = {7'd0, i_addr[4:0]} + (PcmCh0Cfg & 12'hF00);

  // --- global registers ---------------------------------------------------
  reg         en_q, longfs_q;
  reg [10:0]  bits_q;
  reg [15:0]  frame_q;
  reg [1:0]   ie_q;
  reg [31:0]  frames_q;

  // --- per-channel registers ------------------------------------------------
  reg [1:0]    fmt_q     [0:NumChannels-1];
  reg          chen_q    [0:NumChannels-1];
  reg [9:0]    txs_q     [0:NumChannels-1];
  reg [9:0]    rxs_q     [0:NumChannels-1];
  reg [9:0]    txthr_q   [0:NumChannels-1];
  reg [9:0]    rxthr_q   [0:NumChannels-1];
  reg [15:0]   under_q   [0:NumChannels-1];
  reg [15:0]   over_q    [0:NumChannels-1];
  reg [Lw-1:0] txwr_q    [0:NumChannels-1];
  reg [Lw-1:0] txrd_q    [0:NumChannels-1];
  reg [Lw-1:0] rxwr_q    [0:NumChannels-1];
  reg [Lw-1:0] rxrd_q    [0:NumChannels-1];
  reg [15:0]   txword_q  [0:NumChannels-1];        // sample on the wire, MSB first
  reg [15:0]   rxshift_q [0:NumChannels-1];
  reg          rxpend_q  [0:NumChannels-1];        // a received sample waits for the RAM

  // --- sample RAMs (block RAM: one write port, one registered read port) ---
  reg [15:0] txram [0:RamWords-1];
  reg [15:0] rxram [0:RamWords-1];
  reg [15:0] txram_q, rxram_q;

  // --- bit-clock and frame timing ------------------------------------------
  // cnt_q counts system clock cycles in the frame; acc_q = (cnt_q * 2*BITS)
  // mod FRAME. A half bit period starts in each cycle where acc_q < 2*BITS:
  // exactly 2*BITS edges per frame, evenly spread.
  reg  [15:0] cnt_q, acc_q;
  reg  [11:0] half_q;                               // current half bit period
  reg         bclk_q, fsync_q, dx_q;
  reg  [1:0]  dr_sync_q;
  wire [11:0] two_b     = {bits_q, 1'b0};
  wire        last_cyc  = (cnt_q == frame_q - 16'd1);
  wire [16:0] acc_sum   = {1'b0, acc_q} + {5'd0, two_b};
  wire [16:0] acc_wrap  = (acc_sum >= {1'b0, frame_q}) ? acc_sum - {1'b0, frame_q} : acc_sum;
  wire        edge_now  = en_q && (acc_q < {4'd0, two_b});
  wire [11:0] half_now  = (cnt_q == 16'd0) ? 12'd0 : half_q + 12'd1;
  wire [10:0] bit_now   = half_now[11:1];
  wire        rise_now  = edge_now && !half_now[0];
  wire        fall_now  = edge_now && half_now[0];

  // --- DX: the enabled channel whose TX slot covers this bit (lowest wins)
  reg       dx_d;
  reg [4:0] pos_tx;
  integer   c;
  always @* begin
    dx_d   = 1'b0;
    pos_tx = 5'd0;
    for (c = NumChannels - 1; c >= 0; c = c - 1) begin
      if (chen_q[c] && bit_now >= {1'b0, txs_q[c]} &&
          bit_now - {1'b0, txs_q[c]} < ((fmt_q[c] == FmtLin) ? 11'd16 : 11'd8)) begin
        pos_tx = bit_now[4:0] - txs_q[c][4:0];
        dx_d   = txword_q[c][4'd15 - pos_tx[3:0]];
      end
    end
  end

  // --- TX prefetch: in the last bit of a frame, fetch each channel's next
  // sample (one channel per cycle) and encode it for the coming frame.
  reg          fetch_q;
  reg [Cw-1:0] fetch_ch_q;
  reg          f1_valid_q, f1_hit_q;
  reg [Cw-1:0] f1_ch_q;
  wire [Lw-1:0] fetch_lvl = txwr_q[fetch_ch_q] - txrd_q[fetch_ch_q];
  wire          fetch_hit = fetch_q && chen_q[fetch_ch_q] && (fetch_lvl != {Lw{1'b0}});
  wire          fetch_miss = fetch_q && chen_q[fetch_ch_q] && (fetch_lvl == {Lw{1'b0}});
  wire [7:0]    enc_u, enc_a;
  obti_pcm_g711_ulaw_enc u_uenc (.i_lin(txram_q), .o_code(enc_u));
  obti_pcm_g711_alaw_enc u_aenc (.i_lin(txram_q), .o_code(enc_a));

  function automatic [15:0] silence(input [1:0] fmt);
    case (fmt)
      FmtAlaw: silence = 16'hD500;
      FmtLin:  silence = 16'h0000;
      default: silence = 16'hFF00;
    endcase
  endfunction

  reg [15:0] tx_enc;
  always @* begin
    case (fmt_q[f1_ch_q])
      FmtUlaw: tx_enc = {enc_u, 8'h00};
      FmtAlaw: tx_enc = {enc_a, 8'h00};
      FmtPass: tx_enc = {txram_q[7:0], 8'h00};
      default: tx_enc = txram_q;
    endcase
    if (!f1_hit_q) tx_enc = silence(fmt_q[f1_ch_q]);
  end

  // --- RX: the lowest channel with a complete sample writes the RAM --------
  reg          rxw_valid;
  reg [Cw-1:0] rxw_ch;
  always @* begin
    rxw_valid = 1'b0;
    rxw_ch    = {Cw{1'b0}};
    for (c = NumChannels - 1; c >= 0; c = c - 1) begin
      if (rxpend_q[c]) begin
        rxw_valid = 1'b1;
        rxw_ch    = c[Cw-1:0];
      end
    end
  end
  wire [15:0] rxw_raw = rxshift_q[rxw_ch];
  wire [15:0] dec_u, dec_a;
  obti_pcm_g711_ulaw_dec u_udec (.i_code(rxw_raw[7:0]), .o_lin(dec_u));
  obti_pcm_g711_alaw_dec u_adec (.i_code(rxw_raw[7:0]), .o_lin(dec_a));
  reg [15:0] rxw_data;
  always @* begin
    case (fmt_q[rxw_ch])
      FmtUlaw: rxw_data = dec_u;
      FmtAlaw: rxw_data = dec_a;
      FmtPass: rxw_data = {8'h00, rxw_raw[7:0]};
      default: rxw_data = rxw_raw;
    endcase
  end
  wire [Lw-1:0] rxw_lvl  = rxwr_q[rxw_ch] - rxrd_q[rxw_ch];
  wire          rxw_full = (rxw_lvl == DepthL);
  wire          rxw_do   = rxw_valid && chen_q[rxw_ch] && !rxw_full;

  // --- bus side of the FIFOs -------------------------------------------------
  wire [Lw-1:0] bus_txlvl = txwr_q[bus_ch] - txrd_q[bus_ch];
  wire [Lw-1:0] bus_rxlvl = rxwr_q[bus_ch] - rxrd_q[bus_ch];
  wire          bus_push  = wr && bus_ch_ok && ch_off == PcmCh0Tx && bus_txlvl != DepthL;
  wire          bus_pop   = rd && bus_ch_ok && ch_off == PcmCh0Rx && bus_rxlvl != {Lw{1'b0}};
  wire          txflush   = wr && i_addr == PcmCtrl && i_wdata[PcmCtrlTxflushLsb];
  wire          rxflush   = wr && i_addr == PcmCtrl && i_wdata[PcmCtrlRxflushLsb];

  always @(posedge clk) begin
    if (bus_push) txram[{bus_ch, txwr_q[bus_ch][Aw-1:0]}] <= i_wdata[15:0];
    txram_q <= txram[{fetch_ch_q, txrd_q[fetch_ch_q][Aw-1:0]}];
    if (rxw_do) rxram[{rxw_ch, rxwr_q[rxw_ch][Aw-1:0]}] <= rxw_data;
    rxram_q <= rxram[{bus_ch, rxrd_q[bus_ch][Aw-1:0]}];
  end

  // --- timing engine ----------------------------------------------------------
  always @(posedge clk) begin
    if (rst || !en_q) begin
      cnt_q    <= 16'd0;
      acc_q    <= 16'd0;
      half_q   <= 12'd0;
      bclk_q   <= 1'b0;
      fsync_q  <= 1'b0;
      dx_q     <= 1'b0;
      fetch_q  <= 1'b0;
      if (rst) frames_q <= 32'd0;
      else if (wr && i_addr == PcmCtrl && i_wdata[PcmCtrlEnLsb]) frames_q <= 32'd0;
    end else begin
      cnt_q <= last_cyc ? 16'd0 : cnt_q + 16'd1;
      acc_q <= last_cyc ? 16'd0 : acc_wrap[15:0];
      if (edge_now) half_q <= half_now;
      if (rise_now) begin
        bclk_q  <= 1'b1;
        fsync_q <= longfs_q ? (bit_now < 11'd8) : (bit_now == 11'd0);
        dx_q    <= dx_d;
        if (bit_now == 11'd0) frames_q <= frames_q + 32'd1;
        if (bit_now == bits_q - 11'd1) fetch_q <= 1'b1;
      end
      if (fall_now) bclk_q <= 1'b0;
      if (fetch_q && fetch_ch_q == LastCh) fetch_q <= 1'b0;
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      fetch_ch_q <= {Cw{1'b0}};
      f1_valid_q <= 1'b0;
      f1_hit_q   <= 1'b0;
      f1_ch_q    <= {Cw{1'b0}};
      dr_sync_q  <= 2'b00;
    end else begin
      dr_sync_q  <= {dr_sync_q[0], i_dr};
      f1_valid_q <= fetch_q;
      f1_hit_q   <= fetch_hit;
      f1_ch_q    <= fetch_ch_q;
      if (fetch_q && fetch_ch_q != LastCh) fetch_ch_q <= fetch_ch_q + 1'b1;
      else fetch_ch_q <= {Cw{1'b0}};
    end
  end

  // --- per-channel state --------------------------------------------------
  integer n;
  always @(posedge clk) begin
    for (n = 0; n < NumChannels; n = n + 1) begin
      if (rst) begin
        fmt_q[n]     <= FmtUlaw;
        chen_q[n]    <= 1'b0;
        txs_q[n]     <= 10'd0;
        rxs_q[n]     <= 10'd0;
        txthr_q[n]   <= 10'd0;
        rxthr_q[n]   <= 10'd0;
        under_q[n]   <= 16'd0;
        over_q[n]    <= 16'd0;
        txwr_q[n]    <= {Lw{1'b0}};
        txrd_q[n]    <= {Lw{1'b0}};
        rxwr_q[n]    <= {Lw{1'b0}};
        rxrd_q[n]    <= {Lw{1'b0}};
        txword_q[n]  <= 16'hFF00;
        rxshift_q[n] <= 16'd0;
        rxpend_q[n]  <= 1'b0;
      end else begin
        // configuration
        if (wr && bus_ch_ok && bus_ch == n[Cw-1:0]) begin
          if (ch_off == PcmCh0Cfg) begin
            fmt_q[n]  <= i_wdata[PcmCh0CfgFmtMsb:PcmCh0CfgFmtLsb];
            chen_q[n] <= i_wdata[PcmCh0CfgEnLsb];
          end
          if (ch_off == PcmCh0Slot) begin
            txs_q[n] <= i_wdata[PcmCh0SlotTxsMsb:PcmCh0SlotTxsLsb];
            rxs_q[n] <= i_wdata[PcmCh0SlotRxsMsb:PcmCh0SlotRxsLsb];
          end
          if (ch_off == PcmCh0Thresh) begin
            txthr_q[n] <= i_wdata[PcmCh0ThreshTxMsb:PcmCh0ThreshTxLsb];
            rxthr_q[n] <= i_wdata[PcmCh0ThreshRxMsb:PcmCh0ThreshRxLsb];
          end
        end
        // FIFO pointers
        if (txflush) txwr_q[n] <= txrd_q[n];
        else if (bus_push && bus_ch == n[Cw-1:0]) txwr_q[n] <= txwr_q[n] + 1'b1;
        if (txflush) ; else if (fetch_hit && fetch_ch_q == n[Cw-1:0]) txrd_q[n] <= txrd_q[n] + 1'b1;
        if (rxflush) rxrd_q[n] <= rxwr_q[n];
        else if (bus_pop && bus_ch == n[Cw-1:0]) rxrd_q[n] <= rxrd_q[n] + 1'b1;
        if (rxflush) ; else if (rxw_do && rxw_ch == n[Cw-1:0]) rxwr_q[n] <= rxwr_q[n] + 1'b1;
        // error counters (saturating); a write clears them
        if (wr && bus_ch_ok && bus_ch == n[Cw-1:0] && ch_off == PcmCh0Err) begin
          under_q[n] <= 16'd0;
          over_q[n]  <= 16'd0;
        end else begin
          if (en_q && fetch_miss && fetch_ch_q == n[Cw-1:0] && under_q[n] != 16'hFFFF)
            under_q[n] <= under_q[n] + 16'd1;
          if (rxw_valid && chen_q[n] && rxw_full && rxw_ch == n[Cw-1:0] && over_q[n] != 16'hFFFF)
            over_q[n] <= over_q[n] + 16'd1;
        end
        // the word on the wire: silence until the first prefetch
        if (!en_q) txword_q[n] <= silence(fmt_q[n]);
        else if (f1_valid_q && f1_ch_q == n[Cw-1:0]) txword_q[n] <= tx_enc;
        // receive shift register, sampled on falling edges inside the RX slot
        if (rxw_valid && rxw_ch == n[Cw-1:0]) rxpend_q[n] <= 1'b0;
        if (fall_now && chen_q[n] && bit_now >= {1'b0, rxs_q[n]} &&
            bit_now - {1'b0, rxs_q[n]} < ((fmt_q[n] == FmtLin) ? 11'd16 : 11'd8)) begin
          rxshift_q[n] <= {rxshift_q[n][14:0], dr_sync_q[1]};
          if (bit_now - {1'b0, rxs_q[n]} == ((fmt_q[n] == FmtLin) ? 11'd15 : 11'd7))
            rxpend_q[n] <= 1'b1;
        end
      end
    end
  end

  // --- global registers, interrupt -------------------------------------------
  always @(posedge clk) begin
    if (rst) begin
      en_q     <= 1'b0;
      longfs_q <= 1'b0;
      bits_q   <= PcmBitsReset[10:0];
      frame_q  <= PcmFrameReset[15:0];
      ie_q     <= 2'b00;
    end else if (wr) begin
      if (i_addr == PcmCtrl) begin
        en_q     <= i_wdata[PcmCtrlEnLsb];
        longfs_q <= i_wdata[PcmCtrlLongfsLsb];
      end
      if (i_addr == PcmBits)  bits_q  <= i_wdata[10:0];
      if (i_addr == PcmFrame) frame_q <= i_wdata[15:0];
      if (i_addr == PcmIe)    ie_q    <= i_wdata[1:0];
    end
  end

  reg ip_tx, ip_rx;
  always @* begin
    ip_tx = 1'b0;
    ip_rx = 1'b0;
    for (c = 0; c < NumChannels; c = c + 1) begin
      if (chen_q[c] && {{(16 - Lw){1'b0}}, txwr_q[c] - txrd_q[c]} <= {6'd0, txthr_q[c]})
        ip_tx = 1'b1;
      if (chen_q[c] && rxthr_q[c] != 10'd0 &&
          {{(16 - Lw){1'b0}}, rxwr_q[c] - rxrd_q[c]} >= {6'd0, rxthr_q[c]})
        ip_rx = 1'b1;
    end
  end
  wire [1:0] ip = ie_q & {ip_rx, ip_tx};
  assign o_irq = |ip;

  // --- read data ----------------------------------------------------------
  reg [31:0] rdata_q;
  reg        rxsel_q, rxempty_q;
  always @(posedge clk) begin
    if (rst) begin
      o_rvalid  <= 1'b0;
      rdata_q   <= 32'd0;
      rxsel_q   <= 1'b0;
      rxempty_q <= 1'b1;
    end else begin
      o_rvalid  <= i_req;
      rdata_q   <= 32'd0;
      rxsel_q   <= rd && bus_ch_ok && ch_off == PcmCh0Rx;
      rxempty_q <= bus_rxlvl == {Lw{1'b0}};
      if (rd && !ch_region) begin
        case (i_addr)
          PcmCtrl:   rdata_q <= {30'd0, longfs_q, en_q};
          PcmBits:   rdata_q <= {21'd0, bits_q};
          PcmFrame:  rdata_q <= {16'd0, frame_q};
          PcmIe:     rdata_q <= {30'd0, ie_q};
          PcmIp:     rdata_q <= {30'd0, ip};
          PcmFrames: rdata_q <= frames_q;
          PcmInfo:   rdata_q <= {FifoDepth[15:0], 8'd0, NumChannels[7:0]};
          default:   rdata_q <= 32'd0;
        endcase
      end else if (rd && bus_ch_ok) begin
        case (ch_off)
          PcmCh0Cfg:    rdata_q <= {27'd0, chen_q[bus_ch], 2'd0, fmt_q[bus_ch]};
          PcmCh0Slot:   rdata_q <= {6'd0, rxs_q[bus_ch], 6'd0, txs_q[bus_ch]};
          PcmCh0Level:  rdata_q <= {{(16 - Lw){1'b0}}, bus_rxlvl, {(16 - Lw){1'b0}}, bus_txlvl};
          PcmCh0Thresh: rdata_q <= {6'd0, rxthr_q[bus_ch], 6'd0, txthr_q[bus_ch]};
          PcmCh0Err:    rdata_q <= {over_q[bus_ch], under_q[bus_ch]};
          default:      rdata_q <= 32'd0;
        endcase
      end
    end
  end
  always @* begin
    o_rdata = rdata_q;
    if (rxsel_q) o_rdata = {rxempty_q, 15'd0, rxempty_q ? 16'd0 : rxram_q};
  end

  assign o_gnt   = 1'b1;
  assign o_err   = 1'b0;
  assign o_bclk  = bclk_q;
  assign o_fsync = fsync_q;
  assign o_dx    = dx_q;

  wire unused_ok = &{1'b0, i_be, i_wdata[31:26], pos_tx[4], acc_wrap[16]};
endmodule
