/* Interrupt-controller driver: dispatches mip.MEIP to per-line handlers,
 * lowest active line first. */
#include "irq.h"

#include <obti/regs_irq.h>

#include "cpu.h"
#include "obti_err.h"
#include "trap.h"

struct irq_slot {
    irq_handler_fn fn;
    void *arg;
};

/* Handler table and the count of lines that fired without a handler. */
static struct irq_slot irq_slots[IRQ_NUM_LINES];
static volatile uint32_t irq_unhandled;

static inline uint32_t irq_rd(uint32_t off) { return mmio_read32(IRQ_BASE + off); }
static inline void irq_wr(uint32_t off, uint32_t v) { mmio_write32(IRQ_BASE + off, v); }

static void irq_dispatch(void *unused)
{
    uint32_t active;

    (void)unused;
    /* Serve lines until none is left, so one trap covers simultaneous lines. */
    while ((active = irq_rd(IRQ_ACTIVE)) != 0) {
        unsigned line = (unsigned)__builtin_ctz(active);

        if (irq_slots[line].fn) {
            irq_slots[line].fn(irq_slots[line].arg);
        } else {
            irq_wr(IRQ_ENABLE, irq_rd(IRQ_ENABLE) & ~(1u << line));
            irq_unhandled++;
        }
    }
}

int irq_init(void)
{
    irq_wr(IRQ_ENABLE, 0);
    trap_set_irq_handler(TRAP_IRQ_EXTERNAL, irq_dispatch, NULL);
    cpu_mie_set(MIE_MEIE);
    return OBTI_OK;
}

int irq_set_handler(unsigned line, irq_handler_fn fn, void *arg)
{
    uint32_t saved;

    if (line >= IRQ_NUM_LINES)
        return OBTI_EINVAL;
    saved = cpu_irq_save();
    irq_slots[line].fn = fn;
    irq_slots[line].arg = arg;
    cpu_irq_restore(saved);
    return OBTI_OK;
}

int irq_enable(unsigned line)
{
    uint32_t saved;

    if (line >= IRQ_NUM_LINES)
        return OBTI_EINVAL;
    saved = cpu_irq_save();
    irq_wr(IRQ_ENABLE, irq_rd(IRQ_ENABLE) | (1u << line));
    cpu_irq_restore(saved);
    return OBTI_OK;
}

int irq_disable(unsigned line)
{
    uint32_t saved;

    if (line >= IRQ_NUM_LINES)
        return OBTI_EINVAL;
    saved = cpu_irq_save();
    irq_wr(IRQ_ENABLE, irq_rd(IRQ_ENABLE) & ~(1u << line));
    cpu_irq_restore(saved);
    return OBTI_OK;
}

uint32_t irq_pending(void) { return irq_rd(IRQ_PENDING); }
uint32_t irq_active(void)  { return irq_rd(IRQ_ACTIVE); }
uint32_t irq_unhandled_count(void) { return irq_unhandled; }
