// trap_fetch.S: instruction fetch exceptions.
// - Instruction address misaligned (mcause 0): a taken jal, jalr or branch
//   whose target has bit 1 set traps on the jump itself: mepc = the jump,
//   mtval = the target ((rs1 + imm) & ~1 for jalr), and the jump's rd is not
//   written. A branch that is not taken does not trap, whatever its target.
// - Instruction access fault (mcause 1): a fetch outside the code memory
//   (data RAM, a peripheral, unmapped space, just past the code memory,
//   running off its end, mret to such an address) traps with mepc = mtval =
//   the fetch address; the jump that got there retired (its link written).
// Expected values: unprivileged spec "Control Transfer Instructions"
// (misaligned target exception reported on the jump, IALIGN = 32);
// privileged spec "Machine Trap Value Register" (mtval = faulting address);
// docs/memory-map.md (fetch outside the code memory is an access fault;
// default CodeBytes = 256 KiB).

#include "macros.h"

// Jump with the one instruction in ... (labelled 85) to a misaligned
// target; rd (a0) must keep 0x55. target is the (misaligned) target address.
#define MISALIGNED(n, target, ...) CASE(n); li a0, 0x55; EXPECT_TRAP(84f); 85: __VA_ARGS__; FAIL_HERE; 84: CHECK_TRAP(n, CAUSE_FETCH_MISALIGNED, 85b, target); CHECK_REG(a0, 0x55)

// Jump to address addr with jalr (link in a0): access fault at addr.
#define FETCH_FAULT(n, addr) CASE(n); li a0, 0; li a1, addr; EXPECT_TRAP(84f); jalr a0, 0(a1); 85: FAIL_HERE; 84: CHECK_TRAP(n, CAUSE_FETCH_ACCESS, addr, addr); CHECK_REG(a0, 85b)

// Target before the test code, for backward jumps; never reached.
  .text
tf_pad_back:
  FAIL_HERE
  FAIL_HERE

TEST_BEGIN
  li s1, 1
  li s2, 2

  // jal forward and backward.
  MISALIGNED(1, tf_pad + 2, jal a0, tf_pad + 2)
  MISALIGNED(2, tf_pad_back + 6, jal a0, tf_pad_back + 6)
  MISALIGNED(3, tf_pad + 2, jal x0, tf_pad + 2)
  // jalr: rs1 with bit 1 set, imm with bit 1 set, bit 0 cleared first.
  la s3, tf_pad
  addi s4, s3, 2
  MISALIGNED(4, tf_pad + 2, jalr a0, 0(s4))
  MISALIGNED(5, tf_pad + 2, jalr a0, 2(s3))
  MISALIGNED(6, tf_pad + 2, jalr a0, 3(s3))
  MISALIGNED(7, tf_pad + 6, jalr a0, 7(s3))
  MISALIGNED(8, tf_pad - 2, jalr a0, -1(s3))
  // jalr with rd == rs1: rs1 keeps its value too.
  CASE(9); addi a1, s3, 2; EXPECT_TRAP(84f); 85: jalr a1, 0(a1); FAIL_HERE; 84: CHECK_TRAP(9, CAUSE_FETCH_MISALIGNED, 85b, tf_pad + 2); CHECK_REG(a1, tf_pad + 2)
  // Every taken branch, forward and backward.
  MISALIGNED(10, tf_pad + 2, beq s1, s1, tf_pad + 2)
  MISALIGNED(11, tf_pad + 2, bne s1, s2, tf_pad + 2)
  MISALIGNED(12, tf_pad + 2, blt s1, s2, tf_pad + 2)
  MISALIGNED(13, tf_pad + 2, bge s2, s1, tf_pad + 2)
  MISALIGNED(14, tf_pad + 2, bltu s1, s2, tf_pad + 2)
  MISALIGNED(15, tf_pad + 2, bgeu s2, s1, tf_pad + 2)
  MISALIGNED(16, tf_pad_back + 2, beq s1, s1, tf_pad_back + 2)
  MISALIGNED(17, tf_pad_back + 2, bltu s1, s2, tf_pad_back + 2)
  // Not-taken branches to a misaligned target do not trap.
  CASE(18); EXPECT_TRAP(1f); bne s1, s1, tf_pad + 2; beq s1, s2, tf_pad + 2; blt s2, s1, tf_pad_back + 2; bge s1, s2, tf_pad + 2; bltu s2, s1, tf_pad + 2; bgeu s1, s2, tf_pad_back + 2; 1: CHECK_NO_TRAP(18)
  // A jump to an aligned address right after a trapping one still works.
  CASE(19); jal a0, 1f; 2: FAIL_HERE; 1: CHECK_REG(a0, 2b)

  // Instruction access faults.
  FETCH_FAULT(20, DATA_BASE)
  FETCH_FAULT(21, 0x40000000)
  FETCH_FAULT(22, SIMCTRL_EXIT)
  FETCH_FAULT(23, UNMAPPED_ADDR)
  FETCH_FAULT(24, CODE_END)
  FETCH_FAULT(25, 0xfffffffc)
  // mret to a faulting address.
  CASE(26); li a1, DATA_BASE + 0x100; csrw mepc, a1; EXPECT_TRAP(84f); mret; FAIL_HERE; 84: CHECK_TRAP(26, CAUSE_FETCH_ACCESS, DATA_BASE + 0x100, DATA_BASE + 0x100)
  csrci mstatus, MSTATUS_MIE
  // Running off the end of the code memory: a nop in its last word (written
  // through the data port, then fence.i), jumped to, then the fetch of
  // CODE_END faults.
  CASE(27)
  li a1, CODE_END - 4
  li a2, 0x00000013
  sw a2, 0(a1)
  fence.i
  EXPECT_TRAP(84f)
  jalr a0, 0(a1)
  FAIL_HERE
84:
  CHECK_TRAP(27, CAUSE_FETCH_ACCESS, CODE_END, CODE_END)
TEST_END

// Target after the test code, for forward jumps; never reached.
  .p2align 3
tf_pad:
  FAIL_HERE
  FAIL_HERE
  FAIL_HERE
