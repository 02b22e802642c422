`default_nettype none
// GHASH (SP 800-38D 6.4): S = (S xor X) * H in GF(2^128), digit-serial,
// Digit bits of the multiplier per clock (128/Digit cycles per block), MSB
// (the standard's bit 0) first, with the standard's right-shift reduction
// by R = 0xE1 || 0^120. Runs beside the AES rounds.
module obti_aes_ghash #(
  parameter integer Digit = 8          // 1, 2, 4, 8, 16 or 32
) (
  input  wire         clk,
  input  wire         rst,
  input  wire         i_clear,          // S = 0 (frame start, key clear)
  input  wire         i_start,          // absorb i_block (ignored while busy)
  input  wire [127:0] i_block,
  input  wire [127:0] i_h,
  output wire         o_busy,
  output wire [127:0] o_s
);
  localparam integer Steps = 128 / Digit;

  reg [127:0] s_q, x_q, z_q, v_q;
  reg [$clog2(Steps+1)-1:0] cnt_q;

  // Digit steps of the bit-serial algorithm, unrolled
  reg [127:0] z_d, v_d;
  integer k;
  always @* begin
    z_d = z_q;
    v_d = v_q;
    for (k = 0; k < Digit; k = k + 1) begin
      if (x_q[127 - k]) z_d = z_d ^ v_d;
      v_d = {1'b0, v_d[127:1]} ^ (v_d[0] ? {8'he1, 120'd0} : 128'd0);
    end
  end

  always @(posedge clk) begin
    if (rst || i_clear) begin
      s_q   <= 128'd0;
      x_q   <= 128'd0;
      z_q   <= 128'd0;
      v_q   <= 128'd0;
      cnt_q <= 0;
    end else if (cnt_q == 0) begin
      if (i_start) begin
        x_q   <= s_q ^ i_block;
        z_q   <= 128'd0;
        v_q   <= i_h;
        cnt_q <= Steps[$clog2(Steps+1)-1:0];
      end
    end else begin
      z_q   <= z_d;
      v_q   <= v_d;
      x_q   <= x_q << Digit;
      cnt_q <= cnt_q - 1'b1;
      if (cnt_q == 1) s_q <= z_d;
    end
  end

  assign o_busy = cnt_q != 0;
  assign o_s    = s_q;
endmodule
