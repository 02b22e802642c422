`default_nettype none
// ULX3S (LFE5U-85F/45F/25F, CABGA381) top level: 25 MHz oscillator -> PLL ->
// system clock, reset from PLL lock and the PWR button, console UART on the
// FT231X, GPIO outputs on the eight LEDs, GPIO inputs on the six user
// buttons. Pins: constraints/ulx3s.lpf, docs/boards.md.
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
  input  wire [6:0] btn           // btn[0] PWR (active low), btn[6:1] FIRE1 FIRE2 UP DOWN LEFT RIGHT
);
  wire clk, locked, rst;

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

  obti_soc #(
    .CodeBytes    (CodeBytes),
    .RomBytes     (RomBytes),
    .DataBytes    (DataBytes),
    .GpioOutWidth (8),
    .GpioInWidth  (8),
    .Sim          (1'b0),
    .CodeInitFile (CodeInitFile)
  ) u_soc (
    .clk       (clk),
    .rst       (rst),
    .o_uart_tx (ftdi_rxd),
    .i_uart_rx (ftdi_txd),
    .o_gpio    (led),
    .i_gpio    ({2'b00, btn[6:1]})
  );
endmodule
