// lui_auipc.S: lui places imm << 12 and clears the low 12 bits; auipc adds
// imm << 12 to its own address (wrapping), including the lui + addi idiom
// with a negative low part.
// Expected values: RV32I "Integer Register-Immediate Instructions" (LUI,
// AUIPC); auipc results are compared with the linker's address of the
// instruction.

#include "macros.h"

TEST_BEGIN
  TEST_CASE(1, a0, 0x00000000, li a0, -1; lui a0, 0)
  TEST_CASE(2, a0, 0x00001000, lui a0, 1)
  TEST_CASE(3, a0, 0x7ffff000, lui a0, 0x7ffff)
  TEST_CASE(4, a0, 0x80000000, lui a0, 0x80000)
  TEST_CASE(5, a0, 0xfffff000, lui a0, 0xfffff)
  // The old low bits do not survive.
  TEST_CASE(6, a0, 0x12345000, li a0, -1; lui a0, 0x12345)
  // lui + addi with a negative low part: 0x12346000 - 1.
  TEST_CASE(7, a0, 0x12345fff, lui a0, 0x12346; addi a0, a0, -1)
  TEST_CASE(8, a0, 0x7ffff800, lui a0, 0x80000; addi a0, a0, -2048)

  // auipc 0 = its own address.
  CASE(9); 1: auipc a0, 0; CHECK_REG(a0, 1b)
  // Two auipc in a row see addresses 4 apart.
  CASE(10); 1: auipc a0, 0; auipc a1, 0; sub a2, a1, a0; CHECK_REG(a2, 4); CHECK_REG(a0, 1b)
  CASE(11); 1: auipc a0, 1; CHECK_REG(a0, 1b + 0x1000)
  CASE(12); 1: auipc a0, 0x7ffff; CHECK_REG(a0, 1b + 0x7ffff000)
  // Negative immediates wrap below address 0.
  CASE(13); 1: auipc a0, 0xfffff; LI_ABS(a1, 1b); li a2, 0x1000; sub a1, a1, a2; CHECK_SAME(a0, a1)
  CASE(14); 1: auipc a0, 0x80000; LI_ABS(a1, 1b); li a2, 0x80000000; add a1, a1, a2; CHECK_SAME(a0, a1)
  // auipc + addi reaches a data label (the la idiom), auipc + jalr a code label.
  CASE(15); 1: auipc a0, %pcrel_hi(lui_word); addi a0, a0, %pcrel_lo(1b); lw a0, 0(a0); CHECK_REG(a0, 0x5eed1e55)
  CASE(16); li a0, 0; 1: auipc a1, %pcrel_hi(2f); jalr a1, %pcrel_lo(1b)(a1); FAIL_HERE; 2: CHECK_REG(a0, 0)
TEST_END

TEST_DATA
lui_word:
  .word 0x5eed1e55
TEST_CODE
