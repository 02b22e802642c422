// store.S: sb, sh, sw at every byte lane (halfwords at both aligned lanes):
// only the addressed bytes change, the upper register bits of sb/sh are
// dropped, neighbouring bytes and words stay untouched; negative and
// extreme offsets; a store whose data register is its base register; loads
// right after stores to the same and overlapping bytes; the last word of
// the data RAM and the writable part of the code memory.
// Expected values: RV32I "Load and Store Instructions" (little-endian;
// SB/SH store the low 8/16 bits of rs2) on the pattern st_reset writes.

#include "macros.h"

// Every case starts from st_area = 33221100 77665544 bbaa9988 ffeeddcc,
// guarded by st_guard0 = 5a5a5a5a below and st_guard1 = a5a5a5a5 above.
#define ST_CASE(n, w0, w1, w2, w3, ...) CASE(n); jal st_reset; la s0, st_area; __VA_ARGS__; \
  CHECK_MEM(st_area, w0); CHECK_MEM(st_area + 4, w1); CHECK_MEM(st_area + 8, w2); CHECK_MEM(st_area + 12, w3); \
  CHECK_MEM(st_guard0, 0x5a5a5a5a); CHECK_MEM(st_guard1, 0xa5a5a5a5)

TEST_BEGIN
  li s1, 0xabcdef78
  li s2, 0x1234cafe
  li s3, 0x87654321

  // sb at lanes 0..3 of word 0 and of word 2.
  ST_CASE(1, 0x33221178, 0x77665544, 0xbbaa9988, 0xffeeddcc, sb s1, 0(s0))
  ST_CASE(2, 0x33227800, 0x77665544, 0xbbaa9988, 0xffeeddcc, sb s1, 1(s0))
  ST_CASE(3, 0x33781100, 0x77665544, 0xbbaa9988, 0xffeeddcc, sb s1, 2(s0))
  ST_CASE(4, 0x78221100, 0x77665544, 0xbbaa9988, 0xffeeddcc, sb s1, 3(s0))
  ST_CASE(5, 0x33221100, 0x77665544, 0xbbaa99fe, 0xffeeddcc, sb s2, 8(s0))
  ST_CASE(6, 0x33221100, 0x77665544, 0xbbaafe88, 0xffeeddcc, sb s2, 9(s0))
  ST_CASE(7, 0x33221100, 0x77665544, 0xbbfe9988, 0xffeeddcc, sb s2, 10(s0))
  ST_CASE(8, 0x33221100, 0x77665544, 0xfeaa9988, 0xffeeddcc, sb s2, 11(s0))

  // sh at lanes 0 and 2.
  ST_CASE(9, 0x3322cafe, 0x77665544, 0xbbaa9988, 0xffeeddcc, sh s2, 0(s0))
  ST_CASE(10, 0xcafe1100, 0x77665544, 0xbbaa9988, 0xffeeddcc, sh s2, 2(s0))
  ST_CASE(11, 0x33221100, 0x77664321, 0xbbaa9988, 0xffeeddcc, sh s3, 4(s0))
  ST_CASE(12, 0x33221100, 0x43215544, 0xbbaa9988, 0xffeeddcc, sh s3, 6(s0))

  // sw to each word.
  ST_CASE(13, 0x87654321, 0x77665544, 0xbbaa9988, 0xffeeddcc, sw s3, 0(s0))
  ST_CASE(14, 0x33221100, 0x87654321, 0xbbaa9988, 0xffeeddcc, sw s3, 4(s0))
  ST_CASE(15, 0x33221100, 0x77665544, 0x87654321, 0xffeeddcc, sw s3, 8(s0))
  ST_CASE(16, 0x33221100, 0x77665544, 0xbbaa9988, 0x87654321, sw s3, 12(s0))

  // Negative offsets.
  ST_CASE(17, 0x33221100, 0x77665544, 0xbbaa9988, 0x78eeddcc, la a1, st_guard1; sb s1, -1(a1))
  ST_CASE(18, 0x33221100, 0x77665544, 0xbbaa9988, 0xcafeddcc, la a1, st_guard1; sh s2, -2(a1))
  ST_CASE(19, 0x33221100, 0x77665544, 0xbbaa9988, 0x87654321, la a1, st_guard1; sw s3, -4(a1))

  // The extreme offsets 2047 and -2048.
  ST_CASE(20, 0x33221100, 0x78665544, 0xbbaa9988, 0xffeeddcc, la a1, st_area + 7 - 2047; sb s1, 2047(a1))
  ST_CASE(21, 0x33221100, 0x77665544, 0x87654321, 0xffeeddcc, la a1, st_area + 8 + 2048; sw s3, -2048(a1))

  // Several partial stores build one word.
  ST_CASE(22, 0x4321fe78, 0x77665544, 0xbbaa9988, 0xffeeddcc, sb s1, 0(s0); sb s2, 1(s0); sh s3, 2(s0))

  // The data register is the base register: the address itself is stored.
  CASE(23); jal st_reset; la a1, st_area; sw a1, 4(a1); CHECK_MEM(st_area + 4, st_area)

  // A store followed at once by a load of the same or overlapping bytes.
  ST_CASE(24, 0x87654321, 0x77665544, 0xbbaa9988, 0xffeeddcc, sw s3, 0(s0); lw a0, 0(s0); CHECK_REG(a0, 0x87654321))
  ST_CASE(25, 0x33227800, 0x77665544, 0xbbaa9988, 0xffeeddcc, sb s1, 1(s0); lw a0, 0(s0); CHECK_REG(a0, 0x33227800))
  ST_CASE(26, 0x87654321, 0x77665544, 0xbbaa9988, 0xffeeddcc, sw s3, 0(s0); lb a0, 3(s0); CHECK_REG(a0, 0xffffff87))
  ST_CASE(27, 0x33221100, 0xcafe5544, 0xbbaa9988, 0xffeeddcc, sh s2, 6(s0); lhu a0, 6(s0); CHECK_REG(a0, 0xcafe))
  ST_CASE(28, 0x33221100, 0xcafe5544, 0xbbaa9988, 0xffeeddcc, sh s2, 6(s0); lbu a0, 7(s0); CHECK_REG(a0, 0xca))
  // A store between two loads of the same word.
  ST_CASE(29, 0x33221100, 0x87654321, 0xbbaa9988, 0xffeeddcc, lw a0, 4(s0); sw s3, 4(s0); lw a1, 4(s0); CHECK_REG(a0, 0x77665544); CHECK_REG(a1, 0x87654321))

  // sw x0 stores zero.
  ST_CASE(30, 0x33221100, 0x77665544, 0x00000000, 0xffeeddcc, sw x0, 8(s0))

  // The last word and the last byte of the data RAM.
  CASE(31); li a1, DATA_END - 4; sw s3, 0(a1); lw a0, 0(a1); CHECK_REG(a0, 0x87654321)
  CASE(32); li a1, DATA_END - 1; sb s1, 0(a1); li a2, DATA_END - 4; lw a0, 0(a2); CHECK_REG(a0, 0x78654321)

  // The code memory above the read-only region takes stores of every width.
  CASE(33); la a1, __patch_area; sw s3, 0(a1); lw a0, 0(a1); CHECK_REG(a0, 0x87654321)
  CASE(34); la a1, __patch_area; sb s1, 1(a1); sh s2, 2(a1); lw a0, 0(a1); CHECK_REG(a0, 0xcafe7821)
  CASE(35); li a1, ROM_END; sw s3, 0(a1); lw a0, 0(a1); CHECK_REG(a0, 0x87654321)
TEST_END

// Restore the store area's pattern; clobbers t0, t1.
st_reset:
  la t0, st_guard0
  li t1, 0x5a5a5a5a
  sw t1, 0(t0)
  li t1, 0x33221100
  sw t1, 4(t0)
  li t1, 0x77665544
  sw t1, 8(t0)
  li t1, 0xbbaa9988
  sw t1, 12(t0)
  li t1, 0xffeeddcc
  sw t1, 16(t0)
  li t1, 0xa5a5a5a5
  sw t1, 20(t0)
  ret

TEST_DATA
st_guard0:
  .word 0
st_area:
  .word 0, 0, 0, 0
st_guard1:
  .word 0
TEST_CODE
