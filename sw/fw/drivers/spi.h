/* SLIC control-port SPI master driver (docs/registers/spi.md): one ProSLIC
 * register access per call, the SLIC's RESET_N and INT lines. */
#ifndef OBTI_SPI_H
#define OBTI_SPI_H

#include <stdint.h>

/* SCLK half period and CS gap in system clock cycles for the given clocks
 * (the Si3210 allows SCLK up to 16.384 MHz and needs CS high >= 220 ns). */
int spi_init(uint32_t clk_hz, uint32_t sclk_hz);

/* Write / read one 8-bit register of the SLIC on chip select cs. Return 0
 * (spi_read: the byte, 0..255) or OBTI_EINVAL (reg > 127) or
 * OBTI_ETIMEDOUT when the engine does not finish. */
int spi_write(unsigned cs, uint8_t reg, uint8_t val);
int spi_read(unsigned cs, uint8_t reg);

/* RESET_N output level (0 = hold the SLIC in reset). */
void spi_slic_reset(int assert_reset);

/* 1 while the SLIC's INT_N is asserted. */
int spi_slic_int(void);

/* Interrupt enables: SPI_IE_DONE_MASK, SPI_IE_INT_MASK (regs_spi.h). */
void spi_irq_enable(uint32_t mask);
void spi_irq_disable(uint32_t mask);

#endif /* OBTI_SPI_H */
