// crt.S: start-up, default trap handler and exits shared by every ISA test
// (linked in front of each test; the convention is in macros.h).
#include "macros.h"

  .section .text.init, "ax", @progbits
  .globl _start
_start:
  // mtvec resets to 0 (= _start), so set it before anything can trap.
  la t0, obti_trap_handler
  csrw mtvec, t0
  // Known register contents, whatever the register file resets to.
  li x1, 0
  li x2, 0
  li x3, 0
  li x4, 0
  li x5, 0
  li x6, 0
  li x7, 0
  li x8, 0
  li x9, 0
  li x10, 0
  li x11, 0
  li x12, 0
  li x13, 0
  li x14, 0
  li x15, 0
  li x16, 0
  li x17, 0
  li x18, 0
  li x19, 0
  li x20, 0
  li x21, 0
  li x22, 0
  li x23, 0
  li x24, 0
  li x25, 0
  li x26, 0
  li x27, 0
  li x28, 0
  li x29, 0
  li x30, 0
  li x31, 0
  la sp, __stack_top
  j test_main

// Default trap handler: record the trap in obti_trap; if the test announced
// it (EXPECT_TRAP / EXPECT_IRQ) resume, otherwise fail the current case.
// Uses only tp; t0 and t1 are saved and restored.
  .p2align 6
  .globl obti_trap_handler
obti_trap_handler:
  la tp, obti_trap
  sw t0, TR_SAVE0(tp)
  sw t1, TR_SAVE1(tp)
  csrr t0, mcause
  sw t0, TR_CAUSE(tp)
  csrr t1, mepc
  sw t1, TR_EPC(tp)
  csrr t1, mtval
  sw t1, TR_TVAL(tp)
  csrr t1, mstatus
  sw t1, TR_MSTATUS(tp)
  lw t1, TR_COUNT(tp)
  addi t1, t1, 1
  sw t1, TR_COUNT(tp)
  lw t1, TR_EXPECT(tp)
  beqz t1, obti_fail_trap
  sw zero, TR_EXPECT(tp)
  bgez t0, 1f
  // An interrupt: mask it in mie, or mret would take it again at once.
  andi t0, t0, 31
  li t1, 1
  sll t1, t1, t0
  csrc mie, t1
1:
  lw t1, TR_RESUME(tp)
  beqz t1, 2f
  csrw mepc, t1
2:
  lw t0, TR_SAVE0(tp)
  lw t1, TR_SAVE1(tp)
  mret

// Failure exits. Each records why in obti_diag, then exits with the case
// number in gp.
  .globl obti_fail_trap, obti_fail_value, obti_fail_flow, obti_pass
obti_fail_trap:
  la tp, obti_diag
  lw t0, DG_KIND(tp)
  bnez t0, obti_exit          // a trap inside a failure exit: keep the first
  li t0, KIND_TRAP
  sw t0, DG_KIND(tp)
  csrr t0, mcause
  sw t0, DG_CAUSE(tp)
  csrr t0, mepc
  sw t0, DG_EPC(tp)
  csrr t0, mtval
  sw t0, DG_TVAL(tp)
  j obti_exit

// x31 = the value found, x7 = the value expected.
obti_fail_value:
  la tp, obti_diag
  sw x31, DG_GOT(tp)
  sw x7, DG_EXPECTED(tp)
  li t0, KIND_VALUE
  sw t0, DG_KIND(tp)
  j obti_exit

obti_fail_flow:
  la tp, obti_diag
  li t0, KIND_FLOW
  sw t0, DG_KIND(tp)
  j obti_exit

obti_exit:
  addi t0, gp, -1
  li t1, 120
  bltu t0, t1, 1f
  li gp, 121                  // outside any case (or gp itself is damaged)
1:
  la tp, obti_diag
  sw gp, DG_CASE(tp)
  li t0, SIMCTRL_EXIT
  sw gp, 0(t0)
2:
  j 2b

obti_pass:
  la tp, obti_diag
  sw gp, DG_CASE(tp)          // the last case that ran
  li t0, DIAG_DONE
  sw t0, DG_DONE(tp)
  li t0, SIMCTRL_EXIT
  sw zero, 0(t0)
1:
  j 1b

  .data
  .p2align 4
  .globl begin_signature, end_signature, obti_diag, obti_trap
begin_signature:
obti_diag:
  .word 0, 0, 0, 0, 0, 0, 0, 0
end_signature:
obti_trap:
  .word 0, 0, 0, 0, 0, 0, 0, 0, 0
