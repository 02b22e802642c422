/* mcycle and minstret (RISC-V privileged spec 3.1.11): minstret counts
 * exactly the retired instructions (a csrr reads the count before itself,
 * so N instructions between two reads give N + 1,
 * the first read included); mcycle counts at least
 * one cycle per retired instruction; both are writable 64-bit counters
 * whose low word carries into the high word; the 64-bit reads in cpu.h are
 * consistent. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu.h"
#include "fwtest.h"

int main(void)
{
    uint32_t i0, i1, c0, c1;
    uint64_t prev, now;
    unsigned mono = 1;

    /* 50 nops between the reads: 50 + the first csrr */
    __asm__ volatile("csrr %0, minstret\n csrr %1, mcycle\n"
                     ".rept 50\n nop\n .endr\n"
                     "csrr %3, mcycle\n csrr %2, minstret"
                     : "=&r"(i0), "=&r"(c0), "=&r"(i1), "=&r"(c1));
    printf("50 nops: minstret +%lu, mcycle +%lu\n",
           (unsigned long)(i1 - i0), (unsigned long)(c1 - c0));
    /* the first csrr minstret, csrr mcycle, 50 nops, csrr mcycle */
    CHECK_EQ(i1 - i0, 1 + 1 + 50 + 1);
    CHECK(c1 - c0 >= 51);

    /* a multiply/divide loop: still exact */
    {
        uint32_t a = 12345, b = 7, n = 20;

        __asm__ volatile("csrr %0, minstret\n"
                         "1: mul %2, %2, %3\n divu %2, %2, %3\n addi %4, %4, -1\n bnez %4, 1b\n"
                         "csrr %1, minstret"
                         : "=&r"(i0), "=&r"(i1), "+r"(a), "+r"(b), "+r"(n));
        CHECK_EQ(i1 - i0, 20 * 4 + 1);
        CHECK_EQ(a, 12345);
    }

    /* monotonic 64-bit reads */
    prev = cpu_cycles();
    for (unsigned k = 0; k < 100; k++) {
        now = cpu_cycles();
        mono &= now > prev;
        prev = now;
    }
    CHECK(mono);

    /* writable, with a carry into the high word */
    csr_write(minstret, 0);
    csr_write(minstreth, 7);
    csr_write(minstret, 0xffffffe0u);
    __asm__ volatile(".rept 40\n nop\n .endr");
    now = cpu_instret();
    CHECK_EQ(now >> 32, 8);
    CHECK((uint32_t)now < 0x40);

    csr_write(mcycle, 0);
    csr_write(mcycleh, 3);
    csr_write(mcycle, 0xffffff00u);
    __asm__ volatile(".rept 300\n nop\n .endr");
    now = cpu_cycles();
    CHECK_EQ(now >> 32, 4);
    CHECK((uint32_t)now < 0x1000);

    /* instret never runs ahead of cycles over a stretch of code */
    {
        uint64_t cy0 = cpu_cycles(), in0 = cpu_instret(), cy1, in1;
        volatile uint32_t sink = 0;

        for (unsigned k = 0; k < 1000; k++)
            sink += k;
        in1 = cpu_instret();
        cy1 = cpu_cycles();
        CHECK(cy1 - cy0 >= in1 - in0);
        CHECK(in1 - in0 >= 1000 * 3);
    }
    return fwtest_done("counters");
}
