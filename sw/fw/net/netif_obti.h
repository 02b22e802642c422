/* lwIP network interface on the openbti Ethernet MAC (sw/fw/drivers/eth.h). */
#ifndef OBTI_NETIF_OBTI_H
#define OBTI_NETIF_OBTI_H

#include <stdint.h>

#include "lwip/err.h"
#include "lwip/netif.h"

/* netif_add() init function: state must point to the 6-byte MAC address. */
err_t obti_netif_init(struct netif *netif);

/* Hand every frame waiting in the MAC's receive ring to lwIP. Returns the
 * number of frames taken. */
int obti_netif_poll(struct netif *netif);

/* Frames lwIP got from the netif and frames dropped because no pbuf was free. */
struct obti_netif_stats {
    uint32_t rx_frames, rx_nomem, tx_frames, tx_busy_spins;
};
void obti_netif_stats(struct obti_netif_stats *s);

/* cpu_cycles() when obti_netif_poll() took the last frame from the MAC. */
extern uint64_t obti_netif_rx_cycle;

#endif /* OBTI_NETIF_OBTI_H */
