`default_nettype none
// G.711 mu-law encoder, bit-exact with the ITU-T G.191 reference
// (ulaw_compress): 16-bit linear in, 8-bit code out, combinational.
// Negative inputs use the one's complement magnitude (so -1 encodes like 0
// with the sign bit clear); the 14-bit magnitude is biased by 33, clipped at
// 8191, and the segment is the position of its leading one.
module obti_pcm_g711_ulaw_enc (
  input  wire [15:0] i_lin,
  output reg  [7:0]  o_code
);
  wire        neg  = i_lin[15];
  wire [14:0] mag  = neg ? ~i_lin[14:0] : i_lin[14:0];
  wire [13:0] bsum = {1'b0, mag[14:2]} + 14'd33;          // 33..8224
  wire [12:0] bias = bsum[13] ? 13'h1FFF : bsum[12:0];    // clip at 8191

  reg [2:0] seg;
  reg [3:0] mant;
  always @* begin
    seg  = 3'd0;
    mant = bias[4:1];
    if      (bias[12]) begin seg = 3'd7; mant = bias[11:8]; end
    else if (bias[11]) begin seg = 3'd6; mant = bias[10:7]; end
    else if (bias[10]) begin seg = 3'd5; mant = bias[9:6];  end
    else if (bias[9])  begin seg = 3'd4; mant = bias[8:5];  end
    else if (bias[8])  begin seg = 3'd3; mant = bias[7:4];  end
    else if (bias[7])  begin seg = 3'd2; mant = bias[6:3];  end
    else if (bias[6])  begin seg = 3'd1; mant = bias[5:2];  end
    o_code = {~neg, ~seg, ~mant};
  end

  wire unused_ok = &{1'b0, mag[1:0], bias[0]};
endmodule
