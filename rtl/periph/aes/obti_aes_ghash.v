`default_nettype none
// GHASH (SP 800-38D 6.4): S = (S xor X) * H in GF(2^128), digit-serial,
// Digit bits of the multiplier per clock (128/Digit cycles per block), in
// Horner's order: the standard's bit 127 (our bit 0, the highest power of x)
// first, Z = Z * x^Digit xor sum_k X_k * (H * x^k). H is taken straight from
// i_h (it must not change while o_busy), so only Z shifts: there is no shifted
// copy of H. Multiplying by x is the standard's right shift with the
// reduction by R = 0xE1 || 0^120. Runs beside the AES rounds.
module obti_aes_ghash #(
  parameter integer Digit = 8          // 1, 2, 4, 8, 16 or 32
) (
  input  wire         clk,
  input  wire         rst,
  input  wire         i_clear,          // S = 0 (frame start, key clear)
  input  wire         i_start,          // absorb i_block (ignored while busy)
  input  wire [127:0] i_block,
  input  wire [127:0] i_h,              // held while o_busy
  output wire         o_busy,
  output wire [127:0] o_s
);
  localparam integer Steps = 128 / Digit;

  reg [127:0] s_q, x_q, z_q;
  reg [$clog2(Steps+1)-1:0] cnt_q;

  function automatic [127:0] mulx(input [127:0] v);
    mulx = {1'b0, v[127:1]} ^ (v[0] ? {8'he1, 120'd0} : 128'd0);
  endfunction

  // z_d = z * x^Digit xor sum over the digit's bits x_q[k] (k = 0 first,
  // the highest power) of H * x^(Digit-1-k): a flat XOR per bit
  reg [127:0] z_d, hx;
  integer k;
  always @* begin
    z_d = z_q;
    for (k = 0; k < Digit; k = k + 1)
      z_d = mulx(z_d);
    hx = i_h;
    for (k = Digit - 1; k >= 0; k = k - 1) begin
      z_d = z_d ^ ({128{x_q[k]}} & hx);
      hx  = mulx(hx);
    end
  end

  always @(posedge clk) begin
    if (rst || i_clear) begin
      s_q   <= 128'd0;
      x_q   <= 128'd0;
      z_q   <= 128'd0;
      cnt_q <= 0;
    end else if (cnt_q == 0) begin
      if (i_start) begin
        x_q   <= s_q ^ i_block;
        z_q   <= 128'd0;
        cnt_q <= Steps[$clog2(Steps+1)-1:0];
      end
    end else begin
      z_q   <= z_d;
      x_q   <= x_q >> Digit;
      cnt_q <= cnt_q - 1'b1;
      if (cnt_q == 1) s_q <= z_d;
    end
  end

  assign o_busy = cnt_q != 0;
  assign o_s    = s_q;
endmodule
