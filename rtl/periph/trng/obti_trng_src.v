`default_nettype none
// TRNG entropy sources and sampler: the noise-diode comparator pin or the
// ring oscillators, each through a 2-flop synchronizer (both are asynchronous
// to clk), sampled once every i_div clock cycles.
module obti_trng_src #(
  parameter bit Sim = 1'b0
) (
  input  wire        clk,
  input  wire        rst,
  input  wire        i_en,
  input  wire        i_src,      // 0 = diode pin, 1 = ring oscillators
  input  wire [15:0] i_div,      // clock cycles per sample, 0 taken as 1
  input  wire        i_noise,    // comparator output, asynchronous
  output reg         o_valid,    // one cycle per sample
  output reg         o_bit
);
  wire ro_bit;

  obti_trng_ro #(.Sim(Sim)) u_ro (
    .clk   (clk),
    .rst   (rst),
    .i_en  (i_en && i_src),
    .o_bit (ro_bit)
  );

  (* async_reg = "true" *) reg [1:0] noise_sync_q;
  (* async_reg = "true" *) reg [1:0] ro_sync_q;
  reg [15:0] cnt_q;
  wire       tick = (cnt_q + 16'd1 >= i_div);

  always @(posedge clk) begin
    if (rst) begin
      noise_sync_q <= 2'b00;
      ro_sync_q    <= 2'b00;
      cnt_q        <= 16'd0;
      o_valid      <= 1'b0;
      o_bit        <= 1'b0;
    end else begin
      noise_sync_q <= {noise_sync_q[0], i_noise};
      ro_sync_q    <= {ro_sync_q[0], ro_bit};
      o_valid      <= 1'b0;
      if (!i_en) begin
        cnt_q <= 16'd0;
      end else if (tick) begin
        cnt_q   <= 16'd0;
        o_valid <= 1'b1;
        o_bit   <= i_src ? ro_sync_q[1] : noise_sync_q[1];
      end else begin
        cnt_q <= cnt_q + 16'd1;
      end
    end
  end
endmodule
