/* C side of the trap flow: dispatch interrupts to registered handlers and
 * exceptions to the exception handler. */
#include "trap.h"

#include <stdio.h>
#include <stdlib.h>

#include "cpu.h"
#include "obti_err.h"

struct trap_irq_slot {
    trap_irq_handler_fn fn;
    void *arg;
};

/* The handler tables: the only state of the trap layer. */
static struct trap_irq_slot trap_irq_slots[TRAP_NUM_IRQ];
static trap_exception_handler_fn trap_exception_handler = trap_default_exception;

int trap_set_irq_handler(unsigned cause, trap_irq_handler_fn fn, void *arg)
{
    uint32_t saved;

    if (cause >= TRAP_NUM_IRQ)
        return OBTI_EINVAL;
    /* Never let the interrupt see a half-written slot. */
    saved = cpu_irq_save();
    trap_irq_slots[cause].fn = fn;
    trap_irq_slots[cause].arg = arg;
    cpu_irq_restore(saved);
    return OBTI_OK;
}

trap_exception_handler_fn trap_set_exception_handler(trap_exception_handler_fn fn)
{
    trap_exception_handler_fn old = trap_exception_handler;

    trap_exception_handler = fn ? fn : trap_default_exception;
    return old;
}

static const char *trap_exception_name(uint32_t mcause)
{
    switch (mcause) {
    case MCAUSE_INSN_MISALIGNED:  return "instruction address misaligned";
    case MCAUSE_INSN_FAULT:       return "instruction access fault";
    case MCAUSE_ILLEGAL_INSN:     return "illegal instruction";
    case MCAUSE_BREAKPOINT:       return "breakpoint";
    case MCAUSE_LOAD_MISALIGNED:  return "load address misaligned";
    case MCAUSE_LOAD_FAULT:       return "load access fault";
    case MCAUSE_STORE_MISALIGNED: return "store address misaligned";
    case MCAUSE_STORE_FAULT:      return "store access fault";
    case MCAUSE_ECALL_M:          return "environment call from M-mode";
    default:                      return "unknown exception";
    }
}

void trap_default_exception(struct trap_frame *frame, uint32_t mcause, uint32_t mtval)
{
    fprintf(stderr, "\ntrap: %s: mcause=0x%08lx mepc=0x%08lx mtval=0x%08lx ra=0x%08lx\n",
            trap_exception_name(mcause), (unsigned long)mcause,
            (unsigned long)frame->mepc, (unsigned long)mtval,
            (unsigned long)frame->ra);
    exit((int)TRAP_EXIT_EXCEPTION(mcause));
}

static void trap_unhandled_irq(uint32_t cause, const struct trap_frame *frame)
{
    /* Returning would take the same interrupt again at once. */
    fprintf(stderr, "\ntrap: unhandled interrupt %lu at mepc=0x%08lx\n",
            (unsigned long)cause, (unsigned long)frame->mepc);
    exit((int)TRAP_EXIT_UNHANDLED_IRQ(cause));
}

void trap_dispatch(uint32_t mcause, uint32_t mepc, uint32_t mtval,
                   struct trap_frame *frame)
{
    (void)mepc;   /* also in frame->mepc, which is what mret uses */

    if (mcause & MCAUSE_INTERRUPT) {
        uint32_t cause = mcause & ~MCAUSE_INTERRUPT;

        if (cause < TRAP_NUM_IRQ && trap_irq_slots[cause].fn)
            trap_irq_slots[cause].fn(trap_irq_slots[cause].arg);
        else
            trap_unhandled_irq(cause, frame);
    } else {
        trap_exception_handler(frame, mcause, mtval);
    }
}
