`default_nettype none
// Small asynchronous FIFO between two clock domains: Gray-coded pointers,
// each synchronised through two flops into the other domain. Used by the
// RGMII receiver to carry nibbles from the PHY's RX clock to the system
// clock. Depth is 2**Aw entries.
module obti_eth_afifo #(
  parameter integer Width = 6,
  parameter integer Aw    = 3
) (
  // write side (i_wclk domain)
  input  wire             i_wclk,
  input  wire             i_wrst,
  input  wire             i_we,
  input  wire [Width-1:0] i_wdata,
  output wire             o_full,
  // read side (clk domain)
  input  wire             clk,
  input  wire             rst,
  input  wire             i_re,
  output wire [Width-1:0] o_rdata,
  output wire             o_empty
);
  reg [Width-1:0] mem_q [0:(1<<Aw)-1];
  reg [Aw:0] wbin_q, wgray_q, rbin_q, rgray_q;
  reg [Aw:0] rgray_w1_q, rgray_w2_q;   // read pointer in the write domain
  reg [Aw:0] wgray_r1_q, wgray_r2_q;   // write pointer in the read domain

  wire [Aw:0] wbin_d  = wbin_q + {{Aw{1'b0}}, i_we && !o_full};
  wire [Aw:0] rbin_d  = rbin_q + {{Aw{1'b0}}, i_re && !o_empty};

  always @(posedge i_wclk) begin
    if (i_wrst) begin
      wbin_q     <= {(Aw+1){1'b0}};
      wgray_q    <= {(Aw+1){1'b0}};
      rgray_w1_q <= {(Aw+1){1'b0}};
      rgray_w2_q <= {(Aw+1){1'b0}};
    end else begin
      if (i_we && !o_full) mem_q[wbin_q[Aw-1:0]] <= i_wdata;
      wbin_q     <= wbin_d;
      wgray_q    <= wbin_d ^ (wbin_d >> 1);
      rgray_w1_q <= rgray_q;
      rgray_w2_q <= rgray_w1_q;
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      rbin_q     <= {(Aw+1){1'b0}};
      rgray_q    <= {(Aw+1){1'b0}};
      wgray_r1_q <= {(Aw+1){1'b0}};
      wgray_r2_q <= {(Aw+1){1'b0}};
    end else begin
      rbin_q     <= rbin_d;
      rgray_q    <= rbin_d ^ (rbin_d >> 1);
      wgray_r1_q <= wgray_q;
      wgray_r2_q <= wgray_r1_q;
    end
  end

  // Full: the pointers differ only in their two top Gray bits.
  assign o_full  = wgray_q == {~rgray_w2_q[Aw:Aw-1], rgray_w2_q[Aw-2:0]};
  assign o_empty = rgray_q == wgray_r2_q;
  assign o_rdata = mem_q[rbin_q[Aw-1:0]];
endmodule
