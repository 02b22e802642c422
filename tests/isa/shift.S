// shift.S: sll, srl, sra, slli, srli, srai: logical against arithmetic
// right shift, shift amounts 0 and 31, register shifts use only rs2[4:0],
// and a destination equal to a source. Shift-immediate encodings with
// imm[5] set are illegal on RV32 and are in trap_illegal.S.
// Expected values: the instruction definitions of the RISC-V unprivileged
// spec (RV32I chapter "Integer Computational Instructions"), evaluated by
// hand-checked exact integer arithmetic; each line is TEST_xx(case, op,
// expected, operands...).

#include "macros.h"

TEST_BEGIN

  // sll / srl / sra by register: amounts 0, 1, 7, 14, 20, 31
  TEST_RR(1, sll, 0x80000001, 0x80000001, 0x00000000)
  TEST_RR(2, sll, 0x00000002, 0x80000001, 0x00000001)
  TEST_RR(3, sll, 0x00000080, 0x80000001, 0x00000007)
  TEST_RR(4, sll, 0x00004000, 0x80000001, 0x0000000e)
  TEST_RR(5, sll, 0x80000000, 0x80000001, 0x0000001f)
  TEST_RR(6, sll, 0x7fedcba9, 0x7fedcba9, 0x00000000)
  TEST_RR(7, sll, 0xffdb9752, 0x7fedcba9, 0x00000001)
  TEST_RR(8, sll, 0xf6e5d480, 0x7fedcba9, 0x00000007)
  TEST_RR(9, sll, 0x72ea4000, 0x7fedcba9, 0x0000000e)
  TEST_RR(10, sll, 0x80000000, 0x7fedcba9, 0x0000001f)
  TEST_RR(11, srl, 0x80000001, 0x80000001, 0x00000000)
  TEST_RR(12, srl, 0x40000000, 0x80000001, 0x00000001)
  TEST_RR(13, srl, 0x01000000, 0x80000001, 0x00000007)
  TEST_RR(14, srl, 0x00020000, 0x80000001, 0x0000000e)
  TEST_RR(15, srl, 0x00000001, 0x80000001, 0x0000001f)
  TEST_RR(16, srl, 0x7fedcba9, 0x7fedcba9, 0x00000000)
  TEST_RR(17, srl, 0x3ff6e5d4, 0x7fedcba9, 0x00000001)
  TEST_RR(18, srl, 0x00ffdb97, 0x7fedcba9, 0x00000007)
  TEST_RR(19, srl, 0x0001ffb7, 0x7fedcba9, 0x0000000e)
  TEST_RR(20, srl, 0x00000000, 0x7fedcba9, 0x0000001f)
  TEST_RR(21, sra, 0x80000001, 0x80000001, 0x00000000)
  TEST_RR(22, sra, 0xc0000000, 0x80000001, 0x00000001)
  TEST_RR(23, sra, 0xff000000, 0x80000001, 0x00000007)
  TEST_RR(24, sra, 0xfffe0000, 0x80000001, 0x0000000e)
  TEST_RR(25, sra, 0xffffffff, 0x80000001, 0x0000001f)
  TEST_RR(26, sra, 0x7fedcba9, 0x7fedcba9, 0x00000000)
  TEST_RR(27, sra, 0x3ff6e5d4, 0x7fedcba9, 0x00000001)
  TEST_RR(28, sra, 0x00ffdb97, 0x7fedcba9, 0x00000007)
  TEST_RR(29, sra, 0x0001ffb7, 0x7fedcba9, 0x0000000e)
  TEST_RR(30, sra, 0x00000000, 0x7fedcba9, 0x0000001f)

  // only rs2[4:0] is the shift amount: 32 shifts by 0, 33 by 1, -1 by 31, 0xffffffe7 by 7
  TEST_RR(31, sll, 0x90000021, 0x90000021, 0x00000020)
  TEST_RR(32, sll, 0x20000042, 0x90000021, 0x00000021)
  TEST_RR(33, sll, 0x80000000, 0x90000021, 0xffffffff)
  TEST_RR(34, sll, 0x00001080, 0x90000021, 0xffffffe7)
  TEST_RR(35, sll, 0x00000210, 0x90000021, 0x80000004)
  TEST_RR(36, srl, 0x90000021, 0x90000021, 0x00000020)
  TEST_RR(37, srl, 0x48000010, 0x90000021, 0x00000021)
  TEST_RR(38, srl, 0x00000001, 0x90000021, 0xffffffff)
  TEST_RR(39, srl, 0x01200000, 0x90000021, 0xffffffe7)
  TEST_RR(40, srl, 0x09000002, 0x90000021, 0x80000004)
  TEST_RR(41, sra, 0x90000021, 0x90000021, 0x00000020)
  TEST_RR(42, sra, 0xc8000010, 0x90000021, 0x00000021)
  TEST_RR(43, sra, 0xffffffff, 0x90000021, 0xffffffff)
  TEST_RR(44, sra, 0xff200000, 0x90000021, 0xffffffe7)
  TEST_RR(45, sra, 0xf9000002, 0x90000021, 0x80000004)

  // slli / srli / srai: shamt 0, 1, 7, 20, 31
  TEST_RI(46, slli, 0x80000001, 0x80000001, 0)
  TEST_RI(47, slli, 0x00000002, 0x80000001, 1)
  TEST_RI(48, slli, 0x00000080, 0x80000001, 7)
  TEST_RI(49, slli, 0x00100000, 0x80000001, 20)
  TEST_RI(50, slli, 0x80000000, 0x80000001, 31)
  TEST_RI(51, slli, 0x7fedcba9, 0x7fedcba9, 0)
  TEST_RI(52, slli, 0xffdb9752, 0x7fedcba9, 1)
  TEST_RI(53, slli, 0xf6e5d480, 0x7fedcba9, 7)
  TEST_RI(54, slli, 0xba900000, 0x7fedcba9, 20)
  TEST_RI(55, slli, 0x80000000, 0x7fedcba9, 31)
  TEST_RI(56, srli, 0x80000001, 0x80000001, 0)
  TEST_RI(57, srli, 0x40000000, 0x80000001, 1)
  TEST_RI(58, srli, 0x01000000, 0x80000001, 7)
  TEST_RI(59, srli, 0x00000800, 0x80000001, 20)
  TEST_RI(60, srli, 0x00000001, 0x80000001, 31)
  TEST_RI(61, srli, 0x7fedcba9, 0x7fedcba9, 0)
  TEST_RI(62, srli, 0x3ff6e5d4, 0x7fedcba9, 1)
  TEST_RI(63, srli, 0x00ffdb97, 0x7fedcba9, 7)
  TEST_RI(64, srli, 0x000007fe, 0x7fedcba9, 20)
  TEST_RI(65, srli, 0x00000000, 0x7fedcba9, 31)
  TEST_RI(66, srai, 0x80000001, 0x80000001, 0)
  TEST_RI(67, srai, 0xc0000000, 0x80000001, 1)
  TEST_RI(68, srai, 0xff000000, 0x80000001, 7)
  TEST_RI(69, srai, 0xfffff800, 0x80000001, 20)
  TEST_RI(70, srai, 0xffffffff, 0x80000001, 31)
  TEST_RI(71, srai, 0x7fedcba9, 0x7fedcba9, 0)
  TEST_RI(72, srai, 0x3ff6e5d4, 0x7fedcba9, 1)
  TEST_RI(73, srai, 0x00ffdb97, 0x7fedcba9, 7)
  TEST_RI(74, srai, 0x000007fe, 0x7fedcba9, 20)
  TEST_RI(75, srai, 0x00000000, 0x7fedcba9, 31)

  // destination equal to a source
  TEST_RR_DEST1(76, sll, 0x80000006, 0xc0000003, 0x00000021)
  TEST_RR_DEST2(77, sll, 0x80000006, 0xc0000003, 0x00000021)
  TEST_RR_DEST1(78, srl, 0x60000001, 0xc0000003, 0x00000021)
  TEST_RR_DEST2(79, srl, 0x60000001, 0xc0000003, 0x00000021)
  TEST_RR_DEST1(80, sra, 0xe0000001, 0xc0000003, 0x00000021)
  TEST_RR_DEST2(81, sra, 0xe0000001, 0xc0000003, 0x00000021)
  TEST_RR_SAME(82, sll, 0x00000380, 0x80000007)
  TEST_RR_SAME(83, srl, 0x01000000, 0x80000007)
  TEST_RR_SAME(84, sra, 0xff000000, 0x80000007)
  TEST_RI_DEST(85, slli, 0x00000038, 0x80000007, 3)
  TEST_RI_DEST(86, srli, 0x10000000, 0x80000007, 3)
  TEST_RI_DEST(87, srai, 0xf0000000, 0x80000007, 3)

TEST_END
