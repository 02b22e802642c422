`default_nettype none
// MDIO master (IEEE 802.3 clause 22): 32-bit preamble, start 01, op,
// PHY and register address, turnaround, 16 data bits. MDIO changes while
// MDC is low; the PHY samples on MDC's rising edge, and so does the master
// when it reads.
module obti_eth_mdio (
  input  wire        clk,
  input  wire        rst,
  input  wire [7:0]  i_div,      // half period of MDC in clock cycles (0 acts as 1)
  input  wire        i_start,
  input  wire        i_write,
  input  wire [4:0]  i_phy,
  input  wire [4:0]  i_reg,
  input  wire [15:0] i_wdata,
  output wire        o_busy,
  output reg         o_done,     // one cycle at the end of a transaction
  output reg  [15:0] o_rdata,
  output reg         o_mdc,
  output wire        o_mdio_o,
  output reg         o_mdio_oe,
  input  wire        i_mdio_i
);
  localparam [6:0] LastBit = 7'd63;

  reg        busy_q, write_q;
  reg [63:0] sh_q;
  reg [6:0]  bit_q;
  reg [7:0]  cnt_q;

  wire [7:0] div = (i_div == 8'd0) ? 8'd1 : i_div;

  always @(posedge clk) begin
    o_done <= 1'b0;
    if (rst) begin
      busy_q    <= 1'b0;
      write_q   <= 1'b0;
      sh_q      <= 64'd0;
      bit_q     <= 7'd0;
      cnt_q     <= 8'd0;
      o_mdc     <= 1'b0;
      o_mdio_oe <= 1'b0;
      o_rdata   <= 16'd0;
    end else if (!busy_q) begin
      o_mdc     <= 1'b0;
      o_mdio_oe <= 1'b0;
      if (i_start) begin
        busy_q    <= 1'b1;
        write_q   <= i_write;
        sh_q      <= {32'hFFFF_FFFF, 2'b01, i_write ? 2'b01 : 2'b10, i_phy, i_reg,
                      i_write ? 2'b10 : 2'b11, i_write ? i_wdata : 16'hFFFF};
        bit_q     <= 7'd0;
        cnt_q     <= 8'd1;
        o_mdio_oe <= 1'b1;
      end
    end else if (cnt_q < div) begin
      cnt_q <= cnt_q + 8'd1;
    end else begin
      cnt_q <= 8'd1;
      if (!o_mdc) begin
        // rising edge: the PHY samples; a read samples the PHY's bit
        o_mdc <= 1'b1;
        if (!write_q && bit_q >= 7'd48)
          o_rdata <= {o_rdata[14:0], i_mdio_i};
      end else begin
        // falling edge: next bit
        o_mdc <= 1'b0;
        sh_q  <= {sh_q[62:0], 1'b0};
        bit_q <= bit_q + 7'd1;
        // a read releases the line for the turnaround and the data
        o_mdio_oe <= write_q || bit_q + 7'd1 < 7'd46;
        if (bit_q == LastBit) begin
          busy_q    <= 1'b0;
          o_done    <= 1'b1;
          o_mdio_oe <= 1'b0;
        end
      end
    end
  end

  assign o_busy   = busy_q;
  assign o_mdio_o = sh_q[63];
endmodule
