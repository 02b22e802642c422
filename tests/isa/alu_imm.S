// alu_imm.S: addi, slti, sltiu, andi, ori, xori: the 12-bit immediate is
// sign-extended (also for sltiu, which then compares unsigned), at the
// extremes 2047 and -2048, and a destination equal to the source.
// Expected values: the instruction definitions of the RISC-V unprivileged
// spec (RV32I chapter "Integer Computational Instructions"), evaluated by
// hand-checked exact integer arithmetic; each line is TEST_xx(case, op,
// expected, operands...).

#include "macros.h"

TEST_BEGIN

  // addi: the 12-bit immediate is sign-extended (2047 and -2048 are the ends)
  TEST_RI(1, addi, 0x00000000, 0x00000000, 0)
  TEST_RI(2, addi, 0x00000002, 0x00000001, 1)
  TEST_RI(3, addi, 0x0000000a, 0x00000003, 7)
  TEST_RI(4, addi, 0xffffffff, 0x00000000, -1)  // imm -1 = 0xffffffff
  TEST_RI(5, addi, 0x000007ff, 0x00000000, 2047)
  TEST_RI(6, addi, 0xfffff800, 0x00000000, -2048)  // imm 0x800 = -2048
  TEST_RI(7, addi, 0x80000000, 0x7fffffff, 1)  // wraps
  TEST_RI(8, addi, 0x7fffffff, 0x80000000, -1)  // wraps
  TEST_RI(9, addi, 0x00000000, 0xffffffff, 1)
  TEST_RI(10, addi, 0x12345000, 0x12345678, -1656)
  TEST_RI(11, addi, 0x00000800, 0x00001000, -2048)

  // slti: signed compare with the sign-extended immediate
  TEST_RI(12, slti, 0x00000000, 0x00000000, 0)
  TEST_RI(13, slti, 0x00000001, 0x00000000, 1)
  TEST_RI(14, slti, 0x00000000, 0x00000001, 0)
  TEST_RI(15, slti, 0x00000001, 0xffffffff, 0)
  TEST_RI(16, slti, 0x00000000, 0x00000000, -1)
  TEST_RI(17, slti, 0x00000001, 0x80000000, -2048)
  TEST_RI(18, slti, 0x00000000, 0x7fffffff, 2047)
  TEST_RI(19, slti, 0x00000000, 0xfffff800, -2048)
  TEST_RI(20, slti, 0x00000001, 0xfffff7ff, -2048)
  TEST_RI(21, slti, 0x00000001, 0x000007fe, 2047)
  TEST_RI(22, slti, 0x00000000, 0x000007ff, 2047)

  // sltiu: the immediate is sign-extended, then compared unsigned
  TEST_RI(23, sltiu, 0x00000000, 0x00000000, 0)
  TEST_RI(24, sltiu, 0x00000001, 0x00000000, 1)  // sltiu rd, rs, 1 = (rs == 0)
  TEST_RI(25, sltiu, 0x00000000, 0x00000001, 1)
  TEST_RI(26, sltiu, 0x00000000, 0xffffffff, 1)
  TEST_RI(27, sltiu, 0x00000001, 0x00000000, -1)  // imm -1 = 0xffffffff
  TEST_RI(28, sltiu, 0x00000001, 0xfffffffe, -1)
  TEST_RI(29, sltiu, 0x00000000, 0xffffffff, -1)  // nothing is below 0xffffffff
  TEST_RI(30, sltiu, 0x00000001, 0x7fffffff, -2048)  // 0xfffff800 unsigned
  TEST_RI(31, sltiu, 0x00000001, 0xfffff7ff, -2048)
  TEST_RI(32, sltiu, 0x00000000, 0xfffff800, -2048)
  TEST_RI(33, sltiu, 0x00000001, 0x000007fe, 2047)

  // andi / ori / xori with positive and sign-extended negative immediates
  TEST_RI(34, andi, 0x00000000, 0xff00ff00, 240)
  TEST_RI(35, andi, 0xff00ff00, 0xff00ff00, -16)  // imm 0xff0 = 0xfffffff0
  TEST_RI(36, andi, 0x0ff00800, 0x0ff00ff0, -2048)  // imm 0x800
  TEST_RI(37, andi, 0x000000ff, 0x00ff00ff, 2047)
  TEST_RI(38, andi, 0x12345678, 0x12345678, -1)  // all ones
  TEST_RI(39, ori, 0xff00fff0, 0xff00ff00, 240)
  TEST_RI(40, ori, 0xfffffff0, 0xff00ff00, -16)  // imm 0xff0 = 0xfffffff0
  TEST_RI(41, ori, 0xfffffff0, 0x0ff00ff0, -2048)  // imm 0x800
  TEST_RI(42, ori, 0x00ff07ff, 0x00ff00ff, 2047)
  TEST_RI(43, ori, 0xffffffff, 0x12345678, -1)  // all ones
  TEST_RI(44, xori, 0xff00fff0, 0xff00ff00, 240)
  TEST_RI(45, xori, 0x00ff00f0, 0xff00ff00, -16)  // imm 0xff0 = 0xfffffff0
  TEST_RI(46, xori, 0xf00ff7f0, 0x0ff00ff0, -2048)  // imm 0x800
  TEST_RI(47, xori, 0x00ff0700, 0x00ff00ff, 2047)
  TEST_RI(48, xori, 0xedcba987, 0x12345678, -1)  // all ones

  // destination equal to the source
  TEST_RI_DEST(49, addi, 0x80000f0a, 0x80000f0f, -5)
  TEST_RI_DEST(50, slti, 0x00000001, 0x80000f0f, -1)
  TEST_RI_DEST(51, sltiu, 0x00000001, 0x80000f0f, -1)
  TEST_RI_DEST(52, andi, 0x00000700, 0x80000f0f, 2032)
  TEST_RI_DEST(53, ori, 0xffffff0f, 0x80000f0f, -256)
  TEST_RI_DEST(54, xori, 0x7ffff0f0, 0x80000f0f, -1)

TEST_END
