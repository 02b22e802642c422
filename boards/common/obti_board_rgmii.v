`default_nettype none
// ECP5 pad side of an RGMII PHY at 10/100 Mbit/s: DDR input flops (IDDRX1F,
// clocked by the PHY's RX clock) behind fixed input delays (DELAYG) on RXD
// and RX_CTL, DDR output flops (ODDRX1F, clocked by the system clock) on
// TXD, TX_CTL and TX_CLK, and a fixed delay on TX_CLK. RGMII v2.0 sends
// clock and data edge-aligned; the ~2 ns skew the receiver needs is added
// here on both directions (as LiteX's ECP5 RGMII PHY does: ~25 ps per tap,
// 80 taps), so the PHY's own internal delays must stay off (their reset
// state on the B50612D and the ECPIX-5's PHY as the LiteX platforms use
// them). The MAC side (rtl/periph/eth/obti_eth.v with Rgmii = 1) sees, per
// clock cycle, the value for the rising and for the falling edge.
module obti_board_rgmii #(
  parameter integer RxDelayTaps = 80,   // DELAYG taps on RXD/RX_CTL (0..127)
  parameter integer TxDelayTaps = 80    // DELAYG taps on TX_CLK (0..127)
) (
  input  wire       clk,                // system clock: the DDR outputs' clock
  input  wire       rst,
  // pads
  output wire       o_pad_txc,
  output wire [3:0] o_pad_txd,
  output wire       o_pad_txctl,
  input  wire       i_pad_rxc,
  input  wire [3:0] i_pad_rxd,
  input  wire       i_pad_rxctl,
  // MAC side
  output wire       o_rxc,
  output wire [3:0] o_rxd_r,
  output wire [3:0] o_rxd_f,
  output wire       o_rxctl_r,
  output wire       o_rxctl_f,
  input  wire       i_txc_r,
  input  wire       i_txc_f,
  input  wire [3:0] i_txd_r,
  input  wire [3:0] i_txd_f,
  input  wire       i_txctl_r,
  input  wire       i_txctl_f
);
  assign o_rxc = i_pad_rxc;

  // --- receive: delay, then sample on both edges of RXC ---------------------
  wire [4:0] rx_pad = {i_pad_rxctl, i_pad_rxd};
  wire [4:0] rx_dly, rx_q0, rx_q1;
  genvar k;
  generate
    for (k = 0; k < 5; k = k + 1) begin : g_rx
      DELAYG #(
        .DEL_MODE  ("SCLK_ALIGNED"),
        .DEL_VALUE (RxDelayTaps)
      ) u_dly (
        .A (rx_pad[k]),
        .Z (rx_dly[k])
      );
      IDDRX1F u_iddr (
        .D    (rx_dly[k]),
        .SCLK (i_pad_rxc),
        .RST  (1'b0),
        .Q0   (rx_q0[k]),         // sampled on the rising edge
        .Q1   (rx_q1[k])          // sampled on the following falling edge
      );
    end
  endgenerate
  assign o_rxd_r   = rx_q0[3:0];
  assign o_rxd_f   = rx_q1[3:0];
  assign o_rxctl_r = rx_q0[4];
  assign o_rxctl_f = rx_q1[4];

  // --- transmit: D0 in the first half of the cycle, D1 in the second --------
  wire [5:0] tx_d0 = {i_txc_r, i_txctl_r, i_txd_r};
  wire [5:0] tx_d1 = {i_txc_f, i_txctl_f, i_txd_f};
  wire [5:0] tx_q;
  generate
    for (k = 0; k < 6; k = k + 1) begin : g_tx
      ODDRX1F u_oddr (
        .D0   (tx_d0[k]),
        .D1   (tx_d1[k]),
        .SCLK (clk),
        .RST  (rst),
        .Q    (tx_q[k])
      );
    end
  endgenerate
  assign o_pad_txd   = tx_q[3:0];
  assign o_pad_txctl = tx_q[4];

  DELAYG #(
    .DEL_MODE  ("SCLK_ALIGNED"),
    .DEL_VALUE (TxDelayTaps)
  ) u_txc_dly (
    .A (tx_q[5]),
    .Z (o_pad_txc)
  );
endmodule
