/* Trap handling: crt0.S saves the caller-saved registers into a
 * struct trap_frame and calls trap_dispatch(), which hands interrupts to the
 * handler registered for their cause and exceptions to the exception
 * handler. See docs/firmware.md, "Traps". */
#ifndef OBTI_TRAP_H
#define OBTI_TRAP_H

#include <stddef.h>
#include <stdint.h>

#include "trap_frame.h"

/* Interrupt causes (mcause without the interrupt bit) */
#define TRAP_IRQ_SOFT      3u    /* mip.MSIP: timer block MSIP register */
#define TRAP_IRQ_TIMER     7u    /* mip.MTIP: mtime >= mtimecmp */
#define TRAP_IRQ_EXTERNAL 11u    /* mip.MEIP: interrupt controller (irq.h) */
#define TRAP_NUM_IRQ      32u

/* Exit codes of the default handlers (the simulator's exit status). */
#define TRAP_EXIT_EXCEPTION(mcause) (0x80u | ((mcause) & 0x1fu))
#define TRAP_EXIT_UNHANDLED_IRQ(cause) (0xc0u | ((cause) & 0x1fu))

/* The registers saved on entry. A handler may change any of them; the
 * changed values are restored on return (mepc is where mret goes). */
struct trap_frame {
    uint32_t ra, t0, t1, t2;
    uint32_t a0, a1, a2, a3, a4, a5, a6, a7;
    uint32_t t3, t4, t5, t6;
    uint32_t mepc;
    uint32_t mstatus;   /* as on entry: MIE 0, MPIE the interrupted MIE */
    uint32_t pad[2];
};

_Static_assert(offsetof(struct trap_frame, a0) == TF_A0, "trap frame layout");
_Static_assert(offsetof(struct trap_frame, t6) == TF_T6, "trap frame layout");
_Static_assert(offsetof(struct trap_frame, mepc) == TF_MEPC, "trap frame layout");
_Static_assert(offsetof(struct trap_frame, mstatus) == TF_MSTATUS, "trap frame layout");
_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "trap frame layout");

typedef void (*trap_irq_handler_fn)(void *arg);
typedef void (*trap_exception_handler_fn)(struct trap_frame *frame,
                                          uint32_t mcause, uint32_t mtval);

/* Handler for interrupt cause (< TRAP_NUM_IRQ); NULL removes it. The
 * handler must clear its source (or mask it in mie) before returning or
 * before re-enabling interrupts (cpu_irq_enable()) to allow nesting.
 * Enabling the source in mie is the caller's business (cpu_mie_set()).
 * Returns 0 or OBTI_EINVAL. */
int trap_set_irq_handler(unsigned cause, trap_irq_handler_fn fn, void *arg);

/* Handler for all exceptions; NULL restores trap_default_exception.
 * Returns the previous handler. To resume after the faulting instruction
 * the handler calls trap_skip_insn(frame). */
trap_exception_handler_fn trap_set_exception_handler(trap_exception_handler_fn fn);

/* The default exception handler: prints cause, mepc and mtval on stderr
 * and exits with TRAP_EXIT_EXCEPTION(mcause). */
void trap_default_exception(struct trap_frame *frame, uint32_t mcause, uint32_t mtval);

/* Resume after the instruction at frame->mepc (all are 4 bytes: no C). */
static inline void trap_skip_insn(struct trap_frame *frame) { frame->mepc += 4; }

/* Called by trap_entry only. */
void trap_dispatch(uint32_t mcause, uint32_t mepc, uint32_t mtval,
                   struct trap_frame *frame);

#endif /* OBTI_TRAP_H */
