`default_nettype none
// Adaptive proportion test (SP 800-90B 4.4.2): in each window of Window
// samples, count how often the window's first sample value occurs (the first
// sample included); the sample that brings the count to i_cutoff fails (once
// per window). o_fail is combinational with the sample.
module obti_trng_apt #(
  parameter integer Window = 1024         // a power of two
) (
  input  wire                      clk,
  input  wire                      rst,
  input  wire                      i_clear,   // restart: start a new window
  input  wire                      i_valid,
  input  wire                      i_bit,
  input  wire [$clog2(Window):0]   i_cutoff,
  output wire                      o_fail,
  output wire [$clog2(Window):0]   o_count    // count in the current window
);
  localparam integer Iw = $clog2(Window);

  reg [Iw-1:0] idx_q;      // position in the window, 0 = first sample
  reg          ref_q;      // the window's first sample
  reg [Iw:0]   cnt_q;

  wire          first = (idx_q == {Iw{1'b0}});
  wire          hit   = first || i_bit == ref_q;
  wire [Iw:0]   cnt_d = first ? {{Iw{1'b0}}, 1'b1} : cnt_q + {{Iw{1'b0}}, hit};

  always @(posedge clk) begin
    if (rst || i_clear) begin
      idx_q <= {Iw{1'b0}};
      ref_q <= 1'b0;
      cnt_q <= {(Iw+1){1'b0}};
    end else if (i_valid) begin
      idx_q <= idx_q + 1'b1;
      if (first)
        ref_q <= i_bit;
      cnt_q <= cnt_d;
    end
  end

  assign o_fail  = i_valid && hit && cnt_d == i_cutoff;
  assign o_count = cnt_q;
endmodule
