`default_nettype none
// Colorlight i9 v7.2 (LFE5U-45F-6BG381C) on its extension board: 25 MHz
// oscillator -> PLL -> system clock, reset from PLL lock and the module's
// button, console UART through the extension board's debugger, GPIO output
// 0 on the module's LED (active low), Ethernet on the first of the two
// Broadcom B50612D RGMII PHYs (LiteX's eth 0, MDIO address 0) at 10/100
// Mbit/s through boards/common/obti_board_rgmii.v (docs/ethernet.md).
module obti_colorlight_i9 #(
  parameter integer CodeBytes    = 131072,
  parameter integer RomBytes     = 16384,
  parameter integer DataBytes    = 65536,
  parameter         CodeInitFile = "",
  parameter integer PllClkiDiv     = 1,
  parameter integer PllClkfbDiv    = 4,
  parameter integer PllClkopDiv    = 6,
  parameter integer PllClkopCphase = 5
) (
  input  wire clk25,
  output wire uart_tx,
  input  wire uart_rx,
  output wire led_n,
  input  wire btn_n,
  // RGMII PHY (constraints/*.lpf), MDIO, PHY reset
  output wire       eth_txc,
  output wire [3:0] eth_txd,
  output wire       eth_txctl,
  input  wire       eth_rxc,
  input  wire [3:0] eth_rxd,
  input  wire       eth_rxctl,
  output wire       eth_mdc,
  inout  wire       eth_mdio,
  output wire       eth_rst_n
);
  wire       clk, locked, rst;
  wire [7:0] gpio_out;

  obti_board_pll #(
    .ClkiDiv     (PllClkiDiv),
    .ClkfbDiv    (PllClkfbDiv),
    .ClkopDiv    (PllClkopDiv),
    .ClkopCphase (PllClkopCphase)
  ) u_pll (
    .i_clk_ref (clk25),
    .o_clk     (clk),
    .o_locked  (locked)
  );

  obti_board_rst u_rst (
    .clk      (clk),
    .i_locked (locked),
    .i_button (!btn_n),
    .o_rst    (rst)
  );

  // --- Ethernet: RGMII through the ECP5 DDR flops, MDIO through a tristate
  wire       rgmii_rxc, rgmii_rxctl_r, rgmii_rxctl_f;
  wire [3:0] rgmii_rxd_r, rgmii_rxd_f, rgmii_txd_r, rgmii_txd_f;
  wire       rgmii_txc_r, rgmii_txc_f, rgmii_txctl_r, rgmii_txctl_f;
  wire       mdio_o, mdio_oe, mdio_i;

  obti_board_rgmii u_rgmii (
    .clk         (clk),
    .rst         (rst),
    .o_pad_txc   (eth_txc),
    .o_pad_txd   (eth_txd),
    .o_pad_txctl (eth_txctl),
    .i_pad_rxc   (eth_rxc),
    .i_pad_rxd   (eth_rxd),
    .i_pad_rxctl (eth_rxctl),
    .o_rxc       (rgmii_rxc),
    .o_rxd_r     (rgmii_rxd_r),
    .o_rxd_f     (rgmii_rxd_f),
    .o_rxctl_r   (rgmii_rxctl_r),
    .o_rxctl_f   (rgmii_rxctl_f),
    .i_txc_r     (rgmii_txc_r),
    .i_txc_f     (rgmii_txc_f),
    .i_txd_r     (rgmii_txd_r),
    .i_txd_f     (rgmii_txd_f),
    .i_txctl_r   (rgmii_txctl_r),
    .i_txctl_f   (rgmii_txctl_f)
  );

  obti_board_tristate u_mdio (
    .io_pad (eth_mdio),
    .i_o    (mdio_o),
    .i_oe   (mdio_oe),
    .o_i    (mdio_i)
  );

  // The PHY leaves reset with the SoC (the PLL has locked by then).
  assign eth_rst_n = !rst;

  obti_soc #(
    .CodeBytes    (CodeBytes),
    .RomBytes     (RomBytes),
    .DataBytes    (DataBytes),
    .GpioOutWidth (8),
    .GpioInWidth  (8),
    .Sim          (1'b0),
    .CodeInitFile (CodeInitFile),
    .EthRgmii     (1),
    // One AES round engine: the 45F's 108 DP16KD do not hold the second
    // one's 10 with 128 KiB code + 32 KiB data (docs/boards.md).
    .AesKsCores   (1)
  ) u_soc (
    .clk       (clk),
    .rst       (rst),
    .i_rgmii_rxc     (rgmii_rxc),
    .i_rgmii_rxd_r   (rgmii_rxd_r),
    .i_rgmii_rxd_f   (rgmii_rxd_f),
    .i_rgmii_rxctl_r (rgmii_rxctl_r),
    .i_rgmii_rxctl_f (rgmii_rxctl_f),
    .o_rgmii_txc_r   (rgmii_txc_r),
    .o_rgmii_txc_f   (rgmii_txc_f),
    .o_rgmii_txd_r   (rgmii_txd_r),
    .o_rgmii_txd_f   (rgmii_txd_f),
    .o_rgmii_txctl_r (rgmii_txctl_r),
    .o_rgmii_txctl_f (rgmii_txctl_f),
    .o_mdc           (eth_mdc),
    .o_mdio_o        (mdio_o),
    .o_mdio_oe       (mdio_oe),
    .i_mdio_i        (mdio_i),
    .o_uart_tx (uart_tx),
    .i_uart_rx (uart_rx),
    .o_gpio    (gpio_out),
    .i_gpio    (8'd0)
  );

  assign led_n = !gpio_out[0];
  wire unused_ok = &{1'b0, gpio_out[7:1]};
endmodule
