/* Interrupt-controller driver (docs/registers/irq.md): level-sensitive
 * peripheral lines into mip.MEIP, one handler per line. */
#ifndef OBTI_IRQ_H
#define OBTI_IRQ_H

#include <stdint.h>

#define IRQ_NUM_LINES 32u

typedef void (*irq_handler_fn)(void *arg);

/* Disable every line, install the MEIP dispatcher with the trap layer and
 * enable mie.MEIE. Interrupts still need cpu_irq_enable(). Returns 0. */
int irq_init(void);

/* Handler for a line (< IRQ_NUM_LINES); NULL removes it. The handler must
 * clear the condition in its device, since the lines are levels. Returns 0
 * or OBTI_EINVAL. */
int irq_set_handler(unsigned line, irq_handler_fn fn, void *arg);

/* Enable or disable one line in ENABLE. Returns 0 or OBTI_EINVAL. */
int irq_enable(unsigned line);
int irq_disable(unsigned line);

/* Raw line levels (PENDING) and enabled pending lines (ACTIVE). */
uint32_t irq_pending(void);
uint32_t irq_active(void);

/* Lines that were active without a handler: the dispatcher disables such a
 * line (it would interrupt forever) and counts it here. */
uint32_t irq_unhandled_count(void);

#endif /* OBTI_IRQ_H */
