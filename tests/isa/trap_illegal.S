// trap_illegal.S: illegal-instruction exceptions (mcause 2): mepc = the
// instruction, mtval = its 32 bits, rd not written, the next instruction
// runs normally after the handler skips it. Covered: the all-zero and
// all-one words; opcodes of extensions this hart does not have (RV64
// OP-32/OP-IMM-32, F, A, Zbb, custom-0); RV64 load/store widths; reserved
// funct3 of BRANCH, JALR, MISC-MEM, SYSTEM; reserved funct7 of OP; RV32
// shift-immediates with imm[5] set or a wrong imm[11:5]; sret, uret and
// dret (no S-mode, no N extension, not in debug mode); a 16-bit
// (compressed) encoding, which this hart without C cannot execute (only
// mcause and mepc are checked: mtval for it is not pinned down by the
// spec). Illegal CSR accesses are in csr.S.
// Expected values: the RV32IM + Zicsr + Zifencei opcode map (unprivileged
// spec, "RV32/64G Instruction Set Listings"), "For RV32I, SLLI, SRLI, and
// SRAI generate an illegal instruction exception if imm[5] != 0", the
// privileged spec's mtval rule for illegal instructions, and docs/core.md
// (mtval = the instruction). Encodings were cross-checked with GNU as.

#include "macros.h"

TEST_BEGIN
  li a0, 0x0a0a
  li a1, 0x0b0b

  TEST_ILLEGAL(1, .word 0x00000000)
  TEST_ILLEGAL(2, .word 0xffffffff)
  TEST_ILLEGAL(3, .word 0x0015051b)    // addiw a0, a0, 1
  TEST_ILLEGAL(4, .word 0x00b5053b)    // addw a0, a0, a1
  TEST_ILLEGAL(5, .word 0x0005b503)    // ld a0, 0(a1)
  TEST_ILLEGAL(6, .word 0x0005e503)    // lwu a0, 0(a1)
  TEST_ILLEGAL(7, .word 0x0005f503)    // LOAD funct3 7
  TEST_ILLEGAL(8, .word 0x00a5b023)    // sd a0, 0(a1)
  TEST_ILLEGAL(9, .word 0x00a5c023)    // STORE funct3 4
  TEST_ILLEGAL(10, .word 0x00b52463)   // BRANCH funct3 2
  TEST_ILLEGAL(11, .word 0x00b53463)   // BRANCH funct3 3
  TEST_ILLEGAL(12, .word 0x00051067)   // JALR funct3 1
  TEST_ILLEGAL(13, .word 0x02051513)   // slli a0, a0, 32 (imm[5] = 1)
  TEST_ILLEGAL(14, .word 0x02055513)   // srli a0, a0, 32 (imm[5] = 1)
  TEST_ILLEGAL(15, .word 0x42055513)   // srai a0, a0, 32 (imm[5] = 1)
  TEST_ILLEGAL(16, .word 0x40051513)   // slli with imm[11:5] = 0x20
  TEST_ILLEGAL(17, .word 0x40b57533)   // andn a0, a0, a1 (Zbb)
  TEST_ILLEGAL(18, .word 0x40b51533)   // OP funct7 0x20 funct3 1
  TEST_ILLEGAL(19, .word 0x04b50533)   // OP funct7 0x02
  TEST_ILLEGAL(20, .word 0x00052007)   // flw ft0, 0(a0)
  TEST_ILLEGAL(21, .word 0x00208053)   // fadd.s ft0, ft1, ft2
  TEST_ILLEGAL(22, .word 0x1005a52f)   // lr.w a0, (a1)
  TEST_ILLEGAL(23, .word 0x0000200f)   // MISC-MEM funct3 2
  TEST_ILLEGAL(24, .word 0x00004073)   // SYSTEM funct3 4
  TEST_ILLEGAL(25, .word 0x0000000b)   // custom-0
  TEST_ILLEGAL(26, .word 0x10200073)   // sret
  TEST_ILLEGAL(27, .word 0x00200073)   // uret
  TEST_ILLEGAL(28, .word 0x7b200073)   // dret
  // A compressed encoding (c.addi a0, 1 twice): bits 1:0 != 11.
  CASE(29); EXPECT_TRAP(84f); 85: .word 0x05050505; 84: CHECK_TRAP_CAUSE_EPC(29, CAUSE_ILLEGAL, 85b)

  // None of them wrote a0 or a1 (several have rd = a0).
  CASE(30); CHECK_REG(a0, 0x0a0a); CHECK_REG(a1, 0x0b0b)

  // An illegal instruction right after a load, a divide and a store: the
  // older instructions complete, the younger one after the handler runs once.
  CASE(31)
  la s0, ill_word
  li a2, 0x777
  li a3, 100
  li a4, 7
  li a5, 0
  EXPECT_TRAP(84f)
  lw a1, 0(s0)
  div a6, a3, a4
  sw a2, 4(s0)
85:
  .word 0
84:
  addi a5, a5, 1
  CHECK_TRAP_INSN(31, CAUSE_ILLEGAL, 85b)
  CHECK_REG(a1, 0x12345678)
  CHECK_REG(a6, 14)
  CHECK_MEM(ill_word + 4, 0x777)
  CHECK_REG(a5, 1)

  // Two illegal instructions back to back.
  CASE(32); EXPECT_TRAP(84f); 85: .word 0; 84: EXPECT_TRAP(83f); 86: .word 0xffffffff; 83: CHECK_TRAP_INSN(32, CAUSE_ILLEGAL, 86b)

  // The legal MISC-MEM encodings do not trap: fence in several forms, fence.i.
  CASE(33); EXPECT_TRAP(1f); fence; fence rw, rw; fence iorw, iorw; fence.i; 1: CHECK_NO_TRAP(33)
TEST_END

TEST_DATA
ill_word:
  .word 0x12345678
  .word 0
TEST_CODE
