`default_nettype none
// Reset synchronizer: the SoC reset asserts at once (asynchronously) while
// the PLL is unlocked or the reset button is pressed, and releases
// synchronously HoldCycles system clocks after both are gone, so every flop
// leaves reset in the same cycle.
module obti_board_rst #(
  parameter integer HoldCycles = 16
) (
  input  wire clk,
  input  wire i_locked,
  input  wire i_button,      // 1 = reset requested (already de-bounced or not: held anyway)
  output wire o_rst
);
  localparam integer Cw = $clog2(HoldCycles + 1);

  wire          arst = !i_locked || i_button;
  reg  [1:0]    sync_q;
  reg  [Cw-1:0] count_q;
  reg           rst_q;

  always @(posedge clk or posedge arst) begin
    if (arst) begin
      sync_q  <= 2'b00;
      count_q <= {Cw{1'b0}};
      rst_q   <= 1'b1;
    end else begin
      sync_q <= {sync_q[0], 1'b1};
      if (sync_q[1] && count_q != HoldCycles[Cw-1:0])
        count_q <= count_q + 1'b1;
      rst_q <= !(sync_q[1] && count_q == HoldCycles[Cw-1:0]);
    end
  end

  assign o_rst = rst_q;
endmodule
