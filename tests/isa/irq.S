// irq.S: machine software and timer interrupts in direct mode.
// - The timer's MSIP register drives mip.MSIP; mtime >= mtimecmp (unsigned
//   64-bit) drives mip.MTIP.
// - A pending interrupt is taken only when mstatus.MIE and its mie bit are
//   both set; setting the last of them with a CSR write makes it taken
//   right after that instruction: mepc = the next instruction, which has
//   not executed; mcause = 0x80000003 (software) / 0x80000007 (timer);
//   mtval = 0; in the handler MIE = 0, MPIE = 1; mret returns to mepc.
// - With both pending, software is taken before timer, and the timer
//   interrupt follows straight after the first mret (interrupts are
//   re-evaluated after mret).
// - An mret that sets MIE takes a pending interrupt at its target.
// - A timer interrupt arrives on its own while a loop runs.
// Expected values: privileged spec "Machine Interrupt Registers (mip and
// mie)" (conditions for taking an interrupt, "must also be evaluated
// immediately following the execution of an xRET instruction or an
// explicit write to a CSR on which these interrupt trap conditions
// expressly depend"; priority MEI > MSI > MTI), "Machine Timer Registers",
// "Machine Trap Value Register" (zero for interrupts);
// docs/registers/timer.md.

#include "macros.h"

// irq_log: saved t0, t1; count; then 16-byte entries (cause, epc, tval,
// mstatus), filled by irq_handler.
#define IL_COUNT 8
#define IL_ENTRY 16

#define IRQ_RESET la x31, irq_log; sw zero, IL_COUNT(x31)
#define CHECK_IRQ_COUNT(n, k) CASE(n); la x31, irq_log; lw x31, IL_COUNT(x31); CHECK_REG(x31, k)
// Entry i of the log: cause, epc, and mtval = 0.
#define CHECK_IRQ(n, i, cause, epc) CASE(n); la x31, irq_log; lw x31, (IL_ENTRY + 16 * (i))(x31); CHECK_REG(x31, cause); \
  la x31, irq_log; lw x31, (IL_ENTRY + 16 * (i) + 4)(x31); CHECK_REG(x31, epc); \
  la x31, irq_log; lw x31, (IL_ENTRY + 16 * (i) + 8)(x31); CHECK_REG(x31, 0)
// Wait (bounded) until mip has bit set, or until it is clear.
#define WAIT_MIP_SET(bit) li x7, 1000; 70: csrr x31, mip; andi x31, x31, bit; bnez x31, 71f; addi x7, x7, -1; bnez x7, 70b; FAIL_HERE; 71:
#define WAIT_MIP_CLEAR(bit) li x7, 1000; 70: csrr x31, mip; andi x31, x31, bit; beqz x31, 71f; addi x7, x7, -1; bnez x7, 70b; FAIL_HERE; 71:
#define MSIP_SET li x31, TIMER_BASE; li x7, 1; sw x7, TIMER_MSIP(x31); WAIT_MIP_SET(MIP_MSIP)
// mtimecmp = 0: the timer interrupt is pending from now on.
#define MTIP_SET li x31, TIMER_BASE; sw zero, TIMER_MTIMECMP(x31); sw zero, TIMER_MTIMECMPH(x31); WAIT_MIP_SET(MIP_MTIP)

TEST_BEGIN
  csrw mie, zero
  csrci mstatus, MSTATUS_MIE
  la a0, irq_handler
  csrw mtvec, a0

  // MSIP register <-> mip.MSIP.
  CASE(1); MSIP_SET
  TEST_CASE(2, a0, 1, li a1, TIMER_BASE; lw a0, TIMER_MSIP(a1))
  CASE(3); li a1, TIMER_BASE; sw zero, TIMER_MSIP(a1); WAIT_MIP_CLEAR(MIP_MSIP)
  // mtimecmp <-> mip.MTIP, compared as 64 bits: mtimecmp = 1:00000000 is
  // in the future, 0:00000000 in the past.
  CASE(4)
  li a1, TIMER_BASE
  li a0, 1
  sw a0, TIMER_MTIMECMPH(a1)
  sw zero, TIMER_MTIMECMP(a1)
  nop
  nop
  nop
  nop
  csrr a0, mip
  andi a0, a0, MIP_MTIP
  CHECK_REG(a0, 0)
  CASE(5); li a1, TIMER_BASE; sw zero, TIMER_MTIMECMPH(a1); WAIT_MIP_SET(MIP_MTIP)
  CASE(6); TIMER_DISARM; WAIT_MIP_CLEAR(MIP_MTIP)

  // Software interrupt: pending and enabled in mie, masked by MIE = 0 for a
  // while, then taken right after the csrsi that sets MIE.
  CASE(7)
  IRQ_RESET
  li a0, 0x7777
  csrw mtval, a0
  li a0, MIP_MSIP
  csrw mie, a0
  MSIP_SET
  nop
  nop
  nop
  nop
  CHECK_IRQ_COUNT(7, 0)
  li a2, 0
  csrsi mstatus, MSTATUS_MIE
1:
  addi a2, a2, 1
  CHECK_IRQ_COUNT(8, 1)
  CHECK_IRQ(8, 0, CAUSE_IRQ_MSI, 1b)
  // The interrupted instruction ran once, after the return; MIE is back on.
  CASE(9); CHECK_REG(a2, 1); csrr a0, mstatus; andi a0, a0, MSTATUS_MIE | MSTATUS_MPIE; CHECK_REG(a0, MSTATUS_MIE | MSTATUS_MPIE)
  // In the handler MIE was 0 and MPIE 1.
  CASE(10); la a0, irq_log; lw a0, IL_ENTRY + 12(a0); andi a0, a0, MSTATUS_MIE | MSTATUS_MPIE; CHECK_REG(a0, MSTATUS_MPIE)

  // Timer interrupt, the same way.
  csrci mstatus, MSTATUS_MIE
  CASE(11)
  IRQ_RESET
  li a0, MIP_MTIP
  csrw mie, a0
  MTIP_SET
  nop
  nop
  CHECK_IRQ_COUNT(11, 0)
  csrsi mstatus, MSTATUS_MIE
1:
  nop
  CHECK_IRQ_COUNT(12, 1)
  CHECK_IRQ(12, 0, CAUSE_IRQ_MTI, 1b)

  // Masked by mie with MIE = 1: nothing until the csrs that sets the mie bit.
  CASE(13)
  csrw mie, zero
  IRQ_RESET
  csrsi mstatus, MSTATUS_MIE
  MSIP_SET
  nop
  nop
  nop
  CHECK_IRQ_COUNT(13, 0)
  li a0, MIP_MSIP
  csrs mie, a0
1:
  nop
  CHECK_IRQ_COUNT(14, 1)
  CHECK_IRQ(14, 0, CAUSE_IRQ_MSI, 1b)
  CASE(15)
  csrw mie, zero
  IRQ_RESET
  MTIP_SET
  nop
  nop
  nop
  CHECK_IRQ_COUNT(15, 0)
  li a0, MIP_MTIP
  csrw mie, a0
1:
  nop
  CHECK_IRQ_COUNT(16, 1)
  CHECK_IRQ(16, 0, CAUSE_IRQ_MTI, 1b)

  // Both pending: software first, then timer at the same mepc.
  CASE(17)
  csrci mstatus, MSTATUS_MIE
  IRQ_RESET
  li a0, MIP_MSIP | MIP_MTIP
  csrw mie, a0
  MSIP_SET
  MTIP_SET
  csrsi mstatus, MSTATUS_MIE
1:
  nop
  CHECK_IRQ_COUNT(17, 2)
  CHECK_IRQ(18, 0, CAUSE_IRQ_MSI, 1b)
  CHECK_IRQ(18, 1, CAUSE_IRQ_MTI, 1b)

  // An mret that sets MIE (MPIE = 1) with an interrupt pending and enabled
  // takes it at the mret's target.
  CASE(19)
  csrci mstatus, MSTATUS_MIE
  IRQ_RESET
  li a0, MIP_MSIP
  csrw mie, a0
  MSIP_SET
  li a0, MSTATUS_MPIE
  csrs mstatus, a0
  la a0, 1f
  csrw mepc, a0
  mret
  FAIL_HERE
1:
  nop
  CHECK_IRQ_COUNT(20, 1)
  CHECK_IRQ(20, 0, CAUSE_IRQ_MSI, 1b)

  // A timer interrupt that arrives by itself: mtimecmp = mtime + 300 while
  // a loop counts; it is taken inside the loop.
  CASE(21)
  csrci mstatus, MSTATUS_MIE
  IRQ_RESET
  li a0, MIP_MTIP
  csrw mie, a0
  csrsi mstatus, MSTATUS_MIE
  li a1, TIMER_BASE
  lw a0, TIMER_MTIME(a1)
  addi a0, a0, 300
  sw zero, TIMER_MTIMECMPH(a1)
  sw a0, TIMER_MTIMECMP(a1)
  la a3, irq_log
  li a2, 10000
2:
  lw a4, IL_COUNT(a3)
  bnez a4, 3f
  addi a2, a2, -1
  bnez a2, 2b
3:
  CHECK_IRQ_COUNT(21, 1)
  CASE(22)
  la a3, irq_log
  lw a4, IL_ENTRY(a3)
  CHECK_REG(a4, CAUSE_IRQ_MTI)
  lw a4, (IL_ENTRY + 4)(a3)
  LI_ABS(a5, 2b)
  bltu a4, a5, obti_fail_flow
  LI_ABS(a5, 3b)
  bgeu a4, a5, obti_fail_flow

  csrci mstatus, MSTATUS_MIE
  csrw mie, zero
  TIMER_DISARM
  li a1, TIMER_BASE
  sw zero, TIMER_MSIP(a1)
  RESTORE_MTVEC
TEST_END

// Record the interrupt in irq_log, silence its source (MSIP = 0, or
// mtimecmp = all ones) and wait until mip shows it gone, return to mepc.
// An exception here fails the test.
  .p2align 2
irq_handler:
  la tp, irq_log
  sw t0, 0(tp)
  sw t1, 4(tp)
  csrr t0, mcause
  bgez t0, obti_fail_trap
  lw t1, IL_COUNT(tp)
  slli t1, t1, 4
  add t1, t1, tp
  sw t0, IL_ENTRY(t1)
  csrr t0, mepc
  sw t0, IL_ENTRY + 4(t1)
  csrr t0, mtval
  sw t0, IL_ENTRY + 8(t1)
  csrr t0, mstatus
  sw t0, IL_ENTRY + 12(t1)
  lw t1, IL_COUNT(tp)
  addi t1, t1, 1
  sw t1, IL_COUNT(tp)
  csrr t0, mcause
  andi t0, t0, 31
  li t1, 3
  beq t0, t1, 1f
  li t1, 7
  beq t0, t1, 2f
  j obti_fail_trap
1:
  li t1, TIMER_BASE
  sw zero, TIMER_MSIP(t1)
3:
  csrr t0, mip
  andi t0, t0, MIP_MSIP
  bnez t0, 3b
  j 9f
2:
  li t1, TIMER_BASE
  li t0, -1
  sw t0, TIMER_MTIMECMPH(t1)
  sw t0, TIMER_MTIMECMP(t1)
4:
  csrr t0, mip
  andi t0, t0, MIP_MTIP
  bnez t0, 4b
9:
  lw t0, 0(tp)
  lw t1, 4(tp)
  mret

TEST_DATA
irq_log:
  .word 0, 0, 0, 0
  .rept 4 * 8
  .word 0
  .endr
TEST_CODE
