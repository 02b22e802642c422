`default_nettype none
// True random number generator: samples the noise-diode pin or the on-chip
// ring oscillators (obti_trng_src), runs the SP 800-90B 4.4 health tests on
// every sample (obti_trng_rct, obti_trng_apt) with a start-up test over the
// first StartupSamples samples, and packs the raw bits into 32-bit words in a
// FIFO. A failure latches an alarm that stops output, flushes the FIFO and
// raises the interrupt until software clears it. Registers:
// docs/registers/trng.md; design: docs/trng.md.
module obti_trng #(
  parameter bit     Sim            = 1'b0,
  parameter integer FifoDepth      = 16,     // words, a power of two
  parameter integer Window         = 1024,   // APT window (SP 800-90B: 1024 for binary sources)
  parameter integer StartupSamples = 1024
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
  // noise-diode comparator output (asynchronous)
  input  wire        i_noise,
  output wire        o_irq
);
  `include "obti_trng_regs.vh"

  localparam integer Aw = $clog2(Window);      // APT count is Aw+1 bits
  localparam integer Lw = $clog2(FifoDepth);   // FIFO level is Lw+1 bits
  localparam integer Sw = $clog2(StartupSamples);

  wire wr = i_req && i_we;
  wire rd = i_req && !i_we;

  // --- registers written by software --------------------------------------
  reg        en_q, src_q, raw_q;
  reg [15:0] div_q;
  reg [7:0]  rctcut_q;
  reg [Aw:0] aptcut_q;
  reg [1:0]  ie_q;

  wire wr_ctrl   = wr && i_addr == TrngCtrl;
  wire wr_status = wr && i_addr == TrngStatus;
  wire clear     = wr_status && i_wdata[TrngStatusAlarmLsb];
  // Enabling or switching the source restarts the start-up test.
  wire restart   = clear || (wr_ctrl && i_wdata[TrngCtrlEnLsb] &&
                             (!en_q || i_wdata[TrngCtrlSrcLsb] != src_q));

  always @(posedge clk) begin
    if (rst) begin
      en_q     <= 1'b0;
      src_q    <= 1'b0;
      raw_q    <= 1'b0;
      div_q    <= TrngDivReset[15:0];
      rctcut_q <= TrngRctcutReset[7:0];
      aptcut_q <= TrngAptcutReset[Aw:0];
      ie_q     <= 2'b00;
    end else begin
      if (wr_ctrl) begin
        en_q  <= i_wdata[TrngCtrlEnLsb];
        src_q <= i_wdata[TrngCtrlSrcLsb];
        raw_q <= i_wdata[TrngCtrlRawLsb];
      end
      if (wr && i_addr == TrngDiv)    div_q    <= i_wdata[15:0];
      if (wr && i_addr == TrngRctcut) rctcut_q <= i_wdata[7:0];
      if (wr && i_addr == TrngAptcut) aptcut_q <= i_wdata[Aw:0];
      if (wr && i_addr == TrngIe)     ie_q     <= i_wdata[1:0];
    end
  end

  // --- source, health tests -------------------------------------------------
  wire        s_valid, s_bit;
  wire        rct_fail, apt_fail;
  wire [7:0]  rct_run;
  wire [Aw:0] apt_count;

  obti_trng_src #(.Sim(Sim)) u_src (
    .clk     (clk),
    .rst     (rst),
    .i_en    (en_q),
    .i_src   (src_q),
    .i_div   (div_q),
    .i_noise (i_noise),
    .o_valid (s_valid),
    .o_bit   (s_bit)
  );

  obti_trng_rct #(.CountWidth(8)) u_rct (
    .clk      (clk),
    .rst      (rst),
    .i_clear  (restart),
    .i_valid  (s_valid && !restart),
    .i_bit    (s_bit),
    .i_cutoff (rctcut_q),
    .o_fail   (rct_fail),
    .o_run    (rct_run)
  );

  obti_trng_apt #(.Window(Window)) u_apt (
    .clk      (clk),
    .rst      (rst),
    .i_clear  (restart),
    .i_valid  (s_valid && !restart),
    .i_bit    (s_bit),
    .i_cutoff (aptcut_q),
    .o_fail   (apt_fail),
    .o_count  (apt_count)
  );

  // --- start-up test, alarm, counters ---------------------------------------
  reg          startup_q;
  reg [Sw-1:0] startup_cnt_q;
  reg          alarm_q, rctfail_q, aptfail_q;
  reg [15:0]   fails_rct_q, fails_apt_q;
  reg [31:0]   alarmat_q, samples_q;
  reg [7:0]    max_run_q;
  reg [Aw:0]   max_apt_q;
  reg          underrun_q, overrun_q;

  wire sample   = s_valid && !restart;
  wire fail_now = sample && (rct_fail || apt_fail);

  // A restart (enable, source change, clear) reruns the start-up test; only
  // a clear (or reset) ends an alarm and zeroes its counters, so toggling EN
  // cannot hide a failure.
  always @(posedge clk) begin
    if (rst || restart) begin
      startup_q     <= !rst;
      startup_cnt_q <= {Sw{1'b0}};
    end else if (sample && startup_q) begin
      startup_cnt_q <= startup_cnt_q + 1'b1;
      if (startup_cnt_q == StartupSamples[Sw-1:0] - 1'b1)
        startup_q <= 1'b0;
    end
  end

  always @(posedge clk) begin
    if (rst || clear) begin
      alarm_q       <= 1'b0;
      rctfail_q     <= 1'b0;
      aptfail_q     <= 1'b0;
      fails_rct_q   <= 16'd0;
      fails_apt_q   <= 16'd0;
      alarmat_q     <= 32'd0;
      samples_q     <= 32'd0;
      max_run_q     <= 8'd0;
      max_apt_q     <= {(Aw+1){1'b0}};
    end else begin
      if (rct_run > max_run_q)     max_run_q <= rct_run;
      if (apt_count > max_apt_q)   max_apt_q <= apt_count;
      if (sample) begin
        if (samples_q != 32'hFFFF_FFFF) samples_q <= samples_q + 32'd1;
        if (rct_fail) begin
          rctfail_q <= 1'b1;
          if (fails_rct_q != 16'hFFFF) fails_rct_q <= fails_rct_q + 16'd1;
        end
        if (apt_fail) begin
          aptfail_q <= 1'b1;
          if (fails_apt_q != 16'hFFFF) fails_apt_q <= fails_apt_q + 16'd1;
        end
        if (fail_now && !alarm_q) begin
          alarm_q   <= 1'b1;
          alarmat_q <= samples_q + 32'd1;
        end
      end
    end
  end

  // --- packing and FIFO ----------------------------------------------------
  // Health-tested output needs the start-up test passed and no alarm, and the
  // failing sample itself is never output; raw mode takes every sample.
  reg  [31:0] shift_q;
  reg  [4:0]  nbits_q;
  reg         push_q;
  reg  [Lw:0] level_q;
  wire [31:0] fifo_head;
  wire        fifo_empty, fifo_full;
  wire        take   = sample && (raw_q || (!startup_q && !alarm_q && !fail_now));
  wire        pop    = rd && i_addr == TrngData;
  // Words packed before a failure are suspect: drop them with the alarm.
  wire        flush  = restart || (fail_now && !raw_q);
  wire        push   = push_q && !flush;
  wire        do_pop = pop && !fifo_empty;

  always @(posedge clk) begin
    if (rst || flush) begin
      nbits_q <= 5'd0;
      push_q  <= 1'b0;
    end else begin
      push_q <= 1'b0;
      if (take) begin
        shift_q <= {s_bit, shift_q[31:1]};     // first sample ends in bit 0
        nbits_q <= nbits_q + 5'd1;
        push_q  <= (nbits_q == 5'd31);
      end
    end
  end

  obti_fifo #(.Width(32), .Depth(FifoDepth)) u_fifo (
    .clk     (clk),
    .rst     (rst || flush),
    .i_push  (push),
    .i_data  (shift_q),
    .i_pop   (do_pop),
    .o_data  (fifo_head),
    .o_empty (fifo_empty),
    .o_full  (fifo_full)
  );

  always @(posedge clk) begin
    if (rst || flush) begin
      level_q <= {(Lw+1){1'b0}};
    end else begin
      case ({push && !fifo_full, do_pop})
        2'b10:   level_q <= level_q + 1'b1;
        2'b01:   level_q <= level_q - 1'b1;
        default: level_q <= level_q;
      endcase
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      underrun_q <= 1'b0;
      overrun_q  <= 1'b0;
    end else begin
      underrun_q <= (underrun_q && !(wr_status && i_wdata[TrngStatusUnderrunLsb])) ||
                    (pop && fifo_empty);
      overrun_q  <= (overrun_q && !(wr_status && i_wdata[TrngStatusOverrunLsb])) ||
                    (push && fifo_full);
    end
  end

  // --- interrupt and read-back ----------------------------------------------
  wire [1:0] ip = ie_q & {!fifo_empty, alarm_q};
  assign o_irq = |ip;

  wire [31:0] status = {19'd0, {(5-(Lw+1)){1'b0}}, level_q, 1'b0, overrun_q, underrun_q,
                        aptfail_q, rctfail_q, alarm_q,
                        en_q && !startup_q && !alarm_q, en_q && startup_q};

  always @(posedge clk) begin
    if (rst) begin
      o_rvalid <= 1'b0;
      o_rdata  <= 32'd0;
    end else begin
      o_rvalid <= i_req;
      o_rdata  <= 32'd0;
      if (rd) begin
        case (i_addr)
          TrngCtrl:    o_rdata <= {29'd0, raw_q, src_q, en_q};
          TrngDiv:     o_rdata <= {16'd0, div_q};
          TrngRctcut:  o_rdata <= {24'd0, rctcut_q};
          TrngAptcut:  o_rdata <= {{(31-Aw){1'b0}}, aptcut_q};
          TrngStatus:  o_rdata <= status;
          TrngData:    o_rdata <= fifo_empty ? 32'd0 : fifo_head;
          TrngIe:      o_rdata <= {30'd0, ie_q};
          TrngIp:      o_rdata <= {30'd0, ip};
          TrngFails:   o_rdata <= {fails_apt_q, fails_rct_q};
          TrngAlarmat: o_rdata <= alarmat_q;
          TrngHtmax:   o_rdata <= {{(15-Aw){1'b0}}, max_apt_q, 8'd0, max_run_q};
          TrngSamples: o_rdata <= samples_q;
          default:     o_rdata <= 32'd0;
        endcase
      end
    end
  end

  assign o_gnt = 1'b1;
  assign o_err = 1'b0;

  wire unused_ok = &{1'b0, i_wdata[31:16], i_be};
endmodule
