// jump.S: jal and jalr: the link value (address of the next instruction)
// for several rd, forward and backward targets, jalr offsets of both signs,
// jalr clears bit 0 of rs1 + imm (and only bit 0), jalr with rd == rs1
// reads rs1 before writing the link, jalr on a value just loaded or just
// computed, nested calls and returns, and nothing in a jump's shadow runs.
// Misaligned targets (bit 1 set) trap: see trap_fetch.S.
// Expected values: RV32I "Unconditional Jumps" (JAL/JALR, rd = pc + 4,
// JALR target = (rs1 + imm) & ~1); addresses are the linker's.

#include "macros.h"

TEST_BEGIN
  // jal: link = address of the next instruction, for different rd.
  CASE(1); li a0, 0; jal a0, 1f; 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)
  CASE(2); jal ra, 1f; 2: FAIL_HERE; 1: CHECK_REG(ra, 2b)
  CASE(3); jal t0, 1f; 2: FAIL_HERE; 1: CHECK_REG(t0, 2b)
  CASE(4); jal s11, 1f; 2: FAIL_HERE; 1: CHECK_REG(s11, 2b)
  CASE(5); jal x31, 1f; 2: FAIL_HERE; 1: CHECK_REG(x31, 2b)
  // jal backward.
  CASE(6); j 3f; 1: CHECK_REG(a0, 2f); j 4f; 3: jal a0, 1b; 2: FAIL_HERE; 4:
  // The link register used by the first instruction at the target.
  CASE(7); jal a0, 1f; 2: FAIL_HERE; 1: addi a1, a0, 8; LI_ABS(a2, 2b + 8); CHECK_SAME(a1, a2)

  // jalr with offset 0, positive and negative offsets.
  CASE(8); la a1, 1f; jalr a0, 0(a1); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)
  CASE(9); la a1, 1f - 12; jalr a0, 12(a1); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)
  CASE(10); la a1, 1f + 16; jalr a0, -16(a1); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)
  CASE(11); la a1, 1f - 2047 + 1; jalr a0, 2047(a1); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)
  CASE(12); la a1, 1f + 2048; jalr a0, -2048(a1); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)

  // jalr clears bit 0 of the sum: odd rs1, odd imm, odd rs1 + odd imm.
  CASE(13); la a1, 1f + 1; jalr a0, 0(a1); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)
  CASE(14); la a1, 1f; jalr a0, 1(a1); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)
  CASE(15); la a1, 1f - 1; jalr a0, 2(a1); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)
  CASE(16); la a1, 1f + 3; jalr a0, -2(a1); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)
  CASE(17); la a1, 1f + 2; jalr a0, -1(a1); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)
  // rs1 itself is not modified by the masking.
  CASE(18); la a1, 1f + 1; jalr a0, 0(a1); 1: CHECK_REG(a1, 1b + 1)

  // rd == rs1: the target uses the old value, then rd gets the link.
  CASE(19); la a0, 1f; jalr a0, 0(a0); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)
  CASE(20); la ra, 1f + 1; jalr ra, 0(ra); 2: FAIL_HERE; 1: CHECK_REG(ra, 2b)
  CASE(21); la t1, 1f + 8; jalr t1, -8(t1); 2: FAIL_HERE; 1: CHECK_REG(t1, 2b)

  // jalr x0 (the ret form) links nothing.
  CASE(22); li a0, 7; la a1, 1f; jalr x0, 0(a1); FAIL_HERE; 1: CHECK_REG(a0, 7)

  // The target just loaded from memory (load-use into jalr) or just computed.
  CASE(23); la a1, jump_ptrs; lw a2, 0(a1); jalr a0, 0(a2); 2: FAIL_HERE
jump_target_a:
  CHECK_REG(a0, 2b)
  CASE(24); la a1, jump_ptrs; lw a2, 4(a1); jalr a0, 0(a2); 2: FAIL_HERE
jump_target_b:
  CHECK_REG(a0, 2b)
  CASE(25); la a1, 1f - 4; addi a1, a1, 4; jalr a0, 0(a1); 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)

  // Nested calls: jump_f1 calls jump_f2; each adds to a0.
  CASE(26); li a0, 0; jal ra, jump_f1; 2: CHECK_REG(a0, 0x21); CHECK_REG(ra, 2b)
  // A chain of calls and returns in a loop (return address reuse).
  CASE(27); li a0, 0; li s1, 5; 1: jal ra, jump_f2; addi s1, s1, -1; bnez s1, 1b; CHECK_REG(a0, 5)

  // Nothing in the shadow of jal or jalr runs (no store, no CSR write, no
  // ecall; a trap fails the case).
  CASE(28)
  la s0, jump_word
  sw zero, 0(s0)
  csrw mscratch, zero
  li s1, 0x1234
  li a0, 0
  jal a1, 1f
  sw s1, 0(s0)
  csrw mscratch, s1
  ecall
  addi a0, a0, 1
1:
  la a2, 3f
  jalr a1, 0(a2)
  sw s1, 0(s0)
  csrw mscratch, s1
  .word 0
  addi a0, a0, 1
3:
  CHECK_MEM(jump_word, 0)
  csrr a1, mscratch
  CHECK_REG(a1, 0)
  CHECK_REG(a0, 0)
TEST_END

// Leaf and non-leaf functions for the call cases: jump_f1 adds 0x20 and
// calls jump_f2, which adds 1. jump_f1 keeps its return address in s0.
jump_f1:
  mv s0, ra
  addi a0, a0, 0x20
  jal ra, jump_f2
  mv ra, s0
  ret
jump_f2:
  addi a0, a0, 1
  ret

TEST_DATA
jump_ptrs:
  .word jump_target_a
  .word jump_target_b + 1
jump_word:
  .word 0
TEST_CODE
