`default_nettype none
// Instruction decoder for RV32IM + Zicsr + Zifencei (machine mode only).
// Purely combinational: it turns one instruction word into the control
// signals the pipeline carries, and flags every encoding the core does not
// implement (including unknown CSRs and writes to read-only CSRs) as illegal.
module obti_core_decode (
  input  wire [31:0] i_insn,

  output wire [4:0]  o_rs1,
  output wire [4:0]  o_rs2,
  output wire [4:0]  o_rd,
  output reg         o_rs1_used,
  output reg         o_rs2_used,
  output reg         o_rd_we,        // writes a register (rd may still be x0)
  output reg  [31:0] o_imm,

  output reg  [3:0]  o_alu_op,       // obti_core_alu operation
  output reg         o_alu_a_pc,     // operand A is the pc (auipc)
  output reg         o_alu_a_zero,   // operand A is zero (lui)
  output reg         o_alu_b_imm,    // operand B is the immediate

  output reg         o_branch,
  output reg         o_jal,
  output reg         o_jalr,
  output reg         o_load,
  output reg         o_store,
  output wire [2:0]  o_funct3,       // branch condition, load/store size, muldiv op, csr op
  output reg         o_mul,
  output reg         o_div,
  output reg         o_csr,
  output reg         o_csr_write,    // the CSR instruction writes the CSR
  output reg         o_ecall,
  output reg         o_ebreak,
  output reg         o_mret,
  output reg         o_wfi,
  output reg         o_fencei,
  output reg         o_illegal
);
  `include "obti_core_defs.vh"

  wire [6:0] opcode = i_insn[6:0];
  wire [2:0] funct3 = i_insn[14:12];
  wire [6:0] funct7 = i_insn[31:25];

  assign o_rs1      = i_insn[19:15];
  assign o_rs2      = i_insn[24:20];
  assign o_rd       = i_insn[11:7];
  assign o_funct3   = funct3;
  wire [11:0] csr_addr = i_insn[31:20];

  wire [31:0] imm_i = {{21{i_insn[31]}}, i_insn[30:20]};
  wire [31:0] imm_s = {{21{i_insn[31]}}, i_insn[30:25], i_insn[11:7]};
  wire [31:0] imm_b = {{20{i_insn[31]}}, i_insn[7], i_insn[30:25], i_insn[11:8], 1'b0};
  wire [31:0] imm_u = {i_insn[31:12], 12'd0};
  wire [31:0] imm_j = {{12{i_insn[31]}}, i_insn[19:12], i_insn[20], i_insn[30:21], 1'b0};

  // CSRs that exist; the top two address bits 11 mark read-only ones.
  reg csr_exists;
  always @* begin
    case (csr_addr)
      CsrMstatus, CsrMisa, CsrMie, CsrMtvec, CsrMstatush, CsrMscratch,
      CsrMepc, CsrMcause, CsrMtval, CsrMip, CsrMcycle, CsrMinstret,
      CsrMcycleh, CsrMinstreth, CsrCycle, CsrInstret, CsrCycleh,
      CsrInstreth, CsrMvendorid, CsrMarchid, CsrMimpid, CsrMhartid:
        csr_exists = 1'b1;
      default:
        csr_exists = 1'b0;
    endcase
  end

  // csrrw/csrrwi always write; the set/clear forms write unless rs1/uimm is 0.
  wire csr_writes   = (funct3[1:0] == 2'b01) || (o_rs1 != 5'd0);
  wire csr_readonly = (csr_addr[11:10] == 2'b11);

  always @* begin
    o_rs1_used   = 1'b0;
    o_rs2_used   = 1'b0;
    o_rd_we      = 1'b0;
    o_imm        = imm_i;
    o_alu_op     = AluAdd;
    o_alu_a_pc   = 1'b0;
    o_alu_a_zero = 1'b0;
    o_alu_b_imm  = 1'b0;
    o_branch     = 1'b0;
    o_jal        = 1'b0;
    o_jalr       = 1'b0;
    o_load       = 1'b0;
    o_store      = 1'b0;
    o_mul        = 1'b0;
    o_div        = 1'b0;
    o_csr        = 1'b0;
    o_csr_write  = 1'b0;
    o_ecall      = 1'b0;
    o_ebreak     = 1'b0;
    o_mret       = 1'b0;
    o_wfi        = 1'b0;
    o_fencei     = 1'b0;
    o_illegal    = 1'b0;

    case (opcode)
      OpLui: begin
        o_rd_we      = 1'b1;
        o_imm        = imm_u;
        o_alu_a_zero = 1'b1;
        o_alu_b_imm  = 1'b1;
      end
      OpAuipc: begin
        o_rd_we     = 1'b1;
        o_imm       = imm_u;
        o_alu_a_pc  = 1'b1;
        o_alu_b_imm = 1'b1;
      end
      OpJal: begin
        o_rd_we = 1'b1;
        o_imm   = imm_j;
        o_jal   = 1'b1;
      end
      OpJalr: begin
        o_rd_we    = 1'b1;
        o_rs1_used = 1'b1;
        o_jalr     = 1'b1;
        o_illegal  = (funct3 != 3'b000);
      end
      OpBranch: begin
        o_rs1_used = 1'b1;
        o_rs2_used = 1'b1;
        o_imm      = imm_b;
        o_branch   = 1'b1;
        o_illegal  = (funct3 == 3'b010) || (funct3 == 3'b011);
      end
      OpLoad: begin
        o_rd_we    = 1'b1;
        o_rs1_used = 1'b1;
        o_load     = 1'b1;
        o_illegal  = (funct3 == 3'b011) || (funct3[2:1] == 2'b11);
      end
      OpStore: begin
        o_rs1_used = 1'b1;
        o_rs2_used = 1'b1;
        o_imm      = imm_s;
        o_store    = 1'b1;
        o_illegal  = (funct3[2] == 1'b1) || (funct3 == 3'b011);
      end
      OpImm: begin
        o_rd_we     = 1'b1;
        o_rs1_used  = 1'b1;
        o_alu_b_imm = 1'b1;
        o_alu_op    = {1'b0, funct3};
        if (funct3 == 3'b001)
          o_illegal = (funct7 != 7'b0000000);
        else if (funct3 == 3'b101) begin
          o_illegal = (funct7 != 7'b0000000) && (funct7 != 7'b0100000);
          o_alu_op  = {funct7[5], funct3};
        end
      end
      OpReg: begin
        o_rd_we    = 1'b1;
        o_rs1_used = 1'b1;
        o_rs2_used = 1'b1;
        o_alu_op   = {funct7[5], funct3};
        if (funct7 == 7'b0000001) begin
          o_mul = ~funct3[2];
          o_div = funct3[2];
        end else if (funct7 == 7'b0100000)
          o_illegal = (funct3 != 3'b000) && (funct3 != 3'b101);
        else
          o_illegal = (funct7 != 7'b0000000);
      end
      OpMiscMem: begin
        // fence is a no-op here (one hart, in-order, no caches); fence.i
        // refetches everything after it.
        o_fencei  = (funct3 == 3'b001);
        o_illegal = (funct3 != 3'b000) && (funct3 != 3'b001);
      end
      OpSystem: begin
        if (funct3 == 3'b000) begin
          case (i_insn)
            InsnEcall:  o_ecall   = 1'b1;
            InsnEbreak: o_ebreak  = 1'b1;
            InsnMret:   o_mret    = 1'b1;
            InsnWfi:    o_wfi     = 1'b1;
            default:    o_illegal = 1'b1;
          endcase
        end else if (funct3 == 3'b100) begin
          o_illegal = 1'b1;
        end else begin
          o_csr       = 1'b1;
          o_rd_we     = 1'b1;
          o_rs1_used  = ~funct3[2];
          o_imm       = {27'd0, o_rs1};   // zimm for csrr*i
          o_csr_write = csr_writes;
          o_illegal   = !csr_exists || (csr_writes && csr_readonly);
        end
      end
      default: o_illegal = 1'b1;
    endcase

    if (i_insn[1:0] != 2'b11)
      o_illegal = 1'b1;
    if (o_illegal) begin
      // An illegal instruction must have no effect besides its trap.
      o_rd_we    = 1'b0;
      o_rs1_used = 1'b0;
      o_rs2_used = 1'b0;
      o_branch   = 1'b0;
      o_jal      = 1'b0;
      o_jalr     = 1'b0;
      o_load     = 1'b0;
      o_store    = 1'b0;
      o_mul      = 1'b0;
      o_div      = 1'b0;
      o_csr      = 1'b0;
      o_csr_write = 1'b0;
      o_fencei   = 1'b0;
    end
  end
endmodule
