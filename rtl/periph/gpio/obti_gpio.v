`default_nettype none
// GPIO: OutWidth output pins (LEDs) and InWidth synchronized input pins
// (buttons) with sticky change flags. Registers: docs/registers/gpio.md.
module obti_gpio #(
  parameter integer OutWidth = 8,
  parameter integer InWidth  = 8
) (
  input  wire                clk,
  input  wire                rst,
  input  wire                i_req,
  input  wire                i_we,
  input  wire [11:0]         i_addr,
  input  wire [3:0]          i_be,
  input  wire [31:0]         i_wdata,
  output wire                o_gnt,
  output reg                 o_rvalid,
  output reg  [31:0]         o_rdata,
  output wire                o_err,
  output wire [OutWidth-1:0] o_out,
  input  wire [InWidth-1:0]  i_in,
  output wire                o_irq
);
  `include "obti_gpio_regs.vh"

  wire wr = i_req && i_we;
  wire rd = i_req && !i_we;

  reg [OutWidth-1:0] out_q;
  reg [InWidth-1:0]  sync0_q, sync1_q, prev_q, ie_q, ip_q;

  always @(posedge clk) begin
    if (rst) begin
      out_q   <= {OutWidth{1'b0}};
      sync0_q <= {InWidth{1'b0}};
      sync1_q <= {InWidth{1'b0}};
      prev_q  <= {InWidth{1'b0}};
      ie_q    <= {InWidth{1'b0}};
      ip_q    <= {InWidth{1'b0}};
    end else begin
      sync0_q <= i_in;
      sync1_q <= sync0_q;
      prev_q  <= sync1_q;
      if (wr && i_addr == GpioOut) out_q <= i_wdata[OutWidth-1:0];
      if (wr && i_addr == GpioIe)  ie_q  <= i_wdata[InWidth-1:0];
      ip_q <= (ip_q & ~((wr && i_addr == GpioIp) ? i_wdata[InWidth-1:0] : {InWidth{1'b0}}))
            | (sync1_q ^ prev_q);
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      o_rvalid <= 1'b0;
      o_rdata  <= 32'd0;
    end else begin
      o_rvalid <= i_req;
      o_rdata  <= 32'd0;
      if (rd) begin
        case (i_addr)
          GpioOut: o_rdata[OutWidth-1:0] <= out_q;
          GpioIn:  o_rdata[InWidth-1:0]  <= sync1_q;
          GpioIe:  o_rdata[InWidth-1:0]  <= ie_q;
          GpioIp:  o_rdata[InWidth-1:0]  <= ip_q;
          default: o_rdata <= 32'd0;
        endcase
      end
    end
  end

  assign o_gnt = 1'b1;
  assign o_err = 1'b0;
  assign o_out = out_q;
  assign o_irq = |(ip_q & ie_q);

  wire unused_ok = &{1'b0, i_be, i_wdata};
endmodule
