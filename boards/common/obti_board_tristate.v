`default_nettype none
// A bidirectional pad from the SoC's split out/enable/in signals (MDIO).
// Yosys maps the conditional assignment to the ECP5 tristate I/O buffer.
module obti_board_tristate (
  inout  wire io_pad,
  input  wire i_o,
  input  wire i_oe,
  output wire o_i
);
  assign io_pad = i_oe ? i_o : 1'bz;
  assign o_i    = io_pad;
endmodule
