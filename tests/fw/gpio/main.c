/* GPIO driver (docs/registers/gpio.md): OUT reads back what was written on
 * the implemented pins (at least LED 0) and the set/clear/toggle helpers
 * change only their mask; IP is write-1-to-clear; with no input changing
 * in the simulation, IP stays 0 and so does the GPIO interrupt line. */
#include <stdint.h>

#include <obti/regs_gpio.h>

#include "fwtest.h"
#include "gpio.h"
#include "irq.h"

int main(void)
{
    uint32_t width_mask;

    gpio_write(0xffffffffu);
    width_mask = gpio_read_out();            /* implemented output pins */
    CHECK(width_mask & 1u);
    gpio_write(0);
    CHECK_EQ(gpio_read_out(), 0);
    gpio_set(1u);
    CHECK_EQ(gpio_read_out(), 1u);
    gpio_toggle(width_mask);
    CHECK_EQ(gpio_read_out(), width_mask & ~1u);
    gpio_clear(width_mask);
    CHECK_EQ(gpio_read_out(), 0);

    gpio_irq_clear(0xffffffffu);
    CHECK_EQ(gpio_irq_pending(), 0);
    gpio_irq_enable(0xffffffffu);
    CHECK_EQ(irq_pending() & (1u << GPIO_IRQ), 0);
    gpio_irq_disable(0xffffffffu);
    return fwtest_done("gpio");
}
