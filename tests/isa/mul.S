// mul.S: mul, mulh, mulhsu, mulhu: low and high halves of the 64-bit
// product with every sign combination at INT_MIN, INT_MAX, -1, and a
// destination equal to a source.
// Expected values: the RISC-V unprivileged spec, "M" extension chapter,
// evaluated with exact (unbounded) integer arithmetic; each line is
// TEST_xx(case, op, expected, rs1, rs2).

#include "macros.h"

TEST_BEGIN

  // mul: low 32 bits, the same for signed and unsigned operands
  TEST_RR(1, mul, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR(2, mul, 0x00000001, 0x00000001, 0x00000001)
  TEST_RR(3, mul, 0x00000015, 0x00000003, 0x00000007)
  TEST_RR(4, mul, 0x00000001, 0xffffffff, 0xffffffff)
  TEST_RR(5, mul, 0xffffffff, 0xffffffff, 0x00000001)
  TEST_RR(6, mul, 0x80000000, 0x80000000, 0xffffffff)
  TEST_RR(7, mul, 0x00000000, 0x80000000, 0x80000000)
  TEST_RR(8, mul, 0x00000001, 0x7fffffff, 0x7fffffff)
  TEST_RR(9, mul, 0x80000000, 0x7fffffff, 0x80000000)
  TEST_RR(10, mul, 0xfffe0001, 0x0000ffff, 0x0000ffff)
  TEST_RR(11, mul, 0x00000000, 0x00010000, 0x00010000)
  TEST_RR(12, mul, 0x242d2080, 0x12345678, 0x9abcdef0)
  TEST_RR(13, mul, 0xc0000000, 0xffff8000, 0x00008000)
  TEST_RR(14, mul, 0x0000ff7f, 0xaaaaaaab, 0x0002fe7d)

  // mulh: high 32 bits of signed x signed
  TEST_RR(15, mulh, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR(16, mulh, 0x00000000, 0x00000001, 0x00000001)
  TEST_RR(17, mulh, 0x00000000, 0x00000003, 0x00000007)
  TEST_RR(18, mulh, 0x00000000, 0xffffffff, 0xffffffff)
  TEST_RR(19, mulh, 0xffffffff, 0xffffffff, 0x00000001)
  TEST_RR(20, mulh, 0x00000000, 0x80000000, 0xffffffff)
  TEST_RR(21, mulh, 0x40000000, 0x80000000, 0x80000000)
  TEST_RR(22, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff)
  TEST_RR(23, mulh, 0xc0000000, 0x7fffffff, 0x80000000)
  TEST_RR(24, mulh, 0x00000000, 0x0000ffff, 0x0000ffff)
  TEST_RR(25, mulh, 0x00000001, 0x00010000, 0x00010000)
  TEST_RR(26, mulh, 0xf8cc93d6, 0x12345678, 0x9abcdef0)
  TEST_RR(27, mulh, 0xffffffff, 0xffff8000, 0x00008000)
  TEST_RR(28, mulh, 0xffff0081, 0xaaaaaaab, 0x0002fe7d)
  TEST_RR(29, mulh, 0xffffffff, 0xffffffff, 0x7fffffff)
  TEST_RR(30, mulh, 0xffffffff, 0x7fffffff, 0xffffffff)
  TEST_RR(31, mulh, 0xffffffff, 0x80000000, 0x00000001)
  TEST_RR(32, mulh, 0xffffffff, 0x00000001, 0x80000000)

  // mulhsu: high 32 bits of signed rs1 x unsigned rs2
  TEST_RR(33, mulhsu, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR(34, mulhsu, 0x00000000, 0x00000001, 0x00000001)
  TEST_RR(35, mulhsu, 0x00000000, 0x00000003, 0x00000007)
  TEST_RR(36, mulhsu, 0xffffffff, 0xffffffff, 0xffffffff)
  TEST_RR(37, mulhsu, 0xffffffff, 0xffffffff, 0x00000001)
  TEST_RR(38, mulhsu, 0x80000000, 0x80000000, 0xffffffff)
  TEST_RR(39, mulhsu, 0xc0000000, 0x80000000, 0x80000000)
  TEST_RR(40, mulhsu, 0x3fffffff, 0x7fffffff, 0x7fffffff)
  TEST_RR(41, mulhsu, 0x3fffffff, 0x7fffffff, 0x80000000)
  TEST_RR(42, mulhsu, 0x00000000, 0x0000ffff, 0x0000ffff)
  TEST_RR(43, mulhsu, 0x00000001, 0x00010000, 0x00010000)
  TEST_RR(44, mulhsu, 0x0b00ea4e, 0x12345678, 0x9abcdef0)
  TEST_RR(45, mulhsu, 0xffffffff, 0xffff8000, 0x00008000)
  TEST_RR(46, mulhsu, 0xffff0081, 0xaaaaaaab, 0x0002fe7d)
  TEST_RR(47, mulhsu, 0xffffffff, 0xffffffff, 0x7fffffff)
  TEST_RR(48, mulhsu, 0x7ffffffe, 0x7fffffff, 0xffffffff)
  TEST_RR(49, mulhsu, 0xffffffff, 0x80000000, 0x00000001)
  TEST_RR(50, mulhsu, 0x00000000, 0x00000001, 0x80000000)

  // mulhu: high 32 bits of unsigned x unsigned
  TEST_RR(51, mulhu, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR(52, mulhu, 0x00000000, 0x00000001, 0x00000001)
  TEST_RR(53, mulhu, 0x00000000, 0x00000003, 0x00000007)
  TEST_RR(54, mulhu, 0xfffffffe, 0xffffffff, 0xffffffff)
  TEST_RR(55, mulhu, 0x00000000, 0xffffffff, 0x00000001)
  TEST_RR(56, mulhu, 0x7fffffff, 0x80000000, 0xffffffff)
  TEST_RR(57, mulhu, 0x40000000, 0x80000000, 0x80000000)
  TEST_RR(58, mulhu, 0x3fffffff, 0x7fffffff, 0x7fffffff)
  TEST_RR(59, mulhu, 0x3fffffff, 0x7fffffff, 0x80000000)
  TEST_RR(60, mulhu, 0x00000000, 0x0000ffff, 0x0000ffff)
  TEST_RR(61, mulhu, 0x00000001, 0x00010000, 0x00010000)
  TEST_RR(62, mulhu, 0x0b00ea4e, 0x12345678, 0x9abcdef0)
  TEST_RR(63, mulhu, 0x00007fff, 0xffff8000, 0x00008000)
  TEST_RR(64, mulhu, 0x0001fefe, 0xaaaaaaab, 0x0002fe7d)
  TEST_RR(65, mulhu, 0x7ffffffe, 0xffffffff, 0x7fffffff)
  TEST_RR(66, mulhu, 0x7ffffffe, 0x7fffffff, 0xffffffff)
  TEST_RR(67, mulhu, 0x00000000, 0x80000000, 0x00000001)
  TEST_RR(68, mulhu, 0x00000000, 0x00000001, 0x80000000)

  // destination equal to a source
  TEST_RR_DEST1(69, mul, 0x7ffffff7, 0x80000003, 0xfffffffd)
  TEST_RR_DEST2(70, mul, 0x7ffffff7, 0x80000003, 0xfffffffd)
  TEST_RR_SAME(71, mul, 0x80000001, 0xc0000001)
  TEST_RR_DEST1(72, mulh, 0x00000001, 0x80000003, 0xfffffffd)
  TEST_RR_DEST2(73, mulh, 0x00000001, 0x80000003, 0xfffffffd)
  TEST_RR_SAME(74, mulh, 0x0fffffff, 0xc0000001)
  TEST_RR_DEST1(75, mulhsu, 0x80000004, 0x80000003, 0xfffffffd)
  TEST_RR_DEST2(76, mulhsu, 0x80000004, 0x80000003, 0xfffffffd)
  TEST_RR_SAME(77, mulhsu, 0xd0000000, 0xc0000001)
  TEST_RR_DEST1(78, mulhu, 0x80000001, 0x80000003, 0xfffffffd)
  TEST_RR_DEST2(79, mulhu, 0x80000001, 0x80000003, 0xfffffffd)
  TEST_RR_SAME(80, mulhu, 0x90000001, 0xc0000001)

TEST_END
