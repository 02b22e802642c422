`default_nettype none
// AES key expansion and round-key store. A start (i_start) expands i_key
// (FIPS-197 5.2) one 32-bit word per clock, w[0] .. w[4 Nr + 3] (44 clocks
// for AES-128, 60 for AES-256, o_busy; o_done flags the last), into two
// LUT RAMs of 16 round keys, one column (word) RAM per key column: kmem_e
// holds k_0..k_Nr for encryption, kmem_d the keys of the equivalent inverse
// cipher (FIPS-197 5.3.5: k_1..k_{Nr-1} through InvMixColumns, which works
// on one column, so on one word; k_0 and k_Nr as they are). The round
// engines (obti_aes_core) read whole round keys asynchronously by index:
// port A (the first engine, either table), port B (the keystream engine,
// kmem_e only; an unused port is removed by synthesis). The key (i_key)
// must not change while o_busy. Keys never leave the block through the bus.
// A clear or reset zeroes all entries of both tables, one per clock in the
// clocks without an expansion; entries an expansion rewrites meanwhile are
// skipped (wipe_q jumps past Nr when it ends).
// S-boxes: the 4 of SubWord, in 2 block RAMs (SboxRom) or logic.
module obti_aes_keys #(
  parameter bit SboxRom = 1'b1
) (
  input  wire         clk,
  input  wire         rst,
  input  wire         i_clear,
  input  wire         i_start,     // expand i_key (ignored while busy)
  input  wire         i_k256,
  input  wire [255:0] i_key,       // cipher key (AES-128: bits 255:128)
  output wire         o_busy,
  output wire         o_done,      // the expansion's last clock
  input  wire [4:0]   i_ka_a,      // {decryption table, index}
  output wire [127:0] o_rk_a,
  input  wire [3:0]   i_ka_b,
  output wire [127:0] o_rk_b
);
  reg  [255:0] win_q;              // w[i-1] in bits 31:0 .. w[i-8] in 255:224 (0 when idle)
  reg  [5:0]   i_q;                // the word computed in this clock
  reg          busy_q, k256_q;
  reg  [7:0]   rcon_q;
  reg  [4:0]   wipe_q;             // next entry to zero (16: done)

  wire [3:0] nr    = k256_q ? 4'd14 : 4'd10;
  wire [5:0] wlast = k256_q ? 6'd59 : 6'd43;         // 4 Nr + 3
  wire       last  = i_q == wlast;

  function automatic [7:0] xt(input [7:0] b);       // multiply by {02}
    xt = {b[6:0], 1'b0} ^ (b[7] ? 8'h1b : 8'h00);
  endfunction
  // InvMixColumns of one column: MixColumns after multiplying by {04}x^2 + {05}
  function automatic [31:0] invmix(input [31:0] w);
    reg [7:0] u, v, a0, a1, a2, a3;
    begin
      u  = xt(xt(w[31:24] ^ w[15:8]));
      v  = xt(xt(w[23:16] ^ w[7:0]));
      a0 = w[31:24] ^ u; a1 = w[23:16] ^ v; a2 = w[15:8] ^ u; a3 = w[7:0] ^ v;
      invmix = {xt(a0 ^ a1) ^ a1 ^ a2 ^ a3, xt(a1 ^ a2) ^ a2 ^ a3 ^ a0,
                xt(a2 ^ a3) ^ a3 ^ a0 ^ a1, xt(a3 ^ a0) ^ a0 ^ a1 ^ a2};
    end
  endfunction

  // ---- one word a clock ------------------------------------------------------------
  // w[i] = key word i (i < Nk), else w[i-Nk] xor T(w[i-1]), T = SubWord(RotWord)
  // xor Rcon when i mod Nk = 0, SubWord when Nk = 8 and i mod 8 = 4, else
  // the identity. The S-box RAMs look up w[i-1] in the clock that computes it.
  wire [31:0] ks_sub;               // SubWord(w[i-1])
  wire        first = k256_q ? i_q[5:3] == 3'd0 : i_q[5:2] == 4'd0;
  wire        rotw  = k256_q ? i_q[2:0] == 3'd0 : i_q[1:0] == 2'd0;
  wire        subw  = k256_q && i_q[2:0] == 3'd4;
  wire [31:0] t     = rotw ? {ks_sub[23:0], ks_sub[31:24]} ^ {rcon_q, 24'd0} :
                      subw ? ks_sub : win_q[31:0];
  wire [31:0] back  = k256_q ? win_q[255:224] : win_q[127:96];   // w[i-Nk]
  wire [31:0] w_new = first ? i_key[255 - 32*i_q[2:0] -: 32] : back ^ t;

  // ---- the round-key tables: four column RAMs each ----------------------------------
  reg  [31:0] kmem_e0 [0:15], kmem_e1 [0:15], kmem_e2 [0:15], kmem_e3 [0:15];
  reg  [31:0] kmem_d0 [0:15], kmem_d1 [0:15], kmem_d2 [0:15], kmem_d3 [0:15];
  wire        wiping = !wipe_q[4];
  wire [3:0]  kw_a   = busy_q ? i_q[5:2] : wipe_q[3:0];
  wire        kw_imc = busy_q && i_q[5:2] != 4'd0 && i_q[5:2] != nr;
  wire [31:0] kw_e   = busy_q ? w_new : 32'd0;
  wire [31:0] kw_d   = kw_imc ? invmix(w_new) : kw_e;
  wire [3:0]  kw_col = busy_q ? 4'b1000 >> i_q[1:0] : {4{wiping}};
  always @(posedge clk) begin
    if (kw_col[3]) begin kmem_e0[kw_a] <= kw_e; kmem_d0[kw_a] <= kw_d; end
    if (kw_col[2]) begin kmem_e1[kw_a] <= kw_e; kmem_d1[kw_a] <= kw_d; end
    if (kw_col[1]) begin kmem_e2[kw_a] <= kw_e; kmem_d2[kw_a] <= kw_d; end
    if (kw_col[0]) begin kmem_e3[kw_a] <= kw_e; kmem_d3[kw_a] <= kw_d; end
  end
  wire [3:0] ra = i_ka_a[3:0];
  assign o_rk_a = i_ka_a[4] ? {kmem_d0[ra], kmem_d1[ra], kmem_d2[ra], kmem_d3[ra]}
                            : {kmem_e0[ra], kmem_e1[ra], kmem_e2[ra], kmem_e3[ra]};
  assign o_rk_b = {kmem_e0[i_ka_b], kmem_e1[i_ka_b], kmem_e2[i_ka_b], kmem_e3[i_ka_b]};

  // ---- S-boxes ---------------------------------------------------------------
  genvar g;
  generate
    if (SboxRom) begin : g_rom
      wire        wipe = i_clear || rst;
      wire        en   = busy_q || wipe;
      wire [31:0] ks_a = wipe ? 32'd0 : w_new;
      for (g = 0; g < 2; g = g + 1) begin : g_key
        obti_aes_sbox_rom u_rom (
          .clk (clk), .i_en (en),
          .i_addr_a ({1'b0, ks_a[16*g +: 8]}), .i_addr_b ({1'b0, ks_a[16*g + 8 +: 8]}),
          .o_data_a (ks_sub[16*g +: 8]),       .o_data_b (ks_sub[16*g + 8 +: 8])
        );
      end
    end else begin : g_logic
      for (g = 0; g < 4; g = g + 1) begin : g_key
        obti_aes_sbox u_sbox (.i_inv(1'b0), .i_x(win_q[8*g +: 8]), .o_y(ks_sub[8*g +: 8]));
      end
    end
  endgenerate

  // ---- sequencing ----------------------------------------------------------
  always @(posedge clk) begin
    if (rst || i_clear || !busy_q || last) win_q <= 256'd0;
    else                                   win_q <= {win_q[223:0], w_new};
  end

  always @(posedge clk) begin
    if (rst || i_clear) begin
      i_q    <= 6'd0;
      busy_q <= 1'b0;
      k256_q <= 1'b0;
      rcon_q <= 8'd0;
      wipe_q <= 5'd0;
    end else begin
      if (!busy_q && wiping) wipe_q <= wipe_q + 5'd1;
      if (!busy_q) begin
        if (i_start) begin
          busy_q <= 1'b1;
          k256_q <= i_k256;
          i_q    <= 6'd0;
          rcon_q <= 8'h01;
        end
      end else begin
        i_q <= i_q + 6'd1;
        if (rotw && !first) rcon_q <= xt(rcon_q);
        if (last) begin
          busy_q <= 1'b0;
          if (wipe_q <= {1'b0, nr}) wipe_q <= {1'b0, nr} + 5'd1;
        end
      end
    end
  end

  assign o_busy = busy_q;
  assign o_done = busy_q && last;
endmodule
