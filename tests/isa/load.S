// load.S: lb, lh, lw, lbu, lhu at every byte lane (halfwords at both
// aligned lanes) with sign and zero extension, positive, negative and
// extreme 12-bit offsets, a destination equal to the base register, loads
// from the code memory through the data port, and word reads of a
// peripheral register.
// Expected values: RV32I "Load and Store Instructions" (little-endian; LB/LH
// sign-extend, LBU/LHU zero-extend, address = rs1 + sign-extended imm) on
// the bytes laid out below; simctrl SIM reads 1 in the simulator
// (docs/registers/simctrl.md) and unused peripheral offsets read as zero
// (docs/memory-map.md).

#include "macros.h"

TEST_BEGIN
  la s0, ld_data

  // lb / lbu at lanes 0..3 of 0xff807f01 and 0x907e8123.
  TEST_CASE(1, a0, 0x00000001, lb a0, 0(s0))
  TEST_CASE(2, a0, 0x0000007f, lb a0, 1(s0))
  TEST_CASE(3, a0, 0xffffff80, lb a0, 2(s0))
  TEST_CASE(4, a0, 0xffffffff, lb a0, 3(s0))
  TEST_CASE(5, a0, 0x00000023, lb a0, 4(s0))
  TEST_CASE(6, a0, 0xffffff81, lb a0, 5(s0))
  TEST_CASE(7, a0, 0x0000007e, lb a0, 6(s0))
  TEST_CASE(8, a0, 0xffffff90, lb a0, 7(s0))
  TEST_CASE(9, a0, 0x00000001, lbu a0, 0(s0))
  TEST_CASE(10, a0, 0x0000007f, lbu a0, 1(s0))
  TEST_CASE(11, a0, 0x00000080, lbu a0, 2(s0))
  TEST_CASE(12, a0, 0x000000ff, lbu a0, 3(s0))
  TEST_CASE(13, a0, 0x00000023, lbu a0, 4(s0))
  TEST_CASE(14, a0, 0x00000081, lbu a0, 5(s0))
  TEST_CASE(15, a0, 0x0000007e, lbu a0, 6(s0))
  TEST_CASE(16, a0, 0x00000090, lbu a0, 7(s0))

  // lh / lhu at lanes 0 and 2.
  TEST_CASE(17, a0, 0x00007f01, lh a0, 0(s0))
  TEST_CASE(18, a0, 0xffffff80, lh a0, 2(s0))
  TEST_CASE(19, a0, 0xffff8123, lh a0, 4(s0))
  TEST_CASE(20, a0, 0xffff907e, lh a0, 6(s0))
  TEST_CASE(21, a0, 0xffff8001, lh a0, 8(s0))
  TEST_CASE(22, a0, 0x00007ffe, lh a0, 10(s0))
  TEST_CASE(23, a0, 0x00007f01, lhu a0, 0(s0))
  TEST_CASE(24, a0, 0x0000ff80, lhu a0, 2(s0))
  TEST_CASE(25, a0, 0x00008123, lhu a0, 4(s0))
  TEST_CASE(26, a0, 0x0000907e, lhu a0, 6(s0))
  TEST_CASE(27, a0, 0x00008001, lhu a0, 8(s0))
  TEST_CASE(28, a0, 0x00007ffe, lhu a0, 10(s0))

  // lw.
  TEST_CASE(29, a0, 0xff807f01, lw a0, 0(s0))
  TEST_CASE(30, a0, 0x907e8123, lw a0, 4(s0))
  TEST_CASE(31, a0, 0x7ffe8001, lw a0, 8(s0))
  TEST_CASE(32, a0, 0xdeadbeef, lw a0, 12(s0))

  // Negative offsets.
  TEST_CASE(33, a0, 0xdeadbeef, la a1, ld_end; lw a0, -4(a1))
  TEST_CASE(34, a0, 0xffffffad, la a1, ld_end; lb a0, -2(a1))
  TEST_CASE(35, a0, 0x0000dead, la a1, ld_end; lhu a0, -2(a1))
  TEST_CASE(36, a0, 0xffffbeef, la a1, ld_end; lh a0, -4(a1))
  TEST_CASE(37, a0, 0x000000ef, la a1, ld_end; lbu a0, -4(a1))

  // The extreme offsets 2047 and -2048.
  TEST_CASE(38, a0, 0xffffffff, la a1, ld_data + 3 - 2047; lb a0, 2047(a1))
  TEST_CASE(39, a0, 0xff807f01, la a1, ld_data + 2048; lw a0, -2048(a1))
  TEST_CASE(40, a0, 0xffff907e, la a1, ld_data + 6 + 2048; lh a0, -2048(a1))

  // Destination = base register.
  TEST_CASE(41, a1, 0x907e8123, la a1, ld_data; lw a1, 4(a1))
  TEST_CASE(42, a1, 0xffffff81, la a1, ld_data; lb a1, 5(a1))

  // Loads of every width from the code memory (the read-only region).
  la s1, ld_rom
  TEST_CASE(43, a0, 0x13579bdf, lw a0, 0(s1))
  TEST_CASE(44, a0, 0xffffffdf, lb a0, 0(s1))
  TEST_CASE(45, a0, 0xffffff9b, lb a0, 1(s1))
  TEST_CASE(46, a0, 0x00000057, lb a0, 2(s1))
  TEST_CASE(47, a0, 0x00000013, lb a0, 3(s1))
  TEST_CASE(48, a0, 0x000000df, lbu a0, 0(s1))
  TEST_CASE(49, a0, 0xffff9bdf, lh a0, 0(s1))
  TEST_CASE(50, a0, 0x00001357, lh a0, 2(s1))
  TEST_CASE(51, a0, 0x00009bdf, lhu a0, 0(s1))
  // An instruction word read as data: the encoding of "addi a0, a0, 1".
  TEST_CASE(52, a0, 0x00150513, la a1, ld_insn; lw a0, 0(a1))

  // Two loads back to back, and the sum of both (load-use on both sources).
  TEST_CASE(53, a2, 0x8fff0024, lw a0, 0(s0); lw a1, 4(s0); add a2, a0, a1)

  // Peripheral registers: simctrl SIM = 1 in simulation; unused offsets of a
  // peripheral's window read as zero.
  TEST_CASE(54, a0, 1, li a1, SIMCTRL_EXIT; lw a0, 4(a1))
  TEST_CASE(55, a0, 0, li a1, TIMER_BASE; li a0, -1; lw a0, 0x100(a1))
TEST_END

ld_rom:
  .word 0x13579bdf
ld_insn:
  addi a0, a0, 1

TEST_DATA
ld_data:
  .byte 0x01, 0x7f, 0x80, 0xff
  .byte 0x23, 0x81, 0x7e, 0x90
  .word 0x7ffe8001
  .word 0xdeadbeef
ld_end:
TEST_CODE
