`default_nettype none
// Repetition count test (SP 800-90B 4.4.1): a sample fails when it ends a
// run of i_cutoff or more identical samples. The cutoff is a register, so the
// test is a comparison; o_fail is combinational with the sample.
module obti_trng_rct #(
  parameter integer CountWidth = 8
) (
  input  wire                  clk,
  input  wire                  rst,
  input  wire                  i_clear,       // restart: forget the run
  input  wire                  i_valid,       // a new sample this cycle
  input  wire                  i_bit,
  input  wire [CountWidth-1:0] i_cutoff,
  output wire                  o_fail,        // this sample failed (with i_valid)
  output wire [CountWidth-1:0] o_run          // length of the current run
);
  localparam [CountWidth-1:0] CountMax = {CountWidth{1'b1}};

  reg                  last_q;
  reg [CountWidth-1:0] run_q;
  reg [CountWidth-1:0] run_d;

  // run_q = 0 after a restart, so the first sample always starts a run of 1.
  always @* begin
    run_d = run_q;
    if (i_valid) begin
      if (i_bit == last_q && run_q != {CountWidth{1'b0}})
        run_d = (run_q == CountMax) ? CountMax : run_q + 1'b1;
      else
        run_d = {{(CountWidth-1){1'b0}}, 1'b1};
    end
  end

  always @(posedge clk) begin
    if (rst || i_clear) begin
      last_q <= 1'b0;
      run_q  <= {CountWidth{1'b0}};
    end else if (i_valid) begin
      last_q <= i_bit;
      run_q  <= run_d;
    end
  end

  assign o_fail = i_valid && run_d >= i_cutoff;
  assign o_run  = run_q;
endmodule
