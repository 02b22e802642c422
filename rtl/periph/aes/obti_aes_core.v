`default_nettype none
// AES round engine: one round per clock, the round keys read by index from
// the key store (obti_aes_keys, expanded there once per key): o_ka names the
// key the engine needs in this clock, i_rk returns it in the same clock (an
// asynchronous LUT RAM read). Decryption is FIPS-197's equivalent inverse
// cipher (5.3.5; its keys come from the store's decryption table), so in
// both directions a round is (Inv)MixColumns of the S-boxes, then the round
// key: no key logic lies in the round's datapath.
// Latency from i_start to o_done: Nr + 1 cycles (11 for AES-128, 15 for
// AES-256). Blocks and keys are big-endian: byte 0 of FIPS-197 in bits
// 127:120.
// S-boxes: with SboxRom (the default) 16 lookups per clock in 8 block RAMs
// (obti_aes_sbox_rom), forward or inverse. A block RAM reads synchronously,
// so the state register is the RAMs' address register: each clock computes
// the next state and presents it as the address; the RAMs return its
// S-boxes at the start of the next round. SboxRom = 0 builds the 16 S-boxes
// from logic instead (obti_aes_sbox, about 240 LUT4 each) with an explicit
// state register.
module obti_aes_core #(
  parameter bit SboxRom = 1'b1
) (
  input  wire         clk,
  input  wire         rst,
  input  wire         i_clear,     // wipe state and result
  input  wire         i_start,     // load i_block and run (ignored while busy)
  input  wire         i_dec,       // 1 = inverse cipher
  input  wire         i_k256,
  input  wire [127:0] i_block,
  output wire [4:0]   o_ka,        // {decryption table, index} of the key needed now
  input  wire [127:0] i_rk,        // that key
  output wire         o_busy,
  output reg          o_done,      // one cycle: o_block holds the result
  output wire [127:0] o_block
);
  reg  [127:0] res_q;              // result of the last block
  reg  [3:0]   rnd_q;              // round 1..Nr while busy
  reg          busy_q, dec_q, k256_q;

  wire [3:0] nr   = k256_q ? 4'd14 : 4'd10;
  wire       last = rnd_q == nr;
  wire       load = !busy_q && i_start;

  // k_0 (encryption) or k_Nr (decryption) on a load, then k_r or k_{Nr-r}
  assign o_ka = busy_q ? {dec_q, dec_q ? nr - rnd_q : rnd_q}
                       : {i_dec, i_dec ? (i_k256 ? 4'd14 : 4'd10) : 4'd0};

  function automatic [7:0] xt(input [7:0] b);       // multiply by {02}
    xt = {b[6:0], 1'b0} ^ (b[7] ? 8'h1b : 8'h00);
  endfunction

  // ---- round -------------------------------------------------------------
  wire [127:0] sub;                 // S-boxes of the state (inverse when decrypting)

  // byte n of the block (column n/4, row n%4)
  function automatic [7:0] bsel(input [127:0] s, input integer n);
    bsel = s[127 - 8*n -: 8];
  endfunction
  // ShiftRows: row r moves left by r; InvShiftRows right by r
  reg [127:0] sr;
  integer c, r;
  always @* begin
    sr = 128'd0;
    for (c = 0; c < 4; c = c + 1)
      for (r = 0; r < 4; r = r + 1)
        sr[127 - 8*(4*c + r) -: 8] = dec_q ? bsel(sub, 4*((c + 4 - r) % 4) + r)
                                           : bsel(sub, 4*((c + r) % 4) + r);
  end

  // MixColumns; InvMixColumns = MixColumns after multiplying each column by
  // {04}x^2 + {05} (FIPS-197 4.3 identity), so both share the one MixColumns.
  function automatic [31:0] mixcol(input [31:0] x);
    reg [7:0] a0, a1, a2, a3;
    begin
      a0 = x[31:24]; a1 = x[23:16]; a2 = x[15:8]; a3 = x[7:0];
      mixcol = {xt(a0 ^ a1) ^ a1 ^ a2 ^ a3, xt(a1 ^ a2) ^ a2 ^ a3 ^ a0,
                xt(a2 ^ a3) ^ a3 ^ a0 ^ a1, xt(a3 ^ a0) ^ a0 ^ a1 ^ a2};
    end
  endfunction
  // premix gated by dec: the identity when encrypting
  function automatic [31:0] premix(input [31:0] x, input en);
    reg [7:0] u, v;
    begin
      u = en ? xt(xt(x[31:24] ^ x[15:8])) : 8'd0;
      v = en ? xt(xt(x[23:16] ^ x[7:0])) : 8'd0;
      premix = x ^ {u, v, u, v};
    end
  endfunction

  reg  [127:0] mc_out;
  always @* begin
    for (c = 0; c < 4; c = c + 1)
      mc_out[127 - 32*c -: 32] = mixcol(premix(sr[127 - 32*c -: 32], dec_q));
  end
  wire [127:0] rnd_out = (last ? sr : mc_out) ^ i_rk;
  wire [127:0] st_d    = load ? i_block ^ i_rk : rnd_out;

  // ---- S-boxes ---------------------------------------------------------------
  genvar g;
  generate
    if (SboxRom) begin : g_rom
      // read while running or loading; a clear reads address 0, so no state
      // of the last block stays in the RAMs' address registers
      wire         en   = busy_q || i_start || i_clear || rst;
      wire         wipe = i_clear || rst;
      wire [127:0] st_a = wipe ? 128'd0 : st_d;
      wire         inv  = !wipe && (busy_q ? dec_q : i_dec);
      for (g = 0; g < 8; g = g + 1) begin : g_round
        obti_aes_sbox_rom u_rom (
          .clk (clk), .i_en (en),
          .i_addr_a ({inv, st_a[16*g +: 8]}), .i_addr_b ({inv, st_a[16*g + 8 +: 8]}),
          .o_data_a (sub[16*g +: 8]),         .o_data_b (sub[16*g + 8 +: 8])
        );
      end
    end else begin : g_logic
      reg [127:0] state_q;
      always @(posedge clk) begin
        if (rst || i_clear)          state_q <= 128'd0;
        else if (busy_q || i_start) state_q <= st_d;
      end
      for (g = 0; g < 16; g = g + 1) begin : g_round
        obti_aes_sbox u_sbox (.i_inv(dec_q), .i_x(state_q[8*g +: 8]), .o_y(sub[8*g +: 8]));
      end
    end
  endgenerate

  // ---- sequencing ----------------------------------------------------------
  always @(posedge clk) begin
    o_done <= 1'b0;
    if (rst || i_clear) begin
      res_q  <= 128'd0;
      rnd_q  <= 4'd0;
      busy_q <= 1'b0;
      dec_q  <= 1'b0;
      k256_q <= 1'b0;
    end else if (!busy_q) begin
      if (i_start) begin
        busy_q <= 1'b1;
        dec_q  <= i_dec;
        k256_q <= i_k256;
        rnd_q  <= 4'd1;
      end
    end else begin
      rnd_q <= rnd_q + 4'd1;
      if (last) begin
        busy_q <= 1'b0;
        o_done <= 1'b1;
        res_q  <= rnd_out;
      end
    end
  end

  assign o_busy  = busy_q;
  assign o_block = res_q;
endmodule
