`default_nettype none
// obti RV32IM core: five-stage in-order pipeline (fetch, decode, execute,
// memory, write-back) with full forwarding, machine-mode CSRs and precise
// traps. Documented in docs/core.md.
//
// - Fetch: the instruction port reads every cycle; the word arrives in the
//   next cycle, and decode keeps a copy while it cannot take it.
//   jal and backward branches redirect fetch from decode (no bubble when the
//   prediction holds); jalr, mispredicted branches and fence.i redirect from
//   execute (one bubble); traps and mret redirect from memory (two bubbles).
// - Execute: ALU, branches, load/store address and bus request, the
//   iterative divider. Interrupts are attached here to the oldest instruction
//   that has not yet touched the bus or the CSRs.
// - Memory: load data, CSR access, multiply, and the commit point: an
//   instruction that leaves this stage without a trap has retired.
module obti_core #(
  parameter [31:0] ResetVector = 32'h0000_0000,
  parameter [31:0] CodeBase    = 32'h0000_0000,   // the instruction port's window
  parameter integer CodeBytes  = 262144
) (
  input  wire        clk,
  input  wire        rst,

  output wire        o_ibus_req,
  output wire [31:0] o_ibus_addr,
  input  wire [31:0] i_ibus_rdata,

  output wire        o_dbus_req,
  output wire        o_dbus_we,
  output wire [31:0] o_dbus_addr,
  output wire [3:0]  o_dbus_be,
  output wire [31:0] o_dbus_wdata,
  input  wire        i_dbus_gnt,
  input  wire        i_dbus_rvalid,
  input  wire [31:0] i_dbus_rdata,
  input  wire        i_dbus_err,

  input  wire        i_irq_soft,
  input  wire        i_irq_timer,
  input  wire        i_irq_ext
);
  `include "obti_core_defs.vh"

  localparam [31:0] Nop = 32'h0000_0013;

  // ---------------------------------------------------------------------
  // Stage registers
  // ---------------------------------------------------------------------
  // decode
  reg        id_valid_q;
  reg [31:0] id_pc_q;
  reg        id_fault_q;

  // execute
  reg        ex_valid_q;
  reg [31:0] ex_pc_q, ex_insn_q, ex_imm_q;
  reg [31:0] ex_rs1_q, ex_rs2_q;
  reg [4:0]  ex_rs1_idx_q, ex_rs2_idx_q, ex_rd_q;
  reg        ex_rd_we_q;
  reg [3:0]  ex_alu_op_q;
  reg        ex_a_pc_q, ex_a_zero_q, ex_b_imm_q;
  reg        ex_branch_q, ex_jal_q, ex_jalr_q, ex_pred_q;
  reg        ex_load_q, ex_store_q, ex_mul_q, ex_div_q;
  reg        ex_csr_q, ex_csr_write_q, ex_mret_q, ex_wfi_q, ex_fencei_q;
  reg [2:0]  ex_funct3_q;
  reg        ex_exc_q;
  reg [3:0]  ex_exc_code_q;
  reg [31:0] ex_exc_tval_q;

  // memory
  reg        mem_valid_q;
  reg [31:0] mem_pc_q, mem_insn_q;
  reg [4:0]  mem_rd_q;
  reg        mem_rd_we_q;
  reg [31:0] mem_res_q;    // ALU/link/divide result, or the load/store address
  reg [31:0] mem_a_q;      // multiplicand, or CSR write source
  reg [31:0] mem_b_q;      // multiplier, or store data
  reg        mem_load_q, mem_store_q, mem_mul_q, mem_csr_q, mem_csr_write_q;
  reg        mem_mret_q, mem_wfi_q;
  reg [2:0]  mem_funct3_q;
  reg        mem_exc_q, mem_exc_irq_q;
  reg [3:0]  mem_exc_code_q;
  reg [31:0] mem_exc_tval_q;

  // write-back
  reg        wb_we_q;
  reg [4:0]  wb_rd_q;
  reg [31:0] wb_data_q;

  // ---------------------------------------------------------------------
  // Decode stage
  // ---------------------------------------------------------------------
  // The instruction RAM reads every cycle (its enable is not on the fetch
  // loop); a word that decode cannot take yet is held in id_hold_q.
  reg        id_hold_valid_q;
  reg [31:0] id_hold_q;
  wire [31:0] id_insn = id_fault_q ? Nop : id_hold_valid_q ? id_hold_q : i_ibus_rdata;

  wire [4:0]  dec_rs1, dec_rs2, dec_rd;
  wire        dec_rs1_used, dec_rs2_used, dec_rd_we;
  wire [31:0] dec_imm;
  wire [3:0]  dec_alu_op;
  wire        dec_a_pc, dec_a_zero, dec_b_imm;
  wire        dec_branch, dec_jal, dec_jalr, dec_load, dec_store;
  wire [2:0]  dec_funct3;
  wire        dec_mul, dec_div, dec_csr, dec_csr_write;
  wire        dec_ecall, dec_ebreak, dec_mret, dec_wfi, dec_fencei, dec_illegal;

  obti_core_decode u_decode (
    .i_insn       (id_insn),
    .o_rs1        (dec_rs1),
    .o_rs2        (dec_rs2),
    .o_rd         (dec_rd),
    .o_rs1_used   (dec_rs1_used),
    .o_rs2_used   (dec_rs2_used),
    .o_rd_we      (dec_rd_we),
    .o_imm        (dec_imm),
    .o_alu_op     (dec_alu_op),
    .o_alu_a_pc   (dec_a_pc),
    .o_alu_a_zero (dec_a_zero),
    .o_alu_b_imm  (dec_b_imm),
    .o_branch     (dec_branch),
    .o_jal        (dec_jal),
    .o_jalr       (dec_jalr),
    .o_load       (dec_load),
    .o_store      (dec_store),
    .o_funct3     (dec_funct3),
    .o_mul        (dec_mul),
    .o_div        (dec_div),
    .o_csr        (dec_csr),
    .o_csr_write  (dec_csr_write),
    .o_ecall      (dec_ecall),
    .o_ebreak     (dec_ebreak),
    .o_mret       (dec_mret),
    .o_wfi        (dec_wfi),
    .o_fencei     (dec_fencei),
    .o_illegal    (dec_illegal)
  );

  wire [31:0] rf_rs1, rf_rs2;
  obti_core_regfile u_regfile (
    .clk     (clk),
    .i_rs1   (dec_rs1),
    .i_rs2   (dec_rs2),
    .o_rs1   (rf_rs1),
    .o_rs2   (rf_rs2),
    .i_we    (wb_we_q),
    .i_rd    (wb_rd_q),
    .i_wdata (wb_data_q)
  );

  // Exceptions known at decode, in the spec's priority order.
  reg        id_exc;
  reg [3:0]  id_exc_code;
  reg [31:0] id_exc_tval;
  always @* begin
    id_exc      = 1'b1;
    id_exc_code = ExcIllegal;
    id_exc_tval = 32'd0;
    if (id_fault_q) begin
      id_exc_code = ExcFetchFault;
      id_exc_tval = id_pc_q;
    end else if (dec_illegal) begin
      id_exc_code = ExcIllegal;
      id_exc_tval = id_insn;
    end else if (dec_ecall) begin
      id_exc_code = ExcEcallM;
    end else if (dec_ebreak) begin
      id_exc_code = ExcBreakpoint;
      id_exc_tval = id_pc_q;
    end else begin
      id_exc = 1'b0;
    end
  end

  wire id_rd_we = dec_rd_we && (dec_rd != 5'd0);

  // Static prediction: jal always, backward branches taken. This is on the
  // fetch loop (instruction RAM data -> next instruction RAM address), so it
  // looks at the opcode and the sign bit only, not at the full decode: a
  // branch with an illegal funct3 may redirect fetch too, which is harmless
  // because it traps in the memory stage and flushes what was fetched.
  // (id_fault_q: id_insn is a nop, no redirect.)
  wire        id_op_jal    = id_insn[6:0] == 7'b1101111;
  wire        id_op_branch = id_insn[6:0] == 7'b1100011;
  wire        id_redirect  = id_op_jal || (id_op_branch && id_insn[31]);
  wire [31:0] id_imm_jb    = id_op_jal ? {{12{id_insn[31]}}, id_insn[19:12], id_insn[20], id_insn[30:21], 1'b0}
                                       : {{20{id_insn[31]}}, id_insn[7], id_insn[30:25], id_insn[11:8], 1'b0};
  wire [31:0] id_target    = id_pc_q + id_imm_jb;

  // Results that appear only in the memory stage (load data, CSR value,
  // product) cannot be forwarded to the very next instruction: one stall.
  wire ex_late = ex_valid_q && ex_rd_we_q && (ex_load_q || ex_csr_q || ex_mul_q);
  wire hazard  = id_valid_q && ex_late &&
                 ((dec_rs1_used && dec_rs1 == ex_rd_q) ||
                  (dec_rs2_used && dec_rs2 == ex_rd_q));

  // ---------------------------------------------------------------------
  // Execute stage
  // ---------------------------------------------------------------------
  wire mem_early = !(mem_load_q || mem_csr_q || mem_mul_q);

  wire [31:0] ex_rs1 =
      (mem_valid_q && mem_rd_we_q && mem_early && mem_rd_q == ex_rs1_idx_q) ? mem_res_q :
      (wb_we_q && wb_rd_q == ex_rs1_idx_q) ? wb_data_q : ex_rs1_q;
  wire [31:0] ex_rs2 =
      (mem_valid_q && mem_rd_we_q && mem_early && mem_rd_q == ex_rs2_idx_q) ? mem_res_q :
      (wb_we_q && wb_rd_q == ex_rs2_idx_q) ? wb_data_q : ex_rs2_q;

  wire [31:0] alu_a = ex_a_zero_q ? 32'd0 : ex_a_pc_q ? ex_pc_q : ex_rs1;
  wire [31:0] alu_b = ex_b_imm_q ? ex_imm_q : ex_rs2;
  wire [31:0] alu_result;
  obti_core_alu u_alu (
    .i_op     (ex_alu_op_q),
    .i_a      (alu_a),
    .i_b      (alu_b),
    .o_result (alu_result)
  );

  // Branch condition.
  wire eq   = (ex_rs1 == ex_rs2);
  wire lt_s = ($signed(ex_rs1) < $signed(ex_rs2));
  wire lt_u = (ex_rs1 < ex_rs2);
  reg  cond;
  always @* begin
    case (ex_funct3_q)
      3'b000:  cond = eq;
      3'b001:  cond = !eq;
      3'b100:  cond = lt_s;
      3'b101:  cond = !lt_s;
      3'b110:  cond = lt_u;
      default: cond = !lt_u;
    endcase
  end

  wire [31:0] ex_link       = ex_pc_q + 32'd4;
  wire [31:0] ex_pc_target  = ex_pc_q + ex_imm_q;
  wire [31:0] ex_jalr_sum   = ex_rs1 + ex_imm_q;
  wire [31:0] ex_jump_target = ex_jalr_q ? {ex_jalr_sum[31:1], 1'b0} : ex_pc_target;
  wire        ex_taken      = ex_jal_q || ex_jalr_q || (ex_branch_q && cond);

  // Load/store address and lanes.
  wire [31:0] ex_addr = ex_rs1 + ex_imm_q;
  wire [3:0]  lsu_be;
  wire [31:0] lsu_wdata;
  wire        lsu_misaligned;
  wire [31:0] lsu_load;
  obti_core_lsu u_lsu (
    .i_ex_funct3     (ex_funct3_q),
    .i_ex_addr       (ex_addr),
    .i_ex_store_data (ex_rs2),
    .o_ex_be         (lsu_be),
    .o_ex_wdata      (lsu_wdata),
    .o_ex_misaligned (lsu_misaligned),
    .i_mem_funct3    (mem_funct3_q),
    .i_mem_addr_lo   (mem_res_q[1:0]),
    .i_mem_rdata     (i_dbus_rdata),
    .o_mem_load      (lsu_load)
  );

  // Memory-stage outcome, needed here to cancel younger work.
  wire mem_berr = mem_valid_q && (mem_load_q || mem_store_q) && !mem_exc_q &&
                  i_dbus_rvalid && i_dbus_err;
  wire mem_trap = mem_valid_q && (mem_exc_q || mem_berr);
  wire mem_mret = mem_valid_q && mem_mret_q && !mem_exc_q;
  wire flush_mem = mem_trap || mem_mret;

  // Interrupts attach to the instruction in execute, unless the memory stage
  // holds a CSR instruction or mret whose effect on mie/mstatus must be seen
  // first.
  wire csr_irq_take, csr_wake;
  wire [3:0] csr_irq_code;
  wire irq_tag = csr_irq_take && ex_valid_q && !(mem_valid_q && (mem_csr_q || mem_mret_q));

  reg        ex_exc_new;
  reg [3:0]  ex_exc_new_code;
  always @* begin
    ex_exc_new      = 1'b1;
    ex_exc_new_code = ExcFetchMisaligned;
    if (ex_taken && ex_jump_target[1])
      ex_exc_new_code = ExcFetchMisaligned;
    else if (ex_load_q && lsu_misaligned)
      ex_exc_new_code = ExcLoadMisaligned;
    else if (ex_store_q && lsu_misaligned)
      ex_exc_new_code = ExcStoreMisaligned;
    else
      ex_exc_new = 1'b0;
  end
  wire ex_exc_any = ex_exc_q || ex_exc_new || irq_tag;

  // Divider.
  wire        div_busy, div_done;
  wire [31:0] div_result;
  // A CSR write to mstatus or mie in the memory stage may enable an interrupt
  // that must be taken before the next instruction (priv. spec 3.1.9): hold
  // execute for that one cycle so the interrupt check sees the new value.
  wire [11:0] mem_csr_addr = mem_insn_q[31:20];
  wire ex_csr_wait = mem_valid_q && mem_csr_q && mem_csr_write_q &&
                     (mem_csr_addr == CsrMstatus || mem_csr_addr == CsrMie);
  wire ex_ok    = ex_valid_q && !ex_exc_any && !flush_mem && !ex_csr_wait;
  wire ex_to_mem;
  obti_core_div u_div (
    .clk      (clk),
    .rst      (rst),
    .i_start  (ex_ok && ex_div_q && !div_busy && !div_done),
    .i_kill   (flush_mem || irq_tag || ex_to_mem),
    .i_op     (ex_funct3_q[1:0]),
    .i_a      (ex_rs1),
    .i_b      (ex_rs2),
    .o_busy   (div_busy),
    .o_done   (div_done),
    .o_result (div_result)
  );

  assign o_dbus_req   = ex_ok && (ex_load_q || ex_store_q);
  assign o_dbus_we    = ex_store_q;
  assign o_dbus_addr  = ex_addr;
  assign o_dbus_be    = lsu_be;
  assign o_dbus_wdata = lsu_wdata;

  wire mem_stall = mem_valid_q && mem_wfi_q && !mem_exc_q && !csr_wake;
  wire ex_busy   = ex_ok && ((ex_div_q && !div_done) || (o_dbus_req && !i_dbus_gnt));
  assign ex_to_mem = ex_valid_q && !ex_busy && !mem_stall && !flush_mem && !ex_csr_wait;
  wire ex_free   = !ex_valid_q || ex_to_mem;

  wire ex_mispredict = ex_branch_q && (cond != ex_pred_q);
  wire ex_redirect   = ex_to_mem && !ex_exc_any &&
                       (ex_mispredict || ex_jalr_q || ex_fencei_q);
  wire [31:0] ex_redirect_pc = (ex_fencei_q || (ex_branch_q && !cond)) ? ex_link : ex_jump_target;

  wire [31:0] ex_result = (ex_jal_q || ex_jalr_q) ? ex_link :
                          ex_div_q ? div_result : alu_result;

  // ---------------------------------------------------------------------
  // Memory stage
  // ---------------------------------------------------------------------
  wire [31:0] csr_rdata, csr_trap_target, csr_mepc;
  wire [31:0] mul_result;
  obti_core_mul u_mul (
    .i_op     (mem_funct3_q[1:0]),
    .i_a      (mem_a_q),
    .i_b      (mem_b_q),
    .o_result (mul_result)
  );

  wire        mem_commit = mem_valid_q && !mem_trap && !mem_stall;
  wire        trap_irq   = mem_exc_q && mem_exc_irq_q;
  wire [3:0]  trap_code  = mem_exc_q ? mem_exc_code_q :
                           mem_load_q ? ExcLoadFault : ExcStoreFault;
  wire [31:0] trap_tval  = mem_exc_q ? mem_exc_tval_q : mem_res_q;

  obti_core_csr u_csr (
    .clk           (clk),
    .rst           (rst),
    .i_addr        (mem_csr_addr),
    .o_rdata       (csr_rdata),
    .i_write       (mem_commit && mem_csr_q && mem_csr_write_q),
    .i_op          (mem_funct3_q[1:0]),
    .i_wsrc        (mem_a_q),
    .i_retire      (mem_commit),
    .i_trap        (mem_trap),
    .i_trap_irq    (trap_irq),
    .i_trap_code   (trap_code),
    .i_trap_pc     (mem_pc_q),
    .i_trap_tval   (trap_tval),
    .i_mret        (mem_mret),
    .o_trap_target (csr_trap_target),
    .o_mepc        (csr_mepc),
    .i_irq_soft    (i_irq_soft),
    .i_irq_timer   (i_irq_timer),
    .i_irq_ext     (i_irq_ext),
    .o_irq_take    (csr_irq_take),
    .o_irq_code    (csr_irq_code),
    .o_wake        (csr_wake)
  );

  wire [31:0] mem_result = mem_load_q ? lsu_load :
                           mem_csr_q  ? csr_rdata :
                           mem_mul_q  ? mul_result : mem_res_q;

  // ---------------------------------------------------------------------
  // Fetch
  // ---------------------------------------------------------------------
  // The instruction RAM is enabled every cycle and always reads fetch_pc,
  // the address that follows the instruction in decode. Whether decode takes
  // that instruction (id_fire: hazards, a busy execute stage) only decides
  // whether the stage registers move (fetch_en), so it stays off the path
  // from the RAM's data to its address and enable pins. While decode holds,
  // fetch_pc does not change (it depends on id_pc_q and the held word) and
  // the RAM keeps reading the same next word, ready when decode fires.
  wire id_fire  = id_valid_q && ex_free && !hazard && !flush_mem && !ex_redirect;
  wire fetch_en = flush_mem || ex_redirect || !id_valid_q || id_fire;
  wire [31:0] fetch_pc = mem_trap    ? csr_trap_target :
                         mem_mret    ? csr_mepc :
                         ex_redirect ? ex_redirect_pc :
                         (id_valid_q && id_redirect) ? id_target : id_pc_q + 32'd4;
  // CodeBytes is a power of two and CodeBase aligned to it: a bit test, not
  // a subtraction, keeps this off the fetch loop's critical path.
  localparam integer CodeAw = $clog2(CodeBytes);
  wire fetch_outside = (fetch_pc[31:CodeAw] != CodeBase[31:CodeAw]);

  // Always reading: an address outside the window reads an aliased word
  // that decode replaces by a nop (id_fault_q).
  assign o_ibus_req  = 1'b1;
  assign o_ibus_addr = fetch_pc;

  // ---------------------------------------------------------------------
  // Pipeline registers
  // ---------------------------------------------------------------------
  always @(posedge clk) begin
    if (rst) begin
      id_valid_q <= 1'b0;
      id_pc_q    <= ResetVector - 32'd4;
      id_fault_q <= 1'b0;
    end else if (fetch_en) begin
      id_valid_q <= 1'b1;
      id_pc_q    <= fetch_pc;
      id_fault_q <= fetch_outside;
    end
  end

  // Decode holds its instruction: keep the word, the RAM moves on to the next.
  always @(posedge clk) begin
    if (rst || fetch_en)
      id_hold_valid_q <= 1'b0;
    else
      id_hold_valid_q <= 1'b1;
    if (!id_hold_valid_q)
      id_hold_q <= i_ibus_rdata;
  end

  always @(posedge clk) begin
    if (rst || flush_mem) begin
      ex_valid_q <= 1'b0;
    end else if (ex_free) begin
      ex_valid_q <= id_fire;
      if (id_fire) begin
        ex_pc_q        <= id_pc_q;
        ex_insn_q      <= id_insn;
        ex_imm_q       <= dec_imm;
        ex_rs1_q       <= rf_rs1;
        ex_rs2_q       <= rf_rs2;
        ex_rs1_idx_q   <= dec_rs1_used ? dec_rs1 : 5'd0;
        ex_rs2_idx_q   <= dec_rs2_used ? dec_rs2 : 5'd0;
        ex_rd_q        <= dec_rd;
        ex_rd_we_q     <= id_rd_we && !id_exc;
        ex_alu_op_q    <= dec_alu_op;
        ex_a_pc_q      <= dec_a_pc;
        ex_a_zero_q    <= dec_a_zero;
        ex_b_imm_q     <= dec_b_imm;
        ex_branch_q    <= dec_branch && !id_exc;
        ex_jal_q       <= dec_jal && !id_exc;
        ex_jalr_q      <= dec_jalr && !id_exc;
        ex_pred_q      <= dec_imm[31];
        ex_load_q      <= dec_load && !id_exc;
        ex_store_q     <= dec_store && !id_exc;
        ex_mul_q       <= dec_mul && !id_exc;
        ex_div_q       <= dec_div && !id_exc;
        ex_csr_q       <= dec_csr && !id_exc;
        ex_csr_write_q <= dec_csr_write;
        ex_mret_q      <= dec_mret && !id_exc;
        ex_wfi_q       <= dec_wfi && !id_exc;
        ex_fencei_q    <= dec_fencei && !id_exc;
        ex_funct3_q    <= dec_funct3;
        ex_exc_q       <= id_exc;
        ex_exc_code_q  <= id_exc_code;
        ex_exc_tval_q  <= id_exc_tval;
      end
    end else begin
      // Held in execute: keep the forwarded operands, whose sources move on.
      ex_rs1_q <= ex_rs1;
      ex_rs2_q <= ex_rs2;
    end
  end

  // Exception taken into the memory stage: the earliest one found wins,
  // an interrupt overrides them all (the instruction has not executed).
  wire        ex_exc_irq  = irq_tag;
  wire [3:0]  ex_exc_code = irq_tag ? csr_irq_code : ex_exc_q ? ex_exc_code_q : ex_exc_new_code;
  wire [31:0] ex_exc_tval = irq_tag ? 32'd0 : ex_exc_q ? ex_exc_tval_q :
                            (ex_exc_new_code == ExcFetchMisaligned) ? ex_jump_target : ex_addr;

  always @(posedge clk) begin
    if (rst || flush_mem) begin
      mem_valid_q <= 1'b0;
    end else if (!mem_stall) begin
      mem_valid_q <= ex_to_mem;
      if (ex_to_mem) begin
        mem_pc_q        <= ex_pc_q;
        mem_insn_q      <= ex_insn_q;
        mem_rd_q        <= ex_rd_q;
        mem_rd_we_q     <= ex_rd_we_q && !ex_exc_any;
        mem_res_q       <= (ex_load_q || ex_store_q) ? ex_addr : ex_result;
        mem_a_q         <= ex_csr_q ? (ex_funct3_q[2] ? ex_imm_q : ex_rs1) : ex_rs1;
        mem_b_q         <= ex_rs2;
        mem_load_q      <= ex_load_q && !ex_exc_any;
        mem_store_q     <= ex_store_q && !ex_exc_any;
        mem_mul_q       <= ex_mul_q && !ex_exc_any;
        mem_csr_q       <= ex_csr_q && !ex_exc_any;
        mem_csr_write_q <= ex_csr_write_q;
        mem_mret_q      <= ex_mret_q && !ex_exc_any;
        mem_wfi_q       <= ex_wfi_q && !ex_exc_any;
        mem_funct3_q    <= ex_funct3_q;
        mem_exc_q       <= ex_exc_any;
        mem_exc_irq_q   <= ex_exc_irq;
        mem_exc_code_q  <= ex_exc_code;
        mem_exc_tval_q  <= ex_exc_tval;
      end
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      wb_we_q <= 1'b0;
    end else begin
      wb_we_q   <= mem_commit && mem_rd_we_q;
      wb_rd_q   <= mem_rd_q;
      wb_data_q <= mem_result;
    end
  end

`ifdef OBTI_SIM
  // Commit log and instruction count for the simulator (docs/simulation.md).
  import "DPI-C" function void obti_sim_commit(input int pc, input int insn,
      input int rd, input int rd_value, input int st_addr,
      input int st_value, input int st_size);
  import "DPI-C" function void obti_sim_trap(input int cause, input int epc,
      input int tval);

  wire [31:0] st_size  = !mem_store_q ? 32'd0 : (mem_funct3_q[1:0] == 2'd0) ? 32'd1 :
                         (mem_funct3_q[1:0] == 2'd1) ? 32'd2 : 32'd4;
  wire [31:0] st_value = (mem_funct3_q[1:0] == 2'd0) ? {24'd0, mem_b_q[7:0]} :
                         (mem_funct3_q[1:0] == 2'd1) ? {16'd0, mem_b_q[15:0]} : mem_b_q;

  always @(posedge clk) begin
    if (!rst && mem_commit)
      obti_sim_commit(mem_pc_q, mem_insn_q, mem_rd_we_q ? {27'd0, mem_rd_q} : 32'd0,
                      mem_result, mem_res_q, st_value, st_size);
    if (!rst && mem_trap)
      obti_sim_trap({trap_irq, 27'd0, trap_code}, mem_pc_q, trap_tval);
  end
`else
  wire unused_ok = &{1'b0, mem_insn_q[19:0]};
`endif
  wire unused_bits = &{1'b0, ex_jalr_sum[0]};
endmodule
