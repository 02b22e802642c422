/* Simulation-control driver. */
#include "sim.h"

#include <obti/regs_simctrl.h>

#include "cpu.h"

bool sim_present(void)
{
    return (mmio_read32(SIMCTRL_BASE + SIMCTRL_SIM) & SIMCTRL_SIM_SIM_MASK) != 0;
}

void sim_exit(uint32_t code)
{
    cpu_irq_disable();
    mmio_write32(SIMCTRL_BASE + SIMCTRL_EXIT, code);
    for (;;)
        cpu_wfi();
}
