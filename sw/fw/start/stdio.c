/* picolibc stdio on the console UART: stdin, stdout and stderr are one
 * unbuffered stream (picolibc 1.8 tinystdio, FDEV_SETUP_STREAM). No CR is
 * added before LF; set the terminal to map LF to CRLF. */
#include <stdio.h>

#include "uart.h"

static int stdio_uart_put(char c, FILE *f)
{
    (void)f;
    uart_putc((uint8_t)c);
    return (unsigned char)c;
}

static int stdio_uart_get(FILE *f)
{
    int c;

    (void)f;
    c = uart_getc();
    return c < 0 ? _FDEV_ERR : c;
}

static int stdio_uart_flush(FILE *f)
{
    (void)f;
    uart_flush();
    return 0;
}

static FILE stdio_uart = FDEV_SETUP_STREAM(stdio_uart_put, stdio_uart_get,
                                           stdio_uart_flush, _FDEV_SETUP_RW);

FILE *const stdin = &stdio_uart;
FILE *const stdout = &stdio_uart;
FILE *const stderr = &stdio_uart;
