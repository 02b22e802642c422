`default_nettype none
// AES block engine: one round per clock. Encryption expands the round keys
// on the fly (forward) and writes them into a 16 x 128-bit LUT RAM (kmem);
// decryption reads them from there backwards, so it needs an encryption with
// the same key first (the bus wrapper's E_K(0) for H after every key change).
// Decryption is FIPS-197's equivalent inverse cipher (5.3.5): the keys of the
// middle rounds are stored through InvMixColumns, so the round key goes in
// after (Inv)MixColumns in both directions.
// Latency from i_start to o_done: Nr + 1 cycles (11 for AES-128, 15 for
// AES-256). Blocks and keys are big-endian: byte 0 of FIPS-197 in bits
// 127:120 (255:248 for the key).
// S-boxes: with SboxRom (the default) 20 lookups per clock in 10 block RAMs
// (obti_aes_sbox_rom), 16 for the round (forward or inverse) and 4 for the
// key schedule. A block RAM reads synchronously, so the state register is
// the RAMs' address register: each clock computes the next state and the
// next key-schedule word and presents them as addresses; the RAMs return
// their S-boxes at the start of the next round. SboxRom = 0 builds the 20
// S-boxes from logic instead (obti_aes_sbox, about 240 LUT4 each) with an
// explicit state register.
module obti_aes_core #(
  parameter bit SboxRom = 1'b1
) (
  input  wire         clk,
  input  wire         rst,
  input  wire         i_clear,     // wipe state, key window and kmem
  input  wire         i_start,     // load i_block and run (ignored while busy)
  input  wire         i_dec,       // 1 = inverse cipher, round keys from kmem
  input  wire         i_k256,
  input  wire [127:0] i_block,
  input  wire [255:0] i_key,       // cipher key (AES-128: bits 255:128)
  output wire         o_busy,
  output reg          o_done,      // one cycle: o_block holds the result
  output wire [127:0] o_block
);
  reg  [127:0] res_q;              // result of the last block
  reg  [255:0] win_q;              // key window (encryption only, else 0)
  reg  [3:0]   rnd_q;              // round 1..Nr while busy (Nr + 1 after)
  reg          busy_q, dec_q, k256_q;
  reg          post_q;             // the clock after an encryption's last round
  reg  [7:0]   rcon_q;
  reg  [4:0]   wipe_q;             // next round-key entry to zero (16: done)

  wire [3:0] nr   = k256_q ? 4'd14 : 4'd10;
  wire       last = rnd_q == nr;

  function automatic [7:0] xt(input [7:0] b);       // multiply by {02}
    xt = {b[6:0], 1'b0} ^ (b[7] ? 8'h1b : 8'h00);
  endfunction

  // ---- key schedule (forward, encryption only) --------------------------------
  // The window holds (k_{r-1}, k_r) for AES-256, (k_{r-1}, 0) for AES-128
  // at round r, so k_{r-1} is always bits 255:128. rot: this step uses RotWord and Rcon (always for
  // AES-128; odd rounds for AES-256).
  wire        rot = !k256_q || rnd_q[0];
  function automatic [31:0] ks_word(input [31:0] c, input k256, input rnd_odd);
    ks_word = (!k256 || rnd_odd) ? {c[23:0], c[31:24]} : c;
  endfunction
  wire [31:0] ks_sub;               // S-boxes of ks_word(this round)
  wire [31:0] kt = ks_sub ^ (rot ? {rcon_q, 24'd0} : 32'd0);
  wire [127:0] fa = win_q[255:128];                           // k_{r-1}
  wire [31:0]  f0 = fa[127:96] ^ kt;
  wire [31:0]  f1 = fa[95:64] ^ f0;
  wire [31:0]  f2 = fa[63:32] ^ f1;
  wire [31:0]  f3 = fa[31:0] ^ f2;
  wire [127:0] knext = {f0, f1, f2, f3};
  wire [127:0] rk_enc = k256_q ? win_q[127:0] : knext;        // k_r
  wire [255:0] win_d  = k256_q ? {win_q[127:0], knext} : {knext, 128'd0};

  // ---- round keys for decryption: LUT RAM ---------------------------------------
  // Every encryption writes its round keys k_0..k_Nr here, k_{r-1} (= fa) in
  // round r and k_Nr in the clock after the last round; decryption reads
  // them backwards. The bus wrapper encrypts (E_K(0), for H) after every key
  // change before it decrypts. A clear or reset zeroes
  // all 16 entries, one per clock in the clocks without an encryption write
  // (the window, and so fa, is zero then); entries an encryption rewrites
  // meanwhile are skipped (wipe_q jumps past Nr).
  reg  [127:0] kmem [0:15];
  wire         kw    = (busy_q && !dec_q) || post_q;
  wire         wiping = !wipe_q[4];
  wire [3:0]   kw_a  = kw ? rnd_q - 4'd1 : wipe_q[3:0];
  wire [3:0]   kr_a  = busy_q ? nr - rnd_q : (i_k256 ? 4'd14 : 4'd10);
  wire [127:0] kr    = kmem[kr_a];
  // equivalent inverse cipher (FIPS-197 5.3.5): the keys of the middle rounds
  // k_1..k_{Nr-1} are stored through InvMixColumns, k_0 and k_Nr as they are
  wire         kw_imc = kw && rnd_q != 4'd1 && !post_q;
  always @(posedge clk)
    if (kw || wiping) kmem[kw_a] <= kw_imc ? invmix(fa) : fa;

  // round key used in this round
  wire [127:0] rk = dec_q ? kr : rk_enc;

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
  function automatic [127:0] invmix(input [127:0] x);
    integer j;
    for (j = 0; j < 4; j = j + 1)
      invmix[127 - 32*j -: 32] = mixcol(premix(x[127 - 32*j -: 32], 1'b1));
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

  // the round key goes in after (Inv)MixColumns in both directions: the
  // decryption keys of the middle rounds are stored through InvMixColumns
  reg  [127:0] mc_out, rnd_out;
  always @* begin
    for (c = 0; c < 4; c = c + 1)
      mc_out[127 - 32*c -: 32] = mixcol(premix(sr[127 - 32*c -: 32], dec_q));
    rnd_out = (last ? sr : mc_out) ^ rk;
  end

  // ---- next state, next key-schedule word ------------------------------------
  wire         load = !busy_q && i_start;
  wire [255:0] win_load = i_k256 ? i_key : {i_key[255:128], 128'd0};
  wire [127:0] st_load  = i_block ^ (i_dec ? kr : i_key[255:128]);
  wire [127:0] st_d     = load ? st_load : rnd_out;
  wire         dec_d    = load ? i_dec : dec_q;
  // the last word of the newest key in the window: k_0 (AES-128) or k_1 on a
  // load, k_r (AES-128) or k_{r+1} (AES-256) = knext afterwards
  wire [31:0]  ks_d     = load ? ks_word(i_k256 ? i_key[31:0] : i_key[159:128], i_k256, 1'b1)
                               : ks_word(f3, k256_q, !rnd_q[0]);

  // ---- S-boxes ---------------------------------------------------------------
  genvar g;
  generate
    if (SboxRom) begin : g_rom
      // read while running or loading; a clear reads address 0, so no state
      // of the last block stays in the RAMs' address registers
      wire         en   = busy_q || i_start || i_clear || rst;
      wire         wipe = i_clear || rst;
      wire [127:0] st_a = wipe ? 128'd0 : st_d;
      wire [31:0]  ks_a = wipe ? 32'd0 : ks_d;
      wire         inv  = !wipe && dec_d;
      for (g = 0; g < 8; g = g + 1) begin : g_round
        obti_aes_sbox_rom u_rom (
          .clk (clk), .i_en (en),
          .i_addr_a ({inv, st_a[16*g +: 8]}), .i_addr_b ({inv, st_a[16*g + 8 +: 8]}),
          .o_data_a (sub[16*g +: 8]),         .o_data_b (sub[16*g + 8 +: 8])
        );
      end
      for (g = 0; g < 2; g = g + 1) begin : g_key
        obti_aes_sbox_rom u_rom (
          .clk (clk), .i_en (en),
          .i_addr_a ({1'b0, ks_a[16*g +: 8]}), .i_addr_b ({1'b0, ks_a[16*g + 8 +: 8]}),
          .o_data_a (ks_sub[16*g +: 8]),       .o_data_b (ks_sub[16*g + 8 +: 8])
        );
      end
    end else begin : g_logic
      reg [127:0] state_q;
      reg [31:0]  ks_q;
      wire        unused_dec_d = dec_d;   // the S-boxes take dec_q
      always @(posedge clk) begin
        if (rst || i_clear) begin
          state_q <= 128'd0;
          ks_q    <= 32'd0;
        end else if (busy_q || i_start) begin
          state_q <= st_d;
          ks_q    <= ks_d;
        end
      end
      for (g = 0; g < 16; g = g + 1) begin : g_round
        obti_aes_sbox u_sbox (.i_inv(dec_q), .i_x(state_q[8*g +: 8]), .o_y(sub[8*g +: 8]));
      end
      for (g = 0; g < 4; g = g + 1) begin : g_key
        obti_aes_sbox u_sbox (.i_inv(1'b0), .i_x(ks_q[8*g +: 8]), .o_y(ks_sub[8*g +: 8]));
      end
    end
  endgenerate

  // ---- sequencing ----------------------------------------------------------
  // the window is zero unless an encryption loads or runs
  wire win_ld  = load && !i_dec;
  wire win_run = busy_q && !dec_q;
  always @(posedge clk) begin
    if (rst || i_clear || !(win_ld || win_run)) win_q <= 256'd0;
    else                                        win_q <= win_ld ? win_load : win_d;
  end

  always @(posedge clk) begin
    o_done <= 1'b0;
    post_q <= 1'b0;
    if (rst || i_clear) begin
      res_q        <= 128'd0;
      rnd_q        <= 4'd0;
      busy_q       <= 1'b0;
      dec_q        <= 1'b0;
      k256_q       <= 1'b0;
      rcon_q       <= 8'd0;
      wipe_q       <= 5'd0;
    end else begin
      if (!kw && wiping) wipe_q <= wipe_q + 5'd1;
      if (post_q && wipe_q <= {1'b0, nr}) wipe_q <= {1'b0, nr} + 5'd1;
      if (!busy_q) begin
        if (i_start) begin
          busy_q <= 1'b1;
          dec_q  <= i_dec;
          k256_q <= i_k256;
          rnd_q  <= 4'd1;
          rcon_q <= 8'h01;
        end
      end else begin
        rnd_q   <= rnd_q + 4'd1;
        if (rot) rcon_q <= xt(rcon_q);
        if (last) begin
          busy_q <= 1'b0;
          o_done <= 1'b1;
          res_q  <= rnd_out;
          post_q <= !dec_q;
        end
      end
    end
  end

  assign o_busy  = busy_q;
  assign o_block = res_q;
endmodule
