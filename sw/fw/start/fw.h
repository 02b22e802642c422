/* Run-time glue between crt0, the drivers and picolibc: console settings
 * and the start-up hook. */
#ifndef OBTI_FW_H
#define OBTI_FW_H

#include <stdint.h>

/* Console baud rate on a board. */
#ifndef FW_BAUD
#define FW_BAUD 115200u
#endif

/* Console bit period in the simulator: the UART's minimum is 4; 8 cycles
 * keeps the simulated transmitter fast without stressing the decoder. */
#ifndef FW_SIM_UART_DIV
#define FW_SIM_UART_DIV 8u
#endif

/* Bit period the console uses here: FW_SIM_UART_DIV in the simulator,
 * FW_BAUD at SYSCLK_HZ on a board. */
uint32_t fw_console_div(void);

/* Called by crt0 after .data/.bss are set up and before constructors and
 * main(): programs the console UART. */
void fw_init(void);

#endif /* OBTI_FW_H */
