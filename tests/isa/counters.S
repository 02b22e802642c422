// counters.S: mcycle and minstret (64-bit, RV32 halves mcycleh/minstreth).
// Convention checked exactly: a CSR read of minstret sees the number of
// instructions retired before it, and a CSR write to minstret takes effect
// after the writing instruction has otherwise completed (that instruction
// is not counted on top of the written value). So
//   csrr a0, minstret; 3 instructions; csrr a1, minstret  ->  a1 - a0 = 4
//   csrw minstret, X; k instructions; csrr a0, minstret   ->  a0 = X + k
// An instruction that traps (ecall, ebreak, illegal) does not retire and is
// not counted; mret is. Instructions in the shadow of a taken branch are not
// counted. mcycle counts cycles: it advances at least once per retired
// instruction, is writable, and carries into mcycleh.
// Expected values: privileged spec, "Hardware Performance Monitor" (counters
// writable; "Any CSR write takes effect after the writing instruction has
// otherwise completed") and "Machine Cause Register" / "ECALL and EBREAK ...
// are not considered to retire"; docs/core.md (minstret read convention).

#include "macros.h"

TEST_BEGIN
  // mcycle advances: 11 instructions apart, at least 11 cycles, well under
  // a thousand.
  CASE(1)
  csrr a0, mcycle
  .rept 10
  nop
  .endr
  csrr a1, mcycle
  sub a2, a1, a0
  sltiu a3, a2, 11
  CHECK_REG(a3, 0)
  sltiu a3, a2, 1000
  CHECK_REG(a3, 1)
  // Back-to-back reads differ.
  CASE(2); csrr a0, mcycle; csrr a1, mcycle; sub a2, a1, a0; beqz a2, obti_fail_flow
  // mcycle is writable: a few cycles after writing 0x12345678 it reads a
  // little more.
  CASE(3)
  li a0, 0x12345678
  csrw mcycle, a0
  csrr a1, mcycle
  sub a2, a1, a0
  sltiu a3, a2, 20
  CHECK_REG(a3, 1)
  // mcycleh holds what is written (mcycle was just set far from a carry).
  CASE(4); li a0, 0xabcdef01; csrw mcycleh, a0; csrr a1, mcycleh; CHECK_REG(a1, 0xabcdef01)
  // mcycle carries into mcycleh.
  CASE(5)
  li a0, 3
  csrw mcycleh, a0
  li a0, -16
  csrw mcycle, a0
  .rept 20
  nop
  .endr
  csrr a1, mcycleh
  CHECK_REG(a1, 4)

  // minstret: two reads around 3 instructions differ by 4.
  CASE(6)
  csrr a0, minstret
  nop
  addi a3, a3, 1
  nop
  csrr a1, minstret
  sub a2, a1, a0
  CHECK_REG(a2, 4)
  // Back-to-back reads differ by 1.
  CASE(7); csrr a0, minstret; csrr a1, minstret; sub a2, a1, a0; CHECK_REG(a2, 1)
  // A write is seen by the next instruction as written.
  CASE(8); li a0, 0x1000; csrw minstret, a0; csrr a1, minstret; CHECK_REG(a1, 0x1000)
  CASE(9)
  li a0, 0x2000
  csrw minstret, a0
  nop
  nop
  nop
  nop
  nop
  csrr a1, minstret
  CHECK_REG(a1, 0x2005)
  // Carry into minstreth, exactly when the second nop retires.
  CASE(10)
  li a0, 7
  csrw minstreth, a0
  li a0, -2
  csrw minstret, a0
  nop
  csrr a1, minstreth
  csrr a2, minstret
  CHECK_REG(a1, 7)
  CHECK_REG(a2, 0)
  CASE(11)
  li a0, 7
  csrw minstreth, a0
  li a0, -2
  csrw minstret, a0
  nop
  nop
  csrr a1, minstreth
  csrr a2, minstret
  CHECK_REG(a1, 8)
  CHECK_REG(a2, 1)
  // Multi-cycle instructions (load, multiply, divide, load-use stall) count
  // once each.
  CASE(12)
  la a4, cnt_word
  li a5, 7
  csrr a0, minstret
  lw a3, 0(a4)
  add a3, a3, a3
  mul a3, a3, a5
  div a3, a3, a5
  sw a3, 0(a4)
  csrr a1, minstret
  sub a2, a1, a0
  CHECK_REG(a2, 6)
  // A taken branch and a jump count once; their shadows do not count.
  CASE(13)
  csrr a0, minstret
  j 1f
  nop
  nop
1:
  beq x0, x0, 2f
  nop
  nop
2:
  csrr a1, minstret
  sub a2, a1, a0
  CHECK_REG(a2, 3)
  // A backward loop: 5 iterations of 2 instructions, plus the li.
  CASE(14)
  csrr a0, minstret
  li a3, 5
1:
  addi a3, a3, -1
  bnez a3, 1b
  csrr a1, minstret
  sub a2, a1, a0
  CHECK_REG(a2, 12)

  // ecall, ebreak and an illegal instruction do not retire. cnt_handler
  // retires exactly 4 instructions (3 + mret); between the two reads:
  // csrr (1) + trapping instruction (0) + handler (4) = 5.
  la a0, cnt_handler
  csrw mtvec, a0
  CASE(15)
  csrr a0, minstret
  ecall
  csrr a1, minstret
  sub a2, a1, a0
  CHECK_REG(a2, 5)
  CASE(16)
  csrr a0, minstret
  ebreak
  csrr a1, minstret
  sub a2, a1, a0
  CHECK_REG(a2, 5)
  CASE(17)
  csrr a0, minstret
  .word 0
  csrr a1, minstret
  sub a2, a1, a0
  CHECK_REG(a2, 5)
  RESTORE_MTVEC
TEST_END

// Skip the trapping instruction; 4 instructions including mret. Uses t5.
  .p2align 2
cnt_handler:
  csrr t5, mepc
  addi t5, t5, 4
  csrw mepc, t5
  mret

TEST_DATA
cnt_word:
  .word 3
TEST_CODE
