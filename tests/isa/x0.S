// x0.S: x0 reads as zero whatever is written to it. Every instruction type
// that has an rd (R, I, shift-immediate, U, load, jal, jalr, CSR, M) writes
// x0 with a non-zero result, and the next instructions read x0 through rs1
// and rs2 at distances 0 to 3, so that a forwarding path that does not
// check rd == 0 is caught.
// Expected values: RV32I "Programmers' Model" (x0 is hardwired to zero) and
// "Load and Store Instructions" (a load to x0 still accesses memory and
// raises its exceptions; checked in trap_mem.S).

#include "macros.h"

// Write x0 with insn, then read x0 through both sources right after: a
// leaked value v would give 2v (all the values used here keep 2v != 0).
#define X0_CASE(n, ...) TEST_CASE(n, a0, 0, li a0, -1; __VA_ARGS__; add a0, x0, x0)
#define X0_CASE_D1(n, ...) TEST_CASE(n, a0, 0, li a0, -1; __VA_ARGS__; nop; add a0, x0, x0)
#define X0_CASE_D2(n, ...) TEST_CASE(n, a0, 0, li a0, -1; __VA_ARGS__; nop; nop; add a0, x0, x0)
#define X0_CASE_D3(n, ...) TEST_CASE(n, a0, 0, li a0, -1; __VA_ARGS__; nop; nop; nop; add a0, x0, x0)
// The same through one source: rs1 = x0 with the other operand zero.
#define X0_CASE_RS1(n, ...) TEST_CASE(n, a0, 0, li a0, -1; __VA_ARGS__; or a0, x0, zero)
#define X0_CASE_RS2(n, ...) TEST_CASE(n, a0, 0x1234, li a0, -1; __VA_ARGS__; sub a0, s1, x0)

TEST_BEGIN
  li s0, 0x0f0f0f0f
  li s1, 0x1234
  la s2, x0_word

  // Register-register.
  X0_CASE(1, add x0, s0, s1)
  X0_CASE(2, sub x0, s0, s1)
  X0_CASE(3, sll x0, s0, s1)
  X0_CASE(4, slt x0, s1, s0)
  X0_CASE(5, sltu x0, s1, s0)
  X0_CASE(6, xor x0, s0, s1)
  X0_CASE(7, srl x0, s0, s1)
  X0_CASE(8, sra x0, s0, s1)
  X0_CASE(9, or x0, s0, s1)
  X0_CASE(10, and x0, s0, s1)

  // Register-immediate and shifts by immediate.
  X0_CASE(11, addi x0, s0, 5)
  X0_CASE(12, slti x0, s0, 2047)
  X0_CASE(13, sltiu x0, s0, -1)
  X0_CASE(14, xori x0, s0, 0x123)
  X0_CASE(15, ori x0, s0, 0x123)
  X0_CASE(16, andi x0, s0, -1)
  X0_CASE(17, slli x0, s0, 3)
  X0_CASE(18, srli x0, s0, 3)
  X0_CASE(19, srai x0, s0, 3)

  // Upper immediates.
  X0_CASE(20, lui x0, 0x12345)
  X0_CASE(21, auipc x0, 0x12345)

  // Loads (x0_word is 0x5a5a5a5a; the access still happens).
  X0_CASE(22, lw x0, 0(s2))
  X0_CASE(23, lh x0, 0(s2))
  X0_CASE(24, lhu x0, 2(s2))
  X0_CASE(25, lb x0, 1(s2))
  X0_CASE(26, lbu x0, 3(s2))

  // Jumps: the link value is discarded, the jump still happens.
  X0_CASE(27, jal x0, 1f; FAIL_HERE; 1:)
  X0_CASE(28, la a1, 1f; jalr x0, 0(a1); FAIL_HERE; 1:)
  X0_CASE(29, jal x0, 1f; 1:)

  // CSR reads into x0 (csrrw with rd = x0 does not even read).
  X0_CASE(30, csrw mscratch, s0; csrrs x0, mscratch, x0)
  X0_CASE(31, csrrw x0, mscratch, s1)
  X0_CASE(32, csrrs x0, mscratch, s0)
  X0_CASE(33, csrrc x0, mscratch, s0)
  X0_CASE(34, csrrwi x0, mscratch, 7)
  X0_CASE(35, csrrsi x0, mscratch, 7)
  X0_CASE(36, csrrci x0, mscratch, 1)
  X0_CASE(37, csrrs x0, misa, x0)

  // Multiply and divide.
  X0_CASE(38, mul x0, s0, s1)
  X0_CASE(39, mulh x0, s0, s1)
  X0_CASE(40, mulhsu x0, s0, s1)
  X0_CASE(41, mulhu x0, s0, s0)
  X0_CASE(42, div x0, s0, s1)
  X0_CASE(43, divu x0, s0, s1)
  X0_CASE(44, rem x0, s0, s1)
  X0_CASE(45, remu x0, s0, s1)

  // The same at distances 1 to 3 (later pipeline stages).
  X0_CASE_D1(46, add x0, s0, s1)
  X0_CASE_D2(47, add x0, s0, s1)
  X0_CASE_D3(48, add x0, s0, s1)
  X0_CASE_D1(49, lw x0, 0(s2))
  X0_CASE_D2(50, lw x0, 0(s2))
  X0_CASE_D3(51, lw x0, 0(s2))
  X0_CASE_D1(52, mul x0, s0, s1)
  X0_CASE_D2(53, div x0, s0, s1)
  X0_CASE_D1(54, lui x0, 0x12345)
  X0_CASE_D1(55, jal x0, 1f; 1:)

  // One source at a time.
  X0_CASE_RS1(56, addi x0, s1, 1)
  X0_CASE_RS2(57, addi x0, s1, 1)
  X0_CASE_RS1(58, lw x0, 0(s2))
  X0_CASE_RS2(59, lw x0, 0(s2))

  // Stores and branches read x0 as zero after a write to it.
  CASE(60); addi x0, s1, 1; sw x0, 0(s2); lw a0, 0(s2); CHECK_REG(a0, 0)
  CASE(61); li a1, 0x5a5a5a5a; sw a1, 0(s2); lw x0, 0(s2); sw x0, 0(s2); lw a0, 0(s2); CHECK_REG(a0, 0)
  CASE(62); addi x0, s1, 1; beq x0, zero, 1f; FAIL_HERE; 1:
  CASE(63); lw x0, 0(s2); bne x0, zero, 1f; j 2f; 1: FAIL_HERE; 2:
  // A load into x0 is not forwarded into the address of the next load.
  CASE(64); li a1, 0x5a5a5a5a; sw a1, 0(s2); lw x0, 0(s2); add a2, s2, x0; lw a0, 0(a2); CHECK_REG(a0, 0x5a5a5a5a)
TEST_END

TEST_DATA
x0_word:
  .word 0x5a5a5a5a
TEST_CODE
