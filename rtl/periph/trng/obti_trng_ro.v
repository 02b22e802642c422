`default_nettype none
// On-chip entropy source for boards without a noise diode: free-running ring
// oscillators of different odd lengths, XORed; the output is asynchronous and
// goes through obti_trng_src's synchronizer. On ECP5 each stage is a LUT4
// instance kept by (* keep *) so synthesis leaves the combinational loops in
// place. Verilator cannot simulate a loop: under OBTI_SIM the harness' ring
// model (sim/models/noise.cpp, DPI obti_sim_trng_ro) supplies the jittery bit;
// in other simulations (Sim = 1, e.g. the post-synthesis netlist, or lint) a
// 32-bit LFSR stands in -- deterministic, never built into a bitstream.
module obti_trng_ro #(
  /* verilator lint_off UNUSEDPARAM */
  parameter bit     Sim   = 1'b0,
  parameter integer Rings = 3          // ECP5 only: number of rings
  /* verilator lint_on UNUSEDPARAM */
) (
  input  wire clk,
  input  wire rst,
  input  wire i_en,        // run the rings (they stop when disabled)
  output wire o_bit        // asynchronous on hardware
);
`ifdef SYNTHESIS
  if (Sim) begin : g_standin
    reg [31:0] lfsr_q;
    always @(posedge clk) begin
      if (rst) lfsr_q <= 32'h1;
      else if (i_en) lfsr_q <= {1'b0, lfsr_q[31:1]} ^ (lfsr_q[0] ? 32'hA3000000 : 32'h0);
    end
    assign o_bit = lfsr_q[0];
  end else begin : g_rings
    // Ring r has 2r+3 stages: a NAND with the enable, then inverters.
    wire [Rings-1:0] taps;
    genvar r, s;
    for (r = 0; r < Rings; r = r + 1) begin : g_ring
      localparam integer Len = 2 * r + 3;
      (* keep *) wire [Len-1:0] stage;
      (* keep *) LUT4 #(.INIT(16'h7777)) u_nand (
        .A(stage[Len-1]), .B(i_en), .C(1'b0), .D(1'b0), .Z(stage[0]));
      for (s = 1; s < Len; s = s + 1) begin : g_inv
        (* keep *) LUT4 #(.INIT(16'h5555)) u_inv (
          .A(stage[s-1]), .B(1'b0), .C(1'b0), .D(1'b0), .Z(stage[s]));
      end
      assign taps[r] = stage[Len-1];
    end
    assign o_bit = ^taps;
    wire unused_clk = &{1'b0, clk, rst};
  end
`elsif OBTI_SIM
  // One call per clock while enabled: the model advances its rings by one
  // clock period and returns their XOR at the clock edge.
  import "DPI-C" function int obti_sim_trng_ro();
  reg bit_q;
  always @(posedge clk) begin
    if (rst) bit_q <= 1'b0;
    else if (i_en) bit_q <= (obti_sim_trng_ro() & 32'd1) != 32'd0;
  end
  assign o_bit = bit_q;
`else
  reg [31:0] lfsr_q;
  always @(posedge clk) begin
    if (rst) lfsr_q <= 32'h1;
    else if (i_en) lfsr_q <= {1'b0, lfsr_q[31:1]} ^ (lfsr_q[0] ? 32'hA3000000 : 32'h0);
  end
  assign o_bit = lfsr_q[0];
`endif
endmodule
