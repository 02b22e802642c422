/* Ethernet MAC driver (docs/registers/eth.md, docs/ethernet.md): RMII or
 * RGMII 10/100 MAC with a receive ring of frames and one transmit buffer,
 * and the PHY's clause-22 management registers through its MDIO master. */
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
 * `sysclk_hz` (a multiple of 50 MHz for RMII, of 25 MHz for RGMII:
 * STATUS.RGMII tells which MAC is built), 100 Mbit/s (or 10 when speed10),
 * receive enabled, counters cleared, interrupts off. Frames already in the
 * ring are released. Returns 0 or OBTI_EINVAL (sysclk_hz not such a
 * multiple, or above 255 of them). */
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

/* --- the PHY (IEEE 802.3 clause 22 registers) --- */
#define ETH_PHY_BMCR   0u
#define ETH_PHY_BMSR   1u
#define ETH_PHY_ID1    2u
#define ETH_PHY_ID2    3u
#define ETH_PHY_ANAR   4u
#define ETH_PHY_ANLPAR 5u
#define ETH_PHY_GBCR   9u    /* 1000BASE-T control (gigabit PHYs) */
#define ETH_PHY_GBSR   10u   /* 1000BASE-T status */

#define ETH_BMCR_RESET     0x8000u
#define ETH_BMCR_ANENABLE  0x1000u
#define ETH_BMCR_ANRESTART 0x0200u
#define ETH_BMSR_100FD     0x4000u
#define ETH_BMSR_ESTATUS   0x0100u   /* registers 9, 10 and 15 exist */
#define ETH_BMSR_ANDONE    0x0020u
#define ETH_BMSR_LINK      0x0004u   /* latched low: read twice for now */
#define ETH_ANAR_10_100    0x01E1u   /* 100FD 100HD 10FD 10HD, selector 802.3 */

struct eth_phy_status {
    uint32_t id;            /* PHYID1 << 16 | PHYID2 */
    uint16_t bmcr, bmsr;    /* BMSR as read the second time */
    int link;               /* 1: link up now */
    int an_complete;        /* 1: auto-negotiation has finished */
    int speed_mbps;         /* resolved from ANAR/ANLPAR (and GBCR/GBSR):
                               1000, 100, 10, or 0 before negotiation */
    int full_duplex;
};

/* The identifier of the PHY at address `phy` in *id. Returns 0, OBTI_ENOENT
 * when nobody answers (all ones, or all zeros), or an MDIO error. */
int eth_phy_id(unsigned phy, uint32_t *id);

/* The lowest address from `first` up to 31 with a PHY on it, or OBTI_ENOENT. */
int eth_phy_find(unsigned first);

/* Reset the PHY with BMCR.RESET and wait until the bit self-clears
 * (IEEE 802.3 22.2.4.1.1: within 0.5 s; we poll BMCR up to 20,000 times,
 * over 0.5 s at MDC 2.5 MHz). Returns 0, OBTI_ETIMEDOUT, or an MDIO error. */
int eth_phy_reset(unsigned phy);

/* Advertise 10 and 100 Mbit/s only (the MAC has no 1000: a gigabit PHY's
 * 1000BASE-T advertisement in GBCR is cleared) and restart
 * auto-negotiation. Returns 0 or an MDIO error. */
int eth_phy_setup_10_100(unsigned phy);

/* Read the PHY's identity, link and negotiated mode. Returns 0 or an
 * MDIO error. */
int eth_phy_status(unsigned phy, struct eth_phy_status *st);

#endif /* OBTI_ETH_H */
