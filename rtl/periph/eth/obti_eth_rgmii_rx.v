`default_nettype none
// RGMII receive front end at 10/100 Mbit/s (RGMII v2.0): the board's DDR
// input flops (outside, e.g. ECP5 IDDRX1F) give, per RX clock cycle, the
// nibble and RX_CTL sampled on the rising edge and those sampled on the
// falling edge. At 10/100 the data is the rising-edge nibble (the falling
// one may repeat it and is not used); RX_CTL is RX_DV on the rising edge
// and RX_DV xor RX_ER on the falling edge. Frame nibbles and one end marker
// per frame cross to the system clock through a small FIFO; between frames
// RXD carries the PHY's optional in-band status (bit 0 link, 2:1 clock
// speed, 3 full duplex), kept here for the STATUS register.
module obti_eth_rgmii_rx (
  input  wire       clk,
  input  wire       rst,
  // PHY side (i_rxc domain)
  input  wire       i_rxc,
  input  wire [3:0] i_rxd_r,
  input  wire [3:0] i_rxd_f,
  input  wire       i_rxctl_r,
  input  wire       i_rxctl_f,
  // system side: one nibble per o_tick (o_dv low: the frame has ended)
  output reg        o_tick,
  output reg        o_dv,
  output reg        o_er,
  output reg  [3:0] o_rxd,
  output wire [3:0] o_inband
);
  localparam integer FifoW = 6;            // {dv, er, nibble}

  // --- RX clock domain ------------------------------------------------------
  reg  [1:0] rrst_q;                       // system reset, synchronised
  wire       rrst = rrst_q[1];
  reg        need_end_q;                   // an end marker is owed
  reg        ovf_q;                        // this frame lost a nibble
  reg  [3:0] inband_q;

  wire dv   = i_rxctl_r;
  wire er   = i_rxctl_r ^ i_rxctl_f;
  wire full;
  wire push = dv || need_end_q;

  // Reset synchroniser: asserted at once (the PHY's clock may not run while
  // the system is in reset: the boards hold the PHY in reset with it),
  // released two RX clock edges after the system reset.
  // (rst is registered first so that only a flop drives the asynchronous
  // input.)
  reg rst_q;
  always @(posedge clk) rst_q <= rst;
  always @(posedge i_rxc or posedge rst_q) begin
    if (rst_q) rrst_q <= 2'b11;
    else       rrst_q <= {rrst_q[0], 1'b0};
  end

  always @(posedge i_rxc) begin
    if (rrst) begin
      need_end_q <= 1'b1;                  // start the system side "armed"
      ovf_q      <= 1'b0;
      inband_q   <= 4'd0;
    end else begin
      if (dv) begin
        need_end_q <= 1'b1;
        if (full) ovf_q <= 1'b1;
      end else if (need_end_q && !full) begin
        need_end_q <= 1'b0;
        ovf_q      <= 1'b0;
      end
      if (!i_rxctl_r && !i_rxctl_f) inband_q <= i_rxd_r;
    end
  end

  // --- crossing -------------------------------------------------------------
  wire             empty;
  wire [FifoW-1:0] rdata;
  obti_eth_afifo #(.Width(FifoW), .Aw(3)) u_fifo (
    .i_wclk  (i_rxc),
    .i_wrst  (rrst),
    .i_we    (push),
    .i_wdata (dv ? {1'b1, er || ovf_q || full, i_rxd_r} : {1'b0, 1'b0, 4'd0}),
    .o_full  (full),
    .clk     (clk),
    .rst     (rst),
    .i_re    (!empty),
    .o_rdata (rdata),
    .o_empty (empty)
  );

  // --- system clock domain --------------------------------------------------
  reg [3:0] inband_s1_q, inband_s2_q;      // quasi-static: two-flop synchroniser
  always @(posedge clk) begin
    if (rst) begin
      o_tick      <= 1'b0;
      o_dv        <= 1'b0;
      o_er        <= 1'b0;
      o_rxd       <= 4'd0;
      inband_s1_q <= 4'd0;
      inband_s2_q <= 4'd0;
    end else begin
      o_tick      <= !empty;
      if (!empty) {o_dv, o_er, o_rxd} <= rdata;
      inband_s1_q <= inband_q;
      inband_s2_q <= inband_s1_q;
    end
  end
  assign o_inband = inband_s2_q;

  wire unused_ok = &{1'b0, i_rxd_f};
endmodule
