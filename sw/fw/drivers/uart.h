/* UART driver (docs/registers/uart.md): 8N1, 16-byte FIFOs, bit period in
 * system clock cycles. */
#ifndef OBTI_UART_H
#define OBTI_UART_H

#include <stdint.h>

#define UART_DIV_MIN 4u
#define UART_DIV_MAX 0xffffu

/* Receive errors reported by uart_take_errors(). */
#define UART_ERR_OVERRUN 1u   /* a byte arrived while the RX FIFO was full */
#define UART_ERR_FRAME   2u   /* a byte had a bad stop bit and was dropped */

/* Bit period in clock cycles for a baud rate, rounded to nearest. */
static inline uint32_t uart_div_for(uint32_t clk_hz, uint32_t baud)
{
    return (clk_hz + baud / 2) / baud;
}

/* Set the bit period (UART_DIV_MIN..UART_DIV_MAX cycles) after the
 * transmitter has drained, disable UART interrupts and clear sticky receive
 * errors. Returns 0 or OBTI_EINVAL. */
int uart_init(uint32_t div);

/* Queue one byte, waiting while the TX FIFO is full. Returns 0. */
int uart_putc(uint8_t c);

/* Queue one byte if the TX FIFO has room: 0, or OBTI_EAGAIN when full. */
int uart_try_putc(uint8_t c);

/* Wait until every queued byte has left the transmitter. */
void uart_flush(void);

/* Next received byte (0..255), waiting for one; OBTI_EIO instead when bytes
 * were lost since the last call (the error is cleared: call again). */
int uart_getc(void);

/* Next received byte (0..255) if there is one, OBTI_EAGAIN when the RX FIFO
 * is empty, OBTI_EIO when bytes were lost (cleared as for uart_getc). */
int uart_try_getc(void);

/* Sticky receive errors (UART_ERR_*) since the last call; clears them. */
uint32_t uart_take_errors(void);

/* Interrupt enables: UART_IE_RX_MASK, UART_IE_TX_MASK (regs_uart.h). The
 * UART is interrupt-controller line UART_IRQ. */
void uart_irq_enable(uint32_t mask);
void uart_irq_disable(uint32_t mask);

#endif /* OBTI_UART_H */
