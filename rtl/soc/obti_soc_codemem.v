`default_nettype none
// Code memory: dual-ported block RAM. Port A serves the core's instruction
// port (read only, one cycle, output held while not enabled); port B is a
// bus slave for loads and stores. Stores into the first RomBytes (the
// read-only region: boot code and the service provider's public key) are
// refused with a bus error and change nothing.
module obti_soc_codemem #(
  parameter integer Bytes    = 262144,
  parameter integer RomBytes = 16384,
  parameter [31:0]  Base     = 32'h0000_0000,
  parameter         InitFile = ""          // $readmemh image for synthesis
) (
  input  wire        clk,
  input  wire        rst,
  // instruction port
  input  wire        i_a_en,
  input  wire [31:0] i_a_addr,
  output reg  [31:0] o_a_rdata,
  // bus slave
  input  wire        i_req,
  input  wire        i_we,
  input  wire [31:0] i_addr,
  input  wire [3:0]  i_be,
  input  wire [31:0] i_wdata,
  output wire        o_gnt,
  output reg         o_rvalid,
  output reg  [31:0] o_rdata,
  output reg         o_err
);
  localparam integer Words = Bytes / 4;
  localparam integer Aw    = $clog2(Words);

  // no_rw_check: a fetch and a store to the same word in one cycle may see
  // either value (fetch only has to see stores after fence.i), so Yosys need
  // not duplicate the memory to model read-during-write.
  (* no_rw_check *)
  reg [31:0] mem [0:Words-1];

  wire [Aw-1:0] a_word = i_a_addr[Aw+1:2];
  wire [Aw-1:0] b_word = i_addr[Aw+1:2];
  localparam [Aw+1:0] RomLimit = RomBytes[Aw+1:0];
  wire          b_rom  = (i_addr[Aw+1:0] < RomLimit);
  wire          b_wr   = i_req && i_we && !b_rom;

  always @(posedge clk) begin
    if (i_a_en)
      o_a_rdata <= mem[a_word];
  end

  always @(posedge clk) begin
    if (i_req)
      o_rdata <= mem[b_word];
    if (b_wr) begin
      if (i_be[0]) mem[b_word][7:0]   <= i_wdata[7:0];
      if (i_be[1]) mem[b_word][15:8]  <= i_wdata[15:8];
      if (i_be[2]) mem[b_word][23:16] <= i_wdata[23:16];
      if (i_be[3]) mem[b_word][31:24] <= i_wdata[31:24];
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      o_rvalid <= 1'b0;
      o_err    <= 1'b0;
    end else begin
      o_rvalid <= i_req;
      o_err    <= i_req && i_we && b_rom;
    end
  end

  assign o_gnt = 1'b1;

  wire          mem_wr   = b_wr;
  wire [Aw-1:0] mem_word = b_word;
  `include "obti_soc_mem_load.vh"

  wire unused_ok = &{1'b0, i_a_addr[31:Aw+2], i_a_addr[1:0], i_addr[31:Aw+2]};
endmodule
