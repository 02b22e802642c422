`default_nettype none
// Data RAM: single-ported block RAM bus slave; loads take one cycle.
module obti_soc_ram #(
  parameter integer Bytes    = 65536,
  parameter [31:0]  Base     = 32'h1000_0000,
  parameter         InitFile = ""
) (
  input  wire        clk,
  input  wire        rst,
  input  wire        i_req,
  input  wire        i_we,
  input  wire [31:0] i_addr,
  input  wire [3:0]  i_be,
  input  wire [31:0] i_wdata,
  output wire        o_gnt,
  output reg         o_rvalid,
  output reg  [31:0] o_rdata,
  output wire        o_err
);
  localparam integer Words = Bytes / 4;
  localparam integer Aw    = $clog2(Words);

  reg [31:0] mem [0:Words-1];
  wire [Aw-1:0] word = i_addr[Aw+1:2];
  wire          wr   = i_req && i_we;

  always @(posedge clk) begin
    if (i_req)
      o_rdata <= mem[word];
    if (wr) begin
      if (i_be[0]) mem[word][7:0]   <= i_wdata[7:0];
      if (i_be[1]) mem[word][15:8]  <= i_wdata[15:8];
      if (i_be[2]) mem[word][23:16] <= i_wdata[23:16];
      if (i_be[3]) mem[word][31:24] <= i_wdata[31:24];
    end
  end

  always @(posedge clk) begin
    if (rst) o_rvalid <= 1'b0;
    else     o_rvalid <= i_req;
  end

  assign o_gnt = 1'b1;
  assign o_err = 1'b0;

  wire          mem_wr   = wr;
  wire [Aw-1:0] mem_word = word;
  `include "obti_soc_mem_load.vh"

  wire unused_ok = &{1'b0, i_addr[31:Aw+2], i_addr[1:0]};
endmodule
