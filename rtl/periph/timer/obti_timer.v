`default_nettype none
// Machine timer: 64-bit mtime counting system clock cycles, mtimecmp and
// msip, as in the RISC-V privileged spec. Registers: docs/registers/timer.md.
module obti_timer (
  input  wire        clk,
  input  wire        rst,
  input  wire        i_req,
  input  wire        i_we,
  input  wire [11:0] i_addr,
  input  wire [3:0]  i_be,
  input  wire [31:0] i_wdata,
  output wire        o_gnt,
  output reg         o_rvalid,
  output reg  [31:0] o_rdata,
  output wire        o_err,
  output wire        o_irq_timer,
  output wire        o_irq_soft
);
  `include "obti_timer_regs.vh"

  wire wr = i_req && i_we;
  wire rd = i_req && !i_we;

  reg [63:0] mtime_q, mtimecmp_q;
  reg        msip_q, mtip_q;

  always @(posedge clk) begin
    if (rst) begin
      mtime_q    <= 64'd0;
      mtimecmp_q <= {TimerMtimecmphReset, TimerMtimecmpReset};
      msip_q     <= 1'b0;
      mtip_q     <= 1'b0;
    end else begin
      mtime_q <= mtime_q + 64'd1;
      if (wr) begin
        case (i_addr)
          TimerMtime:     mtime_q[31:0]     <= i_wdata;
          TimerMtimeh:    mtime_q[63:32]    <= i_wdata;
          TimerMtimecmp:  mtimecmp_q[31:0]  <= i_wdata;
          TimerMtimecmph: mtimecmp_q[63:32] <= i_wdata;
          TimerMsip:      msip_q            <= i_wdata[0];
          default: ;
        endcase
      end
      // Registered compare: one cycle of latency, a short timing path.
      mtip_q <= (mtime_q >= mtimecmp_q);
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
          TimerMtime:     o_rdata <= mtime_q[31:0];
          TimerMtimeh:    o_rdata <= mtime_q[63:32];
          TimerMtimecmp:  o_rdata <= mtimecmp_q[31:0];
          TimerMtimecmph: o_rdata <= mtimecmp_q[63:32];
          TimerMsip:      o_rdata <= {31'd0, msip_q};
          default:        o_rdata <= 32'd0;
        endcase
      end
    end
  end

  assign o_gnt       = 1'b1;
  assign o_err       = 1'b0;
  assign o_irq_timer = mtip_q;
  assign o_irq_soft  = msip_q;

  wire unused_ok = &{1'b0, i_be};
endmodule
