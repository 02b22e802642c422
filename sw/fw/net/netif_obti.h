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

/* Let obti_netif_wait() sleep: the MAC's receive interrupt on its
 * interrupt-controller line (irq_init() must have run) and the machine
 * timer's, enabled in mie. mstatus.MIE stays as it is: lwIP (NO_SYS) is
 * never entered from an interrupt, the interrupts only end a wfi. If the
 * application enables interrupts globally, the handlers installed here
 * only mask the MAC's RX interrupt / cancel mtimecmp (the machine timer is
 * then the netif's). */
void obti_netif_irq_init(void);

/* Sleep in wfi until a frame is in the MAC's ring or lwIP's next timeout
 * is due (mtimecmp set to it); returns at once if a frame is waiting. A
 * frame arriving between the check and the wfi leaves its level interrupt
 * pending, so the wfi does not sleep. */
void obti_netif_wait(void);

/* Frames lwIP got from the netif and frames dropped because no pbuf was
 * free; how often obti_netif_wait() slept. */
struct obti_netif_stats {
    uint32_t rx_frames, rx_nomem, tx_frames, tx_busy_spins, sleeps;
};
void obti_netif_stats(struct obti_netif_stats *s);

/* cpu_cycles() when obti_netif_poll() took the last frame from the MAC. */
extern uint64_t obti_netif_rx_cycle;

#endif /* OBTI_NETIF_OBTI_H */
