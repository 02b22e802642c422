// alu_rr.S: register-register ALU instructions add, sub, and, or, xor, slt,
// sltu: wrap-around, signed against unsigned comparison at INT_MIN, INT_MAX,
// -1 and 0, and a destination equal to either source.
// Expected values: the instruction definitions of the RISC-V unprivileged
// spec (RV32I chapter "Integer Computational Instructions"), evaluated by
// hand-checked exact integer arithmetic; each line is TEST_xx(case, op,
// expected, operands...).

#include "macros.h"

TEST_BEGIN

  // add: wrap-around at both ends, carry out discarded
  TEST_RR(1, add, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR(2, add, 0x00000002, 0x00000001, 0x00000001)
  TEST_RR(3, add, 0x0000000a, 0x00000003, 0x00000007)
  TEST_RR(4, add, 0xffffffff, 0x00000000, 0xffffffff)
  TEST_RR(5, add, 0x80000000, 0x7fffffff, 0x00000001)  // signed overflow wraps
  TEST_RR(6, add, 0x00000000, 0x80000000, 0x80000000)  // carry out discarded
  TEST_RR(7, add, 0x00000000, 0xffffffff, 0x00000001)  // wraps to 0
  TEST_RR(8, add, 0x7fffffff, 0x80000000, 0xffffffff)
  TEST_RR(9, add, 0x22222221, 0x12345678, 0x0fedcba9)
  TEST_RR(10, add, 0xffffffff, 0x00007fff, 0xffff8000)

  // sub: borrow, negation, INT_MIN
  TEST_RR(11, sub, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR(12, sub, 0x00000000, 0x00000001, 0x00000001)
  TEST_RR(13, sub, 0xfffffffc, 0x00000003, 0x00000007)  // negative result
  TEST_RR(14, sub, 0xffffffff, 0x00000000, 0x00000001)  // 0 - 1 = -1
  TEST_RR(15, sub, 0x7fffffff, 0x80000000, 0x00000001)  // INT_MIN - 1 wraps
  TEST_RR(16, sub, 0x80000000, 0x7fffffff, 0xffffffff)  // INT_MAX - (-1) wraps
  TEST_RR(17, sub, 0x80000000, 0x00000000, 0x80000000)  // -INT_MIN = INT_MIN
  TEST_RR(18, sub, 0x02468acf, 0x12345678, 0x0fedcba9)
  TEST_RR(19, sub, 0x00000000, 0xffffffff, 0xffffffff)

  // and / or / xor: every bit combination in each nibble
  TEST_RR(20, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR(21, and, 0x00f000f0, 0x0ff00ff0, 0xf0f0f0f0)
  TEST_RR(22, and, 0x000f000f, 0x00ff00ff, 0x0f0f0f0f)
  TEST_RR(23, and, 0xf000f000, 0xf00ff00f, 0xf0f0f0f0)
  TEST_RR(24, and, 0x00000000, 0xffffffff, 0x00000000)
  TEST_RR(25, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR(26, or, 0xfff0fff0, 0x0ff00ff0, 0xf0f0f0f0)
  TEST_RR(27, or, 0x0fff0fff, 0x00ff00ff, 0x0f0f0f0f)
  TEST_RR(28, or, 0xf0fff0ff, 0xf00ff00f, 0xf0f0f0f0)
  TEST_RR(29, or, 0xffffffff, 0xffffffff, 0x00000000)
  TEST_RR(30, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR(31, xor, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0)
  TEST_RR(32, xor, 0x0ff00ff0, 0x00ff00ff, 0x0f0f0f0f)
  TEST_RR(33, xor, 0x00ff00ff, 0xf00ff00f, 0xf0f0f0f0)
  TEST_RR(34, xor, 0xffffffff, 0xffffffff, 0x00000000)

  // slt: signed compare, INT_MIN/INT_MAX/-1/0
  TEST_RR(35, slt, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR(36, slt, 0x00000000, 0x00000001, 0x00000001)
  TEST_RR(37, slt, 0x00000001, 0x00000003, 0x00000007)
  TEST_RR(38, slt, 0x00000000, 0x00000007, 0x00000003)
  TEST_RR(39, slt, 0x00000001, 0x80000000, 0x00000000)
  TEST_RR(40, slt, 0x00000000, 0x00000000, 0x80000000)
  TEST_RR(41, slt, 0x00000000, 0x7fffffff, 0x80000000)
  TEST_RR(42, slt, 0x00000001, 0x80000000, 0x7fffffff)
  TEST_RR(43, slt, 0x00000001, 0xffffffff, 0x00000000)
  TEST_RR(44, slt, 0x00000000, 0x00000000, 0xffffffff)
  TEST_RR(45, slt, 0x00000000, 0xffffffff, 0xfffffffe)
  TEST_RR(46, slt, 0x00000001, 0xfffffffe, 0xffffffff)

  // sltu: unsigned compare, the same edge values give the opposite answers
  TEST_RR(47, sltu, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR(48, sltu, 0x00000000, 0x00000001, 0x00000001)
  TEST_RR(49, sltu, 0x00000001, 0x00000003, 0x00000007)
  TEST_RR(50, sltu, 0x00000000, 0x00000007, 0x00000003)
  TEST_RR(51, sltu, 0x00000000, 0x80000000, 0x00000000)
  TEST_RR(52, sltu, 0x00000001, 0x00000000, 0x80000000)
  TEST_RR(53, sltu, 0x00000001, 0x7fffffff, 0x80000000)
  TEST_RR(54, sltu, 0x00000000, 0x80000000, 0x7fffffff)
  TEST_RR(55, sltu, 0x00000000, 0xffffffff, 0x00000000)
  TEST_RR(56, sltu, 0x00000001, 0x00000000, 0xffffffff)
  TEST_RR(57, sltu, 0x00000000, 0xffffffff, 0xfffffffe)
  TEST_RR(58, sltu, 0x00000001, 0xfffffffe, 0xffffffff)

  // destination equal to a source: the source is read before the write
  TEST_RR_DEST1(59, add, 0x8ff0f010, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST2(60, add, 0x8ff0f010, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST1(61, sub, 0x8ff0f00e, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST2(62, sub, 0x8ff0f00e, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST1(63, and, 0x00000001, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST2(64, and, 0x00000001, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST1(65, or, 0x8ff0f00f, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST2(66, or, 0x8ff0f00f, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST1(67, xor, 0x8ff0f00e, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST2(68, xor, 0x8ff0f00e, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST1(69, slt, 0x00000000, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST2(70, slt, 0x00000000, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST1(71, sltu, 0x00000001, 0x0ff0f00f, 0x80000001)
  TEST_RR_DEST2(72, sltu, 0x00000001, 0x0ff0f00f, 0x80000001)
  TEST_RR_SAME(73, add, 0x13579bde, 0x89abcdef)
  TEST_RR_SAME(74, sub, 0x00000000, 0x89abcdef)
  TEST_RR_SAME(75, xor, 0x00000000, 0x89abcdef)
  TEST_RR_SAME(76, slt, 0x00000000, 0x89abcdef)

TEST_END
