`default_nettype none
// Interrupt controller: NumLines level-sensitive peripheral lines, an
// enable per line, and mip.MEIP = OR(lines AND enables).
// Registers: docs/registers/irq.md.
module obti_irq #(
  parameter integer NumLines = 8
) (
  input  wire                clk,
  input  wire                rst,
  input  wire                i_req,
  input  wire                i_we,
  input  wire [11:0]         i_addr,
  input  wire [3:0]          i_be,
  input  wire [31:0]         i_wdata,
  output wire                o_gnt,
  output reg                 o_rvalid,
  output reg  [31:0]         o_rdata,
  output wire                o_err,
  input  wire [NumLines-1:0] i_lines,
  output wire                o_irq_ext
);
  `include "obti_irq_regs.vh"

  wire wr = i_req && i_we;
  wire rd = i_req && !i_we;

  reg [NumLines-1:0] enable_q, pending_q;

  always @(posedge clk) begin
    if (rst) begin
      enable_q  <= {NumLines{1'b0}};
      pending_q <= {NumLines{1'b0}};
    end else begin
      pending_q <= i_lines;
      if (wr && i_addr == IrqEnable)
        enable_q <= i_wdata[NumLines-1:0];
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      o_rvalid <= 1'b0;
      o_rdata  <= 32'd0;
    end else begin
      o_rvalid <= i_req;
      o_rdata  <= 32'd0;
      if (rd) begin
        case (i_addr)
          IrqPending: o_rdata[NumLines-1:0] <= pending_q;
          IrqEnable:  o_rdata[NumLines-1:0] <= enable_q;
          IrqActive:  o_rdata[NumLines-1:0] <= pending_q & enable_q;
          default:    o_rdata <= 32'd0;
        endcase
      end
    end
  end

  assign o_gnt     = 1'b1;
  assign o_err     = 1'b0;
  assign o_irq_ext = |(pending_q & enable_q);

  wire unused_ok = &{1'b0, i_be, i_wdata};
endmodule
