/* Exceptions: each one reaches the registered handler with the mcause,
 * mepc and mtval of the RISC-V privileged spec (3.1.15-3.1.16) and the
 * memory map (docs/memory-map.md: an unmapped address or a store into the
 * read-only region is an access fault with mtval = the address; a fetch
 * outside the code memory is an instruction access fault), and the handler
 * can resume after the faulting instruction through frame->mepc. */
#include <stdint.h>
#include <stdio.h>

#include "cpu.h"
#include "fwtest.h"
#include "trap.h"

#define UNMAPPED 0x30000000u

static volatile uint32_t got_cause, got_epc, got_tval, ntraps;
static volatile int resume_at_ra;    /* for fetch faults: return to caller */

static void handler(struct trap_frame *f, uint32_t mcause, uint32_t mtval)
{
    got_cause = mcause;
    got_epc = f->mepc;
    got_tval = mtval;
    ntraps++;
    if (resume_at_ra)
        f->mepc = f->ra;
    else
        trap_skip_insn(f);
}

/* Hide a constant from the compiler, which treats small addresses as NULL. */
static uint32_t opaque(uint32_t v)
{
    __asm__("" : "+r"(v));
    return v;
}

static void expect_trap(uint32_t cause, uint32_t epc, uint32_t tval, const char *what)
{
    int ok = ntraps == 1 && got_cause == cause && got_epc == epc && got_tval == tval;

    CHECK(ok);
    if (!ok)
        printf("    %s: %lu traps, mcause %lu mepc 0x%08lx mtval 0x%08lx; expected "
               "mcause %lu mepc 0x%08lx mtval 0x%08lx\n", what, (unsigned long)ntraps,
               (unsigned long)got_cause, (unsigned long)got_epc, (unsigned long)got_tval,
               (unsigned long)cause, (unsigned long)epc, (unsigned long)tval);
    ntraps = 0;
    got_cause = got_epc = got_tval = 0xdeadbeefu;
}

int main(void)
{
    uint32_t at, val, addr, before;

    trap_set_exception_handler(handler);

    /* illegal instruction: mtval is 0 or the instruction bits (all-ones) */
    __asm__ volatile("la %0, 1f\n1: .word 0xffffffff" : "=r"(at) :: "memory");
    CHECK(got_tval == 0 || got_tval == 0xffffffffu);
    expect_trap(MCAUSE_ILLEGAL_INSN, at, got_tval, "illegal instruction");

    /* a CSR that does not exist (0x7c0, custom, unimplemented here) */
    __asm__ volatile("la %0, 1f\n1: csrr %1, 0x7c0" : "=&r"(at), "=r"(val) :: "memory");
    expect_trap(MCAUSE_ILLEGAL_INSN, at, got_tval, "unimplemented CSR");

    /* writing a read-only CSR (mvendorid) is illegal too */
    __asm__ volatile("la %0, 1f\n1: csrw mvendorid, zero" : "=r"(at) :: "memory");
    expect_trap(MCAUSE_ILLEGAL_INSN, at, got_tval, "write to read-only CSR");

    /* ebreak: mtval is 0 or the pc */
    __asm__ volatile("la %0, 1f\n1: ebreak" : "=r"(at) :: "memory");
    CHECK(got_tval == 0 || got_tval == at);
    expect_trap(MCAUSE_BREAKPOINT, at, got_tval, "ebreak");

    /* ecall: mtval 0 */
    __asm__ volatile("la %0, 1f\n1: ecall" : "=r"(at) :: "memory", "a0", "a1");
    expect_trap(MCAUSE_ECALL_M, at, 0, "ecall");

    /* loads and stores to an unmapped address */
    addr = UNMAPPED;
    __asm__ volatile("la %0, 1f\n1: lw %1, 0(%2)" : "=&r"(at), "=r"(val) : "r"(addr) : "memory");
    expect_trap(MCAUSE_LOAD_FAULT, at, addr, "load from unmapped address");
    addr = UNMAPPED + 4;
    __asm__ volatile("la %0, 1f\n1: sw zero, 0(%1)" : "=&r"(at) : "r"(addr) : "memory");
    expect_trap(MCAUSE_STORE_FAULT, at, addr, "store to unmapped address");

    /* the read-only boot region: readable, stores fault and change nothing */
    addr = opaque(0x100);
    before = *(volatile uint32_t *)(uintptr_t)addr;
    CHECK_EQ(ntraps, 0);
    __asm__ volatile("la %0, 1f\n1: sw %2, 0(%1)" : "=&r"(at) : "r"(addr), "r"(~before) : "memory");
    expect_trap(MCAUSE_STORE_FAULT, at, addr, "word store to the ROM");
    __asm__ volatile("la %0, 1f\n1: sb %2, 1(%1)" : "=&r"(at) : "r"(addr), "r"(~before) : "memory");
    expect_trap(MCAUSE_STORE_FAULT, at, addr + 1, "byte store to the ROM");
    CHECK_EQ(*(volatile uint32_t *)(uintptr_t)addr, before);

    /* misaligned load and store: trap (mcause 4/6, mtval = address) or do
     * the access correctly; both are allowed by the spec */
    {
        static volatile uint32_t words[2] = { 0x44332211u, 0x88776655u };

        addr = (uint32_t)(uintptr_t)words + 1;
        val = 0;
        __asm__ volatile("la %0, 1f\n1: lw %1, 0(%2)" : "=&r"(at), "+r"(val) : "r"(addr) : "memory");
        if (ntraps)
            expect_trap(MCAUSE_LOAD_MISALIGNED, at, addr, "misaligned load");
        else
            CHECK_EQ(val, 0x55443322u);
        __asm__ volatile("la %0, 1f\n1: sh zero, 0(%1)" : "=&r"(at) : "r"(addr) : "memory");
        if (ntraps)
            expect_trap(MCAUSE_STORE_MISALIGNED, at, addr, "misaligned store");
        else
            CHECK_EQ(words[0], 0x44000011u);
    }

    /* a jump to an address that is not 4-byte aligned (no C extension):
     * the exception is on the jump (mepc = the jump, mtval = the target) */
    {
        uint32_t target;

        __asm__ volatile("la %1, 2f\n addi %1, %1, 2\n la %0, 1f\n"
                         "1: jr %1\n2: nop\n nop"
                         : "=&r"(at), "=&r"(target) :: "memory");
        expect_trap(MCAUSE_INSN_MISALIGNED, at, target, "misaligned jump target");
    }

    /* fetches outside the code memory: the data RAM and past the end */
    resume_at_ra = 1;
    {
        static const uint32_t targets[] = { 0x10000000u, 0x00040000u, UNMAPPED };

        for (unsigned i = 0; i < sizeof targets / sizeof targets[0]; i++) {
            void (*fn)(void) = (void (*)(void))(uintptr_t)targets[i];

            fn();
            expect_trap(MCAUSE_INSN_FAULT, targets[i], targets[i], "fetch outside code memory");
        }
    }
    resume_at_ra = 0;

    /* a trap inside a loop leaves the loop's registers alone */
    {
        uint32_t sum = 0;

        for (uint32_t i = 0; i < 10; i++) {
            __asm__ volatile("ecall" ::: "memory", "a0", "a1");
            sum += i;
        }
        CHECK_EQ(sum, 45);
        CHECK_EQ(ntraps, 10);
        ntraps = 0;
    }

    trap_set_exception_handler(NULL);
    return fwtest_done("trap");
}
