`default_nettype none
// Integer ALU: the RV32I register-register and register-immediate operations.
module obti_core_alu (
  input  wire [3:0]  i_op,
  input  wire [31:0] i_a,
  input  wire [31:0] i_b,
  output reg  [31:0] o_result
);
  `include "obti_core_defs.vh"

  wire [4:0]  shamt = i_b[4:0];
  wire [32:0] diff  = {1'b0, i_a} - {1'b0, i_b};
  // a < b signed: the sign of a - b, corrected when the operands' signs differ.
  wire        lt_s  = (i_a[31] != i_b[31]) ? i_a[31] : diff[31];
  wire        lt_u  = diff[32];

  always @* begin
    case (i_op)
      AluAdd:  o_result = i_a + i_b;
      AluSub:  o_result = diff[31:0];
      AluSll:  o_result = i_a << shamt;
      AluSlt:  o_result = {31'd0, lt_s};
      AluSltu: o_result = {31'd0, lt_u};
      AluXor:  o_result = i_a ^ i_b;
      AluSrl:  o_result = i_a >> shamt;
      AluSra:  o_result = $unsigned($signed(i_a) >>> shamt);
      AluOr:   o_result = i_a | i_b;
      AluAnd:  o_result = i_a & i_b;
      default: o_result = i_a + i_b;
    endcase
  end
endmodule
