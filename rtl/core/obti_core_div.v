`default_nettype none
// Iterative divider for div, divu, rem and remu: one quotient bit per cycle
// (restoring division on magnitudes, signs fixed at the end), 33 cycles from
// start to done; division by zero finishes in one cycle with the results the
// ISA defines (quotient all ones, remainder the dividend). The result stays
// valid (o_done) until the next start or kill.
module obti_core_div (
  input  wire        clk,
  input  wire        rst,
  input  wire        i_start,
  input  wire        i_kill,
  input  wire [1:0]  i_op,      // funct3[1:0]: 0 div, 1 divu, 2 rem, 3 remu
  input  wire [31:0] i_a,
  input  wire [31:0] i_b,
  output wire        o_busy,
  output wire        o_done,
  output wire [31:0] o_result
);
  reg        busy_q, done_q;
  reg [5:0]  count_q;
  reg [31:0] quot_q;      // dividend shifting out, quotient shifting in
  reg [31:0] rem_q;
  reg [31:0] divisor_q;
  reg        neg_q;       // negate the result at the end
  reg        want_rem_q;
  reg [31:0] result_q;

  wire is_signed = ~i_op[0];
  wire a_neg     = is_signed & i_a[31];
  wire b_neg     = is_signed & i_b[31];
  wire [31:0] a_mag = a_neg ? (~i_a + 32'd1) : i_a;
  wire [31:0] b_mag = b_neg ? (~i_b + 32'd1) : i_b;

  // One restoring step: shift the next dividend bit into the remainder.
  wire [32:0] trial = {rem_q, quot_q[31]} - {1'b0, divisor_q};
  wire        fits  = ~trial[32];
  wire [31:0] rem_n  = fits ? trial[31:0] : {rem_q[30:0], quot_q[31]};
  wire [31:0] quot_n = {quot_q[30:0], fits};

  always @(posedge clk) begin
    if (rst || i_kill) begin
      busy_q <= 1'b0;
      done_q <= 1'b0;
    end else if (i_start) begin
      done_q     <= 1'b0;
      want_rem_q <= i_op[1];
      if (i_b == 32'd0) begin
        busy_q   <= 1'b0;
        done_q   <= 1'b1;
        result_q <= i_op[1] ? i_a : 32'hFFFF_FFFF;
      end else begin
        busy_q    <= 1'b1;
        count_q   <= 6'd0;
        quot_q    <= a_mag;
        rem_q     <= 32'd0;
        divisor_q <= b_mag;
        // The remainder takes the dividend's sign, the quotient the XOR.
        neg_q     <= i_op[1] ? a_neg : (a_neg ^ b_neg);
      end
    end else if (busy_q) begin
      quot_q  <= quot_n;
      rem_q   <= rem_n;
      count_q <= count_q + 6'd1;
      if (count_q == 6'd31) begin
        busy_q   <= 1'b0;
        done_q   <= 1'b1;
        result_q <= want_rem_q ? (neg_q ? ~rem_n + 32'd1 : rem_n)
                               : (neg_q ? ~quot_n + 32'd1 : quot_n);
      end
    end
  end

  assign o_busy   = busy_q;
  assign o_done   = done_q;
  assign o_result = result_q;
endmodule
