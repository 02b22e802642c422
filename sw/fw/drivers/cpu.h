/* The core itself: CSR access, 64-bit counters, interrupt enable, wfi and
 * memory-mapped register access. Header only; everything is inline. */
#ifndef OBTI_CPU_H
#define OBTI_CPU_H

#include <stdint.h>

/* mstatus, mie and mip bits (RISC-V privileged spec, machine mode) */
#define MSTATUS_MIE   (1u << 3)
#define MSTATUS_MPIE  (1u << 7)
#define MIP_MSIP      (1u << 3)
#define MIP_MTIP      (1u << 7)
#define MIP_MEIP      (1u << 11)
#define MIE_MSIE      MIP_MSIP
#define MIE_MTIE      MIP_MTIP
#define MIE_MEIE      MIP_MEIP

/* mcause values */
#define MCAUSE_INTERRUPT       0x80000000u
#define MCAUSE_INSN_MISALIGNED 0u
#define MCAUSE_INSN_FAULT      1u
#define MCAUSE_ILLEGAL_INSN    2u
#define MCAUSE_BREAKPOINT      3u
#define MCAUSE_LOAD_MISALIGNED 4u
#define MCAUSE_LOAD_FAULT      5u
#define MCAUSE_STORE_MISALIGNED 6u
#define MCAUSE_STORE_FAULT     7u
#define MCAUSE_ECALL_M         11u

/* CSR access by name: csr_read(mstatus), csr_write(mtvec, x), ... The name
 * is pasted into the instruction, so it must be a literal CSR name. */
#define csr_read(csr) __extension__({                                   \
    uint32_t csr_v_;                                                    \
    __asm__ volatile("csrr %0, " #csr : "=r"(csr_v_));                  \
    csr_v_; })
#define csr_write(csr, val) \
    __asm__ volatile("csrw " #csr ", %0" : : "rK"((uint32_t)(val)) : "memory")
#define csr_set(csr, bits) \
    __asm__ volatile("csrs " #csr ", %0" : : "rK"((uint32_t)(bits)) : "memory")
#define csr_clear(csr, bits) \
    __asm__ volatile("csrc " #csr ", %0" : : "rK"((uint32_t)(bits)) : "memory")
#define csr_read_clear(csr, bits) __extension__({                       \
    uint32_t csr_v_;                                                    \
    __asm__ volatile("csrrc %0, " #csr ", %1"                           \
                     : "=r"(csr_v_) : "rK"((uint32_t)(bits)) : "memory"); \
    csr_v_; })

/* 64-bit cycle count: high, low, high again, retry if the low word wrapped
 * between the two reads of the high word. */
static inline uint64_t cpu_cycles(void)
{
    uint32_t hi, lo, hi2;
    do {
        hi  = csr_read(mcycleh);
        lo  = csr_read(mcycle);
        hi2 = csr_read(mcycleh);
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

/* 64-bit count of retired instructions, read like cpu_cycles(). */
static inline uint64_t cpu_instret(void)
{
    uint32_t hi, lo, hi2;
    do {
        hi  = csr_read(minstreth);
        lo  = csr_read(minstret);
        hi2 = csr_read(minstreth);
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

/* Global machine interrupt enable (mstatus.MIE). */
static inline void cpu_irq_enable(void)  { csr_set(mstatus, MSTATUS_MIE); }
static inline void cpu_irq_disable(void) { csr_clear(mstatus, MSTATUS_MIE); }

/* Disable interrupts and return the previous state for cpu_irq_restore(),
 * for critical sections that may nest. */
static inline uint32_t cpu_irq_save(void)
{
    return csr_read_clear(mstatus, MSTATUS_MIE) & MSTATUS_MIE;
}
static inline void cpu_irq_restore(uint32_t saved)
{
    if (saved & MSTATUS_MIE)
        csr_set(mstatus, MSTATUS_MIE);
}

/* Per-source enables in mie (MIE_MSIE, MIE_MTIE, MIE_MEIE). */
static inline void cpu_mie_set(uint32_t bits)   { csr_set(mie, bits); }
static inline void cpu_mie_clear(uint32_t bits) { csr_clear(mie, bits); }

/* Wait for an interrupt; returns at once if one is pending (even when
 * mstatus.MIE is 0, as the spec requires). */
static inline void cpu_wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

/* Make stores to the code memory visible to instruction fetch. */
static inline void cpu_fence_i(void) { __asm__ volatile("fence.i" ::: "memory"); }

/* Peripheral registers: 32-bit accesses only (docs/memory-map.md). */
static inline uint32_t mmio_read32(uint32_t addr)
{
    return *(volatile uint32_t *)(uintptr_t)addr;
}
static inline void mmio_write32(uint32_t addr, uint32_t val)
{
    *(volatile uint32_t *)(uintptr_t)addr = val;
}

#endif /* OBTI_CPU_H */
