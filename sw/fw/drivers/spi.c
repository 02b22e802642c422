/* SLIC control-port SPI master driver. */
#include "spi.h"

#include <obti/regs_spi.h>

#include "cpu.h"
#include "obti_err.h"

static inline uint32_t spi_rd(uint32_t off) { return mmio_read32(SPI_BASE + off); }
static inline void spi_wr(uint32_t off, uint32_t v) { mmio_write32(SPI_BASE + off, v); }

#define SPI_SPIN_LIMIT 100000u  /* far beyond 16 bits at the slowest clock */

int spi_init(uint32_t clk_hz, uint32_t sclk_hz)
{
    if (sclk_hz == 0 || sclk_hz > 16384000u || clk_hz < 2u * sclk_hz) return OBTI_EINVAL;
    uint32_t half = (clk_hz + 2u * sclk_hz - 1u) / (2u * sclk_hz);      /* round down the clock */
    uint32_t gap = (uint32_t)(((uint64_t)clk_hz * 250u + 999999999u) / 1000000000u); /* >= 250 ns */
    if (half > 0xffffu || gap > 0xffffu) return OBTI_EINVAL;
    if (gap == 0) gap = 1;
    spi_wr(SPI_CLK, (gap << SPI_CLK_GAP_SHIFT) | (half << SPI_CLK_HALF_SHIFT));
    spi_wr(SPI_STATUS, SPI_STATUS_DONE_MASK);
    return 0;
}

static int spi_access(unsigned cs, uint32_t cmd)
{
    uint32_t n = 0;
    while (spi_rd(SPI_STATUS) & SPI_STATUS_BUSY_MASK)
        if (++n > SPI_SPIN_LIMIT) return OBTI_ETIMEDOUT;
    spi_wr(SPI_STATUS, SPI_STATUS_DONE_MASK);
    spi_wr(SPI_CMD, cmd | (cs << SPI_CMD_CS_SHIFT));
    n = 0;
    uint32_t st;
    while (!((st = spi_rd(SPI_STATUS)) & SPI_STATUS_DONE_MASK))
        if (++n > SPI_SPIN_LIMIT) return OBTI_ETIMEDOUT;
    return (int)((st & SPI_STATUS_RDATA_MASK) >> SPI_STATUS_RDATA_SHIFT);
}

int spi_write(unsigned cs, uint8_t reg, uint8_t val)
{
    if (reg > 127u || cs > 3u) return OBTI_EINVAL;
    int r = spi_access(cs, reg | ((uint32_t)val << SPI_CMD_DATA_SHIFT));
    return r < 0 ? r : 0;
}

int spi_read(unsigned cs, uint8_t reg)
{
    if (reg > 127u || cs > 3u) return OBTI_EINVAL;
    return spi_access(cs, 0x80u | reg);
}

void spi_slic_reset(int assert_reset) { spi_wr(SPI_SLIC, assert_reset ? 0 : SPI_SLIC_RESET_N_MASK); }
int spi_slic_int(void) { return (spi_rd(SPI_SLIC) & SPI_SLIC_INT_MASK) != 0; }
void spi_irq_enable(uint32_t mask) { spi_wr(SPI_IE, spi_rd(SPI_IE) | mask); }
void spi_irq_disable(uint32_t mask) { spi_wr(SPI_IE, spi_rd(SPI_IE) & ~mask); }
