`default_nettype none
// Multiplier for mul, mulh, mulhsu and mulhu: one 33x33 signed product,
// the operands sign- or zero-extended by the instruction. Combinational; the
// core registers its inputs and its output around it (memory stage), which
// maps onto the ECP5 MULT18X18D blocks.
module obti_core_mul (
  input  wire [1:0]  i_op,     // funct3[1:0]: 0 mul, 1 mulh, 2 mulhsu, 3 mulhu
  input  wire [31:0] i_a,
  input  wire [31:0] i_b,
  output wire [31:0] o_result
);
  wire a_signed = (i_op == 2'd1) || (i_op == 2'd2);
  wire b_signed = (i_op == 2'd1);
  wire signed [32:0] a = {a_signed & i_a[31], i_a};
  wire signed [32:0] b = {b_signed & i_b[31], i_b};
  wire signed [65:0] p = a * b;

  assign o_result = (i_op == 2'd0) ? p[31:0] : p[63:32];

  wire unused_ok = &{1'b0, p[65:64]};
endmodule
