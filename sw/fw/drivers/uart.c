/* UART driver: polled transmit and receive over the FIFOs. */
#include "uart.h"

#include <obti/regs_uart.h>

#include "cpu.h"
#include "obti_err.h"

static inline uint32_t uart_rd(uint32_t off) { return mmio_read32(UART_BASE + off); }
static inline void uart_wr(uint32_t off, uint32_t v) { mmio_write32(UART_BASE + off, v); }

int uart_init(uint32_t div)
{
    if (div < UART_DIV_MIN || div > UART_DIV_MAX)
        return OBTI_EINVAL;
    /* A byte still in flight would be garbled by a new bit period. */
    uart_flush();
    uart_wr(UART_IE, 0);
    uart_wr(UART_DIV, div);
    uart_wr(UART_STATUS, UART_STATUS_RXOVERRUN_MASK | UART_STATUS_RXFRAME_MASK);
    return OBTI_OK;
}

int uart_try_putc(uint8_t c)
{
    if (uart_rd(UART_STATUS) & UART_STATUS_TXFULL_MASK)
        return OBTI_EAGAIN;
    uart_wr(UART_DATA, c);
    return OBTI_OK;
}

int uart_putc(uint8_t c)
{
    while (uart_try_putc(c) != OBTI_OK)
        ;
    return OBTI_OK;
}

void uart_flush(void)
{
    while (!(uart_rd(UART_STATUS) & UART_STATUS_TXIDLE_MASK))
        ;
}

uint32_t uart_take_errors(void)
{
    uint32_t st = uart_rd(UART_STATUS);
    uint32_t sticky = st & (UART_STATUS_RXOVERRUN_MASK | UART_STATUS_RXFRAME_MASK);
    uint32_t err = 0;

    if (sticky == 0)
        return 0;
    uart_wr(UART_STATUS, sticky);   /* write 1 to clear just those seen */
    if (sticky & UART_STATUS_RXOVERRUN_MASK)
        err |= UART_ERR_OVERRUN;
    if (sticky & UART_STATUS_RXFRAME_MASK)
        err |= UART_ERR_FRAME;
    return err;
}

int uart_try_getc(void)
{
    uint32_t d;

    if (uart_take_errors() != 0)
        return OBTI_EIO;
    /* One read of DATA pops the FIFO and tells whether it was empty. */
    d = uart_rd(UART_DATA);
    if (d & UART_DATA_EMPTY_MASK)
        return OBTI_EAGAIN;
    return (int)(d & UART_DATA_BYTE_MASK);
}

int uart_getc(void)
{
    int c;

    while ((c = uart_try_getc()) == OBTI_EAGAIN)
        ;
    return c;
}

void uart_irq_enable(uint32_t mask)
{
    uart_wr(UART_IE, uart_rd(UART_IE) | (mask & (UART_IE_RX_MASK | UART_IE_TX_MASK)));
}

void uart_irq_disable(uint32_t mask)
{
    uart_wr(UART_IE, uart_rd(UART_IE) & ~mask);
}
