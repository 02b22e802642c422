/* Ethernet MAC driver (docs/registers/eth.md, docs/ethernet.md): RMII
 * 10/100 MAC with a receive ring of frames and one transmit buffer. */
#ifndef OBTI_ETH_H
#define OBTI_ETH_H

#include <stddef.h>
#include <stdint.h>

#define ETH_FRAME_MAX 1518u   /* bytes without FCS (one VLAN tag) */
#define ETH_FRAME_MIN 60u     /* shorter frames are padded by the MAC */

struct eth_counters {
    uint32_t rx_ok, tx_ok, crc_err, runt, oversize, overrun, filtered;
};

/* Reset the MAC's state: own address `mac`, the reference-clock divider for
 * `sysclk_hz` (a multiple of 50 MHz), 100 Mbit/s (or 10 when speed10),
 * receive enabled, counters cleared, interrupts off. Frames already in the
 * ring are released. Returns 0 or OBTI_EINVAL (sysclk_hz not a multiple of
 * 50 MHz up to 12.75 GHz). */
int eth_init(const uint8_t mac[6], uint32_t sysclk_hz, int speed10);

/* Accept every multicast (1) or only the hash filter's groups (0); set the
 * 64-bit multicast hash (bit crc32(address) & 63). */
void eth_set_allmulti(int on);
void eth_set_hash(uint64_t hash);

/* Send a frame of len bytes (without FCS). Returns 0, OBTI_EBUSY while the
 * previous frame is still going out, or OBTI_EINVAL for len 0 or above
 * ETH_FRAME_MAX. buf needs no alignment; word-aligned or 2 bytes past a
 * word is fastest. */
int eth_send(const void *buf, size_t len);

/* 1 while a frame is being sent. */
int eth_tx_busy(void);

/* Length (without FCS) of the frame at the head of the receive ring, or 0
 * when it is empty. */
size_t eth_rx_len(void);

/* Copy the first len bytes of the head frame to dst, which must be 4-byte
 * aligned or 2 bytes past a 4-byte boundary. Returns 0 or OBTI_EINVAL. */
int eth_rx_read(void *dst, size_t len);

/* Release the head frame. */
void eth_rx_pop(void);

/* Enable the MAC's interrupt sources: ETH_IE_* bits of <obti/regs_eth.h>
 * (RX is a level while the ring holds a frame; TXDONE, RXDROP and MDIO are
 * sticky and cleared with eth_irq_clear). The MAC's line is ETH_IRQ. */
void eth_irq_set(uint32_t mask);
void eth_irq_clear(uint32_t mask);

/* Read the counters; clear them when clear is non-zero. */
void eth_counters(struct eth_counters *c, int clear);

/* Clause-22 MDIO access to PHY `phy`, register `reg`. Returns the value
 * (0..0xffff) or OBTI_EINVAL / OBTI_ETIMEDOUT. */
int eth_mdio_read(unsigned phy, unsigned reg);
int eth_mdio_write(unsigned phy, unsigned reg, uint16_t val);

#endif /* OBTI_ETH_H */
