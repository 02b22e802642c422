`default_nettype none
// Test-bench top: the four G.711 coders side by side (driven by tb_g711.cpp).
module tb_g711 (
  input  wire [15:0] i_lin,
  input  wire [7:0]  i_code,
  output wire [7:0]  o_ulaw,
  output wire [7:0]  o_alaw,
  output wire [15:0] o_ulaw_lin,
  output wire [15:0] o_alaw_lin
);
  obti_pcm_g711_ulaw_enc u_ue (.i_lin(i_lin),  .o_code(o_ulaw));
  obti_pcm_g711_alaw_enc u_ae (.i_lin(i_lin),  .o_code(o_alaw));
  obti_pcm_g711_ulaw_dec u_ud (.i_code(i_code), .o_lin(o_ulaw_lin));
  obti_pcm_g711_alaw_dec u_ad (.i_code(i_code), .o_lin(o_alaw_lin));
endmodule
