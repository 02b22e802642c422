// hazard.S: back-to-back dependencies. A result is consumed 0..4
// instructions after it is produced (forwarding from every pipeline stage,
// then the register file), through rs1 and through rs2, from an ALU
// instruction, a load (load-use), lui, auipc, jal, a multiply, a divide and
// a CSR read; into an ALU instruction, a store's data and address, a load's
// address and a branch. Also write-after-write (the youngest write wins,
// even when an older load or divide finishes later), a long dependency
// chain and CSR write-then-read.
// Expected values: sequential execution of the RV32IM definitions: each
// case's result is what the instructions give when run one at a time.

#include "macros.h"

#define NOPS(k) .rept k; nop; .endr

// ALU result -> rs1 / rs2 of an add, k instructions later (with the stale
// 0x1000 the sum would be 0x1005).
#define ALU_RS1(n, k) TEST_CASE(n, a2, 0x00000014, li a1, 0x1000; li a3, 5; addi a1, a3, 10; NOPS(k); add a2, a1, a3)
#define ALU_RS2(n, k) TEST_CASE(n, a2, 0x00000014, li a1, 0x1000; li a3, 5; addi a1, a3, 10; NOPS(k); add a2, a3, a1)
// Load -> rs1 / rs2 of an add, k instructions later (hz_data[0] = 0x11111111).
#define LOAD_RS1(n, k) TEST_CASE(n, a2, 0x11111112, li a1, 0x1000; lw a1, 0(s0); NOPS(k); addi a2, a1, 1)
#define LOAD_RS2(n, k) TEST_CASE(n, a2, 0x11111113, li a1, 0x1000; li a3, 2; lw a1, 0(s0); NOPS(k); add a2, a3, a1)

TEST_BEGIN
  la s0, hz_data

  ALU_RS1(1, 0)
  ALU_RS1(2, 1)
  ALU_RS1(3, 2)
  ALU_RS1(4, 3)
  ALU_RS1(5, 4)
  ALU_RS2(6, 0)
  ALU_RS2(7, 1)
  ALU_RS2(8, 2)
  ALU_RS2(9, 3)
  ALU_RS2(10, 4)

  LOAD_RS1(11, 0)
  LOAD_RS1(12, 1)
  LOAD_RS1(13, 2)
  LOAD_RS1(14, 3)
  LOAD_RS1(15, 4)
  LOAD_RS2(16, 0)
  LOAD_RS2(17, 1)
  LOAD_RS2(18, 2)
  LOAD_RS2(19, 3)
  LOAD_RS2(20, 4)

  // Both sources are the same just-written register.
  TEST_CASE(21, a2, 0x0000001e, li a1, 0x1000; addi a1, x0, 15; add a2, a1, a1)
  TEST_CASE(22, a2, 0x22222222, li a1, 0x1000; lw a1, 0(s0); add a2, a1, a1)
  // Each source from a different stage.
  TEST_CASE(23, a3, 0x00000033, li a1, 0; li a2, 0; addi a1, x0, 0x11; addi a2, x0, 0x22; add a3, a1, a2)
  TEST_CASE(24, a3, 0x33333333, li a1, 0; li a2, 0; lw a1, 0(s0); lw a2, 4(s0); add a3, a1, a2)
  TEST_CASE(25, a3, 0x22222233, li a1, 0; li a2, 0; lw a1, 4(s0); addi a2, x0, 0x11; add a3, a1, a2)

  // Load -> store data and store address.
  CASE(26); lw a1, 0(s0); sw a1, 12(s0); CHECK_MEM(hz_data + 12, 0x11111111)
  CASE(27); lw a1, 4(s0); nop; sw a1, 12(s0); CHECK_MEM(hz_data + 12, 0x22222222)
  CASE(28); li a2, 0x5555; lw a1, 8(s0); sw a2, 0(a1); CHECK_MEM(hz_data + 12, 0x5555)
  CASE(29); li a2, 0x6666; lw a1, 8(s0); nop; sw a2, 0(a1); CHECK_MEM(hz_data + 12, 0x6666)
  // ALU -> store data and address.
  CASE(30); addi a1, x0, 0x77; sw a1, 12(s0); CHECK_MEM(hz_data + 12, 0x77)
  CASE(31); li a2, 0x88; addi a1, s0, 12; sw a2, 0(a1); CHECK_MEM(hz_data + 12, 0x88)
  // Load -> load address (pointer chasing).
  TEST_CASE(32, a2, 0x00000088, lw a1, 8(s0); lw a2, 0(a1))
  TEST_CASE(33, a2, 0x00000088, lw a1, 8(s0); nop; lw a2, 0(a1))
  // Store then load of the same word, back to back.
  TEST_CASE(34, a2, 0x0000abcd, li a1, 0xabcd; sw a1, 12(s0); lw a2, 12(s0))

  // Load -> branch, ALU -> branch.
  CASE(35); li a2, 0x11111111; lw a1, 0(s0); beq a1, a2, 1f; FAIL_HERE; 1:
  CASE(36); li a2, 0x11111111; lw a1, 0(s0); nop; beq a2, a1, 1f; FAIL_HERE; 1:
  CASE(37); li a1, 0; addi a1, x0, 1; bnez a1, 1f; FAIL_HERE; 1:
  CASE(38); li a1, 1; addi a1, x0, 0; beqz a1, 1f; FAIL_HERE; 1:
  CASE(39); li a1, 0; lw a1, 0(s0); beqz a1, 1f; j 2f; 1: FAIL_HERE; 2:

  // lui, auipc and jal links consumed at once.
  TEST_CASE(40, a2, 0x12345678, lui a1, 0x12345; addi a2, a1, 0x678)
  CASE(41); 1: auipc a1, 0; addi a2, a1, 8; CHECK_REG(a2, 1b + 8)
  CASE(42); jal a1, 1f; 2: FAIL_HERE; 1: addi a2, a1, 4; CHECK_REG(a2, 2b + 4)

  // Multiply and divide results consumed at once and one later.
  TEST_CASE(43, a2, 0x00000016, li a3, 3; li a4, 7; mul a1, a3, a4; addi a2, a1, 1)
  TEST_CASE(44, a2, 0x00000016, li a3, 3; li a4, 7; mul a1, a3, a4; nop; addi a2, a1, 1)
  TEST_CASE(45, a2, 0x00000008, li a3, 50; li a4, 7; div a1, a3, a4; addi a2, a1, 1)
  TEST_CASE(46, a2, 0x00000002, li a3, 50; li a4, 7; rem a1, a3, a4; nop; addi a2, a1, 1)
  // Dependent multiplies and divides back to back.
  TEST_CASE(47, a1, 0x00010000, li a1, 2; mul a1, a1, a1; mul a1, a1, a1; mul a1, a1, a1; mul a1, a1, a1)
  TEST_CASE(48, a1, 0x00000002, li a1, 0x10000; li a2, 16; divu a1, a1, a2; divu a1, a1, a2; divu a1, a1, a2; divu a1, a1, a2; addi a1, a1, 1)
  TEST_CASE(49, a1, 0x00000008, li a1, 0x40; li a2, 2; mul a3, a1, a2; divu a1, a3, a1; mul a1, a1, a1; addi a1, a1, 4)
  // A load feeding a multiply, a multiply feeding a store.
  CASE(50); lw a1, 0(s0); li a2, 3; mul a3, a1, a2; sw a3, 12(s0); CHECK_MEM(hz_data + 12, 0x33333333)

  // CSR read -> use, write -> read.
  TEST_CASE(51, a2, 0x00000043, li a1, 0x42; csrw mscratch, a1; csrr a3, mscratch; addi a2, a3, 1)
  TEST_CASE(52, a2, 0x00000099, li a1, 0x99; csrw mscratch, a1; csrr a2, mscratch)
  TEST_CASE(53, a2, 0x000000aa, addi a1, x0, 0xaa; csrw mscratch, a1; csrr a2, mscratch)
  TEST_CASE(54, a2, 0x11111111, lw a1, 0(s0); csrw mscratch, a1; csrr a2, mscratch)
  TEST_CASE(55, a3, 0x00000bbb, li a1, 0xaaa; li a2, 0xbbb; csrw mscratch, a1; csrrw a3, mscratch, a2; csrr a3, mscratch)
  TEST_CASE(56, a3, 0x00000ff0, li a1, 0xf00; csrw mscratch, a1; csrsi mscratch, 0x10; csrrsi a3, mscratch, 0; ori a3, a3, 0x0e0)

  // Write after write: the youngest value wins.
  TEST_CASE(57, a2, 2, li a1, 1; li a1, 2; add a2, a1, x0)
  TEST_CASE(58, a2, 7, lw a1, 0(s0); li a1, 7; add a2, a1, x0)
  TEST_CASE(59, a2, 0x11111111, li a1, 7; lw a1, 0(s0); add a2, a1, x0)
  TEST_CASE(60, a2, 3, li a3, 100; li a4, 7; div a1, a3, a4; li a1, 3; add a2, a1, x0)
  TEST_CASE(61, a2, 3, li a3, 100; li a4, 7; mul a1, a3, a4; li a1, 3; add a2, a1, x0)
  TEST_CASE(62, a2, 14, li a3, 100; li a4, 7; li a1, 3; div a1, a3, a4; add a2, a1, x0)
  TEST_CASE(63, a1, 3, li a3, 100; li a4, 7; div a1, a3, a4; li a1, 3; nop; nop; nop; nop)

  // A chain of 16 dependent additions.
  CASE(64)
  li a1, 1
  .rept 16
  add a1, a1, a1
  .endr
  CHECK_REG(a1, 0x10000)
  // Alternating loads and dependent ALU operations.
  CASE(65)
  lw a1, 0(s0)
  addi a1, a1, 1
  sw a1, 12(s0)
  lw a2, 12(s0)
  addi a2, a2, 1
  sw a2, 12(s0)
  lw a3, 12(s0)
  add a3, a3, a1
  CHECK_REG(a3, 0x22222225)
TEST_END

TEST_DATA
hz_data:
  .word 0x11111111
  .word 0x22222222
  .word hz_data + 12
  .word 0
TEST_CODE
