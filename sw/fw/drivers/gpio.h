/* GPIO driver (docs/registers/gpio.md): output levels (LEDs), synchronized
 * inputs (buttons), change interrupts on interrupt-controller line GPIO_IRQ. */
#ifndef OBTI_GPIO_H
#define OBTI_GPIO_H

#include <stdint.h>

/* Output levels: set all, read back, set or clear selected pins. The
 * read-modify-write helpers are not atomic against interrupt handlers that
 * also drive outputs. */
void gpio_write(uint32_t levels);
uint32_t gpio_read_out(void);
void gpio_set(uint32_t mask);
void gpio_clear(uint32_t mask);
void gpio_toggle(uint32_t mask);

/* Input levels. */
uint32_t gpio_read(void);

/* Change interrupts: enable per input, read and clear the sticky change bits. */
void gpio_irq_enable(uint32_t mask);
void gpio_irq_disable(uint32_t mask);
uint32_t gpio_irq_pending(void);
void gpio_irq_clear(uint32_t mask);

#endif /* OBTI_GPIO_H */
