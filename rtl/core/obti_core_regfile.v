`default_nettype none
// Register file: 31 registers (x0 reads zero), two asynchronous read ports
// and one write port. A write in the same cycle as a read of the same
// register is passed through, so the decode stage sees the value the
// write-back stage is retiring.
module obti_core_regfile (
  input  wire        clk,
  input  wire [4:0]  i_rs1,
  input  wire [4:0]  i_rs2,
  output wire [31:0] o_rs1,
  output wire [31:0] o_rs2,
  input  wire        i_we,
  input  wire [4:0]  i_rd,
  input  wire [31:0] i_wdata
);
  reg [31:0] regs_q [1:31];

  always @(posedge clk) begin
    if (i_we && i_rd != 5'd0)
      regs_q[i_rd] <= i_wdata;
  end

  wire hit1 = i_we && (i_rd == i_rs1);
  wire hit2 = i_we && (i_rd == i_rs2);
  assign o_rs1 = (i_rs1 == 5'd0) ? 32'd0 : hit1 ? i_wdata : regs_q[i_rs1];
  assign o_rs2 = (i_rs2 == 5'd0) ? 32'd0 : hit2 ? i_wdata : regs_q[i_rs2];
endmodule
