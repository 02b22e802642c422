/* GPIO driver. */
#include "gpio.h"

#include <obti/regs_gpio.h>

#include "cpu.h"

static inline uint32_t gpio_rd(uint32_t off) { return mmio_read32(GPIO_BASE + off); }
static inline void gpio_wr(uint32_t off, uint32_t v) { mmio_write32(GPIO_BASE + off, v); }

void gpio_write(uint32_t levels) { gpio_wr(GPIO_OUT, levels); }
uint32_t gpio_read_out(void)     { return gpio_rd(GPIO_OUT); }
void gpio_set(uint32_t mask)     { gpio_wr(GPIO_OUT, gpio_rd(GPIO_OUT) | mask); }
void gpio_clear(uint32_t mask)   { gpio_wr(GPIO_OUT, gpio_rd(GPIO_OUT) & ~mask); }
void gpio_toggle(uint32_t mask)  { gpio_wr(GPIO_OUT, gpio_rd(GPIO_OUT) ^ mask); }
uint32_t gpio_read(void)         { return gpio_rd(GPIO_IN); }

void gpio_irq_enable(uint32_t mask)  { gpio_wr(GPIO_IE, gpio_rd(GPIO_IE) | mask); }
void gpio_irq_disable(uint32_t mask) { gpio_wr(GPIO_IE, gpio_rd(GPIO_IE) & ~mask); }
uint32_t gpio_irq_pending(void)      { return gpio_rd(GPIO_IP); }
void gpio_irq_clear(uint32_t mask)   { gpio_wr(GPIO_IP, mask); }
