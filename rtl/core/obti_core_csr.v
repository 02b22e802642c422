`default_nettype none
// Machine-mode CSRs, the cycle and instruction counters, and trap entry and
// return. The pipeline reads and writes CSRs from its memory stage, the
// commit point, so CSR effects and traps happen in program order.
module obti_core_csr #(
  parameter [31:0] MvendorId = 32'd0,
  parameter [31:0] MarchId   = 32'd0,
  parameter [31:0] MimpId    = 32'd0,
  parameter [31:0] MhartId   = 32'd0
) (
  input  wire        clk,
  input  wire        rst,

  // CSR instruction in the memory stage.
  input  wire [11:0] i_addr,
  output reg  [31:0] o_rdata,
  input  wire        i_write,      // commit a write this cycle
  input  wire [1:0]  i_op,         // funct3[1:0]: 1 write, 2 set, 3 clear
  input  wire [31:0] i_wsrc,       // rs1 value or zero-extended uimm

  input  wire        i_retire,     // an instruction commits this cycle

  // Trap entry and return.
  input  wire        i_trap,
  input  wire        i_trap_irq,
  input  wire [3:0]  i_trap_code,
  input  wire [31:0] i_trap_pc,
  input  wire [31:0] i_trap_tval,
  input  wire        i_mret,
  output wire [31:0] o_trap_target,  // where a trap taken now goes
  output wire [31:0] o_mepc,

  // Interrupts.
  input  wire        i_irq_soft,
  input  wire        i_irq_timer,
  input  wire        i_irq_ext,
  output wire        o_irq_take,     // an interrupt is pending, enabled and MIE set
  output reg  [3:0]  o_irq_code,     // which one, by the spec's priority
  output wire        o_wake          // wfi may resume (pending and enabled in mie)
);
  `include "obti_core_defs.vh"

  localparam [31:0] Misa = 32'h4000_1100;   // MXL=1 (32-bit), I, M

  reg        mie_q, mpie_q;
  reg        msie_q, mtie_q, meie_q;
  reg [31:0] mtvec_q;
  reg [31:0] mscratch_q, mepc_q, mtval_q;
  reg        mcause_irq_q;
  reg [3:0]  mcause_code_q;
  reg [63:0] mcycle_q, minstret_q;

  wire [31:0] mstatus = {19'd0, 2'b11, 3'd0, mpie_q, 3'd0, mie_q, 3'd0};
  wire [31:0] mip     = {20'd0, i_irq_ext, 3'd0, i_irq_timer, 3'd0, i_irq_soft, 3'd0};
  wire [31:0] mie     = {20'd0, meie_q, 3'd0, mtie_q, 3'd0, msie_q, 3'd0};
  wire [31:0] mcause  = {mcause_irq_q, 27'd0, mcause_code_q};

  always @* begin
    case (i_addr)
      CsrMstatus:                o_rdata = mstatus;
      CsrMisa:                   o_rdata = Misa;
      CsrMie:                    o_rdata = mie;
      CsrMtvec:                  o_rdata = mtvec_q;
      CsrMscratch:               o_rdata = mscratch_q;
      CsrMepc:                   o_rdata = mepc_q;
      CsrMcause:                 o_rdata = mcause;
      CsrMtval:                  o_rdata = mtval_q;
      CsrMip:                    o_rdata = mip;
      CsrMcycle, CsrCycle:       o_rdata = mcycle_q[31:0];
      CsrMcycleh, CsrCycleh:     o_rdata = mcycle_q[63:32];
      CsrMinstret, CsrInstret:   o_rdata = minstret_q[31:0];
      CsrMinstreth, CsrInstreth: o_rdata = minstret_q[63:32];
      CsrMvendorid:              o_rdata = MvendorId;
      CsrMarchid:                o_rdata = MarchId;
      CsrMimpid:                 o_rdata = MimpId;
      CsrMhartid:                o_rdata = MhartId;
      default:                   o_rdata = 32'd0;   // mstatush and unknown
    endcase
  end

  reg [31:0] wval;
  always @* begin
    case (i_op)
      2'd2:    wval = o_rdata | i_wsrc;
      2'd3:    wval = o_rdata & ~i_wsrc;
      default: wval = i_wsrc;
    endcase
  end

  wire wr = i_write && !i_trap;

  always @(posedge clk) begin
    if (rst) begin
      mie_q         <= 1'b0;
      mpie_q        <= 1'b0;
      msie_q        <= 1'b0;
      mtie_q        <= 1'b0;
      meie_q        <= 1'b0;
      mtvec_q       <= 32'd0;
      mscratch_q    <= 32'd0;
      mepc_q        <= 32'd0;
      mtval_q       <= 32'd0;
      mcause_irq_q  <= 1'b0;
      mcause_code_q <= 4'd0;
      mcycle_q      <= 64'd0;
      minstret_q    <= 64'd0;
    end else begin
      // Counters first, so that a CSR write in the same cycle wins.
      mcycle_q <= mcycle_q + 64'd1;
      if (i_retire)
        minstret_q <= minstret_q + 64'd1;

      if (i_trap) begin
        mepc_q        <= {i_trap_pc[31:2], 2'b00};
        mcause_irq_q  <= i_trap_irq;
        mcause_code_q <= i_trap_code;
        mtval_q       <= i_trap_tval;
        mpie_q        <= mie_q;
        mie_q         <= 1'b0;
      end else if (i_mret) begin
        mie_q  <= mpie_q;
        mpie_q <= 1'b1;
      end else if (wr) begin
        case (i_addr)
          CsrMstatus: begin
            mie_q  <= wval[3];
            mpie_q <= wval[7];
          end
          CsrMie: begin
            msie_q <= wval[3];
            mtie_q <= wval[7];
            meie_q <= wval[11];
          end
          // Modes 2 and 3 are reserved: keep direct mode then.
          CsrMtvec:     mtvec_q    <= {wval[31:2], 1'b0, wval[1:0] == 2'b01};
          CsrMscratch:  mscratch_q <= wval;
          CsrMepc:      mepc_q     <= {wval[31:2], 2'b00};
          CsrMcause: begin
            mcause_irq_q  <= wval[31];
            mcause_code_q <= wval[3:0];
          end
          CsrMtval:     mtval_q    <= wval;
          CsrMcycle:    mcycle_q[31:0]    <= wval;
          CsrMcycleh:   mcycle_q[63:32]   <= wval;
          CsrMinstret:  minstret_q[31:0]  <= wval;
          CsrMinstreth: minstret_q[63:32] <= wval;
          default: ;
        endcase
      end
    end
  end

  // Interrupt selection: external, then software, then timer (priv. spec 3.1.9).
  wire pend_ext   = i_irq_ext & meie_q;
  wire pend_soft  = i_irq_soft & msie_q;
  wire pend_timer = i_irq_timer & mtie_q;
  always @* begin
    if (pend_ext)       o_irq_code = IrqExt;
    else if (pend_soft) o_irq_code = IrqSoft;
    else                o_irq_code = IrqTimer;
  end
  assign o_wake     = pend_ext | pend_soft | pend_timer;
  assign o_irq_take = o_wake & mie_q;

  // Vectored mode sends interrupts to BASE + 4 * cause.
  wire [31:0] base = {mtvec_q[31:2], 2'b00};
  assign o_trap_target = (mtvec_q[0] && i_trap_irq) ? base + {26'd0, i_trap_code, 2'b00} : base;
  assign o_mepc        = mepc_q;

  wire unused_ok = &{1'b0, i_trap_pc[1:0]};
endmodule
