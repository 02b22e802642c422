`default_nettype none
// LambdaConcept ECPIX-5 (LFE5UM5G-85F-8BG554I): 100 MHz oscillator -> PLL
// -> system clock, reset from PLL lock, console UART on the FT2232's second
// channel, GPIO outputs on the four RGB LEDs (active low): bits 0..3 the red
// and bits 4..7 the green elements of LD5..LD8, blue off. The RGMII PHY is
// pinned in constraints/ecpix5.lpf for the Ethernet issue.
module obti_ecpix5 #(
  parameter integer CodeBytes    = 262144,
  parameter integer RomBytes     = 16384,
  parameter integer DataBytes    = 65536,
  parameter         CodeInitFile = "",
  parameter integer PllClkiDiv     = 1,
  parameter integer PllClkfbDiv    = 1,
  parameter integer PllClkopDiv    = 6,
  parameter integer PllClkopCphase = 5
) (
  input  wire       clk100,
  output wire       uart_tx,
  input  wire       uart_rx,
  output wire [3:0] led_r_n,
  output wire [3:0] led_g_n,
  output wire [3:0] led_b_n
);
  wire       clk, locked, rst;
  wire [7:0] gpio_out;

  obti_board_pll #(
    .ClkiDiv     (PllClkiDiv),
    .ClkfbDiv    (PllClkfbDiv),
    .ClkopDiv    (PllClkopDiv),
    .ClkopCphase (PllClkopCphase)
  ) u_pll (
    .i_clk_ref (clk100),
    .o_clk     (clk),
    .o_locked  (locked)
  );

  obti_board_rst u_rst (
    .clk      (clk),
    .i_locked (locked),
    .i_button (1'b0),
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

  assign led_r_n = ~gpio_out[3:0];
  assign led_g_n = ~gpio_out[7:4];
  assign led_b_n = 4'hF;
endmodule
