/* The simulator's PHY model reports management accesses a real PHY would not
 * honour: here a read of an unimplemented register (17) and a write to the
 * read-only BMSR, through the real MDIO master. With --phy-strict the model
 * fails the run with exit code 3 (tests/fw/phy_report/exit-code) although
 * this program itself ends with 0; stderr names both accesses. */
#include <stdint.h>
#include <stdio.h>

#include "eth.h"
#include "fwtest.h"
#include "timer.h"

int main(void)
{
    static const uint8_t mac[6] = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x31};
    CHECK_EQ(eth_init(mac, SYSCLK_HZ, 0), 0);
    CHECK_EQ(eth_mdio_read(1, 17), 0);                /* the model reads 0 */
    CHECK_EQ(eth_mdio_write(1, ETH_PHY_BMSR, 0xFFFF), 0);
    CHECK_EQ(eth_mdio_read(1, ETH_PHY_ID1), 0x0362);  /* still in step */
    return fwtest_done("phy_report");
}
