`default_nettype none
// AES S-box and inverse S-box sharing one GF(2^8) inverter in the tower field
// GF((2^4)^2) (GF(16) = GF(2)[x]/(x^4+x+1), y^2 = y + 8), after Canright's
// idea: the affine maps and the change of basis fold into one 8x8 bit matrix
// before and one after the inverter. The matrices were derived (and checked
// against all 256 entries of FIPS-197 Fig. 7 and 14) by
// rtl/periph/aes/obti_aes_sbox_gen.py.
module obti_aes_sbox (
  input  wire       i_inv,   // 1 = inverse S-box
  input  wire [7:0] i_x,
  output wire [7:0] o_y
);
  // Row i of a matrix is byte i: output bit i = parity(row_i & input).
  localparam [63:0] FwdIn      = 64'ha0acd27018fc04a1;  // AES basis -> tower
  localparam [63:0] FwdOut     = 64'h06d0ee3b25693f45;  // affine . tower -> AES
  localparam [63:0] InvIn      = 64'hc67178f76f129262;  // tower . inverse affine
  localparam [63:0] InvOut     = 64'hd48e54cac202b081;  // tower -> AES
  localparam [7:0]  InvInConst = 8'h47;                 // tower . inverse affine (0x63)
  localparam [7:0]  FwdOutConst = 8'h63;

  function automatic [7:0] matmul(input [63:0] m, input [7:0] x);
    integer i;
    begin
      for (i = 0; i < 8; i = i + 1)
        matmul[i] = ^(m[8*i +: 8] & x);
    end
  endfunction

  // GF(16) multiply modulo x^4 + x + 1
  function automatic [3:0] gmul4(input [3:0] a, input [3:0] b);
    reg [6:0] p;
    integer i;
    begin
      p = 7'd0;
      for (i = 0; i < 4; i = i + 1)
        if (b[i]) p = p ^ ({3'd0, a} << i);
      gmul4 = p[3:0] ^ {p[6], p[6] ^ p[5], p[5] ^ p[4], p[4]};
    end
  endfunction

  // GF(16) inverse (0 -> 0): a 4-input table, one LUT4 per output bit.
  function automatic [3:0] ginv4(input [3:0] a);
    case (a)
      4'h0: ginv4 = 4'h0; 4'h1: ginv4 = 4'h1; 4'h2: ginv4 = 4'h9; 4'h3: ginv4 = 4'he;
      4'h4: ginv4 = 4'hd; 4'h5: ginv4 = 4'hb; 4'h6: ginv4 = 4'h7; 4'h7: ginv4 = 4'h6;
      4'h8: ginv4 = 4'hf; 4'h9: ginv4 = 4'h2; 4'ha: ginv4 = 4'hc; 4'hb: ginv4 = 4'h5;
      4'hc: ginv4 = 4'ha; 4'hd: ginv4 = 4'h4; 4'he: ginv4 = 4'h3; default: ginv4 = 4'h8;
    endcase
  endfunction

  wire [7:0] t  = i_inv ? (matmul(InvIn, i_x) ^ InvInConst) : matmul(FwdIn, i_x);
  wire [3:0] ah = t[7:4];
  wire [3:0] al = t[3:0];
  // (ah*y + al)^-1 = (ah*y + ah + al) * d^-1, d = ah^2*8 + ah*al + al^2
  wire [3:0] d  = gmul4(gmul4(ah, ah), 4'h8) ^ gmul4(ah, al) ^ gmul4(al, al);
  wire [3:0] di = ginv4(d);
  wire [7:0] u  = {gmul4(ah, di), gmul4(ah ^ al, di)};
  assign o_y = i_inv ? matmul(InvOut, u) : (matmul(FwdOut, u) ^ FwdOutConst);
endmodule
