// mtvec.S: trap vector modes. Direct (MODE 0): exceptions and interrupts
// both go to BASE. Vectored (MODE 1): exceptions go to BASE, an interrupt
// with cause n to BASE + 4*n (software 3 -> +12, timer 7 -> +28); mcause is
// the same in both modes. Each slot of the table below records its own
// number, so the test sees which entry was used.
// Expected values: privileged spec "Machine Trap-Vector Base-Address
// Register (mtvec)" and docs/memory-map.md ("Reset and traps").

#include "macros.h"

#define SLOT_NONE 0xff
#define CHECK_SLOT(n, slot, cause) CASE(n); la x31, vec_log; lw x31, 0(x31); CHECK_REG(x31, slot); la x31, vec_log; lw x31, 4(x31); CHECK_REG(x31, cause)
#define SLOT_RESET la x31, vec_log; li x7, SLOT_NONE; sw x7, 0(x31); sw zero, 4(x31)
#define WAIT_MIP_SET(bit) li x7, 1000; 70: csrr x31, mip; andi x31, x31, bit; bnez x31, 71f; addi x7, x7, -1; bnez x7, 70b; FAIL_HERE; 71:

TEST_BEGIN
  csrw mie, zero
  csrci mstatus, MSTATUS_MIE

  // Vectored mode: ecall, ebreak and an illegal instruction go to slot 0.
  la a0, vec_table + 1
  csrw mtvec, a0
  CASE(1); SLOT_RESET; ecall; CHECK_SLOT(1, 0, CAUSE_ECALL_M)
  CASE(2); SLOT_RESET; ebreak; CHECK_SLOT(2, 0, CAUSE_BREAKPOINT)
  CASE(3); SLOT_RESET; .word 0; CHECK_SLOT(3, 0, CAUSE_ILLEGAL)

  // Software interrupt -> slot 3.
  CASE(4)
  SLOT_RESET
  li a0, MIP_MSIP
  csrw mie, a0
  li a1, TIMER_BASE
  li a0, 1
  sw a0, TIMER_MSIP(a1)
  WAIT_MIP_SET(MIP_MSIP)
  csrsi mstatus, MSTATUS_MIE
  nop
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_SLOT(4, 3, CAUSE_IRQ_MSI)

  // Timer interrupt -> slot 7.
  CASE(5)
  SLOT_RESET
  li a0, MIP_MTIP
  csrw mie, a0
  li a1, TIMER_BASE
  sw zero, TIMER_MTIMECMP(a1)
  sw zero, TIMER_MTIMECMPH(a1)
  WAIT_MIP_SET(MIP_MTIP)
  csrsi mstatus, MSTATUS_MIE
  nop
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_SLOT(5, 7, CAUSE_IRQ_MTI)

  // Direct mode with the same table: the timer interrupt goes to BASE.
  la a0, vec_table
  csrw mtvec, a0
  CASE(6)
  SLOT_RESET
  li a1, TIMER_BASE
  sw zero, TIMER_MTIMECMP(a1)
  sw zero, TIMER_MTIMECMPH(a1)
  WAIT_MIP_SET(MIP_MTIP)
  csrsi mstatus, MSTATUS_MIE
  nop
  nop
  csrci mstatus, MSTATUS_MIE
  CHECK_SLOT(6, 0, CAUSE_IRQ_MTI)
  CASE(7); SLOT_RESET; ecall; CHECK_SLOT(7, 0, CAUSE_ECALL_M)

  csrw mie, zero
  RESTORE_MTVEC
TEST_END

// The vector table, one jump per 4-byte slot; the stub of slot k records k,
// then vec_common records mcause,
// silences interrupts (MSIP = 0, mtimecmp = all ones, waiting until mip
// shows it), skips a trapping instruction and returns. t0 is kept in
// mscratch meanwhile.
#define SLOT(k) csrw mscratch, t0; li t0, k; j vec_common
  .p2align 8
vec_table:
  j vec_slot0
  j vec_slot1
  j vec_slot2
  j vec_slot3
  j vec_slot4
  j vec_slot5
  j vec_slot6
  j vec_slot7
  j vec_slot8
  j vec_slot9
  j vec_slot10
  j vec_slot11
  j vec_slot12
vec_slot0: SLOT(0)
vec_slot1: SLOT(1)
vec_slot2: SLOT(2)
vec_slot3: SLOT(3)
vec_slot4: SLOT(4)
vec_slot5: SLOT(5)
vec_slot6: SLOT(6)
vec_slot7: SLOT(7)
vec_slot8: SLOT(8)
vec_slot9: SLOT(9)
vec_slot10: SLOT(10)
vec_slot11: SLOT(11)
vec_slot12: SLOT(12)

vec_common:
  la tp, vec_log
  sw t0, 0(tp)
  csrr t0, mcause
  sw t0, 4(tp)
  bltz t0, 1f
  csrr t0, mepc
  addi t0, t0, 4
  csrw mepc, t0
  j 9f
1:
  li tp, TIMER_BASE
  sw zero, TIMER_MSIP(tp)
  li t0, -1
  sw t0, TIMER_MTIMECMPH(tp)
  sw t0, TIMER_MTIMECMP(tp)
2:
  csrr t0, mip
  andi t0, t0, MIP_MSIP | MIP_MTIP
  bnez t0, 2b
9:
  csrr t0, mscratch
  mret

TEST_DATA
vec_log:
  .word 0, 0
TEST_CODE
