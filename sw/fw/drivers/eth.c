/* Ethernet MAC driver: register access for the RMII/RGMII MAC and its PHY's
 * management registers (docs/ethernet.md). */
#include "eth.h"

#include <obti/regs_eth.h>

#include "cpu.h"
#include "obti_err.h"

static inline uint32_t rd(uint32_t off) { return mmio_read32(ETH_BASE + off); }
static inline void wr(uint32_t off, uint32_t v) { mmio_write32(ETH_BASE + off, v); }

int eth_init(const uint8_t mac[6], uint32_t sysclk_hz, int speed10)
{
    /* RMII: cycles per 50 MHz reference clock; RGMII: per 25 MHz TX_CLK */
    uint32_t ref = (rd(ETH_STATUS) & ETH_STATUS_RGMII_MASK) ? 25000000u : 50000000u;
    if (sysclk_hz == 0 || sysclk_hz % ref || sysclk_hz / ref > 255u)
        return OBTI_EINVAL;
    uint32_t ctrl = (sysclk_hz / ref) << ETH_CTRL_REFDIV_SHIFT;
    /* MDC at most 2.5 MHz */
    uint32_t mdc = (sysclk_hz + 4999999u) / 5000000u;
    if (mdc > 255u) mdc = 255u;
    ctrl |= mdc << ETH_CTRL_MDCDIV_SHIFT;
    if (speed10) ctrl |= ETH_CTRL_SPEED10_MASK;
    wr(ETH_CTRL, ctrl);                 /* receiver off while set up */
    wr(ETH_IE, 0);
    wr(ETH_MACLO, mac[0] | (uint32_t)mac[1] << 8 | (uint32_t)mac[2] << 16 | (uint32_t)mac[3] << 24);
    wr(ETH_MACHI, mac[4] | (uint32_t)mac[5] << 8);
    wr(ETH_HASHLO, 0);
    wr(ETH_HASHHI, 0);
    while (rd(ETH_STATUS) & ETH_STATUS_RXCOUNT_MASK)
        wr(ETH_RXPOP, 0);
    wr(ETH_IP, ETH_IP_TXDONE_MASK | ETH_IP_RXDROP_MASK | ETH_IP_MDIO_MASK);
    struct eth_counters c;
    eth_counters(&c, 1);
    wr(ETH_CTRL, ctrl | ETH_CTRL_RXEN_MASK);
    return 0;
}

void eth_set_allmulti(int on)
{
    uint32_t c = rd(ETH_CTRL);
    wr(ETH_CTRL, on ? (c | ETH_CTRL_ALLMULTI_MASK) : (c & ~ETH_CTRL_ALLMULTI_MASK));
}

void eth_set_hash(uint64_t hash)
{
    wr(ETH_HASHLO, (uint32_t)hash);
    wr(ETH_HASHHI, (uint32_t)(hash >> 32));
}

int eth_tx_busy(void) { return (rd(ETH_STATUS) & ETH_STATUS_TXBUSY_MASK) != 0; }

int eth_send(const void *buf, size_t len)
{
    if (len == 0 || len > ETH_FRAME_MAX)
        return OBTI_EINVAL;
    if (eth_tx_busy())
        return OBTI_EBUSY;
    const uint8_t *p = buf;
    uint32_t off = ETH_BASE + ETH_BUF;
    size_t i = 0;
    if (((uintptr_t)p & 3u) == 0) {
        const uint32_t *w = (const uint32_t *)(const void *)p;
        for (; i + 4 <= len; i += 4, off += 4)
            mmio_write32(off, *w++);
    } else if (((uintptr_t)p & 3u) == 2u) {
        /* 2 past a word, as lwIP's frames with ETH_PAD_SIZE 2: two halves a word */
        const uint16_t *h = (const uint16_t *)(const void *)p;
        for (; i + 4 <= len; i += 4, off += 4, h += 2)
            mmio_write32(off, h[0] | (uint32_t)h[1] << 16);
    }
    for (; i < len; i += 4, off += 4) {
        uint32_t v = 0;
        for (size_t k = 0; k < 4 && i + k < len; k++)
            v |= (uint32_t)p[i + k] << (8 * k);
        mmio_write32(off, v);
    }
    wr(ETH_TXLEN, (uint32_t)len);
    return 0;
}

size_t eth_rx_len(void) { return rd(ETH_RXLEN) & ETH_RXLEN_LEN_MASK; }

int eth_rx_read(void *dst, size_t len)
{
    uintptr_t a = (uintptr_t)dst;
    uint32_t src = ETH_BASE + ETH_BUF;
    if (len > ETH_FRAME_MAX + 4u)
        return OBTI_EINVAL;
    if ((a & 3u) == 0) {
        uint32_t *w = dst;
        size_t n = (len + 3) / 4, i = 0;
        for (; i + 4 <= n; i += 4, src += 16) {
            w[i] = mmio_read32(src);
            w[i + 1] = mmio_read32(src + 4);
            w[i + 2] = mmio_read32(src + 8);
            w[i + 3] = mmio_read32(src + 12);
        }
        for (; i < n; i++, src += 4)
            w[i] = mmio_read32(src);
        return 0;
    }
    if ((a & 3u) != 2u)
        return OBTI_EINVAL;
    /* dst is 2 past a word: a halfword, then words made of two halves */
    uint16_t *h = dst;
    uint32_t prev = mmio_read32(src);
    h[0] = (uint16_t)prev;
    uint32_t *w = (uint32_t *)(void *)(h + 1);
    for (size_t done = 2; done < len; done += 4) {
        src += 4;
        uint32_t cur = mmio_read32(src);
        *w++ = (prev >> 16) | (cur << 16);
        prev = cur;
    }
    return 0;
}

void eth_rx_pop(void) { wr(ETH_RXPOP, 0); }

void eth_irq_set(uint32_t mask) { wr(ETH_IE, mask); }

void eth_irq_clear(uint32_t mask) { wr(ETH_IP, mask); }

void eth_counters(struct eth_counters *c, int clear)
{
    c->rx_ok = rd(ETH_RXOK);
    c->tx_ok = rd(ETH_TXOK);
    c->crc_err = rd(ETH_CRCERR);
    c->runt = rd(ETH_RUNT);
    c->oversize = rd(ETH_OVERSIZE);
    c->overrun = rd(ETH_OVERRUN);
    c->filtered = rd(ETH_FILTERED);
    if (clear) {
        static const uint32_t regs[] = {ETH_RXOK, ETH_TXOK, ETH_CRCERR, ETH_RUNT,
                                        ETH_OVERSIZE, ETH_OVERRUN, ETH_FILTERED};
        for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++)
            wr(regs[i], 0);
    }
}

static int mdio_wait(void)
{
    for (uint32_t i = 0; i < 100000u; i++)
        if (!(rd(ETH_MDIO) & ETH_MDIO_BUSY_MASK))
            return 0;
    return OBTI_ETIMEDOUT;
}

int eth_mdio_read(unsigned phy, unsigned reg)
{
    if (phy > 31u || reg > 31u)
        return OBTI_EINVAL;
    if (mdio_wait())
        return OBTI_ETIMEDOUT;
    wr(ETH_MDIO, (phy << ETH_MDIO_PHY_SHIFT) | (reg << ETH_MDIO_REG_SHIFT));
    if (mdio_wait())
        return OBTI_ETIMEDOUT;
    return (int)(rd(ETH_MDIO) & ETH_MDIO_DATA_MASK);
}

int eth_mdio_write(unsigned phy, unsigned reg, uint16_t val)
{
    if (phy > 31u || reg > 31u)
        return OBTI_EINVAL;
    if (mdio_wait())
        return OBTI_ETIMEDOUT;
    wr(ETH_MDIO, ETH_MDIO_WRITE_MASK | (phy << ETH_MDIO_PHY_SHIFT) |
                     (reg << ETH_MDIO_REG_SHIFT) | val);
    return mdio_wait();
}

int eth_phy_id(unsigned phy, uint32_t *id)
{
    int hi = eth_mdio_read(phy, ETH_PHY_ID1);
    if (hi < 0)
        return hi;
    int lo = eth_mdio_read(phy, ETH_PHY_ID2);
    if (lo < 0)
        return lo;
    uint32_t v = (uint32_t)hi << 16 | (uint32_t)lo;
    if (v == 0xFFFFFFFFu || v == 0u)
        return OBTI_ENOENT;
    *id = v;
    return 0;
}

int eth_phy_find(unsigned first)
{
    for (unsigned a = first; a < 32u; a++) {
        uint32_t id;
        int rc = eth_phy_id(a, &id);
        if (rc == 0)
            return (int)a;
        if (rc != OBTI_ENOENT)
            return rc;
    }
    return OBTI_ENOENT;
}

int eth_phy_reset(unsigned phy)
{
    int rc = eth_mdio_write(phy, ETH_PHY_BMCR, ETH_BMCR_RESET);
    if (rc)
        return rc;
    for (uint32_t i = 0; i < 20000u; i++) {
        int v = eth_mdio_read(phy, ETH_PHY_BMCR);
        if (v < 0)
            return v;
        if (!((uint32_t)v & ETH_BMCR_RESET))
            return 0;
    }
    return OBTI_ETIMEDOUT;
}

int eth_phy_setup_10_100(unsigned phy)
{
    int bmsr = eth_mdio_read(phy, ETH_PHY_BMSR);
    if (bmsr < 0)
        return bmsr;
    int rc = eth_mdio_write(phy, ETH_PHY_ANAR, ETH_ANAR_10_100);
    if (rc)
        return rc;
    if ((uint32_t)bmsr & ETH_BMSR_ESTATUS) {
        int gbcr = eth_mdio_read(phy, ETH_PHY_GBCR);
        if (gbcr < 0)
            return gbcr;
        rc = eth_mdio_write(phy, ETH_PHY_GBCR, (uint16_t)((uint32_t)gbcr & ~0x0300u));
        if (rc)
            return rc;
    }
    return eth_mdio_write(phy, ETH_PHY_BMCR, ETH_BMCR_ANENABLE | ETH_BMCR_ANRESTART);
}

int eth_phy_status(unsigned phy, struct eth_phy_status *st)
{
    int rc = eth_phy_id(phy, &st->id);
    if (rc)
        return rc;
    int bmcr = eth_mdio_read(phy, ETH_PHY_BMCR);
    /* BMSR.LINK latches low (IEEE 802.3 22.2.4.2.13): the first read
     * reports a drop since the last read, the second the state now */
    int bmsr = eth_mdio_read(phy, ETH_PHY_BMSR);
    if (bmsr >= 0)
        bmsr = eth_mdio_read(phy, ETH_PHY_BMSR);
    if (bmcr < 0 || bmsr < 0)
        return bmcr < 0 ? bmcr : bmsr;
    st->bmcr = (uint16_t)bmcr;
    st->bmsr = (uint16_t)bmsr;
    st->link = ((uint32_t)bmsr & ETH_BMSR_LINK) != 0;
    st->an_complete = ((uint32_t)bmsr & ETH_BMSR_ANDONE) != 0;
    st->speed_mbps = 0;
    st->full_duplex = 0;
    if (!st->an_complete)
        return 0;
    int anar = eth_mdio_read(phy, ETH_PHY_ANAR);
    int anlpar = eth_mdio_read(phy, ETH_PHY_ANLPAR);
    if (anar < 0 || anlpar < 0)
        return anar < 0 ? anar : anlpar;
    if ((uint32_t)bmsr & ETH_BMSR_ESTATUS) {
        int gbcr = eth_mdio_read(phy, ETH_PHY_GBCR);
        int gbsr = eth_mdio_read(phy, ETH_PHY_GBSR);
        if (gbcr < 0 || gbsr < 0)
            return gbcr < 0 ? gbcr : gbsr;
        /* GBCR 9/8 advertise 1000FD/HD, GBSR 11/10 the partner's */
        uint32_t g = (uint32_t)gbcr & ((uint32_t)gbsr >> 2) & 0x0300u;
        if (g) {
            st->speed_mbps = 1000;
            st->full_duplex = (g & 0x0200u) != 0;
            return 0;
        }
    }
    /* highest common ability (IEEE 802.3 Annex 28B.3 priority) */
    uint32_t c = (uint32_t)anar & (uint32_t)anlpar;
    if (c & 0x0100u)      { st->speed_mbps = 100; st->full_duplex = 1; }
    else if (c & 0x0080u) { st->speed_mbps = 100; }
    else if (c & 0x0040u) { st->speed_mbps = 10;  st->full_duplex = 1; }
    else if (c & 0x0020u) { st->speed_mbps = 10; }
    return 0;
}
