`default_nettype none
// G.711 A-law encoder, bit-exact with the ITU-T G.191 reference
// (alaw_compress): 16-bit linear in, 8-bit code out, combinational.
// Negative inputs use the one's complement magnitude; the 12-bit magnitude
// (16-bit >> 4) gives the segment from its leading one, and the even bits
// of the result are inverted (XOR 0x55) as G.711 prescribes.
module obti_pcm_g711_alaw_enc (
  input  wire [15:0] i_lin,
  output reg  [7:0]  o_code
);
  wire        neg = i_lin[15];
  wire [14:0] mag = neg ? ~i_lin[14:0] : i_lin[14:0];
  wire [10:0] m   = mag[14:4];                             // 0..2047

  reg [2:0] seg;
  reg [3:0] mant;
  always @* begin
    seg  = {2'b00, m[4]};                                  // segments 0 and 1: step 1
    mant = m[3:0];
    if      (m[10]) begin seg = 3'd7; mant = m[9:6]; end
    else if (m[9])  begin seg = 3'd6; mant = m[8:5]; end
    else if (m[8])  begin seg = 3'd5; mant = m[7:4]; end
    else if (m[7])  begin seg = 3'd4; mant = m[6:3]; end
    else if (m[6])  begin seg = 3'd3; mant = m[5:2]; end
    else if (m[5])  begin seg = 3'd2; mant = m[4:1]; end
    o_code = {~neg, seg, mant} ^ 8'h55;
  end

  wire unused_ok = &{1'b0, mag[3:0]};
endmodule
