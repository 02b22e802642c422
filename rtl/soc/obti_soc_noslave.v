`default_nettype none
// Placeholder for a reserved bus window whose peripheral is not built in:
// every access is granted and answered with a bus error, so firmware gets an
// access fault rather than silent zeros.
module obti_soc_noslave (
  input  wire        clk,
  input  wire        rst,
  input  wire        i_req,
  output wire        o_gnt,
  output reg         o_rvalid,
  output wire [31:0] o_rdata,
  output wire        o_err
);
  always @(posedge clk) begin
    if (rst) o_rvalid <= 1'b0;
    else     o_rvalid <= i_req;
  end
  assign o_gnt   = 1'b1;
  assign o_rdata = 32'd0;
  assign o_err   = 1'b1;
endmodule
