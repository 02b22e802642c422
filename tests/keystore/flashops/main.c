/* SPI flash driver and flash model rules on the SoC (run with
 * --flash-size 65536, sector 0 used): JEDEC ID EF 40 10 (W25Q family,
 * 2^16 bytes), erase gives FFh, program and read back (03h and 0Bh),
 * program only clears bits (F0h then 3Ch leaves 30h -- the model reports
 * the attempted 0->1), page program wraps inside its page, program without
 * write enable is ignored, WEL set by 06h and cleared after the program,
 * WIP while busy, and a command sent while busy is ignored (and reported).
 * Expected values from the W25Q128JV datasheet's command descriptions. */
#include <string.h>

#include "fwtest.h"
#include "obti_err.h"
#include "spiflash.h"

static uint8_t a[600], b[600];

int main(void)
{
    uint32_t id = 0;
    uint8_t sr = 0xAA, x[8];
    int ok;

    CHECK_EQ(spiflash_init(0), OBTI_EINVAL);
    CHECK_EQ(spiflash_init(1), 0);
    CHECK_EQ(spiflash_read_id(&id), 0);
    CHECK_EQ(id, 0xEF4010u);
    CHECK_EQ(spiflash_read_status(&sr), 0);
    CHECK_EQ(sr, 0);

    /* Erase, then everything reads FFh. */
    CHECK_EQ(spiflash_erase_sector(0x0123), 0);
    CHECK_EQ(spiflash_read(0, a, sizeof a), 0);
    ok = 1;
    for (unsigned i = 0; i < sizeof a; i++)
        ok &= a[i] == 0xFF;
    CHECK(ok);
    CHECK_EQ(spiflash_read_status(&sr), 0);
    CHECK_EQ(sr, 0);                         /* WEL cleared when the erase ended */

    /* Program 600 bytes across pages from an unaligned address; read back
     * with fast read and with 03h. */
    for (unsigned i = 0; i < sizeof a; i++)
        a[i] = (uint8_t)(i * 13 + 5);
    CHECK_EQ(spiflash_program(0x0F0, a, sizeof a), 0);
    CHECK_EQ(spiflash_read(0x0F0, b, sizeof b), 0);
    CHECK(memcmp(a, b, sizeof a) == 0);
    CHECK_EQ(spiflash_command(SPIFLASH_CMD_READ, 1, 0x0F0 + 250, 0, NULL, x, 8), 0);
    CHECK(memcmp(x, a + 250, 8) == 0);
    CHECK_EQ(spiflash_read(0x0EF, x, 1), 0);
    CHECK_EQ(x[0], 0xFF);

    /* Program clears bits only: F0h then 3Ch gives 30h. */
    x[0] = 0xF0;
    CHECK_EQ(spiflash_program(0x800, x, 1), 0);
    x[0] = 0x3C;
    CHECK_EQ(spiflash_program(0x800, x, 1), 0);   /* the model reports 0->1 */
    CHECK_EQ(spiflash_read(0x800, x, 1), 0);
    CHECK_EQ(x[0], 0x30);

    /* Page wrap with a raw frame: 8 bytes at 0x9FC land at 9FC..9FF and
     * 900..903. */
    CHECK_EQ(spiflash_command(SPIFLASH_CMD_WREN, 0, 0, 0, NULL, NULL, 0), 0);
    CHECK_EQ(spiflash_read_status(&sr), 0);
    CHECK_EQ(sr, SPIFLASH_SR_WEL);
    {
        static const uint8_t w[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
        CHECK_EQ(spiflash_command(SPIFLASH_CMD_PROGRAM, 1, 0x9FC, 0, w, NULL, 8), 0);
    }
    CHECK_EQ(spiflash_read_status(&sr), 0);
    CHECK_EQ(sr, SPIFLASH_SR_WIP | SPIFLASH_SR_WEL);   /* busy right after */
    /* A read while busy is ignored by the flash (MISO stays high); the
     * model reports it. */
    CHECK_EQ(spiflash_command(SPIFLASH_CMD_READ, 1, 0x000, 0, NULL, x, 4), 0);
    CHECK_EQ(x[0], 0xFF);
    do
        CHECK_EQ(spiflash_read_status(&sr), 0);
    while (sr & SPIFLASH_SR_WIP);
    CHECK_EQ(sr, 0);
    CHECK_EQ(spiflash_read(0x9FC, x, 4), 0);
    CHECK(x[0] == 1 && x[3] == 4);
    CHECK_EQ(spiflash_read(0x900, x, 5), 0);
    CHECK(x[0] == 5 && x[3] == 8 && x[4] == 0xFF);
    CHECK_EQ(spiflash_read(0xA00, x, 1), 0);
    CHECK_EQ(x[0], 0xFF);

    /* Program without write enable: ignored (reported by the model). */
    CHECK_EQ(spiflash_command(SPIFLASH_CMD_PROGRAM, 1, 0xB00, 0, (const uint8_t *)"\0\0", NULL, 2), 0);
    CHECK_EQ(spiflash_read_status(&sr), 0);
    CHECK_EQ(sr, 0);
    CHECK_EQ(spiflash_read(0xB00, x, 2), 0);
    CHECK(x[0] == 0xFF && x[1] == 0xFF);

    /* Erase again, bits back to 1. */
    CHECK_EQ(spiflash_erase_sector(0x800), 0);
    CHECK_EQ(spiflash_read(0x800, x, 1), 0);
    CHECK_EQ(x[0], 0xFF);
    CHECK_EQ(spiflash_read(0xFFFFFF, x, 2), OBTI_EINVAL);
    return fwtest_done("flashops");
}
