// macros.h: the openbti ISA test framework (see README.md). Include it from
// every test; crt.S supplies _start, the default trap handler and the exits.
//
// Convention: exit code 0 = pass; 1..120 = the number of the case that
// failed (a wrong value, an unexpected trap during that case, or control
// reaching a path it must not take); 121 = a failure outside any case.
// 124 and up belong to the simulator (124 = cycle limit).
//
// Registers the framework owns: gp (x3) holds the current case number,
// tp (x4) belongs to the trap handler, t2 (x7) and t6 (x31) are clobbered by
// every check. Tests use the other registers freely.
//
// Files are run through the C preprocessor: comment with //, not #.
#ifndef OBTI_ISA_MACROS_H
#define OBTI_ISA_MACROS_H

// Memory map (docs/memory-map.md, docs/registers/*.md).
#define CODE_BASE        0x00000000
#define ROM_END          0x00004000
#define CODE_END         0x00040000
#define DATA_BASE        0x10000000
#define DATA_END         0x10010000
#define UNMAPPED_ADDR    0x30000000
#define TIMER_BASE       0x20001000
#define TIMER_MTIME      0x000
#define TIMER_MTIMEH     0x004
#define TIMER_MTIMECMP   0x008
#define TIMER_MTIMECMPH  0x00c
#define TIMER_MSIP       0x010
#define SIMCTRL_EXIT     0x2000f000

// mcause values (privileged spec, table "machine cause register values").
#define CAUSE_FETCH_MISALIGNED  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL           2
#define CAUSE_BREAKPOINT        3
#define CAUSE_LOAD_MISALIGNED   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_STORE_MISALIGNED  6
#define CAUSE_STORE_ACCESS      7
#define CAUSE_ECALL_M           11
#define CAUSE_IRQ_MSI           0x80000003
#define CAUSE_IRQ_MTI           0x80000007
#define CAUSE_IRQ_MEI           0x8000000b

#define MSTATUS_MIE   0x00000008
#define MSTATUS_MPIE  0x00000080
#define MSTATUS_MPP   0x00001800
#define MIP_MSIP      0x00000008
#define MIP_MTIP      0x00000080
#define MIP_MEIP      0x00000800

// Trap record (obti_trap in crt.S), filled by the default handler.
#define TR_EXPECT   0    // non-zero: the next trap is expected (one-shot)
#define TR_RESUME   4    // where an expected trap resumes; 0 = at mepc
#define TR_COUNT    8    // traps taken since the last EXPECT_*
#define TR_CAUSE   12    // mcause, mepc, mtval, mstatus of the last trap
#define TR_EPC     16
#define TR_TVAL    20
#define TR_MSTATUS 24
#define TR_SAVE0   28    // the handler's save slots for t0, t1
#define TR_SAVE1   32

// Diagnostic block (obti_diag in crt.S) = the words between begin_signature
// and end_signature, which tests/isa/run.sh decodes after a failure.
#define DG_CASE     0
#define DG_KIND     4    // 1 wrong value, 2 unexpected trap, 3 wrong path
#define DG_GOT      8
#define DG_EXPECTED 12
#define DG_CAUSE   16
#define DG_EPC     20
#define DG_TVAL    24
#define DG_DONE    28    // DIAG_DONE once the pass exit is reached
#define KIND_VALUE  1
#define KIND_TRAP   2
#define KIND_FLOW   3
#define DIAG_DONE   0x600d600d

// Framework macros use local labels 80..89; tests use 1..79.

// Start a case: gp = n, so that any failure until the next case reports n.
#define CASE(n) .if ((n) < 1) || ((n) > 120); .error "case numbers are 1..120"; .endif; li gp, n

// reg = a constant or a label address, by lui + addi (absolute, so that
// checks of pc-relative results do not themselves depend on auipc).
#define LI_ABS(reg, value) lui reg, %hi(value); addi reg, reg, %lo(value)
// Fail the current case unless register got equals the constant or label
// address expected.
#define CHECK_REG(got, expected) LI_ABS(x7, expected); beq got, x7, 89f; mv x31, got; j obti_fail_value; 89:
// Fail the current case unless registers got and want are equal.
#define CHECK_SAME(got, want) beq got, want, 89f; mv x7, want; mv x31, got; j obti_fail_value; 89:
// Fail the current case unless the word at label addr equals expected.
#define CHECK_MEM(addr, expected) la x31, addr; lw x31, 0(x31); CHECK_REG(x31, expected)
// Fail the current case: control reached a place it must not reach.
#define FAIL_HERE j obti_fail_flow

// Case n: run the instructions in ..., then register got must equal expected.
#define TEST_CASE(n, got, expected, ...) CASE(n); __VA_ARGS__; CHECK_REG(got, expected)

// Register-register and register-immediate ALU cases, with the destination
// distinct from and equal to the sources.
#define TEST_RR(n, op, expected, a, b) TEST_CASE(n, x14, expected, li x11, a; li x12, b; op x14, x11, x12)
#define TEST_RR_DEST1(n, op, expected, a, b) TEST_CASE(n, x11, expected, li x11, a; li x12, b; op x11, x11, x12)
#define TEST_RR_DEST2(n, op, expected, a, b) TEST_CASE(n, x12, expected, li x11, a; li x12, b; op x12, x11, x12)
#define TEST_RR_SAME(n, op, expected, a) TEST_CASE(n, x11, expected, li x11, a; op x11, x11, x11)
#define TEST_RI(n, op, expected, a, imm) TEST_CASE(n, x14, expected, li x11, a; op x14, x11, imm)
#define TEST_RI_DEST(n, op, expected, a, imm) TEST_CASE(n, x11, expected, li x11, a; op x11, x11, imm)

// Branch cases: taken forward, taken backward, not taken (both directions).
// x13 counts instructions in the shadow of a taken branch that ran: the
// check after the branch wants it unchanged.
#define TEST_BR_TAKEN(n, op, a, b) CASE(n); li x11, a; li x12, b; li x13, 0; op x11, x12, 81f; addi x13, x13, 1; addi x13, x13, 1; FAIL_HERE; 81: CHECK_REG(x13, 0)
#define TEST_BR_TAKEN_BACK(n, op, a, b) CASE(n); li x11, a; li x12, b; li x13, 0; j 82f; 81: j 83f; 82: op x11, x12, 81b; addi x13, x13, 1; addi x13, x13, 1; FAIL_HERE; 83: CHECK_REG(x13, 0)
#define TEST_BR_NOT_TAKEN(n, op, a, b) CASE(n); li x11, a; li x12, b; op x11, x12, 81f; j 82f; 81: FAIL_HERE; 82:
#define TEST_BR_NOT_TAKEN_BACK(n, op, a, b) CASE(n); li x11, a; li x12, b; j 82f; 81: FAIL_HERE; 82: op x11, x12, 81b

// Expect the next trap: the handler records it in obti_trap and resumes at
// label resume (EXPECT_TRAP) or returns to mepc (EXPECT_IRQ; for an
// interrupt the handler also clears that cause's bit in mie, so that the
// return does not take the same interrupt again).
#define EXPECT_TRAP(resume) la tp, obti_trap; la x31, resume; sw x31, TR_RESUME(tp); sw zero, TR_COUNT(tp); li x31, 1; sw x31, TR_EXPECT(tp)
#define EXPECT_IRQ la tp, obti_trap; sw zero, TR_RESUME(tp); sw zero, TR_COUNT(tp); li x31, 1; sw x31, TR_EXPECT(tp)
// No trap is expected any more (an expectation that did not trigger).
#define EXPECT_NONE la tp, obti_trap; sw zero, TR_EXPECT(tp)

// Case n: exactly one trap was taken since EXPECT_*, with these mcause,
// mepc (a label or constant) and mtval.
#define CHECK_TRAP_CAUSE_EPC(n, cause, epc) CASE(n); EXPECT_NONE; lw x31, TR_COUNT(tp); CHECK_REG(x31, 1); la tp, obti_trap; lw x31, TR_CAUSE(tp); CHECK_REG(x31, cause); la tp, obti_trap; lw x31, TR_EPC(tp); CHECK_REG(x31, epc)
#define CHECK_TRAP(n, cause, epc, tval) CHECK_TRAP_CAUSE_EPC(n, cause, epc); la tp, obti_trap; lw x31, TR_TVAL(tp); CHECK_REG(x31, tval)
// As CHECK_TRAP, with mtval = the instruction word at label insn (illegal
// instruction: mtval holds the faulting instruction's bits).
#define CHECK_TRAP_INSN(n, cause, insn) CHECK_TRAP_CAUSE_EPC(n, cause, insn); la x31, insn; lw x7, 0(x31); la tp, obti_trap; lw x31, TR_TVAL(tp); CHECK_SAME(x31, x7)
// Case n: no trap was taken since EXPECT_*.
#define CHECK_NO_TRAP(n) CASE(n); EXPECT_NONE; lw x31, TR_COUNT(tp); CHECK_REG(x31, 0)

// Run a case with one faulting instruction: EXPECT_TRAP, the instruction
// (labelled for the mepc check), then the check.
#define TEST_TRAP(n, cause, tval, ...) CASE(n); EXPECT_TRAP(84f); 85: __VA_ARGS__; 84: CHECK_TRAP(n, cause, 85b, tval)
#define TEST_ILLEGAL(n, ...) CASE(n); EXPECT_TRAP(84f); 85: __VA_ARGS__; 84: CHECK_TRAP_INSN(n, CAUSE_ILLEGAL, 85b)

// Put the default trap handler back after a test installed its own.
#define RESTORE_MTVEC la x31, obti_trap_handler; csrw mtvec, x31

// Word access to the machine timer; clobbers x31.
#define TIMER_WRITE(off, val) li x31, TIMER_BASE; li x7, val; sw x7, off(x31)
// mtimecmp = 0xffffffff_ffffffff: no timer interrupt pending.
#define TIMER_DISARM li x31, TIMER_BASE; li x7, -1; sw x7, TIMER_MTIMECMPH(x31); sw x7, TIMER_MTIMECMP(x31)

// A test is the code between TEST_BEGIN and TEST_END (both in .text).
#define TEST_BEGIN .text; .globl test_main; test_main:
#define TEST_END j obti_pass

// Test data goes into the data RAM: TEST_DATA, labels and words, TEST_CODE.
#define TEST_DATA .data; .p2align 4
#define TEST_CODE .text

#endif
