`default_nettype none
// Bus interconnect (docs/bus.md): one master, NumSlaves slaves. A request
// goes to the slave whose window matches ((addr & Mask) == Base); the
// granted slave is remembered for the one-cycle-later response. An address
// no window covers is granted at once and answered with an error.
module obti_soc_xbar #(
  parameter integer              NumSlaves = 2,
  parameter [NumSlaves*32-1:0]   Bases     = {32'h1000_0000, 32'h0000_0000},
  parameter [NumSlaves*32-1:0]   Masks     = {32'hFFFF_0000, 32'hFFFC_0000}
) (
  input  wire                  clk,
  input  wire                  rst,
  // master side
  input  wire                  i_req,
  output wire                  o_gnt,
  output wire                  o_rvalid,
  output reg  [31:0]           o_rdata,
  output wire                  o_err,
  input  wire [31:0]           i_addr,
  // slave side: requests fan out, responses come back per slave
  output wire [NumSlaves-1:0]  o_s_req,
  input  wire [NumSlaves-1:0]  i_s_gnt,
  input  wire [NumSlaves-1:0]  i_s_rvalid,
  input  wire [NumSlaves*32-1:0] i_s_rdata,
  input  wire [NumSlaves-1:0]  i_s_err
);
  reg [NumSlaves-1:0] sel;
  integer k;
  always @* begin
    for (k = 0; k < NumSlaves; k = k + 1)
      sel[k] = ((i_addr & Masks[k*32 +: 32]) == Bases[k*32 +: 32]);
  end

  wire unmapped = (sel == {NumSlaves{1'b0}});

  assign o_s_req = sel & {NumSlaves{i_req}};
  assign o_gnt   = unmapped ? 1'b1 : |(sel & i_s_gnt);

  reg [NumSlaves-1:0] resp_sel_q;
  reg                 resp_unmapped_q;
  always @(posedge clk) begin
    if (rst) begin
      resp_sel_q      <= {NumSlaves{1'b0}};
      resp_unmapped_q <= 1'b0;
    end else begin
      resp_sel_q      <= (i_req && o_gnt) ? sel : {NumSlaves{1'b0}};
      resp_unmapped_q <= i_req && unmapped;
    end
  end

  always @* begin
    o_rdata = 32'd0;
    for (k = 0; k < NumSlaves; k = k + 1)
      if (resp_sel_q[k])
        o_rdata = o_rdata | i_s_rdata[k*32 +: 32];
  end
  assign o_rvalid = resp_unmapped_q || |(resp_sel_q & i_s_rvalid);
  assign o_err    = resp_unmapped_q || |(resp_sel_q & i_s_rvalid & i_s_err);
endmodule
