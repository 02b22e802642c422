// trap_mem.S: load and store exceptions, with mepc = the access, mtval =
// the byte address, the load's rd not written and the store's memory not
// written.
// - Load address misaligned (4): lh/lhu at odd addresses, lw at +1, +2, +3.
// - Load access fault (5): unmapped space, just past the data RAM and the
//   code memory, the top of the address space; also with rd = x0.
// - Store address misaligned (6): sh at odd addresses, sw at +1, +2, +3.
// - Store access fault (7): unmapped space, just past the data RAM and the
//   code memory, and every width into the read-only region 0x0..0x3fff (its
//   first and last word); the first word above it is writable.
// - Precision: the instruction before a faulting access completes, the one
//   after it runs exactly once (after the handler), a store before a
//   faulting load is performed.
// Expected values: privileged spec "Machine Cause Register" (exception
// codes) and "Machine Trap Value Register" (mtval = faulting address); this
// SoC traps on every misaligned access (docs/core.md) and answers
// unmapped addresses and stores into the read-only region with a bus
// error (docs/memory-map.md, default sizes).

#include "macros.h"

// Faulting load insn (one instruction, rd = a0 preset to a sentinel).
#define LOAD_TRAP(n, cause, addr, ...) CASE(n); li a0, 0x5e5e5e5e; TEST_TRAP(n, cause, addr, __VA_ARGS__); CHECK_REG(a0, 0x5e5e5e5e)
// Faulting store insn into tm_area (reset first); tm_area must stay
// 33221100 77665544.
#define STORE_TRAP(n, cause, addr, ...) CASE(n); jal tm_reset; TEST_TRAP(n, cause, addr, __VA_ARGS__); CHECK_MEM(tm_area, 0x33221100); CHECK_MEM(tm_area + 4, 0x77665544)

TEST_BEGIN
  la s0, tm_area
  li s1, 0xa1b2c3d4

  // Load address misaligned.
  LOAD_TRAP(1, CAUSE_LOAD_MISALIGNED, tm_area + 1, lh a0, 1(s0))
  LOAD_TRAP(2, CAUSE_LOAD_MISALIGNED, tm_area + 3, lh a0, 3(s0))
  LOAD_TRAP(3, CAUSE_LOAD_MISALIGNED, tm_area + 1, lhu a0, 1(s0))
  LOAD_TRAP(4, CAUSE_LOAD_MISALIGNED, tm_area + 7, lhu a0, 7(s0))
  LOAD_TRAP(5, CAUSE_LOAD_MISALIGNED, tm_area + 1, lw a0, 1(s0))
  LOAD_TRAP(6, CAUSE_LOAD_MISALIGNED, tm_area + 2, lw a0, 2(s0))
  LOAD_TRAP(7, CAUSE_LOAD_MISALIGNED, tm_area + 3, lw a0, 3(s0))
  LOAD_TRAP(8, CAUSE_LOAD_MISALIGNED, tm_area + 6, lw a0, 6(s0))
  // Byte loads are never misaligned.
  TEST_CASE(9, a0, 0x00000077, lbu a0, 7(s0))

  // Load access fault, every width.
  li s2, UNMAPPED_ADDR
  LOAD_TRAP(10, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR, lw a0, 0(s2))
  LOAD_TRAP(11, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR + 2, lh a0, 2(s2))
  LOAD_TRAP(12, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR + 2, lhu a0, 2(s2))
  LOAD_TRAP(13, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR + 3, lb a0, 3(s2))
  LOAD_TRAP(14, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR + 1, lbu a0, 1(s2))
  // A load to x0 still accesses memory, so it still faults.
  LOAD_TRAP(15, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR, lw x0, 0(s2))
  li s3, DATA_END
  LOAD_TRAP(16, CAUSE_LOAD_ACCESS, DATA_END, lw a0, 0(s3))
  li s3, CODE_END
  LOAD_TRAP(17, CAUSE_LOAD_ACCESS, CODE_END + 4, lw a0, 4(s3))
  li s3, 0xfffffffc
  LOAD_TRAP(18, CAUSE_LOAD_ACCESS, 0xfffffffc, lw a0, 0(s3))

  // Store address misaligned.
  STORE_TRAP(19, CAUSE_STORE_MISALIGNED, tm_area + 1, sh s1, 1(s0))
  STORE_TRAP(20, CAUSE_STORE_MISALIGNED, tm_area + 3, sh s1, 3(s0))
  STORE_TRAP(21, CAUSE_STORE_MISALIGNED, tm_area + 1, sw s1, 1(s0))
  STORE_TRAP(22, CAUSE_STORE_MISALIGNED, tm_area + 2, sw s1, 2(s0))
  STORE_TRAP(23, CAUSE_STORE_MISALIGNED, tm_area + 3, sw s1, 3(s0))
  STORE_TRAP(24, CAUSE_STORE_MISALIGNED, tm_area + 5, sh s1, 5(s0))

  // Store access fault: unmapped, past the data RAM and the code memory.
  STORE_TRAP(25, CAUSE_STORE_ACCESS, UNMAPPED_ADDR, sw s1, 0(s2))
  STORE_TRAP(26, CAUSE_STORE_ACCESS, UNMAPPED_ADDR + 2, sh s1, 2(s2))
  STORE_TRAP(27, CAUSE_STORE_ACCESS, UNMAPPED_ADDR + 1, sb s1, 1(s2))
  li s3, DATA_END
  STORE_TRAP(28, CAUSE_STORE_ACCESS, DATA_END, sw s1, 0(s3))
  li s3, CODE_END
  STORE_TRAP(29, CAUSE_STORE_ACCESS, CODE_END, sw s1, 0(s3))

  // Stores into the read-only region fault and leave it unchanged.
  la s4, tm_rom
  STORE_TRAP(30, CAUSE_STORE_ACCESS, tm_rom, sw s1, 0(s4))
  STORE_TRAP(31, CAUSE_STORE_ACCESS, tm_rom + 2, sh s1, 2(s4))
  STORE_TRAP(32, CAUSE_STORE_ACCESS, tm_rom + 3, sb s1, 3(s4))
  STORE_TRAP(33, CAUSE_STORE_ACCESS, tm_rom + 4, sb s1, 4(s4))
  CASE(34); CHECK_MEM(tm_rom, 0xc0debabe); CHECK_MEM(tm_rom + 4, 0x0badf00d)
  // The first and the last word of the region.
  CASE(35); lw s5, 0(x0); STORE_TRAP(35, CAUSE_STORE_ACCESS, 0, sw s1, 0(x0)); lw a0, 0(x0); CHECK_SAME(a0, s5)
  li s3, ROM_END - 4
  CASE(36); lw s5, 0(s3); STORE_TRAP(36, CAUSE_STORE_ACCESS, ROM_END - 4, sw s1, 0(s3)); lw a0, 0(s3); CHECK_SAME(a0, s5)
  CASE(37); lw s5, 0(s3); STORE_TRAP(37, CAUSE_STORE_ACCESS, ROM_END - 1, sb s1, 3(s3)); lw a0, 0(s3); CHECK_SAME(a0, s5)
  // The first word above the region takes the store.
  CASE(38); sw s1, 4(s3); lw a0, 4(s3); CHECK_REG(a0, 0xa1b2c3d4)

  // Precision around a faulting load: the older add completes, the younger
  // addi runs once, the older store is performed.
  CASE(39)
  jal tm_reset
  li a1, 0
  li a2, 0
  EXPECT_TRAP(84f)
  sw s1, 0(s0)
  addi a1, a1, 1
85:
  lw a0, 0(s2)
84:
  addi a2, a2, 1
  CHECK_TRAP(39, CAUSE_LOAD_ACCESS, 85b, UNMAPPED_ADDR)
  CHECK_REG(a1, 1)
  CHECK_REG(a2, 1)
  CHECK_MEM(tm_area, 0xa1b2c3d4)
  // The same around a faulting store, followed by a store that must happen
  // once and a load of the faulting address' neighbour.
  CASE(40)
  jal tm_reset
  li a1, 0
  EXPECT_TRAP(84f)
  addi a1, a1, 1
85:
  sw s1, 1(s0)
84:
  sw s1, 4(s0)
  lw a3, 0(s0)
  CHECK_TRAP(40, CAUSE_STORE_MISALIGNED, 85b, tm_area + 1)
  CHECK_REG(a1, 1)
  CHECK_REG(a3, 0x33221100)
  CHECK_MEM(tm_area + 4, 0xa1b2c3d4)
  // A faulting load right after a load of the same register's old value:
  // the first load's value stays.
  CASE(41); lw a0, 4(s0); TEST_TRAP(41, CAUSE_LOAD_MISALIGNED, tm_area + 2, lw a0, 2(s0)); CHECK_REG(a0, 0xa1b2c3d4)
TEST_END

// tm_area = 33221100 77665544; clobbers t0, t1.
tm_reset:
  la t0, tm_area
  li t1, 0x33221100
  sw t1, 0(t0)
  li t1, 0x77665544
  sw t1, 4(t0)
  ret

// Two words in the read-only region (this code is below 0x4000).
tm_rom:
  .word 0xc0debabe
  .word 0x0badf00d

TEST_DATA
tm_area:
  .word 0x33221100
  .word 0x77665544
TEST_CODE
