// div.S: div, divu, rem, remu: rounding toward zero, the sign of the
// remainder, division by zero (all-ones quotient, remainder = dividend, no
// trap) and the signed overflow INT_MIN / -1 (quotient INT_MIN, remainder 0).
// Expected values: the RISC-V unprivileged spec, "M" extension chapter,
// evaluated with exact (unbounded) integer arithmetic; each line is
// TEST_xx(case, op, expected, rs1, rs2).

#include "macros.h"

TEST_BEGIN

  // div: signed, rounds toward zero
  TEST_RR(1, div, 0x00000003, 0x00000014, 0x00000006)
  TEST_RR(2, div, 0xfffffffd, 0xffffffec, 0x00000006)
  TEST_RR(3, div, 0xfffffffd, 0x00000014, 0xfffffffa)
  TEST_RR(4, div, 0x00000003, 0xffffffec, 0xfffffffa)
  TEST_RR(5, div, 0x00000001, 0x00000007, 0x00000007)
  TEST_RR(6, div, 0x00000000, 0x00000000, 0x00000005)
  TEST_RR(7, div, 0x00000000, 0x00000005, 0x00000007)
  TEST_RR(8, div, 0x00000000, 0xfffffffb, 0x00000007)
  TEST_RR(9, div, 0x80000000, 0x80000000, 0x00000001)
  TEST_RR(10, div, 0xc0000000, 0x80000000, 0x00000002)
  TEST_RR(11, div, 0x00000000, 0x7fffffff, 0x80000000)
  TEST_RR(12, div, 0x00000001, 0x80000000, 0x80000000)
  TEST_RR(13, div, 0x00000001, 0xffffffff, 0xffffffff)
  TEST_RR(14, div, 0x001003d0, 0x12345678, 0x00000123)

  // div by zero: quotient all ones, remainder = dividend (no trap)
  TEST_RR(15, div, 0xffffffff, 0x00000000, 0x00000000)
  TEST_RR(16, div, 0xffffffff, 0x00000001, 0x00000000)
  TEST_RR(17, div, 0xffffffff, 0xffffffff, 0x00000000)
  TEST_RR(18, div, 0xffffffff, 0x80000000, 0x00000000)

  // div: INT_MIN / -1 (signed overflow: quotient INT_MIN, remainder 0; unsigned: ordinary)
  TEST_RR(19, div, 0x80000000, 0x80000000, 0xffffffff)

  // divu: unsigned
  TEST_RR(20, divu, 0x00000003, 0x00000014, 0x00000006)
  TEST_RR(21, divu, 0x2aaaaaa7, 0xffffffec, 0x00000006)
  TEST_RR(22, divu, 0x00000000, 0x00000014, 0xfffffffa)
  TEST_RR(23, divu, 0x00000000, 0xffffffec, 0xfffffffa)
  TEST_RR(24, divu, 0x00000001, 0x00000007, 0x00000007)
  TEST_RR(25, divu, 0x00000000, 0x00000000, 0x00000005)
  TEST_RR(26, divu, 0x00000000, 0x00000005, 0x00000007)
  TEST_RR(27, divu, 0x24924923, 0xfffffffb, 0x00000007)
  TEST_RR(28, divu, 0x80000000, 0x80000000, 0x00000001)
  TEST_RR(29, divu, 0x40000000, 0x80000000, 0x00000002)
  TEST_RR(30, divu, 0x00000000, 0x7fffffff, 0x80000000)
  TEST_RR(31, divu, 0x00000001, 0x80000000, 0x80000000)
  TEST_RR(32, divu, 0x00000001, 0xffffffff, 0xffffffff)
  TEST_RR(33, divu, 0x001003d0, 0x12345678, 0x00000123)

  // divu by zero: quotient all ones, remainder = dividend (no trap)
  TEST_RR(34, divu, 0xffffffff, 0x00000000, 0x00000000)
  TEST_RR(35, divu, 0xffffffff, 0x00000001, 0x00000000)
  TEST_RR(36, divu, 0xffffffff, 0xffffffff, 0x00000000)
  TEST_RR(37, divu, 0xffffffff, 0x80000000, 0x00000000)

  // divu: INT_MIN / -1 (signed overflow: quotient INT_MIN, remainder 0; unsigned: ordinary)
  TEST_RR(38, divu, 0x00000000, 0x80000000, 0xffffffff)

  // rem: signed, the sign of the dividend
  TEST_RR(39, rem, 0x00000002, 0x00000014, 0x00000006)
  TEST_RR(40, rem, 0xfffffffe, 0xffffffec, 0x00000006)
  TEST_RR(41, rem, 0x00000002, 0x00000014, 0xfffffffa)
  TEST_RR(42, rem, 0xfffffffe, 0xffffffec, 0xfffffffa)
  TEST_RR(43, rem, 0x00000000, 0x00000007, 0x00000007)
  TEST_RR(44, rem, 0x00000000, 0x00000000, 0x00000005)
  TEST_RR(45, rem, 0x00000005, 0x00000005, 0x00000007)
  TEST_RR(46, rem, 0xfffffffb, 0xfffffffb, 0x00000007)
  TEST_RR(47, rem, 0x00000000, 0x80000000, 0x00000001)
  TEST_RR(48, rem, 0x00000000, 0x80000000, 0x00000002)
  TEST_RR(49, rem, 0x7fffffff, 0x7fffffff, 0x80000000)
  TEST_RR(50, rem, 0x00000000, 0x80000000, 0x80000000)
  TEST_RR(51, rem, 0x00000000, 0xffffffff, 0xffffffff)
  TEST_RR(52, rem, 0x00000108, 0x12345678, 0x00000123)

  // rem by zero: quotient all ones, remainder = dividend (no trap)
  TEST_RR(53, rem, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR(54, rem, 0x00000001, 0x00000001, 0x00000000)
  TEST_RR(55, rem, 0xffffffff, 0xffffffff, 0x00000000)
  TEST_RR(56, rem, 0x80000000, 0x80000000, 0x00000000)

  // rem: INT_MIN / -1 (signed overflow: quotient INT_MIN, remainder 0; unsigned: ordinary)
  TEST_RR(57, rem, 0x00000000, 0x80000000, 0xffffffff)

  // remu: unsigned
  TEST_RR(58, remu, 0x00000002, 0x00000014, 0x00000006)
  TEST_RR(59, remu, 0x00000002, 0xffffffec, 0x00000006)
  TEST_RR(60, remu, 0x00000014, 0x00000014, 0xfffffffa)
  TEST_RR(61, remu, 0xffffffec, 0xffffffec, 0xfffffffa)
  TEST_RR(62, remu, 0x00000000, 0x00000007, 0x00000007)
  TEST_RR(63, remu, 0x00000000, 0x00000000, 0x00000005)
  TEST_RR(64, remu, 0x00000005, 0x00000005, 0x00000007)
  TEST_RR(65, remu, 0x00000006, 0xfffffffb, 0x00000007)
  TEST_RR(66, remu, 0x00000000, 0x80000000, 0x00000001)
  TEST_RR(67, remu, 0x00000000, 0x80000000, 0x00000002)
  TEST_RR(68, remu, 0x7fffffff, 0x7fffffff, 0x80000000)
  TEST_RR(69, remu, 0x00000000, 0x80000000, 0x80000000)
  TEST_RR(70, remu, 0x00000000, 0xffffffff, 0xffffffff)
  TEST_RR(71, remu, 0x00000108, 0x12345678, 0x00000123)

  // remu by zero: quotient all ones, remainder = dividend (no trap)
  TEST_RR(72, remu, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR(73, remu, 0x00000001, 0x00000001, 0x00000000)
  TEST_RR(74, remu, 0xffffffff, 0xffffffff, 0x00000000)
  TEST_RR(75, remu, 0x80000000, 0x80000000, 0x00000000)

  // remu: INT_MIN / -1 (signed overflow: quotient INT_MIN, remainder 0; unsigned: ordinary)
  TEST_RR(76, remu, 0x80000000, 0x80000000, 0xffffffff)

  // destination equal to a source
  TEST_RR_DEST1(77, div, 0x2aaaaaa9, 0x80000003, 0xfffffffd)
  TEST_RR_DEST2(78, div, 0x2aaaaaa9, 0x80000003, 0xfffffffd)
  TEST_RR_SAME(79, div, 0x00000001, 0xc0000001)
  TEST_RR_DEST1(80, divu, 0x00000000, 0x80000003, 0xfffffffd)
  TEST_RR_DEST2(81, divu, 0x00000000, 0x80000003, 0xfffffffd)
  TEST_RR_SAME(82, divu, 0x00000001, 0xc0000001)
  TEST_RR_DEST1(83, rem, 0xfffffffe, 0x80000003, 0xfffffffd)
  TEST_RR_DEST2(84, rem, 0xfffffffe, 0x80000003, 0xfffffffd)
  TEST_RR_SAME(85, rem, 0x00000000, 0xc0000001)
  TEST_RR_DEST1(86, remu, 0x80000003, 0x80000003, 0xfffffffd)
  TEST_RR_DEST2(87, remu, 0x80000003, 0x80000003, 0xfffffffd)
  TEST_RR_SAME(88, remu, 0x00000000, 0xc0000001)

TEST_END
