`default_nettype none
// G.711 mu-law decoder, bit-exact with the ITU-T G.191 reference
// (ulaw_expand): 8-bit code in, 16-bit linear out (+-32124), combinational.
// The magnitude is the middle of the code's quantisation interval:
// 4 * (((33 + 2*mant) << seg) - 33).
module obti_pcm_g711_ulaw_dec (
  input  wire [7:0]  i_code,
  output wire [15:0] o_lin
);
  wire [6:0]  inv  = ~i_code[6:0];
  wire [2:0]  seg  = inv[6:4];
  wire [3:0]  mant = inv[3:0];
  wire [12:0] step = {7'd0, 1'b1, mant, 1'b1} << seg;     // (33 + 2*mant) << seg
  wire [12:0] mag  = step - 13'd33;                        // 0..8031
  wire [15:0] pos  = {1'b0, mag, 2'b00};
  assign o_lin = i_code[7] ? pos : 16'd0 - pos;
endmodule
