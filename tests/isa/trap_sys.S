// trap_sys.S: ecall, ebreak, mret and mstatus.MIE/MPIE.
// - ecall: mcause 11, mepc = the ecall, mtval = 0 (even when mtval held
//   something else). ebreak: mcause 3, mepc = mtval = its address.
// - Trap entry: MPIE <- MIE, MIE <- 0, MPP <- M (3). mret: MIE <- MPIE,
//   MPIE <- 1, pc <- mepc; MPP stays 3 (no lower mode). Checked with MIE 1
//   and 0 before the trap, and for mret on its own.
// - A write to mtvec or mepc is obeyed by the very next ecall or mret.
// Expected values: privileged spec "Machine Status Registers" (MIE, MPIE,
// MPP on trap entry and MRET), "Environment Call and Breakpoint", "Machine
// Trap Value Register" (mtval for breakpoints = the address; the project
// brief and docs/core.md pin that choice), "Trap-Return Instructions".

#include "macros.h"

TEST_BEGIN
  // ecall, with mtval preset to something else.
  CASE(1); li a0, 0x1234; csrw mtval, a0; TEST_TRAP(1, CAUSE_ECALL_M, 0, ecall)
  // ebreak.
  CASE(2); TEST_TRAP(2, CAUSE_BREAKPOINT, 85b, ebreak)
  // Back to back.
  CASE(3); EXPECT_TRAP(84f); 85: ecall; 84: TEST_TRAP(3, CAUSE_BREAKPOINT, 85b, ebreak)
  // ecall leaves the registers alone.
  TEST_CASE(4, a0, 0x4444, li a0, 0x4444; EXPECT_TRAP(1f); ecall; 1:)

  // mstatus on trap entry with MIE = 1 (mie = 0: no interrupt can be taken):
  // the handler saw MIE = 0, MPIE = 1, MPP = 3; after mret MIE = 1, MPIE = 1.
  csrw mie, zero
  CASE(5)
  csrsi mstatus, MSTATUS_MIE
  EXPECT_TRAP(1f)
  ecall
1:
  la a0, obti_trap
  lw a1, TR_MSTATUS(a0)
  andi a1, a1, MSTATUS_MIE | MSTATUS_MPIE
  CHECK_REG(a1, MSTATUS_MPIE)
  lw a1, TR_MSTATUS(a0)
  li a2, MSTATUS_MPP
  and a1, a1, a2
  CHECK_REG(a1, MSTATUS_MPP)
  csrr a1, mstatus
  li a2, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
  and a1, a1, a2
  CHECK_REG(a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP)

  // With MIE = 0 (and MPIE = 1 left over): the handler saw MIE = 0,
  // MPIE = 0; after mret MIE = 0, MPIE = 1.
  CASE(6)
  csrci mstatus, MSTATUS_MIE
  EXPECT_TRAP(1f)
  ecall
1:
  la a0, obti_trap
  lw a1, TR_MSTATUS(a0)
  andi a1, a1, MSTATUS_MIE | MSTATUS_MPIE
  CHECK_REG(a1, 0)
  csrr a1, mstatus
  andi a1, a1, MSTATUS_MIE | MSTATUS_MPIE
  CHECK_REG(a1, MSTATUS_MPIE)

  // mret on its own: MPIE = 1, MIE = 0 -> MIE = 1, MPIE = 1, pc = mepc.
  CASE(7)
  li a0, MSTATUS_MPIE
  csrw mstatus, a0
  la a0, 1f
  csrw mepc, a0
  mret
  FAIL_HERE
1:
  csrr a1, mstatus
  andi a1, a1, MSTATUS_MIE | MSTATUS_MPIE
  CHECK_REG(a1, MSTATUS_MIE | MSTATUS_MPIE)
  // MPIE = 0, MIE = 1 -> MIE = 0, MPIE = 1.
  CASE(8)
  li a0, MSTATUS_MIE
  csrw mstatus, a0
  la a0, 1f
  csrw mepc, a0
  mret
  FAIL_HERE
1:
  csrr a1, mstatus
  andi a1, a1, MSTATUS_MIE | MSTATUS_MPIE
  CHECK_REG(a1, MSTATUS_MPIE)
  // MPP still reads 3 after the mrets.
  CASE(9); csrr a1, mstatus; li a2, MSTATUS_MPP; and a1, a1, a2; CHECK_REG(a1, MSTATUS_MPP)

  // A new mtvec is used by the very next trap.
  CASE(10)
  li a5, 0
  la a0, sys_handler
  csrw mtvec, a0
  ecall
  RESTORE_MTVEC
  CHECK_REG(a5, 1)
  // A new mepc is used by the very next mret.
  CASE(11); la a0, 1f; csrw mepc, a0; mret; FAIL_HERE; 1:
  // mret in the shadow of a taken branch does nothing.
  CASE(12); la a0, 2f; csrw mepc, a0; j 1f; mret; 2: FAIL_HERE; 1:
  csrw mstatus, zero
TEST_END

// A handler that adds 1 to a5 and returns past the ecall.
  .p2align 2
sys_handler:
  addi a5, a5, 1
  csrr t5, mepc
  addi t5, t5, 4
  csrw mepc, t5
  mret
