// csr.S: the Zicsr instructions and the machine-mode CSRs.
// - csrrw/csrrs/csrrc/csrrwi/csrrsi/csrrci read the old value and write /
//   set / clear bits, on mscratch (all 32 bits writable); the immediate is
//   5 bits, zero-extended; rd == rs1 swaps.
// - rs1 = x0 (csrrs/csrrc) and uimm = 0 (csrrsi/csrrci) do not write, so
//   they are legal on read-only CSRs; a non-x0 rs1 holding zero, csrrw with
//   any source and csrrwi with uimm 0 are writes, illegal on read-only CSRs
//   (mtval = the instruction, rd not written).
// - mvendorid, marchid, mimpid, mhartid read 0; misa reads 0x40001100
//   (RV32, I, M) and ignores writes (it is a read/write WARL CSR at address
//   0x301, so a write is legal).
// - Unknown CSRs (0x7c0 custom, 0x3a0 pmpcfg0, 0x001 fflags, 0x100 sstatus,
//   0x180 satp, 0x7b0 dcsr) are illegal to read and to write.
// - WARL fields: mepc[1:0] read 0 (IALIGN = 32), mie keeps only MSIE, MTIE,
//   MEIE, mip ignores writes (its bits follow the interrupt lines),
//   mstatus keeps only MIE and MPIE and reads MPP = 3 (machine mode only),
//   mtvec keeps the direct and vectored modes, mtval and mcause hold what
//   is written.
// Expected values: RISC-V unprivileged spec, "Zicsr" chapter (the table of
// which CSR instructions read and write); privileged spec, "Machine-Level
// CSRs" (misa, mvendorid..mhartid, mstatus fields for an M-only hart, mepc,
// mie/mip) and "CSR Field Specifications" (WARL), and docs/core.md for the
// set of CSRs this hart implements.

#include "macros.h"

TEST_BEGIN
  // csrrw / csrr on mscratch.
  TEST_CASE(1, a1, 0x12345678, li a0, 0x12345678; csrw mscratch, a0; csrr a1, mscratch)
  TEST_CASE(2, a1, 0x12345678, li a2, 0xcafef00d; csrrw a1, mscratch, a2)
  TEST_CASE(3, a1, 0xcafef00d, csrr a1, mscratch)
  // csrrs: old value out, bits of rs1 set.
  TEST_CASE(4, a1, 0xcafef00d, li a2, 0x0000ffff; csrrs a1, mscratch, a2)
  TEST_CASE(5, a1, 0xcafeffff, csrr a1, mscratch)
  // csrrc: old value out, bits of rs1 cleared.
  TEST_CASE(6, a1, 0xcafeffff, li a2, 0xff00ff00; csrrc a1, mscratch, a2)
  TEST_CASE(7, a1, 0x00fe00ff, csrr a1, mscratch)
  // Immediate forms: 5-bit uimm, zero-extended (31 is 0x1f, not -1).
  TEST_CASE(8, a1, 0x00fe00ff, csrrwi a1, mscratch, 31)
  TEST_CASE(9, a1, 0x0000001f, csrr a1, mscratch)
  TEST_CASE(10, a1, 0x0000001f, csrrwi a1, mscratch, 0x15)
  TEST_CASE(11, a1, 0x00000015, csrrsi a1, mscratch, 0x0a)
  TEST_CASE(12, a1, 0x0000001f, csrrci a1, mscratch, 0x11)
  TEST_CASE(13, a1, 0x0000000e, csrr a1, mscratch)
  // rs1 = x0 and uimm = 0: read without writing.
  TEST_CASE(14, a1, 0x8000000e, li a0, 0x8000000e; csrw mscratch, a0; csrrs a1, mscratch, x0; csrrc a2, mscratch, x0; csrrsi a2, mscratch, 0; csrrci a2, mscratch, 0; csrr a1, mscratch)
  // rs1 not x0 but zero: an ordinary (no-op) write.
  TEST_CASE(15, a1, 0x8000000e, li a2, 0; csrrs a1, mscratch, a2; csrrc a1, mscratch, a2; csrr a1, mscratch)
  // csrrw with rd = x0 writes; with rs1 = x0 writes zero.
  TEST_CASE(16, a1, 0x00000000, csrrw x0, mscratch, x0; csrr a1, mscratch)
  TEST_CASE(17, a1, 0xffffffff, li a0, -1; csrrw x0, mscratch, a0; csrr a1, mscratch)
  // rd == rs1: the old CSR value and the new one swap.
  TEST_CASE(18, a1, 0xffffffff, li a1, 0x600d; csrrw a1, mscratch, a1)
  TEST_CASE(19, a1, 0x0000600d, csrr a1, mscratch)
  TEST_CASE(20, a1, 0x0000600d, li a1, 0x0ff0; csrrs a1, mscratch, a1)
  TEST_CASE(21, a1, 0x00006ffd, csrr a1, mscratch)
  TEST_CASE(22, a1, 0x00006ffd, li a1, 0x6000; csrrc a1, mscratch, a1)
  TEST_CASE(23, a1, 0x00000ffd, csrr a1, mscratch)

  // Read-only identification CSRs.
  TEST_CASE(24, a1, 0x40001100, li a1, -1; csrr a1, misa)
  TEST_CASE(25, a1, 0, li a1, -1; csrr a1, mvendorid)
  TEST_CASE(26, a1, 0, li a1, -1; csrr a1, marchid)
  TEST_CASE(27, a1, 0, li a1, -1; csrr a1, mimpid)
  TEST_CASE(28, a1, 0, li a1, -1; csrr a1, mhartid)
  // Forms that do not write are legal on them.
  TEST_CASE(29, a1, 0, li a1, -1; csrrc a1, mhartid, x0)
  TEST_CASE(30, a1, 0, li a1, -1; csrrsi a1, mvendorid, 0)
  TEST_CASE(31, a1, 0, li a1, -1; csrrci a1, marchid, 0)
  // Every writing form is illegal on them, and rd keeps its value.
  li a1, 0x5555
  li a2, 0
  li a3, 1
  TEST_ILLEGAL(32, csrw mhartid, a3)
  TEST_ILLEGAL(33, csrrw a1, mvendorid, x0)
  TEST_ILLEGAL(34, csrrs a1, marchid, a2)
  TEST_ILLEGAL(35, csrrc a1, mimpid, a3)
  TEST_ILLEGAL(36, csrrwi a1, mhartid, 0)
  TEST_ILLEGAL(37, csrrsi a1, mhartid, 1)
  TEST_ILLEGAL(38, csrrci a1, mvendorid, 31)
  CASE(39); CHECK_REG(a1, 0x5555)
  TEST_CASE(40, a1, 0, csrr a1, mhartid)

  // misa is WARL: writes are legal and leave it unchanged here.
  TEST_CASE(41, a1, 0x40001100, li a0, 0x40000100; csrw misa, a0; csrr a1, misa)
  TEST_CASE(42, a1, 0x40001100, csrrci x0, misa, 31; csrrs a1, misa, x0)

  // Unknown CSRs: reading and writing are illegal, rd keeps its value.
  li a1, 0x6666
  li a2, 0x1234
  TEST_ILLEGAL(43, csrr a1, 0x7c0)
  TEST_ILLEGAL(44, csrw 0x7c0, a2)
  TEST_ILLEGAL(45, csrr a1, 0x3a0)
  TEST_ILLEGAL(46, csrw 0x3a0, a2)
  TEST_ILLEGAL(47, csrr a1, 0x001)
  TEST_ILLEGAL(48, csrr a1, 0x100)
  TEST_ILLEGAL(49, csrr a1, 0x180)
  TEST_ILLEGAL(50, csrr a1, 0x7b0)
  TEST_ILLEGAL(51, csrrsi a1, 0x7c0, 0)
  TEST_ILLEGAL(52, csrrwi a1, 0xfff, 1)
  CASE(53); CHECK_REG(a1, 0x6666)

  // mepc: bits 1:0 read zero.
  TEST_CASE(54, a1, 0xfffffffc, li a0, -1; csrw mepc, a0; csrr a1, mepc)
  TEST_CASE(55, a1, 0x00001230, li a0, 0x1233; csrw mepc, a0; csrr a1, mepc)
  // mtval and mcause keep what is written.
  TEST_CASE(56, a1, 0x12345678, li a0, 0x12345678; csrw mtval, a0; csrr a1, mtval)
  TEST_CASE(57, a1, 0x0000000b, li a0, 11; csrw mcause, a0; csrr a1, mcause)
  TEST_CASE(58, a1, 0x80000007, li a0, 0x80000007; csrw mcause, a0; csrr a1, mcause)
  // mie: only MSIE, MTIE, MEIE exist (mstatus.MIE is 0, nothing is taken).
  TEST_CASE(59, a1, 0x00000888, li a0, -1; csrw mie, a0; csrr a1, mie)
  TEST_CASE(60, a1, 0x00000080, li a0, 0x808; csrc mie, a0; csrr a1, mie)
  TEST_CASE(61, a1, 0x00000000, csrw mie, zero; csrr a1, mie)
  // mip: nothing pending after reset, and writes do not change it.
  TEST_CASE(62, a1, 0, csrr a1, mip)
  TEST_CASE(63, a1, 0, li a0, -1; csrw mip, a0; csrr a1, mip)
  // mstatus: MPP reads 3 whatever is written; of the rest only MIE and MPIE
  // are writable on this machine-mode-only hart without F, V or S.
  TEST_CASE(64, a1, 0x00001800, csrr a1, mstatus; li a0, MSTATUS_MPP; and a1, a1, a0)
  TEST_CASE(65, a1, 0x00001800, li a0, MSTATUS_MPP; csrc mstatus, a0; csrr a1, mstatus; and a1, a1, a0)
  TEST_CASE(66, a1, 0x00001888, li a0, -1; csrw mstatus, a0; csrr a1, mstatus; csrw mstatus, zero)
  TEST_CASE(67, a1, 0x00001800, csrr a1, mstatus)
  // mtvec: direct and vectored mode read back.
  TEST_CASE(68, a1, obti_trap_handler + 1, la a0, obti_trap_handler + 1; csrw mtvec, a0; csrr a1, mtvec; RESTORE_MTVEC)
  TEST_CASE(69, a1, obti_trap_handler, csrr a1, mtvec)
TEST_END
