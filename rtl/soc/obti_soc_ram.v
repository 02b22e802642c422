`default_nettype none
// Data RAM: dual-ported block RAM. Port A is the bus slave (the CPU's data
// port through the interconnect); port B serves one more bus master (the AES
// engine's DMA). Both answer a read in one cycle. Port A always grants; port
// B waits (no grant) in a cycle where port A accesses the same word and
// either side writes, so no same-word collision ever reaches the block RAM
// (docs/bus.md, "Second master").
module obti_soc_ram #(
  parameter integer Bytes    = 65536,
  parameter [31:0]  Base     = 32'h1000_0000,
  parameter         InitFile = ""
) (
  input  wire        clk,
  input  wire        rst,
  // port A: bus slave
  input  wire        i_req,
  input  wire        i_we,
  input  wire [31:0] i_addr,
  input  wire [3:0]  i_be,
  input  wire [31:0] i_wdata,
  output wire        o_gnt,
  output reg         o_rvalid,
  output reg  [31:0] o_rdata,
  output wire        o_err,
  // port B: second master (addresses already inside the RAM)
  input  wire        i_b_req,
  input  wire        i_b_we,
  input  wire [31:0] i_b_addr,
  input  wire [3:0]  i_b_be,
  input  wire [31:0] i_b_wdata,
  output wire        o_b_gnt,
  output reg         o_b_rvalid,
  output reg  [31:0] o_b_rdata
);
  localparam integer Words = Bytes / 4;
  localparam integer Aw    = $clog2(Words);

  reg [31:0] mem [0:Words-1];
  wire [Aw-1:0] word   = i_addr[Aw+1:2];
  wire [Aw-1:0] b_word = i_b_addr[Aw+1:2];
  wire          wr     = i_req && i_we;
  assign o_b_gnt = !(i_req && word == b_word && (i_we || i_b_we));
  wire          b_en   = i_b_req && o_b_gnt;
  wire          b_wr   = b_en && i_b_we;

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
    if (b_en)
      o_b_rdata <= mem[b_word];
    if (b_wr) begin
      if (i_b_be[0]) mem[b_word][7:0]   <= i_b_wdata[7:0];
      if (i_b_be[1]) mem[b_word][15:8]  <= i_b_wdata[15:8];
      if (i_b_be[2]) mem[b_word][23:16] <= i_b_wdata[23:16];
      if (i_b_be[3]) mem[b_word][31:24] <= i_b_wdata[31:24];
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      o_rvalid   <= 1'b0;
      o_b_rvalid <= 1'b0;
    end else begin
      o_rvalid   <= i_req;
      o_b_rvalid <= b_en;
    end
  end

  assign o_gnt = 1'b1;
  assign o_err = 1'b0;

  wire          mem_wr   = wr;
  wire [Aw-1:0] mem_word = word;
  `include "obti_soc_mem_load.vh"
`ifdef OBTI_SIM
  // the harness's copy of the memory sees port B's writes too
  always @(posedge clk) begin
    if (b_wr)
      obti_sim_mem_write(Base + {{(30-Aw){1'b0}}, b_word, 2'b00}, i_b_wdata, {28'd0, i_b_be});
  end
`endif

  wire unused_ok = &{1'b0, i_addr[31:Aw+2], i_addr[1:0], i_b_addr[31:Aw+2], i_b_addr[1:0]};
endmodule
