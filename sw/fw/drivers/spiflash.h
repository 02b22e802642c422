/* SPI flash driver (docs/spiflash.md, docs/registers/spiflash.md): 25-series
 * NOR flash through the SPI flash controller. Reads use fast read (0Bh);
 * program and erase set the write-enable latch, check it, and let the
 * controller poll the busy bit. */
#ifndef OBTI_SPIFLASH_H
#define OBTI_SPIFLASH_H

#include <stddef.h>
#include <stdint.h>

#define SPIFLASH_PAGE_SIZE   256u
#define SPIFLASH_SECTOR_SIZE 4096u
#define SPIFLASH_ADDR_LIMIT  0x1000000u   /* 24-bit addresses */

/* Flash status register bits (read status, 05h). */
#define SPIFLASH_SR_WIP 0x01u   /* write in progress */
#define SPIFLASH_SR_WEL 0x02u   /* write enable latch */

/* Flash opcodes. */
#define SPIFLASH_CMD_READ       0x03u
#define SPIFLASH_CMD_FAST_READ  0x0Bu
#define SPIFLASH_CMD_PROGRAM    0x02u
#define SPIFLASH_CMD_ERASE_4K   0x20u
#define SPIFLASH_CMD_READ_SR    0x05u
#define SPIFLASH_CMD_WREN       0x06u
#define SPIFLASH_CMD_JEDEC_ID   0x9Fu

/* Deadlines for one command, in mcycle cycles. The datasheet maxima of a
 * W25Q128JV are 3 ms (page program) and 400 ms (4 KiB erase); these leave
 * a margin at SYSCLK_HZ. */
#define SPIFLASH_PROGRAM_TIMEOUT ((uint64_t)SYSCLK_HZ / 100u)   /* 10 ms */
#define SPIFLASH_ERASE_TIMEOUT   ((uint64_t)SYSCLK_HZ)          /* 1 s */

/* Set the SCK half period (1..255 system clock cycles: SCK = clk / (2 div)),
 * stop anything running and clear the sticky flags. The controller stays
 * without interrupts. Returns 0 or OBTI_EINVAL. */
int spiflash_init(uint32_t div);

/* JEDEC ID (9Fh) as 0xMMTTCC: manufacturer, memory type, capacity. */
int spiflash_read_id(uint32_t *id);

/* Status register (05h). */
int spiflash_read_status(uint8_t *sr);

/* Read len bytes from addr (any length, any alignment, within 24 bits). */
int spiflash_read(uint32_t addr, void *buf, size_t len);

/* Program len bytes at addr, split at page boundaries; each page command is
 * write enable, check WEL, page program, poll until not busy. Bits can only
 * go from 1 to 0: program erased memory. Returns 0, OBTI_EINVAL, OBTI_EIO
 * (WEL did not set: no flash, or write-protected), OBTI_ETIMEDOUT. */
int spiflash_program(uint32_t addr, const void *buf, size_t len);

/* Erase the 4 KiB sector that holds addr (to 0xFF). Errors as for
 * spiflash_program. */
int spiflash_erase_sector(uint32_t addr);

/* Run one raw command frame and wait for it (see CTRL in the register map):
 * opcode, address (when use_addr), a dummy byte (when dummy), then len
 * bytes from tx (tx != NULL) or into rx. For commands the helpers above do
 * not cover. Returns 0, OBTI_EINVAL, OBTI_ETIMEDOUT. */
int spiflash_command(uint8_t cmd, int use_addr, uint32_t addr, int dummy,
                     const uint8_t *tx, uint8_t *rx, size_t len);

#endif /* OBTI_SPIFLASH_H */
