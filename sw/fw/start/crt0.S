/* Reset and trap entry of the openbti firmware. Both live in the read-only
 * boot region (.text.boot, the first RomBytes of the code memory); see
 * docs/firmware.md for the start-up sequence and the trap flow. */

#include "trap_frame.h"

  .section .text.boot.reset, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  /* gp must be loaded without relaxation: relaxing would use gp itself. */
  .option push
  .option norelax
  la    gp, __global_pointer$
  .option pop
  la    sp, __stack
  la    tp, __tls_base

  /* The trap vector first, so that a fault during start-up is reported. */
  la    t0, trap_entry
  csrw  mtvec, t0

  /* .data and .tdata: copy from their load address in the code memory,
   * because on a board only the code memory holds the image. */
  la    t0, __data_source
  la    t1, __data_start
  la    t2, __data_end
1:
  bgeu  t1, t2, 2f
  lw    t3, 0(t0)
  sw    t3, 0(t1)
  addi  t0, t0, 4
  addi  t1, t1, 4
  j     1b
2:
  /* .tbss and .bss */
  la    t1, __bss_start
  la    t2, __bss_end
3:
  bgeu  t1, t2, 4f
  sw    zero, 0(t1)
  addi  t1, t1, 4
  j     3b
4:
  call  fw_init
  call  __libc_init_array
  li    a0, 0
  li    a1, 0
  call  main
  call  exit
5:
  j     5b
  .size _start, . - _start

/* Trap entry (mtvec, direct mode). Saves the registers a C function may
 * clobber plus mepc and mstatus, so that a handler may re-enable interrupts
 * (nesting) and may change the return address through frame->mepc. */
  .section .text.boot, "ax", @progbits
  .globl trap_entry
  .type trap_entry, @function
  .balign 4
trap_entry:
  addi  sp, sp, -TRAP_FRAME_SIZE
  sw    ra,  TF_RA(sp)
  sw    t0,  TF_T0(sp)
  sw    t1,  TF_T1(sp)
  sw    t2,  TF_T2(sp)
  sw    a0,  TF_A0(sp)
  sw    a1,  TF_A1(sp)
  sw    a2,  TF_A2(sp)
  sw    a3,  TF_A3(sp)
  sw    a4,  TF_A4(sp)
  sw    a5,  TF_A5(sp)
  sw    a6,  TF_A6(sp)
  sw    a7,  TF_A7(sp)
  sw    t3,  TF_T3(sp)
  sw    t4,  TF_T4(sp)
  sw    t5,  TF_T5(sp)
  sw    t6,  TF_T6(sp)
  csrr  a0, mcause
  csrr  a1, mepc
  csrr  a2, mtval
  csrr  t0, mstatus
  sw    a1, TF_MEPC(sp)
  sw    t0, TF_MSTATUS(sp)
  mv    a3, sp
  call  trap_dispatch

  /* mstatus first: it turns interrupts off again (MIE was 0 when it was
   * saved) before mepc is rewritten for mret. */
  lw    t0, TF_MSTATUS(sp)
  csrw  mstatus, t0
  lw    t0, TF_MEPC(sp)
  csrw  mepc, t0
  lw    ra,  TF_RA(sp)
  lw    t0,  TF_T0(sp)
  lw    t1,  TF_T1(sp)
  lw    t2,  TF_T2(sp)
  lw    a0,  TF_A0(sp)
  lw    a1,  TF_A1(sp)
  lw    a2,  TF_A2(sp)
  lw    a3,  TF_A3(sp)
  lw    a4,  TF_A4(sp)
  lw    a5,  TF_A5(sp)
  lw    a6,  TF_A6(sp)
  lw    a7,  TF_A7(sp)
  lw    t3,  TF_T3(sp)
  lw    t4,  TF_T4(sp)
  lw    t5,  TF_T5(sp)
  lw    t6,  TF_T6(sp)
  addi  sp, sp, TRAP_FRAME_SIZE
  mret
  .size trap_entry, . - trap_entry
