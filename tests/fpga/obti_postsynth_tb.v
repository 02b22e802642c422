`default_nettype none
`timescale 1ns / 1ps
// Post-synthesis testbench: drives the Yosys ECP5 netlist of obti_soc (with
// Yosys' ECP5 cell models) from reset, decodes its UART transmit line and
// prints what the firmware sends, as the Verilator harness does. The
// netlist has no simulation-control hooks, so the run ends when the
// firmware has printed a line starting with EndMarker, or after MaxCycles.
module obti_postsynth_tb;
  parameter integer UartDiv   = 8;          // FW_SIM_UART_DIV: the firmware's bit period under Sim
  parameter integer MaxCycles = 2000000;
  localparam [8*11-1:0] EndMarker = "self-test: ";

  reg clk = 1'b0;
  reg rst = 1'b1;
  wire       uart_tx;
  wire [7:0] gpio_out;

  obti_soc u_soc (
    .clk       (clk),
    .rst       (rst),
    .o_uart_tx (uart_tx),
    .i_uart_rx (1'b1),
    .o_gpio    (gpio_out),
    .i_gpio    (8'd0)
  );

  always #5 clk = ~clk;

  integer cycle = 0;
  always @(posedge clk) begin
    cycle <= cycle + 1;
    if (cycle == 8) rst <= 1'b0;
    if (cycle >= MaxCycles) begin
      $display("");
      $display("postsynth: cycle limit %0d reached", MaxCycles);
      $finish;
    end
  end

  // UART receiver: sample the middle of each bit, UartDiv cycles per bit.
  integer    count = 0;
  integer    bitn  = -1;           // -1 idle, 0..7 data, 8 stop
  reg  [7:0] shift = 8'd0;
  reg  [8*11-1:0] line_head = 0;   // first characters of the current line
  integer    line_len = 0;
  reg        ending = 1'b0;

  always @(posedge clk) begin
    if (!rst) begin
      if (bitn < 0) begin
        if (uart_tx == 1'b0) begin
          bitn  <= 0;
          count <= UartDiv + UartDiv / 2 - 1;
        end
      end else if (count > 0) begin
        count <= count - 1;
      end else if (bitn < 8) begin
        shift <= {uart_tx, shift[7:1]};
        bitn  <= bitn + 1;
        count <= UartDiv - 1;
      end else begin
        bitn <= -1;
        $write("%c", shift);
        $fflush;
        if (shift == 8'h0a) begin
          if (ending) begin
            $fflush;
            $finish;
          end
          line_len <= 0;
        end else begin
          if (line_len < 11) line_head <= {line_head[8*10-1:0], shift};
          line_len <= line_len + 1;
          if (line_len == 10 && {line_head[8*10-1:0], shift} == EndMarker)
            ending <= 1'b1;
        end
      end
    end
  end
endmodule
