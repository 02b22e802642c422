// Initial content and write mirror shared by the block-RAM modules
// (obti_soc_codemem, obti_soc_ram). Included inside the module; expects
// `mem`, `clk`, `i_wdata`, `i_be`, the parameters Base, InitFile, Words, Aw,
// and the wires `mem_wr` (a write this cycle) and `mem_word` (its word index).
// In simulation the harness supplies the image and keeps a copy
// (docs/simulation.md); in synthesis $readmemh loads InitFile.
`ifdef OBTI_SIM
  import "DPI-C" function int obti_sim_mem_init(input int addr);
  import "DPI-C" function void obti_sim_mem_write(input int addr, input int data,
                                                  input int be);
  wire unused_init = (InitFile == "");   // the harness loads the image instead
  integer i;
  initial begin
    for (i = 0; i < Words; i = i + 1)
      mem[i] = obti_sim_mem_init(Base + 4 * i);
  end
  always @(posedge clk) begin
    if (mem_wr)
      obti_sim_mem_write(Base + {{(30-Aw){1'b0}}, mem_word, 2'b00}, i_wdata, {28'd0, i_be});
  end
`else
  wire [31:0] unused_base = Base;
  wire unused_mem = &{1'b0, mem_wr, mem_word};
  initial begin
    if (InitFile != "")
      $readmemh(InitFile, mem);
  end
`endif
