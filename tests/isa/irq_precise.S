// irq_precise.S: interrupts are precise wherever they land. A timer
// interrupt is re-armed by its handler 8..39 cycles ahead, 16 times, while
// straight-line code runs, so it lands on many different instructions and
// pipeline states:
// 1. A chain of 1000 "addi s1, s1, 1": at every interrupt the handler logs
//    s1 and mepc; each entry must satisfy s1 = (mepc - chain start) / 4 (all
//    instructions before mepc executed, none from mepc on), and s1 ends at
//    exactly 1000 (the instruction at mepc ran once, after the return).
// 2. A mix of store, load, multiply, jump and dependent adds: the final
//    values equal those of an uninterrupted run.
// 3. A loop with a data-dependent branch: the final count is exact.
// 4. Divides (33 cycles each) between adds, with the interrupt re-armed
//    40..103 cycles ahead so that divides also complete between
//    interrupts: an interrupted divide restarts and gives the same result.
//    (With shorter re-arm delays every interrupt would land on the same
//    divide: legal, but it would test one pipeline state only.)
// Expected values: privileged spec, mepc on an interrupt = the first
// instruction not executed; the results of part 2 and 3 are sums worked
// out by hand (1 + ... + 150 = 11325; 150 odd numbers in 1..300;
// 1 + ... + 60 = 1830).

#include "macros.h"

#define PREC_K 16
// prec_log: saved t0, t1; count; re-arm base; re-arm mask; pad; then
// 8-byte entries (s1, mepc). The handler re-arms the timer
// base + (11 * count AND mask) cycles ahead.
#define PL_COUNT 8
#define PL_BASE 12
#define PL_MASK 16
#define PL_ENTRY 32

#define PREC_DELAY(base, mask) la x31, prec_log; li x7, base; sw x7, PL_BASE(x31); li x7, mask; sw x7, PL_MASK(x31)
#define PREC_START(n) CASE(n); la x31, prec_log; sw zero, PL_COUNT(x31); li x31, TIMER_BASE; sw zero, TIMER_MTIMECMPH(x31); \
  lw x7, TIMER_MTIME(x31); addi x7, x7, 20; sw x7, TIMER_MTIMECMP(x31); li x7, MIP_MTIP; csrw mie, x7; csrsi mstatus, MSTATUS_MIE
#define PREC_STOP csrci mstatus, MSTATUS_MIE; csrw mie, zero; TIMER_DISARM
#define CHECK_PREC_COUNT(n) CASE(n); la x31, prec_log; lw x31, PL_COUNT(x31); CHECK_REG(x31, PREC_K)

TEST_BEGIN
  la a0, prec_handler
  csrw mtvec, a0

  // 1. The addi chain.
  PREC_DELAY(8, 31)
  li s1, 0
  PREC_START(1)
prec_chain:
  .rept 1000
  addi s1, s1, 1
  .endr
prec_chain_end:
  PREC_STOP
  CASE(1); CHECK_REG(s1, 1000)
  CHECK_PREC_COUNT(2)
  // Every entry: s1 == (mepc - prec_chain) / 4, mepc inside the chain.
  CASE(3)
  la a0, prec_log
  li a2, 0
1:
  slli a3, a2, 3
  add a3, a3, a0
  lw a4, PL_ENTRY(a3)
  lw a5, (PL_ENTRY + 4)(a3)
  LI_ABS(a6, prec_chain)
  bltu a5, a6, obti_fail_flow
  LI_ABS(a7, prec_chain_end)
  bgeu a5, a7, obti_fail_flow
  sub a5, a5, a6
  srli a5, a5, 2
  CHECK_SAME(a4, a5)
  addi a2, a2, 1
  li a3, PREC_K
  bltu a2, a3, 1b
  // The interrupts did not all land in one place.
  CASE(4)
  lw a4, PL_ENTRY(a0)
  lw a5, (PL_ENTRY + 8 * (PREC_K - 1))(a0)
  bgeu a4, a5, obti_fail_flow

  // 2. Mixed instructions, 150 units of 7.
  la s2, prec_word
  li s1, 0
  li s4, 0
  li s7, 0
  PREC_START(5)
  .rept 150
  addi s1, s1, 1
  sw s1, 0(s2)
  lw s3, 0(s2)
  add s4, s4, s3
  mul s5, s3, s3
  add s7, s7, s5
  j 1f
1:
  .endr
  PREC_STOP
  CASE(5); CHECK_REG(s1, 150)
  CASE(6); CHECK_MEM(prec_word, 150)
  CASE(7); CHECK_REG(s4, 11325)
  CASE(8); CHECK_REG(s7, 1136275)
  CHECK_PREC_COUNT(9)

  // 3. A loop with a data-dependent branch: count the odd s1 in 1..300.
  li s1, 0
  li s4, 0
  li s5, 300
  PREC_START(10)
1:
  addi s1, s1, 1
  andi s6, s1, 1
  beqz s6, 2f
  addi s4, s4, 1
2:
  bne s1, s5, 1b
  PREC_STOP
  CASE(10); CHECK_REG(s4, 150)
  CHECK_PREC_COUNT(11)

  // 4. Divides: s7 = sum of (s1 * s1) / s1 over s1 = 1..60.
  PREC_DELAY(40, 63)
  li s1, 0
  li s7, 0
  PREC_START(12)
  .rept 60
  addi s1, s1, 1
  mul s5, s1, s1
  divu s6, s5, s1
  add s7, s7, s6
  .endr
  PREC_STOP
  CASE(12); CHECK_REG(s7, 1830)
  CHECK_PREC_COUNT(13)

  RESTORE_MTVEC
TEST_END

// Log s1 and mepc, then re-arm the timer (base + (11 * count AND mask)
// cycles ahead) until PREC_K interrupts were taken; then disarm it and wait
// until mip.MTIP is clear. Touches only t0, t1 (restored) and tp.
  .p2align 2
prec_handler:
  la tp, prec_log
  sw t0, 0(tp)
  sw t1, 4(tp)
  csrr t0, mcause
  li t1, CAUSE_IRQ_MTI
  bne t0, t1, obti_fail_trap
  lw t1, PL_COUNT(tp)
  slli t0, t1, 3
  add t0, t0, tp
  sw s1, PL_ENTRY(t0)
  csrr t1, mepc
  sw t1, (PL_ENTRY + 4)(t0)
  lw t1, PL_COUNT(tp)
  addi t1, t1, 1
  sw t1, PL_COUNT(tp)
  li t0, PREC_K
  bgeu t1, t0, 1f
  li t0, 11
  mul t1, t1, t0
  lw t0, PL_MASK(tp)
  and t1, t1, t0
  lw t0, PL_BASE(tp)
  add t1, t1, t0
  li t0, TIMER_BASE
  lw tp, TIMER_MTIME(t0)
  add t1, t1, tp
  sw t1, TIMER_MTIMECMP(t0)
  j 9f
1:
  li t0, TIMER_BASE
  li t1, -1
  sw t1, TIMER_MTIMECMPH(t0)
  sw t1, TIMER_MTIMECMP(t0)
2:
  csrr t1, mip
  andi t1, t1, MIP_MTIP
  bnez t1, 2b
9:
  la tp, prec_log
  lw t0, 0(tp)
  lw t1, 4(tp)
  mret

TEST_DATA
prec_log:
  .word 0, 0, 0, 0, 0, 0, 0, 0
  .rept 2 * PREC_K
  .word 0
  .endr
prec_word:
  .word 0
TEST_CODE
