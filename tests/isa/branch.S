// branch.S: beq, bne, blt, bge, bltu, bgeu taken and not taken, forward and
// backward, on operand pairs where signed and unsigned order disagree (0,
// 1, -1, INT_MIN, INT_MAX); both operands the same register; instructions
// in the shadow of a taken branch (store, CSR write, ecall, an illegal
// instruction, a division) have no effect; loops with a counted and an
// alternating branch pattern.
// Expected values: RV32I "Conditional Branches" (BLT/BGE signed, BLTU/BGEU
// unsigned); whether each pair is taken follows from that definition.

#include "macros.h"

TEST_BEGIN

  // beq (equal): each pair taken or not, forward and backward
  TEST_BR_TAKEN(1, beq, 0x00000000, 0x00000000)
  TEST_BR_TAKEN_BACK(2, beq, 0x00000001, 0x00000001)
  TEST_BR_TAKEN(3, beq, 0xffffffff, 0xffffffff)
  TEST_BR_NOT_TAKEN_BACK(4, beq, 0x00000000, 0x00000001)
  TEST_BR_NOT_TAKEN(5, beq, 0x00000001, 0x00000000)
  TEST_BR_NOT_TAKEN_BACK(6, beq, 0xffffffff, 0x00000001)
  TEST_BR_NOT_TAKEN(7, beq, 0x00000001, 0xffffffff)
  TEST_BR_NOT_TAKEN_BACK(8, beq, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(9, beq, 0x7fffffff, 0x80000000)
  TEST_BR_NOT_TAKEN_BACK(10, beq, 0x80000000, 0x00000000)
  TEST_BR_NOT_TAKEN(11, beq, 0xfffffffe, 0xffffffff)

  // bne (not equal): each pair taken or not, forward and backward
  TEST_BR_NOT_TAKEN(12, bne, 0x00000000, 0x00000000)
  TEST_BR_NOT_TAKEN_BACK(13, bne, 0x00000001, 0x00000001)
  TEST_BR_NOT_TAKEN(14, bne, 0xffffffff, 0xffffffff)
  TEST_BR_TAKEN_BACK(15, bne, 0x00000000, 0x00000001)
  TEST_BR_TAKEN(16, bne, 0x00000001, 0x00000000)
  TEST_BR_TAKEN_BACK(17, bne, 0xffffffff, 0x00000001)
  TEST_BR_TAKEN(18, bne, 0x00000001, 0xffffffff)
  TEST_BR_TAKEN_BACK(19, bne, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(20, bne, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN_BACK(21, bne, 0x80000000, 0x00000000)
  TEST_BR_TAKEN(22, bne, 0xfffffffe, 0xffffffff)

  // blt (signed <): each pair taken or not, forward and backward
  TEST_BR_NOT_TAKEN(23, blt, 0x00000000, 0x00000000)
  TEST_BR_NOT_TAKEN_BACK(24, blt, 0x00000001, 0x00000001)
  TEST_BR_NOT_TAKEN(25, blt, 0xffffffff, 0xffffffff)
  TEST_BR_TAKEN_BACK(26, blt, 0x00000000, 0x00000001)
  TEST_BR_NOT_TAKEN(27, blt, 0x00000001, 0x00000000)
  TEST_BR_TAKEN_BACK(28, blt, 0xffffffff, 0x00000001)
  TEST_BR_NOT_TAKEN(29, blt, 0x00000001, 0xffffffff)
  TEST_BR_TAKEN_BACK(30, blt, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(31, blt, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN_BACK(32, blt, 0x80000000, 0x00000000)
  TEST_BR_TAKEN(33, blt, 0xfffffffe, 0xffffffff)

  // bge (signed >=): each pair taken or not, forward and backward
  TEST_BR_TAKEN(34, bge, 0x00000000, 0x00000000)
  TEST_BR_TAKEN_BACK(35, bge, 0x00000001, 0x00000001)
  TEST_BR_TAKEN(36, bge, 0xffffffff, 0xffffffff)
  TEST_BR_NOT_TAKEN_BACK(37, bge, 0x00000000, 0x00000001)
  TEST_BR_TAKEN(38, bge, 0x00000001, 0x00000000)
  TEST_BR_NOT_TAKEN_BACK(39, bge, 0xffffffff, 0x00000001)
  TEST_BR_TAKEN(40, bge, 0x00000001, 0xffffffff)
  TEST_BR_NOT_TAKEN_BACK(41, bge, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(42, bge, 0x7fffffff, 0x80000000)
  TEST_BR_NOT_TAKEN_BACK(43, bge, 0x80000000, 0x00000000)
  TEST_BR_NOT_TAKEN(44, bge, 0xfffffffe, 0xffffffff)

  // bltu (unsigned <): each pair taken or not, forward and backward
  TEST_BR_NOT_TAKEN(45, bltu, 0x00000000, 0x00000000)
  TEST_BR_NOT_TAKEN_BACK(46, bltu, 0x00000001, 0x00000001)
  TEST_BR_NOT_TAKEN(47, bltu, 0xffffffff, 0xffffffff)
  TEST_BR_TAKEN_BACK(48, bltu, 0x00000000, 0x00000001)
  TEST_BR_NOT_TAKEN(49, bltu, 0x00000001, 0x00000000)
  TEST_BR_NOT_TAKEN_BACK(50, bltu, 0xffffffff, 0x00000001)
  TEST_BR_TAKEN(51, bltu, 0x00000001, 0xffffffff)
  TEST_BR_NOT_TAKEN_BACK(52, bltu, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(53, bltu, 0x7fffffff, 0x80000000)
  TEST_BR_NOT_TAKEN_BACK(54, bltu, 0x80000000, 0x00000000)
  TEST_BR_TAKEN(55, bltu, 0xfffffffe, 0xffffffff)

  // bgeu (unsigned >=): each pair taken or not, forward and backward
  TEST_BR_TAKEN(56, bgeu, 0x00000000, 0x00000000)
  TEST_BR_TAKEN_BACK(57, bgeu, 0x00000001, 0x00000001)
  TEST_BR_TAKEN(58, bgeu, 0xffffffff, 0xffffffff)
  TEST_BR_NOT_TAKEN_BACK(59, bgeu, 0x00000000, 0x00000001)
  TEST_BR_TAKEN(60, bgeu, 0x00000001, 0x00000000)
  TEST_BR_TAKEN_BACK(61, bgeu, 0xffffffff, 0x00000001)
  TEST_BR_NOT_TAKEN(62, bgeu, 0x00000001, 0xffffffff)
  TEST_BR_TAKEN_BACK(63, bgeu, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(64, bgeu, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN_BACK(65, bgeu, 0x80000000, 0x00000000)
  TEST_BR_NOT_TAKEN(66, bgeu, 0xfffffffe, 0xffffffff)

  // Both operands the same register.
  CASE(67); li a1, 0x80000000; beq a1, a1, 1f; FAIL_HERE; 1:
  CASE(68); li a1, 0x80000000; bge a1, a1, 1f; FAIL_HERE; 1:
  CASE(69); li a1, 0x80000000; bgeu a1, a1, 1f; FAIL_HERE; 1:
  CASE(70); li a1, 0x80000000; bne a1, a1, 1f; j 2f; 1: FAIL_HERE; 2:
  CASE(71); li a1, 0x80000000; blt a1, a1, 1f; j 2f; 1: FAIL_HERE; 2:
  CASE(72); li a1, 0x80000000; bltu a1, a1, 1f; j 2f; 1: FAIL_HERE; 2:
  // Against x0.
  CASE(73); li a1, -5; blt a1, x0, 1f; FAIL_HERE; 1:
  CASE(74); li a1, -5; bltu x0, a1, 1f; FAIL_HERE; 1:
  CASE(75); bgeu x0, x0, 1f; FAIL_HERE; 1:

  // Nothing in the shadow of a taken branch takes effect: not a store, not a
  // CSR write, and neither ecall nor an illegal instruction traps (any trap
  // here fails the case through the default handler).
  CASE(76)
  la s0, br_word
  sw zero, 0(s0)
  csrw mscratch, zero
  li s1, 0x1234
  li a0, 0
  beq x0, x0, 1f
  sw s1, 0(s0)
  csrw mscratch, s1
  ecall
  .word 0
  div a0, s1, s1
  addi a0, a0, 1
1:
  CHECK_MEM(br_word, 0)
  csrr a1, mscratch
  CHECK_REG(a1, 0)
  CHECK_REG(a0, 0)

  // The same behind a taken backward branch.
  CASE(77)
  sw zero, 0(s0)
  j 2f
1:
  j 3f
2:
  bltu x0, s1, 1b
  sw s1, 0(s0)
  csrw mscratch, s1
  ebreak
  addi a0, a0, 1
3:
  CHECK_MEM(br_word, 0)
  csrr a1, mscratch
  CHECK_REG(a1, 0)
  CHECK_REG(a0, 0)

  // A counted loop: the backward branch is taken 9 times, then falls through.
  CASE(78)
  li a0, 0
  li a1, 10
  li a2, 0
1:
  addi a0, a0, 1
  add a2, a2, a0
  bne a0, a1, 1b
  CHECK_REG(a0, 10)
  CHECK_REG(a2, 55)

  // An alternating pattern: over i = 0..15, add i when i is odd (sum 64),
  // subtract 1 when it is even.
  CASE(79)
  li a0, 0
  li a1, 0
  li a3, 16
1:
  andi a2, a0, 1
  beqz a2, 2f
  add a1, a1, a0
  j 3f
2:
  addi a1, a1, -1
3:
  addi a0, a0, 1
  blt a0, a3, 1b
  CHECK_REG(a1, 56)

  // Nested loops: 5 x 7 iterations.
  CASE(80)
  li a0, 0
  li a1, 5
1:
  li a2, 7
2:
  addi a0, a0, 1
  addi a2, a2, -1
  bnez a2, 2b
  addi a1, a1, -1
  bgtz a1, 1b
  CHECK_REG(a0, 35)
TEST_END

TEST_DATA
br_word:
  .word 0
TEST_CODE
