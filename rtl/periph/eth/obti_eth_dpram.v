`default_nettype none
// Simple dual-port block RAM: one write port, one read port with a
// registered output (the read data appears one cycle after the address).
module obti_eth_dpram #(
  parameter integer Words = 512,
  parameter integer Aw    = $clog2(Words)
) (
  input  wire          clk,
  input  wire          i_we,
  input  wire [Aw-1:0] i_waddr,
  input  wire [31:0]   i_wdata,
  input  wire [Aw-1:0] i_raddr,
  output reg  [31:0]   o_rdata
);
  reg [31:0] mem_q [0:Words-1];

  always @(posedge clk) begin
    if (i_we)
      mem_q[i_waddr] <= i_wdata;
    o_rdata <= mem_q[i_raddr];
  end
endmodule
