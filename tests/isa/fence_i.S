// fence_i.S: instructions stored into the code memory (above the read-only
// region) are executed after fence.i, including right after the fence.i,
// after an earlier version of the same word was already executed (no stale
// copy survives fence.i), after a byte store that patches only an
// immediate, and when a routine rewrites its own next instructions.
// Expected values: unprivileged spec "Zifencei" (a fence.i makes earlier
// stores visible to later instruction fetches of the same hart); the
// instruction words are the RV32I encodings of the instructions named
// next to them, cross-checked with GNU as.

#include "macros.h"

#define INSN_ADDI_A0_123 0x12300513    // addi a0, x0, 0x123
#define INSN_ADDI_A0_456 0x45600513    // addi a0, x0, 0x456
#define INSN_ADDI_A0_1   0x00150513    // addi a0, a0, 1
#define INSN_RET         0x00008067    // jalr x0, 0(ra)

TEST_BEGIN
  la s0, __patch_area

  // A two-instruction routine written, fenced, called.
  CASE(1)
  li a1, INSN_ADDI_A0_123
  sw a1, 0(s0)
  li a1, INSN_RET
  sw a1, 4(s0)
  fence.i
  li a0, 0
  jalr ra, 0(s0)
  CHECK_REG(a0, 0x123)
  // Rewritten with another immediate: the old version must not run again.
  CASE(2)
  li a1, INSN_ADDI_A0_456
  sw a1, 0(s0)
  fence.i
  jalr ra, 0(s0)
  CHECK_REG(a0, 0x456)
  // Only the top byte of the immediate patched with sb: 0x45600513 ->
  // 0x78600513 = addi a0, x0, 0x786.
  CASE(3)
  li a1, 0x78
  sb a1, 3(s0)
  fence.i
  jalr ra, 0(s0)
  CHECK_REG(a0, 0x786)
  // A longer routine: eight "addi a0, a0, 1" and a ret, called twice with a
  // different length (the ret moved up) in between.
  CASE(4)
  li a1, INSN_ADDI_A0_1
  li a2, INSN_RET
  sw a1, 0(s0)
  sw a1, 4(s0)
  sw a1, 8(s0)
  sw a1, 12(s0)
  sw a1, 16(s0)
  sw a1, 20(s0)
  sw a1, 24(s0)
  sw a1, 28(s0)
  sw a2, 32(s0)
  fence.i
  li a0, 0
  jalr ra, 0(s0)
  CHECK_REG(a0, 8)
  CASE(5)
  sw a2, 12(s0)
  fence.i
  li a0, 0
  jalr ra, 0(s0)
  CHECK_REG(a0, 3)

  // Self-modifying code: fi_template, copied into the patch area, stores a
  // new instruction over its own fifth word and runs it after fence.i.
  CASE(6)
  la a1, fi_template
  la a2, fi_template_end
  mv a3, s0
1:
  lw a4, 0(a1)
  sw a4, 0(a3)
  addi a1, a1, 4
  addi a3, a3, 4
  bltu a1, a2, 1b
  fence.i
  li a0, 0
  jalr ra, 0(s0)
  CHECK_REG(a0, 0x456)
  // Run again: the word now holds the new instruction for good.
  CASE(7); li a0, 0; jalr ra, 0(s0); CHECK_REG(a0, 0x456)
TEST_END

// Position-independent: t0 = its own address; the word at t0 + 20 (the
// addi a0, x0, 0x111) is replaced by addi a0, x0, 0x456 before it runs.
  .p2align 2
fi_template:
  auipc t0, 0
  lui t1, %hi(INSN_ADDI_A0_456)
  addi t1, t1, %lo(INSN_ADDI_A0_456)
  sw t1, 20(t0)
  fence.i
  addi a0, x0, 0x111
  ret
fi_template_end:
