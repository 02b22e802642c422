/* SPI flash driver: each command is one frame of the controller, data
 * through its 256-byte buffer; busy waiting by the controller's POLL. */
#include "spiflash.h"

#include <obti/regs_spiflash.h>

#include "cpu.h"
#include "obti_err.h"

static inline uint32_t sf_rd(uint32_t off) { return mmio_read32(SPIFLASH_BASE + off); }
static inline void sf_wr(uint32_t off, uint32_t v) { mmio_write32(SPIFLASH_BASE + off, v); }

/* Frame timeout for commands without a flash busy period: generous for a
 * 261-byte frame at the slowest SCK (2 * 255 cycles per bit). */
#define SPIFLASH_FRAME_TIMEOUT 2000000u

/* Wait until the controller is idle; on a deadline abort the frame. */
static int sf_wait(uint64_t timeout)
{
    uint64_t t0 = cpu_cycles();

    while (sf_rd(SPIFLASH_STATUS) & SPIFLASH_STATUS_BUSY_MASK) {
        if (cpu_cycles() - t0 > timeout) {
            sf_wr(SPIFLASH_CTRL, SPIFLASH_CTRL_ABORT_MASK);
            return OBTI_ETIMEDOUT;
        }
    }
    return OBTI_OK;
}

static int sf_start(uint32_t ctrl, uint64_t timeout)
{
    sf_wr(SPIFLASH_CTRL, ctrl | SPIFLASH_CTRL_START_MASK);
    return sf_wait(timeout);
}

static uint32_t sf_ctrl(uint8_t cmd, size_t len)
{
    return ((uint32_t)cmd << SPIFLASH_CTRL_CMD_SHIFT) |
           ((uint32_t)len << SPIFLASH_CTRL_LEN_SHIFT);
}

/* Buffer access by words where the bytes allow, by bytes otherwise. */
static void buf_load(const uint8_t *src, size_t len)
{
    size_t i = 0;

    for (; i + 4 <= len; i += 4)
        sf_wr(SPIFLASH_BUF + i, (uint32_t)src[i] | (uint32_t)src[i + 1] << 8 |
                                (uint32_t)src[i + 2] << 16 | (uint32_t)src[i + 3] << 24);
    if (i < len) {
        uint32_t w = 0;
        for (size_t k = 0; i + k < len; k++)
            w |= (uint32_t)src[i + k] << (8 * k);
        sf_wr(SPIFLASH_BUF + i, w);
    }
}

static void buf_store(uint8_t *dst, size_t len)
{
    for (size_t i = 0; i < len; i += 4) {
        uint32_t w = sf_rd(SPIFLASH_BUF + i);
        for (size_t k = 0; k < 4 && i + k < len; k++)
            dst[i + k] = (uint8_t)(w >> (8 * k));
    }
}

int spiflash_init(uint32_t div)
{
    if (div < 1 || div > 255)
        return OBTI_EINVAL;
    sf_wr(SPIFLASH_CTRL, SPIFLASH_CTRL_ABORT_MASK);
    sf_wr(SPIFLASH_IE, 0);
    sf_wr(SPIFLASH_DIV, div);
    sf_wr(SPIFLASH_STATUS, SPIFLASH_STATUS_DONE_MASK | SPIFLASH_STATUS_ERR_MASK);
    return OBTI_OK;
}

int spiflash_command(uint8_t cmd, int use_addr, uint32_t addr, int dummy,
                     const uint8_t *tx, uint8_t *rx, size_t len)
{
    uint32_t ctrl;
    int rc;

    if (len > SPIFLASH_PAGE_SIZE || addr >= SPIFLASH_ADDR_LIMIT || (len && !tx && !rx))
        return OBTI_EINVAL;
    ctrl = sf_ctrl(cmd, len);
    if (use_addr) {
        ctrl |= SPIFLASH_CTRL_ADDR_MASK;
        sf_wr(SPIFLASH_ADDR, addr);
    }
    if (dummy)
        ctrl |= SPIFLASH_CTRL_DUMMY_MASK;
    if (tx) {
        ctrl |= SPIFLASH_CTRL_WRITE_MASK;
        buf_load(tx, len);
    }
    rc = sf_start(ctrl, SPIFLASH_FRAME_TIMEOUT);
    if (rc == OBTI_OK && rx)
        buf_store(rx, len);
    return rc;
}

int spiflash_read_id(uint32_t *id)
{
    uint8_t b[3];
    int rc = spiflash_command(SPIFLASH_CMD_JEDEC_ID, 0, 0, 0, NULL, b, 3);

    if (rc == OBTI_OK)
        *id = (uint32_t)b[0] << 16 | (uint32_t)b[1] << 8 | b[2];
    return rc;
}

int spiflash_read_status(uint8_t *sr)
{
    return spiflash_command(SPIFLASH_CMD_READ_SR, 0, 0, 0, NULL, sr, 1);
}

int spiflash_read(uint32_t addr, void *buf, size_t len)
{
    uint8_t *p = buf;

    if (addr >= SPIFLASH_ADDR_LIMIT || len > SPIFLASH_ADDR_LIMIT - addr)
        return OBTI_EINVAL;
    while (len) {
        size_t n = len < SPIFLASH_PAGE_SIZE ? len : SPIFLASH_PAGE_SIZE;
        int rc = spiflash_command(SPIFLASH_CMD_FAST_READ, 1, addr, 1, NULL, p, n);
        if (rc)
            return rc;
        addr += n;
        p += n;
        len -= n;
    }
    return OBTI_OK;
}

/* Write enable, then check that the latch is set: a flash that is absent,
 * busy or write-protected leaves it clear. */
static int sf_write_enable(void)
{
    uint8_t sr;
    int rc = spiflash_command(SPIFLASH_CMD_WREN, 0, 0, 0, NULL, NULL, 0);

    if (rc == OBTI_OK)
        rc = spiflash_read_status(&sr);
    if (rc == OBTI_OK && (sr & (SPIFLASH_SR_WEL | SPIFLASH_SR_WIP)) != SPIFLASH_SR_WEL)
        rc = OBTI_EIO;
    return rc;
}

int spiflash_program(uint32_t addr, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    if (addr >= SPIFLASH_ADDR_LIMIT || len > SPIFLASH_ADDR_LIMIT - addr)
        return OBTI_EINVAL;
    while (len) {
        /* A page program wraps inside its page: stop at the boundary. */
        size_t room = SPIFLASH_PAGE_SIZE - (addr % SPIFLASH_PAGE_SIZE);
        size_t n = len < room ? len : room;
        int rc = sf_write_enable();
        if (rc)
            return rc;
        sf_wr(SPIFLASH_ADDR, addr);
        buf_load(p, n);
        rc = sf_start(sf_ctrl(SPIFLASH_CMD_PROGRAM, n) | SPIFLASH_CTRL_ADDR_MASK |
                      SPIFLASH_CTRL_WRITE_MASK | SPIFLASH_CTRL_POLL_MASK,
                      SPIFLASH_PROGRAM_TIMEOUT);
        if (rc)
            return rc;
        addr += n;
        p += n;
        len -= n;
    }
    return OBTI_OK;
}

int spiflash_erase_sector(uint32_t addr)
{
    int rc;

    if (addr >= SPIFLASH_ADDR_LIMIT)
        return OBTI_EINVAL;
    rc = sf_write_enable();
    if (rc)
        return rc;
    sf_wr(SPIFLASH_ADDR, addr & ~(SPIFLASH_SECTOR_SIZE - 1u));
    return sf_start(sf_ctrl(SPIFLASH_CMD_ERASE_4K, 0) | SPIFLASH_CTRL_ADDR_MASK |
                    SPIFLASH_CTRL_POLL_MASK, SPIFLASH_ERASE_TIMEOUT);
}
