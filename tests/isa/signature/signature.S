// signature.S: a stand-alone program (no crt.S) whose begin_signature ..
// end_signature words are known, run with --signature to check that the
// simulator dumps them exactly: static words never written, words written by
// sw, and words assembled from sb/sh byte lanes. signature.expected holds
// the 16 words, worked out by hand from the RISC-V unprivileged spec:
//
//   0  01234567  initial data, never written
//   1  89abcdef  initial data, never written
//   2  80000000  add 0x7fffffff + 1
//   3  ffffffff  sub 0 - 1
//   4  242d2080  mul 0x12345678 * 0x9abcdef0 (low word of 0x0b00ea4e242d2080)
//   5  fffffffe  mulhu 0xffffffff * 0xffffffff = 2^64 - 2^33 + 1
//   6  24924924  divu 0xffffffff / 7 (remainder 3)
//   7  ffffffff  rem -7 % 2 (sign of the dividend)
//   8  f8000000  sra 0x80000000 by 4
//   9  08000000  srl 0x80000000 by 4
//  10  a522a511  a5a5a5a5 with sb 0x11 at lane 0 and sb 0x22 at lane 2
//  11  beef0000  0 with sh 0xbeef at lane 2
//  12  dead0000  lui 0xdead0
//  13  10000000  address of begin_signature, the start of the data RAM
//  14  00000010  slt(-1, 1) << 4 | sltu(-1, 1)
//  15  600d600d  written last

#define SIMCTRL_EXIT 0x2000f000

  .section .text.init, "ax", @progbits
  .globl _start
_start:
  la s0, begin_signature

  li a0, 0x7fffffff
  addi a0, a0, 1
  sw a0, 8(s0)

  li a1, 1
  sub a0, x0, a1
  sw a0, 12(s0)

  li a0, 0x12345678
  li a1, 0x9abcdef0
  mul a2, a0, a1
  sw a2, 16(s0)

  li a0, -1
  mulhu a2, a0, a0
  sw a2, 20(s0)

  li a1, 7
  divu a2, a0, a1
  sw a2, 24(s0)

  li a0, -7
  li a1, 2
  rem a2, a0, a1
  sw a2, 28(s0)

  li a0, 0x80000000
  srai a1, a0, 4
  sw a1, 32(s0)
  srli a1, a0, 4
  sw a1, 36(s0)

  li a0, 0x11
  sb a0, 40(s0)
  li a0, 0x22
  sb a0, 42(s0)
  li a0, 0xbeef
  sh a0, 46(s0)

  lui a0, 0xdead0
  sw a0, 48(s0)

  sw s0, 52(s0)

  li a0, -1
  li a1, 1
  slt a2, a0, a1
  sltu a3, a0, a1
  slli a2, a2, 4
  or a2, a2, a3
  sw a2, 56(s0)

  li a0, 0x600d600d
  sw a0, 60(s0)

  li a0, SIMCTRL_EXIT
  sw zero, 0(a0)
1:
  j 1b

  .data
  .globl begin_signature, end_signature
begin_signature:
  .word 0x01234567
  .word 0x89abcdef
  .rept 8
  .word 0
  .endr
  .word 0xa5a5a5a5
  .rept 5
  .word 0
  .endr
end_signature:
  .word 0xffffffff
