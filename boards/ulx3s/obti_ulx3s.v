`default_nettype none
// ULX3S (LFE5U-85F/45F/25F, CABGA381) top level: 25 MHz oscillator -> PLL ->
// system clock, reset from PLL lock and the PWR button, console UART on the
// FT231X, GPIO outputs on the eight LEDs, GPIO inputs on the six user
// buttons, the configuration flash (clock through USRMCLK), the SLIC/codec
// module (PCM, SPI) and the noise diode on header J1, the RMII PHY module on
// header J2. Pins: constraints/ulx3s.lpf, docs/boards.md.
module obti_ulx3s #(
  parameter integer CodeBytes    = 262144,
  parameter integer RomBytes     = 16384,
  parameter integer DataBytes    = 65536,
  parameter         CodeInitFile = "",
  parameter integer PllClkiDiv     = 1,
  parameter integer PllClkfbDiv    = 4,
  parameter integer PllClkopDiv    = 6,
  parameter integer PllClkopCphase = 5
) (
  input  wire       clk_25mhz,
  output wire       ftdi_rxd,     // FPGA transmits to the FT231X
  input  wire       ftdi_txd,     // FPGA receives from the FT231X
  output wire [7:0] led,
  input  wire [6:0] btn,          // btn[0] PWR (active low), btn[6:1] FIRE1 FIRE2 UP DOWN LEFT RIGHT
  // configuration SPI flash (the clock pin is reached through USRMCLK)
  output wire       flash_csn,
  output wire       flash_mosi,
  input  wire       flash_miso,
  output wire       flash_holdn,
  output wire       flash_wpn,
  // header J1: SLIC/codec module and noise diode (docs/boards.md)
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
  input  wire       trng_noise,
  // header J2: RMII PHY module
  output wire       rmii_txen,
  output wire [1:0] rmii_txd,
  input  wire       rmii_crs_dv,
  input  wire [1:0] rmii_rxd,
  output wire       rmii_mdc,
  inout  wire       rmii_mdio
);
  wire clk, locked, rst;
  wire flash_sck, mdio_o, mdio_oe, mdio_i;

  obti_board_pll #(
    .ClkiDiv     (PllClkiDiv),
    .ClkfbDiv    (PllClkfbDiv),
    .ClkopDiv    (PllClkopDiv),
    .ClkopCphase (PllClkopCphase)
  ) u_pll (
    .i_clk_ref (clk_25mhz),
    .o_clk     (clk),
    .o_locked  (locked)
  );

  obti_board_rst u_rst (
    .clk      (clk),
    .i_locked (locked),
    .i_button (!btn[0]),
    .o_rst    (rst)
  );

  // The RGMII MAC's pins: unused with the RMII MAC (EthRgmii = 0).
  wire       rgmii_txc_r_nc, rgmii_txc_f_nc, rgmii_txctl_r_nc, rgmii_txctl_f_nc;
  wire [3:0] rgmii_txd_r_nc, rgmii_txd_f_nc;

  obti_soc #(
    .CodeBytes    (CodeBytes),
    .RomBytes     (RomBytes),
    .DataBytes    (DataBytes),
    .GpioOutWidth (8),
    .GpioInWidth  (8),
    .Sim          (1'b0),
    .CodeInitFile (CodeInitFile)
  ) u_soc (
    .clk            (clk),
    .rst            (rst),
    .i_trng_noise   (trng_noise),
    .o_pcm_bclk     (pcm_bclk),
    .o_pcm_fsync    (pcm_fsync),
    .o_pcm_dx       (pcm_dx),
    .i_pcm_dr       (pcm_dr),
    .o_slic_sclk    (slic_sclk),
    .o_slic_cs_n    (slic_cs_n),
    .o_slic_sdi     (slic_sdi),
    .i_slic_sdo     (slic_sdo),
    .i_slic_int_n   (slic_int_n),
    .o_slic_reset_n (slic_reset_n),
    .o_rmii_txen    (rmii_txen),
    .o_rmii_txd     (rmii_txd),
    .i_rmii_crs_dv  (rmii_crs_dv),
    .i_rmii_rxd     (rmii_rxd),
    .i_rgmii_rxc     (1'b0),
    .i_rgmii_rxd_r   (4'd0),
    .i_rgmii_rxd_f   (4'd0),
    .i_rgmii_rxctl_r (1'b0),
    .i_rgmii_rxctl_f (1'b0),
    .o_rgmii_txc_r   (rgmii_txc_r_nc),
    .o_rgmii_txc_f   (rgmii_txc_f_nc),
    .o_rgmii_txd_r   (rgmii_txd_r_nc),
    .o_rgmii_txd_f   (rgmii_txd_f_nc),
    .o_rgmii_txctl_r (rgmii_txctl_r_nc),
    .o_rgmii_txctl_f (rgmii_txctl_f_nc),
    .o_mdc          (rmii_mdc),
    .o_mdio_o       (mdio_o),
    .o_mdio_oe      (mdio_oe),
    .i_mdio_i       (mdio_i),
    .o_flash_sck    (flash_sck),
    .o_flash_cs_n   (flash_csn),
    .o_flash_mosi   (flash_mosi),
    .i_flash_miso   (flash_miso),
    .o_uart_tx      (ftdi_rxd),
    .i_uart_rx      (ftdi_txd),
    .o_gpio         (led),
    .i_gpio         ({2'b00, btn[6:1]})
  );

  obti_board_flash_clk u_flash_clk (
    .i_sck (flash_sck)
  );
  wire unused_ok = &{1'b0, rgmii_txc_r_nc, rgmii_txc_f_nc, rgmii_txctl_r_nc, rgmii_txctl_f_nc,
                     rgmii_txd_r_nc, rgmii_txd_f_nc};
  assign flash_holdn = 1'b1;
  assign flash_wpn   = 1'b1;

  obti_board_tristate u_mdio (
    .io_pad (rmii_mdio),
    .i_o    (mdio_o),
    .i_oe   (mdio_oe),
    .o_i    (mdio_i)
  );
endmodule
