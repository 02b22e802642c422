`default_nettype none
// Test top for tests/rtl/aes/tb_aes_core.cpp: the key store and one round
// engine, wired as obti_aes.v wires its first engine.
module tb_aes_core_top (
  input  wire         clk,
  input  wire         rst,
  input  wire         i_clear,
  input  wire         i_expand,
  input  wire         i_start,
  input  wire         i_dec,
  input  wire         i_k256,
  input  wire [127:0] i_block,
  input  wire [255:0] i_key,
  output wire         o_kbusy,
  output wire         o_kdone,
  output wire         o_done,
  output wire [127:0] o_block
);
  wire [4:0]   ka;
  wire [127:0] rk, rk_b;
  wire         busy;
  obti_aes_keys u_keys (
    .clk (clk), .rst (rst), .i_clear (i_clear),
    .i_start (i_expand), .i_k256 (i_k256), .i_key (i_key),
    .o_busy (o_kbusy), .o_done (o_kdone),
    .i_ka_a (ka), .o_rk_a (rk), .i_ka_b (4'd0), .o_rk_b (rk_b)
  );
  obti_aes_core u_core (
    .clk (clk), .rst (rst), .i_clear (i_clear),
    .i_start (i_start), .i_dec (i_dec), .i_k256 (i_k256),
    .i_block (i_block), .o_ka (ka), .i_rk (rk),
    .o_busy (busy), .o_done (o_done), .o_block (o_block)
  );
  wire unused_ok = &{1'b0, rk_b, busy};
endmodule
