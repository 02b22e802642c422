`default_nettype none
// Colorlight i9 v7.2 (LFE5U-45F-6BG381C) on its extension board: 25 MHz
// oscillator -> PLL -> system clock, reset from PLL lock and the module's
// button, console UART through the extension board's debugger, GPIO output
// 0 on the module's LED (active low), Ethernet on the first of the two
// Broadcom B50612D RGMII PHYs (LiteX's eth 0, MDIO address 0) at 10/100
// Mbit/s through boards/common/obti_board_rgmii.v (docs/ethernet.md), the
// configuration flash (clock through USRMCLK), the SLIC/codec module (PCM,
// SPI) and the noise diode on the extension board's header P3. Pins:
// constraints/colorlight-i9.lpf, docs/boards.md.
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
  output wire       eth_rst_n,
  // configuration SPI flash (the clock pin is reached through USRMCLK)
  output wire       flash_csn,
  output wire       flash_mosi,
  input  wire       flash_miso,
  // SLIC/codec module and noise diode on extension board header P3 (docs/boards.md)
  output wire       pcm_bclk,
  output wire       pcm_fsync,
  output wire       pcm_dx,
  input  wire       pcm_dr,
  output wire       slic_sclk,
  output wire       slic_cs_n,
  output wire       slic_sdi,
  input  wire       slic_sdo,
  input  wire       slic_int_n,
  output wire       slic_reset_n,
  input  wire       trng_noise
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
  wire       flash_sck;
  wire       rmii_txen_nc;   // the RMII MAC's pins: unused with EthRgmii = 1
  wire [1:0] rmii_txd_nc;

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
    .o_rmii_txen     (rmii_txen_nc),
    .o_rmii_txd      (rmii_txd_nc),
    .i_rmii_crs_dv   (1'b0),
    .i_rmii_rxd      (2'b00),
    .i_trng_noise    (trng_noise),
    .o_pcm_bclk      (pcm_bclk),
    .o_pcm_fsync     (pcm_fsync),
    .o_pcm_dx        (pcm_dx),
    .i_pcm_dr        (pcm_dr),
    .o_slic_sclk     (slic_sclk),
    .o_slic_cs_n     (slic_cs_n),
    .o_slic_sdi      (slic_sdi),
    .i_slic_sdo      (slic_sdo),
    .i_slic_int_n    (slic_int_n),
    .o_slic_reset_n  (slic_reset_n),
    .o_flash_sck     (flash_sck),
    .o_flash_cs_n    (flash_csn),
    .o_flash_mosi    (flash_mosi),
    .i_flash_miso    (flash_miso),
    .o_uart_tx (uart_tx),
    .i_uart_rx (uart_rx),
    .o_gpio    (gpio_out),
    .i_gpio    (8'd0)
  );

  assign led_n = !gpio_out[0];
  wire unused_ok = &{1'b0, gpio_out[7:1], rmii_txen_nc, rmii_txd_nc};

  obti_board_flash_clk u_flash_clk (
    .i_sck (flash_sck)
  );
endmodule
