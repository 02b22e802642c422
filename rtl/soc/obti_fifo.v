`default_nettype none
// Synchronous first-word-fall-through FIFO. A push when full and a pop when
// empty are ignored (the caller checks o_full / o_empty and counts drops).
module obti_fifo #(
  parameter integer Width = 8,
  parameter integer Depth = 16          // a power of two
) (
  input  wire             clk,
  input  wire             rst,
  input  wire             i_push,
  input  wire [Width-1:0] i_data,
  input  wire             i_pop,
  output wire [Width-1:0] o_data,
  output wire             o_empty,
  output wire             o_full
);
  localparam integer Aw = $clog2(Depth);

  reg [Width-1:0] buf_q [0:Depth-1];
  reg [Aw:0]      wr_q, rd_q;

  wire push = i_push && !o_full;
  wire pop  = i_pop && !o_empty;

  always @(posedge clk) begin
    if (rst) begin
      wr_q <= {(Aw+1){1'b0}};
      rd_q <= {(Aw+1){1'b0}};
    end else begin
      if (push) wr_q <= wr_q + 1'b1;
      if (pop)  rd_q <= rd_q + 1'b1;
    end
  end

  always @(posedge clk) begin
    if (push) buf_q[wr_q[Aw-1:0]] <= i_data;
  end

  assign o_data  = buf_q[rd_q[Aw-1:0]];
  assign o_empty = (wr_q == rd_q);
  assign o_full  = (wr_q[Aw-1:0] == rd_q[Aw-1:0]) && (wr_q[Aw] != rd_q[Aw]);
endmodule
