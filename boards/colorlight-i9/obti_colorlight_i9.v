`default_nettype none
// Colorlight i9 v7.2 (LFE5U-45F-6BG381C) on its extension board: 25 MHz
// oscillator -> PLL -> system clock, reset from PLL lock and the module's
// button, console UART through the extension board's debugger, GPIO output
// 0 on the module's LED (active low). The two RGMII PHYs are pinned in
// constraints/colorlight-i9.lpf for the Ethernet issue.
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
  input  wire btn_n
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
    .o_uart_tx (uart_tx),
    .i_uart_rx (uart_rx),
    .o_gpio    (gpio_out),
    .i_gpio    (8'd0)
  );

  assign led_n = !gpio_out[0];
  wire unused_ok = &{1'b0, gpio_out[7:1]};
endmodule
