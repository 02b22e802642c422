/* Start-up hook and the picolibc exit hook: console set-up before main(),
 * UART drain and simulation exit after it. */
#include "fw.h"

#include <unistd.h>

#include "sim.h"
#include "timer.h"
#include "uart.h"

uint32_t fw_console_div(void)
{
    return sim_present() ? FW_SIM_UART_DIV : uart_div_for(SYSCLK_HZ, FW_BAUD);
}

void fw_init(void)
{
    /* Cannot fail: both values are within the UART's range. */
    (void)uart_init(fw_console_div());
}

/* picolibc's exit() ends here, after atexit handlers and destructors. The
 * simulation stops in the cycle EXIT is written, so drain the UART first
 * or the last line would be lost. */
void _exit(int status)
{
    uart_flush();
    sim_exit((uint32_t)status);
}
