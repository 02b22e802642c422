`default_nettype none
// AES accelerator: AES-128/256 in ECB, CBC, CTR and GCM (GHASH in hardware),
// one command (mode + length) per frame, fed through word FIFOs either by the
// CPU (DIN/DOUT) or by the block's own DMA master on the data RAM's second
// port (CMD.DMA). Keys are write-only; round keys, the decryption key and H
// never leave the block.
// Registers: docs/registers/aes.md; architecture and command flow: docs/aes.md.
module obti_aes #(
  parameter integer FifoDepth  = 64,   // words, each way (a power of two)
  parameter integer GhashDigit = 4,    // GHASH multiplier bits per clock (128/GhashDigit clocks a block)
  parameter integer KsCores    = 1,    // round engines for the CTR/GCM keystream: 1 or 2
  parameter [31:0]  DataBase   = 32'h1000_0000,   // the DMA's window: the data RAM
  parameter integer DataBytes  = 65536
) (
  input  wire        clk,
  input  wire        rst,
  // bus slave
  input  wire        i_req,
  input  wire        i_we,
  input  wire [11:0] i_addr,
  input  wire [3:0]  i_be,
  input  wire [31:0] i_wdata,
  output wire        o_gnt,
  output reg         o_rvalid,
  output reg  [31:0] o_rdata,
  output wire        o_err,
  output wire        o_irq,
  // DMA master on the data RAM (docs/bus.md: request/grant, read data one
  // cycle after the grant); only addresses checked at the command are used
  output wire        o_dma_req,
  output wire        o_dma_we,
  output wire [31:0] o_dma_addr,
  output wire [3:0]  o_dma_be,
  output wire [31:0] o_dma_wdata,
  input  wire        i_dma_gnt,
  input  wire        i_dma_rvalid,
  input  wire [31:0] i_dma_rdata
);
  `include "obti_aes_regs.vh"

  localparam [2:0] ModeEcb = 3'd0, ModeCbc = 3'd1, ModeCtr = 3'd2, ModeGcm = 3'd3, ModeGhash = 3'd4;
  localparam [3:0] ErrCmd = 4'd1, ErrNoKey = 4'd2, ErrBusy = 4'd3, ErrDin = 4'd4, ErrDout = 4'd5,
                   ErrDma = 4'd6;
  localparam integer FifoAw = $clog2(FifoDepth);
  localparam [31:0]  DataSize = DataBytes;
  localparam integer RamAw = $clog2(DataBytes);          // the DMA's pointers: offsets in the RAM
  localparam integer OffW  = (RamAw > 19 ? RamAw : 19) + 1;
  localparam [3:0] SIdle = 4'd0, SPrep = 4'd1, SKx = 4'd2, SJ0 = 4'd3, SRun = 4'd4,
                   SLen = 4'd5, SFin = 4'd6, SEnd = 4'd7, SH = 4'd8;

  // memory byte order <-> big-endian block word
  function automatic [31:0] bswap(input [31:0] w);
    bswap = {w[7:0], w[15:8], w[23:16], w[31:24]};
  endfunction
  // the first n bytes (1..16) of a block
  function automatic [127:0] bmask(input [4:0] n);
    bmask = {128{1'b1}} << (8 * (16 - n));
  endfunction
  // nw words from byte address a lie inside the data RAM, word aligned
  // (nothing to check when nw is 0). The RAM's base is aligned to 2^RamAw,
  // so only the offset within that window needs arithmetic.
  function automatic in_ram(input [31:0] a, input [16:0] nw);
    reg [OffW-1:0] fin;
    begin
      fin    = {{(OffW-RamAw){1'b0}}, a[RamAw-1:0]} + {{(OffW-19){1'b0}}, nw, 2'b00};
      in_ram = nw == 17'd0 ||
               (a[1:0] == 2'b00 && a[31:RamAw] == DataBase[31:RamAw] && fin <= DataSize[OffW-1:0]);
    end
  endfunction

  // ---- registers -------------------------------------------------------------
  reg  [3:0]   st_q;
  reg  [255:0] key_q;
  reg          key_valid_q, k256_q;
  reg          kx_valid_q;           // the round keys and h_q belong to key_q
  reg  [127:0] h_q, ekj0_q, iv_q, cin_q;
  reg  [2:0]   mode_q;
  reg          dec_q;
  reg  [15:0]  len_q, aadlen_q;
  reg  [15:0]  aad_rem_q, dat_rem_q; // bytes still to process
  reg  [11:0]  ks_rem_q;             // keystream blocks still to start
  reg  [16:0]  in_expect_q, out_expect_q;
  reg          res_pending_q, res2_pending_q;
  reg          ks_sel_q, rs_sel_q;   // the engine of the next keystream start / result
  reg          done_q, err_q;
  reg  [3:0]   errcode_q;
  reg  [1:0]   ie_q;
  // gatherer
  reg  [15:0]  g_aad_rem_q, g_dat_rem_q;
  reg  [127:0] gin_q;
  reg  [1:0]   g_cnt_q;
  reg          gin_valid_q;
  reg  [4:0]   gin_bytes_q;
  // output stage
  reg  [127:0] gout_q;
  reg  [2:0]   gout_n_q;
  // DMA
  reg  [31:0]  dma_src_q, dma_dst_q, dma_aad_q, dma_tag_q;
  reg          dma_q;                // the current (or last) frame is a DMA frame
  reg  [RamAw-1:0] rd_ptr_q, wr_ptr_q;   // offsets from DataBase
  reg  [16:0]  rd_aad_left_q, rd_dat_left_q, wr_dat_left_q;   // words
  reg  [2:0]   wr_tag_left_q;
  reg  [3:0]   wr_last_be_q;         // byte enables of the last data word
  reg          rd_inflight_q;        // a DMA read was granted last cycle
  reg  [FifoAw:0] in_cnt_q;          // words in the input FIFO

  wire busy = st_q != SIdle;
  wire res_avail;                    // a data/keystream result waits in engine A
  wire res2_avail;                   // ... in engine B (KsCores = 2)
  wire ctrlike = mode_q == ModeCtr || mode_q == ModeGcm;

  // ---- FIFOs -------------------------------------------------------------------
  wire        in_empty, in_full, out_empty, out_full;
  wire [31:0] in_head, out_head;
  wire        fifo_flush;
  wire        din_push, dout_pop, g_pop, out_push;
  wire        dma_push, dma_wr, dma_rd;

  obti_fifo #(.Width(32), .Depth(FifoDepth)) u_infifo (
    .clk (clk), .rst (rst || fifo_flush),
    .i_push (din_push || dma_push), .i_data (dma_push ? i_dma_rdata : i_wdata), .i_pop (g_pop),
    .o_data (in_head), .o_empty (in_empty), .o_full (in_full)
  );
  obti_fifo #(.Width(32), .Depth(FifoDepth)) u_outfifo (
    .clk (clk), .rst (rst || fifo_flush),
    .i_push (out_push), .i_data (bswap(gout_q[127:96])), .i_pop (dout_pop || dma_wr),
    .o_data (out_head), .o_empty (out_empty), .o_full (out_full)
  );

  // ---- AES core and GHASH ------------------------------------------------------
  reg          core_start, core_dec, gh_start;
  wire [127:0] core_in, gh_blk;
  wire         core_busy, core_done;
  wire [127:0] core_out, gh_s;
  wire         gh_busy;
  assign res_avail = res_pending_q || (st_q == SRun && core_done);
  wire         core2_busy, core2_done;
  wire [127:0] core2_out;
  reg          core2_start;
  assign res2_avail = res2_pending_q || (st_q == SRun && core2_done);
  // CTR/GCM keystream: blocks alternate between the engines, A first
  wire         ks_res_avail = rs_sel_q ? res2_avail : res_avail;
  wire [127:0] ks_out       = rs_sel_q ? core2_out : core_out;
  wire         clear_now;
  wire         cmd_start;

  // the round keys: expanded once per key (SKx), read by both engines
  reg          keys_start;
  wire         keys_done, keys_busy;
  wire [4:0]   ka1;
  wire [3:0]   ka2;
  wire [127:0] rk1, rk2;
  obti_aes_keys u_keys (
    .clk (clk), .rst (rst), .i_clear (clear_now),
    .i_start (keys_start), .i_k256 (k256_q), .i_key (key_q),
    .o_busy (keys_busy), .o_done (keys_done),
    .i_ka_a (ka1), .o_rk_a (rk1), .i_ka_b (ka2), .o_rk_b (rk2)
  );

  obti_aes_core u_core (
    .clk (clk), .rst (rst), .i_clear (clear_now),
    .i_start (core_start), .i_dec (core_dec), .i_k256 (k256_q),
    .i_block (core_in), .o_ka (ka1), .i_rk (rk1),
    .o_busy (core_busy), .o_done (core_done), .o_block (core_out)
  );

  // A second round engine, for the keystream only (encryption; its stored
  // decryption keys are never read): two CTR/GCM blocks in flight, so a
  // frame is bound by the data moves rather than by 11 clocks a block.
  generate
    if (KsCores == 2) begin : g_core2
      wire [4:0] ka2_full;
      obti_aes_core u_core2 (
        .clk (clk), .rst (rst), .i_clear (clear_now),
        .i_start (core2_start), .i_dec (1'b0), .i_k256 (k256_q),
        .i_block (iv_q), .o_ka (ka2_full), .i_rk (rk2),
        .o_busy (core2_busy), .o_done (core2_done), .o_block (core2_out)
      );
      assign ka2 = ka2_full[3:0];
      wire unused_ka2 = ka2_full[4];
    end else begin : g_core1
      assign ka2 = 4'd0;
      wire unused_rk2 = &{1'b0, rk2};
      assign core2_busy = 1'b0;
      assign core2_done = 1'b0;
      assign core2_out  = 128'd0;
      wire unused_core2 = &{1'b0, core2_start};
    end
  endgenerate

  obti_aes_ghash #(.Digit(GhashDigit)) u_ghash (
    .clk (clk), .rst (rst), .i_clear (clear_now || cmd_start),
    .i_start (gh_start), .i_block (gh_blk), .i_h (h_q),
    .o_busy (gh_busy), .o_s (gh_s)
  );

  // ---- bus ---------------------------------------------------------------------
  wire a_din  = i_addr == AesDin;
  wire a_dout = i_addr == AesDout;
  // The engine can produce no more output without more input from the CPU.
  wire starved = st_q == SRun && in_empty && !gin_valid_q && gout_n_q == 3'd0 &&
                 (g_aad_rem_q != 16'd0 || g_dat_rem_q != 16'd0) &&
                 (ctrlike || mode_q == ModeGhash || (!core_busy && !res_avail));
  wire din_ok   = busy && in_expect_q != 17'd0;
  wire stall_din  = i_we && a_din && din_ok && in_full && !out_full;
  wire stall_dout = !i_we && a_dout && out_empty && out_expect_q != 17'd0 && !starved;
  // WAIT: a DMA frame always ends by itself (the DMA only ever waits a cycle
  // for the CPU), so a read of WAIT can stall until it has
  wire stall_wait = !i_we && i_addr == AesWait && busy && dma_q;
  assign o_gnt = !(stall_din || stall_dout || stall_wait);
  wire wr = i_req && i_we && o_gnt;
  wire rd = i_req && !i_we && o_gnt;

  assign din_push = wr && a_din && din_ok && !in_full;
  assign dout_pop = rd && a_dout && !out_empty && !dma_q;

  // command decode
  wire [2:0]  c_mode = i_wdata[AesCmdModeMsb:AesCmdModeLsb];
  wire        c_dec  = i_wdata[AesCmdDecryptLsb];
  wire        c_dma  = i_wdata[AesCmdDmaLsb];
  wire [15:0] c_len  = i_wdata[AesCmdLenMsb:AesCmdLenLsb];
  wire c_blocks_only = c_mode == ModeEcb || c_mode == ModeCbc || c_mode == ModeGhash;
  wire c_bad = c_mode > ModeGhash ||
               (c_blocks_only && (c_len == 16'd0 || c_len[3:0] != 4'd0)) ||
               (c_mode == ModeCtr && c_len == 16'd0) ||
               (c_mode != ModeGcm && aadlen_q != 16'd0);
  wire cmd_wr = wr && i_addr == AesCmd;
  // DMA ranges: AAD and data words in, data words out, tag/hash (4 words)
  wire [15:0] aadw = (aadlen_q + 16'd3) >> 2;
  wire [16:0] c_dat_words = {3'd0, c_len[15:2]} + {16'd0, c_len[1:0] != 2'd0};
  wire [16:0] c_dat_out   = c_mode == ModeGhash ? 17'd0 : c_dat_words;
  wire        c_tag       = c_mode == ModeGcm || c_mode == ModeGhash;
  wire c_dma_bad = c_dma && !(in_ram(dma_src_q, c_dat_words) && in_ram(dma_dst_q, c_dat_out) &&
                              in_ram(dma_aad_q, c_mode == ModeGcm ? {1'b0, aadw} : 17'd0) &&
                              in_ram(dma_tag_q, c_tag ? 17'd4 : 17'd0));
  assign cmd_start = cmd_wr && !busy && key_valid_q && !c_bad && !c_dma_bad;
  wire kc_wr  = wr && i_addr == AesKeyctrl;
  assign clear_now = kc_wr && i_wdata[AesKeyctrlClearLsb];
  assign fifo_flush = clear_now || cmd_start;
  wire key_wr = wr && i_addr >= AesKey0 && i_addr <= AesKey7;
  wire iv_wr  = wr && i_addr >= AesIv0 && i_addr <= AesIv3;
  wire dmar_wr = wr && i_addr >= AesDmasrc && i_addr <= AesDmatag;
  wire busy_wr = busy && (cmd_wr || key_wr || iv_wr || dmar_wr || (wr && i_addr == AesAadlen) ||
                          (kc_wr && i_wdata[AesKeyctrlLoadLsb] && !clear_now));

  reg       err_set;
  reg [3:0] err_code;
  always @* begin
    err_set  = 1'b1;
    err_code = 4'd0;
    if (busy_wr)                                   err_code = ErrBusy;
    else if (cmd_wr && !key_valid_q)               err_code = ErrNoKey;
    else if (cmd_wr && c_bad)                      err_code = ErrCmd;
    else if (cmd_wr && c_dma_bad)                  err_code = ErrDma;
    else if (wr && a_din && !din_push)             err_code = ErrDin;
    else if (rd && a_dout && !dout_pop)            err_code = ErrDout;
    else                                           err_set  = 1'b0;
  end

  // ---- gatherer: input words -> blocks ---------------------------------------
  wire [15:0] g_rem  = g_aad_rem_q != 16'd0 ? g_aad_rem_q : g_dat_rem_q;
  wire [15:0] g_rem3 = g_rem + 16'd3;
  wire [2:0]  g_nw   = g_rem >= 16'd16 ? 3'd4 : g_rem3[4:2];
  wire [4:0]  g_bytes = g_rem >= 16'd16 ? 5'd16 : g_rem[4:0];
  assign g_pop = busy && !gin_valid_q && g_rem != 16'd0 && !in_empty;
  wire g_last = {1'b0, g_cnt_q} + 3'd1 == g_nw;

  // ---- sequencer decisions (combinational) -------------------------------------
  wire [127:0] lenblk = {45'd0, aadlen_q, 3'd0, 45'd0, len_q, 3'd0};
  // the next counter block: CTR increments all 128 bits, GCM (J0 and the
  // keystream) the last 32 (inc32); one adder, the carry out of the low word
  // gated by the mode
  wire [95:0]  iv_hi_inc = iv_q[127:32] + {95'd0, mode_q == ModeCtr && &iv_q[31:0]};
  wire [127:0] iv_inc    = {iv_hi_inc, iv_q[31:0] + 32'd1};
  reg          take_gin, take_res, load_gout, ks_start;
  reg          ci_iv, ci_gin;        // the engine's input: iv_q, gin_q or their xor (CBC), or 0
  reg          gh_ks;                // GHASH takes the output block (GCM encryption)
  reg  [2:0]   gout_nw;
  reg  [3:0]   st_d;
  always @* begin
    core_start = 1'b0;
    keys_start = 1'b0;
    core2_start = 1'b0;
    core_dec   = 1'b0;
    ci_iv      = 1'b0;
    ci_gin     = 1'b0;
    gh_start   = 1'b0;
    gh_ks      = 1'b0;
    take_gin   = 1'b0;
    take_res   = 1'b0;
    load_gout  = 1'b0;
    ks_start   = 1'b0;
    gout_nw    = 3'd4;
    st_d       = st_q;
    case (st_q)
      SPrep: begin
        if (!kx_valid_q) begin
          keys_start = 1'b1;                 // expand the round keys, then H = E_K(0)
          st_d       = SKx;
        end else if (mode_q == ModeGcm) begin
          core_start = 1'b1;
          ci_iv      = 1'b1;                 // E_K(J0) for the tag
          st_d       = SJ0;
        end else begin
          st_d = SRun;
        end
      end
      SKx: if (keys_done) begin
        core_start = 1'b1;                   // E_K(0); its round keys are all in the store
        st_d       = SH;
      end
      SH:  if (core_done) st_d = SPrep;
      SJ0: if (core_done) st_d = SRun;
      SRun: begin
        if (aad_rem_q != 16'd0) begin
          if (gin_valid_q && !gh_busy) begin
            gh_start = 1'b1;
            take_gin = 1'b1;
          end
        end else if (dat_rem_q != 16'd0) begin
          if (mode_q == ModeEcb || mode_q == ModeCbc) begin
            if (res_avail && gout_n_q == 3'd0) begin
              take_res  = 1'b1;
              load_gout = 1'b1;
            end
            // CBC encryption chains through iv_q: its next block starts in
            // the clock after the result is taken
            if (gin_valid_q && !core_busy &&
                (!res_avail || (take_res && !(mode_q == ModeCbc && !dec_q)))) begin
              core_start = 1'b1;
              core_dec   = dec_q;
              ci_gin     = 1'b1;
              ci_iv      = mode_q == ModeCbc && !dec_q;
              take_gin   = 1'b1;
            end
          end else if (ctrlike) begin
            if (ks_res_avail && gin_valid_q && gout_n_q == 3'd0 &&
                (mode_q != ModeGcm || !gh_busy)) begin
              take_res  = 1'b1;
              take_gin  = 1'b1;
              load_gout = 1'b1;
              gout_nw   = gin_bytes_q > 5'd12 ? 3'd4 : gin_bytes_q > 5'd8 ? 3'd3 :
                          gin_bytes_q > 5'd4 ? 3'd2 : 3'd1;
              gh_start  = mode_q == ModeGcm;
              gh_ks     = !dec_q;
            end
          end else begin                      // GHASH
            if (gin_valid_q && !gh_busy) begin
              gh_start = 1'b1;
              take_gin = 1'b1;
            end
          end
        end else begin
          st_d = mode_q == ModeGcm ? SLen : mode_q == ModeGhash ? SFin : SEnd;
        end
        // keystream runs ahead of the data, also during the AAD
        if (ctrlike && ks_rem_q != 12'd0) begin
          if (!ks_sel_q) begin
            if (!core_busy && (!res_avail || (take_res && !rs_sel_q))) begin
              core_start = 1'b1;
              ci_iv      = 1'b1;
              ks_start   = 1'b1;
            end
          end else if (!core2_busy && (!res2_avail || (take_res && rs_sel_q))) begin
            core2_start = 1'b1;
            ks_start    = 1'b1;
          end
        end
      end
      SLen: if (!gh_busy) begin
        gh_start = 1'b1;
        st_d     = SFin;
      end
      SFin: if (!gh_busy && gout_n_q == 3'd0) begin
        load_gout = 1'b1;
        st_d      = SEnd;
      end
      SEnd: if (gout_n_q == 3'd0 &&
                (!dma_q || (wr_dat_left_q == 17'd0 && wr_tag_left_q == 3'd0))) st_d = SIdle;
      default: ;
    endcase
  end

  // the data paths, shared by the cases above: one xor and one mask each
  assign core_in = (ci_iv ? iv_q : 128'd0) ^ (ci_gin ? gin_q : 128'd0);
  wire         fin   = st_q == SFin;
  wire [127:0] bm    = bmask(gin_bytes_q);   // all ones for ECB/CBC/GHASH blocks
  wire [127:0] out_a = fin ? gh_s : ks_out;  // ks_out is core_out outside CTR/GCM
  wire [127:0] out_b = fin ? (mode_q == ModeGcm ? ekj0_q : 128'd0) :
                       ctrlike ? gin_q : (mode_q == ModeCbc && dec_q) ? iv_q : 128'd0;
  wire [127:0] gout_d = (out_a ^ out_b) & (fin ? {128{1'b1}} : bm);
  wire [127:0] gin_m  = gin_q & bm;
  assign gh_blk = st_q == SLen ? lenblk : gh_ks ? gout_d : gin_m;

  wire [16:0] c_in_words  = {1'b0, aadw} + c_dat_words;
  wire [16:0] c_out_words = c_mode == ModeGhash ? 17'd4 :
                            {3'd0, c_len[15:2]} + {16'd0, c_len[1:0] != 2'd0} +
                            (c_mode == ModeGcm ? 17'd4 : 17'd0);
  wire [15:0] c_len15 = c_len + 16'd15;

  // ---- state -------------------------------------------------------------------
  always @(posedge clk) begin
    if (rst || clear_now) begin
      st_q          <= SIdle;
      key_q         <= 256'd0;
      key_valid_q   <= 1'b0;
      k256_q        <= 1'b0;
      kx_valid_q    <= 1'b0;
      h_q           <= 128'd0;
      ekj0_q        <= 128'd0;
      iv_q          <= 128'd0;
      cin_q         <= 128'd0;
      mode_q        <= ModeEcb;
      dec_q         <= 1'b0;
      len_q         <= 16'd0;
      aad_rem_q     <= 16'd0;
      dat_rem_q     <= 16'd0;
      ks_rem_q      <= 12'd0;
      in_expect_q   <= 17'd0;
      out_expect_q  <= 17'd0;
      res_pending_q <= 1'b0;
      res2_pending_q <= 1'b0;
      ks_sel_q      <= 1'b0;
      rs_sel_q      <= 1'b0;
      g_aad_rem_q   <= 16'd0;
      g_dat_rem_q   <= 16'd0;
      gin_q         <= 128'd0;
      g_cnt_q       <= 2'd0;
      gin_valid_q   <= 1'b0;
      gin_bytes_q   <= 5'd0;
      gout_q        <= 128'd0;
      gout_n_q      <= 3'd0;
      dma_q         <= 1'b0;
      rd_ptr_q      <= {RamAw{1'b0}};
      wr_ptr_q      <= {RamAw{1'b0}};
      rd_aad_left_q <= 17'd0;
      rd_dat_left_q <= 17'd0;
      wr_dat_left_q <= 17'd0;
      wr_tag_left_q <= 3'd0;
      wr_last_be_q  <= 4'd0;
      rd_inflight_q <= 1'b0;
    end else begin
      st_q <= st_d;

      // register writes
      if (!busy && wr && i_addr == AesAadlen) aadlen_q <= i_wdata[15:0];
      if (!busy && key_wr) begin
        key_q[255 - 32*i_addr[4:2] -: 32] <= bswap(i_wdata);
        key_valid_q <= 1'b0;
        kx_valid_q  <= 1'b0;
      end
      if (!busy && kc_wr && i_wdata[AesKeyctrlLoadLsb]) begin
        key_valid_q <= 1'b1;
        k256_q      <= i_wdata[AesKeyctrlKey256Lsb];
        kx_valid_q  <= 1'b0;
      end
      if (!busy && iv_wr) iv_q[127 - 32*i_addr[3:2] -: 32] <= bswap(i_wdata);

      if (cmd_start) begin
        // CTR, ECB and CBC skip SPrep when the round keys are expanded
        st_q         <= (kx_valid_q && (c_mode == ModeCtr || c_mode == ModeEcb || c_mode == ModeCbc))
                        ? SRun : SPrep;
        mode_q       <= c_mode;
        dec_q        <= c_dec;
        len_q        <= c_len;
        aad_rem_q    <= c_mode == ModeGcm ? aadlen_q : 16'd0;
        dat_rem_q    <= c_len;
        g_aad_rem_q  <= c_mode == ModeGcm ? aadlen_q : 16'd0;
        g_dat_rem_q  <= c_len;
        ks_rem_q     <= (c_mode == ModeCtr || c_mode == ModeGcm) ? c_len15[15:4] : 12'd0;
        in_expect_q  <= c_dma ? 17'd0 : c_in_words;
        out_expect_q <= c_dma ? 17'd0 : c_out_words;
        dma_q         <= c_dma;
        rd_aad_left_q <= c_dma && c_mode == ModeGcm ? {1'b0, aadw} : 17'd0;
        rd_dat_left_q <= c_dma ? c_dat_words : 17'd0;
        rd_ptr_q      <= c_mode == ModeGcm && aadw != 16'd0 ? dma_aad_q[RamAw-1:0] : dma_src_q[RamAw-1:0];
        wr_dat_left_q <= c_dma ? c_dat_out : 17'd0;
        wr_tag_left_q <= c_dma && c_tag ? 3'd4 : 3'd0;
        wr_ptr_q      <= c_dat_out != 17'd0 ? dma_dst_q[RamAw-1:0] : dma_tag_q[RamAw-1:0];
        wr_last_be_q  <= c_len[1:0] == 2'd1 ? 4'b0001 : c_len[1:0] == 2'd2 ? 4'b0011 :
                         c_len[1:0] == 2'd3 ? 4'b0111 : 4'b1111;
        rd_inflight_q <= 1'b0;
        gin_valid_q  <= 1'b0;
        g_cnt_q      <= 2'd0;
        res_pending_q <= 1'b0;
        res2_pending_q <= 1'b0;
        ks_sel_q     <= 1'b0;
        rs_sel_q     <= 1'b0;
        gout_n_q     <= 3'd0;
      end
      if (din_push) in_expect_q <= in_expect_q - 17'd1;

      // DMA: reads (AAD words, then data words) and writes (data words, then
      // the tag or hash); the FIFOs carry them as if the CPU had
      rd_inflight_q <= dma_rd;
      if (dma_rd) begin
        if (rd_aad_left_q != 17'd0) begin
          rd_aad_left_q <= rd_aad_left_q - 17'd1;
          rd_ptr_q      <= rd_aad_left_q == 17'd1 ? dma_src_q[RamAw-1:0] : rd_ptr_q + 4;
        end else begin
          rd_dat_left_q <= rd_dat_left_q - 17'd1;
          rd_ptr_q      <= rd_ptr_q + 4;
        end
      end
      if (dma_wr) begin
        if (wr_dat_left_q != 17'd0) begin
          wr_dat_left_q <= wr_dat_left_q - 17'd1;
          wr_ptr_q      <= wr_dat_left_q == 17'd1 ? dma_tag_q[RamAw-1:0] : wr_ptr_q + 4;
        end else begin
          wr_tag_left_q <= wr_tag_left_q - 3'd1;
          wr_ptr_q      <= wr_ptr_q + 4;
        end
      end
      if (dout_pop) out_expect_q <= out_expect_q - 17'd1;

      // gatherer
      if (g_pop) begin
        if (g_cnt_q == 2'd0) gin_q <= {bswap(in_head), 96'd0};
        else gin_q[127 - 32*g_cnt_q -: 32] <= bswap(in_head);
        g_cnt_q <= g_cnt_q + 2'd1;
        if (g_last) begin
          g_cnt_q     <= 2'd0;
          gin_valid_q <= 1'b1;
          gin_bytes_q <= g_bytes;
          if (g_aad_rem_q != 16'd0) g_aad_rem_q <= g_aad_rem_q - {11'd0, g_bytes};
          else                      g_dat_rem_q <= g_dat_rem_q - {11'd0, g_bytes};
        end
      end
      if (take_gin) begin
        gin_valid_q <= 1'b0;
        if (aad_rem_q != 16'd0) aad_rem_q <= aad_rem_q - {11'd0, gin_bytes_q};
        else if (mode_q != ModeEcb && mode_q != ModeCbc)
          dat_rem_q <= dat_rem_q - {11'd0, gin_bytes_q};
        cin_q <= gin_q;
      end

      // AES core results
      if (st_q == SH && core_done) begin
        h_q        <= core_out;
        kx_valid_q <= 1'b1;
      end
      if (st_q == SPrep && st_d == SJ0) iv_q <= iv_inc;
      if (st_q == SJ0 && core_done) ekj0_q <= core_out;
      if (st_q == SRun && core_done) res_pending_q <= 1'b1;
      if (st_q == SRun && core2_done) res2_pending_q <= 1'b1;
      if (take_res && ctrlike && KsCores == 2) begin
        rs_sel_q <= !rs_sel_q;
        if (rs_sel_q) res2_pending_q <= 1'b0;
        else          res_pending_q  <= 1'b0;
      end else if (take_res) begin
        res_pending_q <= 1'b0;
        if (mode_q == ModeEcb || mode_q == ModeCbc)
          dat_rem_q <= dat_rem_q - 16'd16;
        if (mode_q == ModeCbc) iv_q <= dec_q ? cin_q : core_out;
      end
      if (ks_start) begin
        if (KsCores == 2) ks_sel_q <= !ks_sel_q;
        ks_rem_q <= ks_rem_q - 12'd1;
        iv_q     <= iv_inc;
      end

      // output stage
      if (load_gout) begin
        gout_q   <= gout_d;
        gout_n_q <= gout_nw;
      end else if (out_push) begin
        gout_q   <= {gout_q[95:0], 32'd0};
        gout_n_q <= gout_n_q - 3'd1;
      end
    end
  end
  assign out_push = gout_n_q != 3'd0 && !out_full;

  // input FIFO fill, for the DMA's read-ahead (room for the read in flight)
  always @(posedge clk) begin
    if (rst || fifo_flush) in_cnt_q <= {(FifoAw+1){1'b0}};
    else in_cnt_q <= in_cnt_q + {{FifoAw{1'b0}}, din_push || dma_push} - {{FifoAw{1'b0}}, g_pop};
  end

  // DMA address registers (not secret: kept over a key clear)
  always @(posedge clk) begin
    if (rst) begin
      dma_src_q <= 32'd0;
      dma_dst_q <= 32'd0;
      dma_aad_q <= 32'd0;
      dma_tag_q <= 32'd0;
    end else if (!busy && dmar_wr) begin
      case (i_addr)
        AesDmasrc: dma_src_q <= i_wdata;
        AesDmadst: dma_dst_q <= i_wdata;
        AesDmaaad: dma_aad_q <= i_wdata;
        default:   dma_tag_q <= i_wdata;
      endcase
    end
  end

  // DMA master: a write of the next output word goes first (the output FIFO
  // drains), else a read while the input FIFO has room for it. The data
  // RAM's second port grants at once unless the CPU touches the same word in
  // the same cycle with a write on either side (docs/bus.md).
  wire dma_wr_want = dma_q && busy && !out_empty &&
                     (wr_dat_left_q != 17'd0 || wr_tag_left_q != 3'd0);
  wire dma_rd_want = dma_q && busy && (rd_aad_left_q != 17'd0 || rd_dat_left_q != 17'd0) &&
                     !in_cnt_q[FifoAw] && !(rd_inflight_q && &in_cnt_q[FifoAw-1:0]);
  assign o_dma_req   = dma_wr_want || dma_rd_want;
  assign o_dma_we    = dma_wr_want;
  assign o_dma_addr  = {DataBase[31:RamAw], dma_wr_want ? wr_ptr_q : rd_ptr_q};
  assign o_dma_be    = dma_wr_want && wr_dat_left_q == 17'd1 ? wr_last_be_q : 4'hf;
  assign o_dma_wdata = out_head;
  assign dma_wr   = dma_wr_want && i_dma_gnt;
  assign dma_rd   = !dma_wr_want && dma_rd_want && i_dma_gnt;
  assign dma_push = rd_inflight_q && i_dma_rvalid;

  // status, errors, interrupt (kept over a key clear)
  always @(posedge clk) begin
    if (rst) begin
      done_q    <= 1'b0;
      err_q     <= 1'b0;
      errcode_q <= 4'd0;
      ie_q      <= 2'b00;
    end else begin
      if (wr && i_addr == AesStatus) begin
        if (i_wdata[AesStatusDoneLsb]) done_q <= 1'b0;
        if (i_wdata[AesStatusErrLsb]) begin
          err_q     <= 1'b0;
          errcode_q <= 4'd0;
        end
      end
      if (wr && i_addr == AesIe) ie_q <= i_wdata[1:0];
      if (cmd_start) begin               // a frame starts with clean status
        done_q    <= 1'b0;
        err_q     <= 1'b0;
        errcode_q <= 4'd0;
      end
      if (st_q == SEnd && st_d == SIdle && !clear_now) done_q <= 1'b1;
      if (err_set) begin
        err_q <= 1'b1;
        if (!err_q) errcode_q <= err_code;
      end
    end
  end
  assign o_irq = (done_q && ie_q[0]) || (err_q && ie_q[1]);

  always @(posedge clk) begin
    if (rst) begin
      o_rvalid <= 1'b0;
      o_rdata  <= 32'd0;
    end else begin
      o_rvalid <= i_req && o_gnt;
      o_rdata  <= 32'd0;
      if (rd) begin
        case (i_addr)
          AesAadlen: o_rdata <= {16'd0, aadlen_q};
          AesStatus, AesWait:
                     o_rdata <= {20'd0, errcode_q, 1'b0, in_full, !out_empty, k256_q,
                                 key_valid_q, err_q, done_q, busy};
          AesIe:     o_rdata <= {30'd0, ie_q};
          AesDout:   o_rdata <= out_empty || dma_q ? 32'd0 : out_head;
          AesIv0:    o_rdata <= bswap(iv_q[127:96]);
          AesIv1:    o_rdata <= bswap(iv_q[95:64]);
          AesIv2:    o_rdata <= bswap(iv_q[63:32]);
          AesIv3:    o_rdata <= bswap(iv_q[31:0]);
          AesDmasrc: o_rdata <= dma_src_q;
          AesDmadst: o_rdata <= dma_dst_q;
          AesDmaaad: o_rdata <= dma_aad_q;
          AesDmatag: o_rdata <= dma_tag_q;
          default:   o_rdata <= 32'd0;
        endcase
      end
    end
  end

  assign o_err = 1'b0;
  wire unused_ok = &{1'b0, keys_busy, i_be, c_len15[3:0], g_rem3[15:5], g_rem3[1:0]};
endmodule
