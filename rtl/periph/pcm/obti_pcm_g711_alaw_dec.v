`default_nettype none
// G.711 A-law decoder, bit-exact with the ITU-T G.191 reference
// (alaw_expand): 8-bit code in, 16-bit linear out (+-32256), combinational.
// The magnitude is the middle of the code's interval: segment 0 is
// 16*mant + 8, segment s >= 1 is (33 + 2*mant) << (s + 2).
module obti_pcm_g711_alaw_dec (
  input  wire [7:0]  i_code,
  output wire [15:0] o_lin
);
  wire [7:0]  c    = i_code ^ 8'h55;
  wire [2:0]  seg  = c[6:4];
  wire [3:0]  mant = c[3:0];
  wire [14:0] seg0 = {7'd0, mant, 4'b1000};
  wire [14:0] segn = {7'd0, 1'b1, mant, 1'b1, 2'b00} << seg;  // (33 + 2*mant) << (seg + 2)
  wire [14:0] mag  = (seg == 3'd0) ? seg0 : segn;
  wire [15:0] pos  = {1'b0, mag};
  assign o_lin = c[7] ? pos : 16'd0 - pos;
endmodule
