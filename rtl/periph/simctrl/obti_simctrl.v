`default_nettype none
// Simulation control: a write to EXIT ends a simulation with that exit code;
// SIM tells firmware whether it runs in the simulator. On a board (Sim = 0)
// EXIT does nothing. Registers: docs/registers/simctrl.md.
module obti_simctrl #(
  parameter bit Sim = 1'b0
) (
  input  wire        clk,
  input  wire        rst,
  input  wire        i_req,
  input  wire        i_we,
  input  wire [11:0] i_addr,
  input  wire [3:0]  i_be,
  input  wire [31:0] i_wdata,
  output wire        o_gnt,
  output reg         o_rvalid,
  output reg  [31:0] o_rdata,
  output wire        o_err
);
  `include "obti_simctrl_regs.vh"

  always @(posedge clk) begin
    if (rst) begin
      o_rvalid <= 1'b0;
      o_rdata  <= 32'd0;
    end else begin
      o_rvalid <= i_req;
      o_rdata  <= (i_req && !i_we && i_addr == SimctrlSim) ? {31'd0, Sim} : 32'd0;
    end
  end

  assign o_gnt = 1'b1;
  assign o_err = 1'b0;

`ifdef OBTI_SIM
  import "DPI-C" function void obti_sim_exit(input int code);
  always @(posedge clk) begin
    if (!rst && Sim && i_req && i_we && i_addr == SimctrlExit)
      obti_sim_exit(i_wdata);
  end
`endif

  wire unused_ok = &{1'b0, i_be, i_wdata};
endmodule
