/* UART driver against the simulator's UART models (docs/simulation.md):
 * uart_init rejects bit periods outside 4..65535; uart_try_putc reports
 * OBTI_EAGAIN once the 16-byte TX FIFO and the shifter are full, and every
 * accepted byte is transmitted (uart/expect checks them on stdout). On the
 * receive side the simulator sends the 36 bytes of uart/sim-args without
 * being read, so the FIFO keeps the first 16 and the rest are lost:
 * uart_try_getc first reports OBTI_EIO (overrun), then yields those 16
 * bytes in order, then OBTI_EAGAIN. */
#include <stdint.h>
#include <stdio.h>

#include "fw.h"
#include "fwtest.h"
#include "obti_err.h"
#include "timer.h"
#include "uart.h"

#define RX_TEXT "0123456789abcdefghijklmnopqrstuvwxyz"

int main(void)
{
    static const char fill[] = "FIFO-FILL-0123456789abcdefghijklmnopqrstuvwxyz";
    unsigned pushed = 0, drained_max;
    uint64_t t0, t1;
    int c;

    CHECK_EQ(uart_init(3), OBTI_EINVAL);
    CHECK_EQ(uart_init(0x10000), OBTI_EINVAL);
    CHECK_EQ(uart_init(fw_console_div()), 0);

    /* TX: push until the FIFO refuses */
    uart_flush();
    t0 = timer_now();
    while (fill[pushed] && uart_try_putc((uint8_t)fill[pushed]) == 0)
        pushed++;
    t1 = timer_now();
    CHECK(fill[pushed] != '\0');                    /* it did refuse */
    /* 16 in the FIFO, one in the shifter, plus what left the line while
     * the loop ran (10 bit periods per byte) */
    drained_max = (unsigned)((t1 - t0) / (10u * fw_console_div())) + 1;
    CHECK(pushed >= 16 && pushed <= 16 + 1 + drained_max);
    uart_flush();
    printf("\npushed %u bytes before OBTI_EAGAIN\n", pushed);

    /* RX: 36 bytes arrive from the simulator; wait for all of them (each
     * takes 14 bit periods) without reading */
    timer_delay_cycles(4000 + 36 * 14 * (uint64_t)fw_console_div() * 2);
    CHECK_EQ(uart_try_getc(), OBTI_EIO);
    for (unsigned i = 0; i < 16; i++) {
        c = uart_try_getc();
        if (!CHECK_EQ(c, RX_TEXT[i]))
            break;
    }
    CHECK_EQ(uart_try_getc(), OBTI_EAGAIN);
    CHECK_EQ(uart_take_errors(), 0);
    return fwtest_done("uart");
}
