`default_nettype none
// Load/store lane logic: in the execute stage, the byte enables, the
// shifted store data and the alignment check; in the memory stage, the
// selection and sign or zero extension of the loaded lanes.
module obti_core_lsu (
  // execute stage
  input  wire [2:0]  i_ex_funct3,     // size: 0 byte, 1 half, 2 word; bit 2 unsigned
  input  wire [31:0] i_ex_addr,
  input  wire [31:0] i_ex_store_data,
  output reg  [3:0]  o_ex_be,
  output wire [31:0] o_ex_wdata,
  output wire        o_ex_misaligned,

  // memory stage
  input  wire [2:0]  i_mem_funct3,
  input  wire [1:0]  i_mem_addr_lo,
  input  wire [31:0] i_mem_rdata,
  output reg  [31:0] o_mem_load
);
  wire [1:0] lo = i_ex_addr[1:0];

  assign o_ex_misaligned = (i_ex_funct3[1:0] == 2'd1 && lo[0]) ||
                           (i_ex_funct3[1:0] == 2'd2 && lo != 2'd0);

  always @* begin
    case (i_ex_funct3[1:0])
      2'd0:    o_ex_be = 4'b0001 << lo;
      2'd1:    o_ex_be = lo[1] ? 4'b1100 : 4'b0011;
      default: o_ex_be = 4'b1111;
    endcase
  end

  // Replicate the value across the lanes; the byte enables pick the right ones.
  assign o_ex_wdata = (i_ex_funct3[1:0] == 2'd0) ? {4{i_ex_store_data[7:0]}} :
                      (i_ex_funct3[1:0] == 2'd1) ? {2{i_ex_store_data[15:0]}} :
                                                   i_ex_store_data;

  wire [31:0] shifted = i_mem_rdata >> {i_mem_addr_lo, 3'b000};
  always @* begin
    case (i_mem_funct3)
      3'b000:  o_mem_load = {{24{shifted[7]}}, shifted[7:0]};
      3'b001:  o_mem_load = {{16{shifted[15]}}, shifted[15:0]};
      3'b100:  o_mem_load = {24'd0, shifted[7:0]};
      3'b101:  o_mem_load = {16'd0, shifted[15:0]};
      default: o_mem_load = i_mem_rdata;
    endcase
  end
  wire unused_ok = &{1'b0, i_ex_funct3[2], i_ex_addr[31:2], shifted[31:16]};
endmodule
