/* Simulation control (docs/registers/simctrl.md): is this the simulator,
 * and end the simulation with an exit code. Inert on a board. */
#ifndef OBTI_SIM_H
#define OBTI_SIM_H

#include <stdbool.h>
#include <stdint.h>

/* True when running in the Verilator simulation (SIMCTRL.SIM). */
bool sim_present(void);

/* End the simulation; the simulator exits with code & 0xff. On a board the
 * write is ignored and this spins with interrupts off. Does not flush the
 * UART: use exit(), which does. */
__attribute__((noreturn)) void sim_exit(uint32_t code);

#endif /* OBTI_SIM_H */
