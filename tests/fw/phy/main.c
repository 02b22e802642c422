/* The Ethernet PHY's management registers through the MAC's MDIO master and
 * the driver (sw/fw/drivers/eth.c), against the simulator's PHY model
 * (sim/models/mdio_phy.h, run with --phy-strict so any malformed frame or
 * stray register access fails the run). Expected values: the model's
 * configuration in sim-args (address 1, PHYID 0x03625e20 = BCM50612E in
 * Linux's brcmphy.h, partner page 0x45e1 with 1000BASE-T FD/HD) and IEEE
 * 802.3 clause 22 (BMCR reset 0x1140 of a gigabit PHY, reset bit
 * self-clearing, BMSR 0x7909 capabilities, link latched low, Annex 28B
 * priority resolution). */
#include <stdint.h>
#include <stdio.h>

#include "eth.h"
#include "fwtest.h"
#include "obti_err.h"
#include "timer.h"

#define PHY 1u

static void wait_link(struct eth_phy_status *st, unsigned *polls)
{
    *polls = 0;
    do {
        CHECK_EQ(eth_phy_status(PHY, st), 0);
        (*polls)++;
    } while (!st->link && *polls < 200u);
}

int main(void)
{
    static const uint8_t mac[6] = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x31};
    CHECK_EQ(eth_init(mac, SYSCLK_HZ, 0), 0);

    /* who is there */
    CHECK_EQ(eth_phy_find(0), PHY);
    uint32_t id = 0;
    CHECK_EQ(eth_phy_id(PHY, &id), 0);
    CHECK_EQ(id, 0x03625E20u);
    CHECK_EQ(eth_phy_id(7, &id), OBTI_ENOENT);       /* nobody: bus reads ones */
    CHECK_EQ(eth_mdio_read(32, 0), OBTI_EINVAL);
    CHECK_EQ(eth_mdio_read(PHY, ETH_PHY_BMCR), 0x1140);
    CHECK_EQ(eth_mdio_read(PHY, ETH_PHY_ANAR), 0x01E1);

    /* reset: BMCR.15 reads 1 while the PHY resets, then clears itself and
     * the registers are back to their defaults */
    CHECK_EQ(eth_mdio_write(PHY, ETH_PHY_ANAR, 0x0061), 0);
    CHECK_EQ(eth_mdio_read(PHY, ETH_PHY_ANAR), 0x0061);
    CHECK_EQ(eth_mdio_write(PHY, ETH_PHY_BMCR, ETH_BMCR_RESET), 0);
    int b = eth_mdio_read(PHY, ETH_PHY_BMCR);
    CHECK(b >= 0 && (b & ETH_BMCR_RESET));
    CHECK_EQ(eth_phy_reset(PHY), 0);
    CHECK_EQ(eth_mdio_read(PHY, ETH_PHY_BMCR), 0x1140);
    CHECK_EQ(eth_mdio_read(PHY, ETH_PHY_ANAR), 0x01E1);

    /* straight after reset: negotiating, link down (latched) */
    struct eth_phy_status st;
    CHECK_EQ(eth_phy_status(PHY, &st), 0);
    CHECK_EQ(st.link, 0);
    CHECK_EQ(st.an_complete, 0);
    CHECK_EQ(st.speed_mbps, 0);
    CHECK_EQ(st.bmsr & 0xFFDBu, 0x7909);              /* capabilities */

    /* with the PHY's default advertisement a gigabit partner gives 1000 FD,
     * which this MAC cannot run */
    unsigned polls;
    wait_link(&st, &polls);
    CHECK_EQ(st.link, 1);
    CHECK_EQ(st.an_complete, 1);
    CHECK_EQ(st.bmsr, 0x792D);
    CHECK_EQ(st.speed_mbps, 1000);
    CHECK_EQ(st.full_duplex, 1);
    CHECK(polls > 1);                                 /* negotiation took time */

    /* advertise 10/100 only: the link renegotiates to 100 FD */
    CHECK_EQ(eth_phy_setup_10_100(PHY), 0);
    CHECK_EQ(eth_mdio_read(PHY, ETH_PHY_GBCR), 0);
    CHECK_EQ(eth_phy_status(PHY, &st), 0);
    CHECK_EQ(st.an_complete, 0);
    wait_link(&st, &polls);
    CHECK_EQ(st.link, 1);
    CHECK_EQ(st.speed_mbps, 100);
    CHECK_EQ(st.full_duplex, 1);
    CHECK_EQ(eth_mdio_read(PHY, ETH_PHY_ANLPAR), 0x45E1);
    printf("phy: id %08lx, link %d, %d Mbit/s %s duplex after %u polls\n",
           (unsigned long)st.id, st.link, st.speed_mbps, st.full_duplex ? "full" : "half", polls);
    return fwtest_done("phy");
}
