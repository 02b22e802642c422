/* The firmware's memory image (sw/fw/link.ld, docs/memory-map.md): crt0
 * put _start at the reset vector and the trap entry in the read-only
 * region, copied .data from its load address in the code memory, zeroed
 * .bss, pointed tp at the TLS block (picolibc's errno lives there) and
 * gp at the small data; the code memory above the read-only region is
 * writable from the data port and fence.i makes such a write visible to
 * instruction fetch (docs/bus.md); byte and halfword stores to the data
 * RAM touch only their lanes. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cpu.h"
#include "fwtest.h"

extern char _start[], trap_entry[], __rom_end[];
extern char __data_start[], __data_end[], __data_source[];
extern char __bss_start[], __bss_end[], __tls_base[], __global_pointer$[];
extern char __heap_start[], __heap_end[], __stack[];

#define ROM_BYTES  (16u * 1024u)
#define CODE_BYTES (256u * 1024u)
#define RAM_BASE   0x10000000u
#define RAM_BYTES  (64u * 1024u)

static volatile uint32_t initialised = 0x12345678u;   /* .data */
static volatile uint32_t zeroed[16];                  /* .bss */

/* Two instructions, li a0, 1 and ret, overwritten below. */
__attribute__((noinline, aligned(4))) static uint32_t patch_target(void)
{
    return 1;
}

static uint32_t addr(const void *p) { return (uint32_t)(uintptr_t)p; }

int main(void)
{
    uint32_t (*volatile call)(void) = patch_target;
    volatile uint32_t *code = (volatile uint32_t *)(uintptr_t)patch_target;
    uint32_t orig, tp, gp;

    /* layout */
    CHECK_EQ(addr(_start), 0);
    CHECK(addr(trap_entry) < ROM_BYTES && addr(__rom_end) <= ROM_BYTES);
    CHECK_EQ(csr_read(mtvec), addr(trap_entry));
    CHECK(addr(patch_target) >= ROM_BYTES && addr(patch_target) < CODE_BYTES);
    CHECK(addr(__data_source) >= ROM_BYTES && addr(__data_source) < CODE_BYTES);
    CHECK(addr(__data_start) == RAM_BASE);
    CHECK(addr(__heap_start) >= addr(__bss_end) && addr(__heap_end) <= addr(__stack));
    CHECK_EQ(addr(__stack), RAM_BASE + RAM_BYTES);

    /* crt0's work */
    CHECK_EQ(initialised, 0x12345678u);
    {
        unsigned all_zero = 1;

        for (unsigned i = 0; i < 16; i++)
            all_zero &= zeroed[i] == 0;
        CHECK(all_zero);
    }
    __asm__ volatile("mv %0, tp\n mv %1, gp" : "=r"(tp), "=r"(gp));
    CHECK_EQ(tp, addr(__tls_base));
    CHECK_EQ(gp, addr(__global_pointer$));
    errno = 0;
    (void)strtol("99999999999999999999", NULL, 10);
    CHECK_EQ(errno, ERANGE);                 /* TLS errno works */

    /* self-modifying code: li a0, 1 -> li a0, 42 */
    orig = code[0];
    CHECK_EQ(orig, 0x00100513u);             /* addi a0, zero, 1 */
    CHECK_EQ(call(), 1);
    code[0] = 0x02a00513u;                   /* addi a0, zero, 42 */
    cpu_fence_i();
    CHECK_EQ(call(), 42);
    code[0] = orig;
    cpu_fence_i();
    CHECK_EQ(call(), 1);

    /* byte and halfword lanes in the data RAM */
    {
        static volatile uint32_t w;
        volatile uint8_t *b = (volatile uint8_t *)&w;
        volatile uint16_t *h = (volatile uint16_t *)&w;

        w = 0x11223344u;
        b[1] = 0xaa;
        CHECK_EQ(w, 0x1122aa44u);
        h[1] = 0xbbcc;
        CHECK_EQ(w, 0xbbccaa44u);
        CHECK_EQ(b[3], 0xbb);
        CHECK_EQ(h[0], 0xaa44);
    }
    return fwtest_done("memory");
}
