/* lwIP netif driver for the openbti Ethernet MAC: received frames are copied
 * from the MAC's ring into pool pbufs (ETH_PAD_SIZE keeps the IP header
 * word-aligned); an outgoing frame in one pbuf goes straight from it to the
 * MAC's transmit buffer, a chain is first gathered into one buffer with the
 * same 2-byte offset (so both copies move words, not bytes). */
#include "netif_obti.h"

#include <string.h>

#include <obti/regs_eth.h>

#include "cpu.h"
#include "eth.h"
#include "irq.h"
#include "lwip/timeouts.h"
#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "lwip/stats.h"
#include "netif/ethernet.h"
#include "timer.h"
#include "trap.h"

static struct obti_netif_stats g_stats;
uint64_t obti_netif_rx_cycle;   /* cpu_cycles() when the last frame was taken */
static uint32_t g_txbuf[(ETH_PAD_SIZE + ETH_FRAME_MAX + 3) / 4];

static err_t obti_linkoutput(struct netif *netif, struct pbuf *p)
{
    (void)netif;
    size_t len = p->tot_len - ETH_PAD_SIZE;
    if (len > ETH_FRAME_MAX) {
        LINK_STATS_INC(link.lenerr);
        return ERR_BUF;
    }
    const uint8_t *src;
    if (p->next == NULL) {
        src = (const uint8_t *)p->payload + ETH_PAD_SIZE;
    } else {
        uint8_t *dst = (uint8_t *)g_txbuf + ETH_PAD_SIZE;
        pbuf_copy_partial(p, dst, (u16_t)len, ETH_PAD_SIZE);
        src = dst;
    }
    while (eth_tx_busy())
        g_stats.tx_busy_spins++;
    if (eth_send(src, len) != 0) {
        LINK_STATS_INC(link.err);
        return ERR_IF;
    }
    g_stats.tx_frames++;
    LINK_STATS_INC(link.xmit);
    return ERR_OK;
}

err_t obti_netif_init(struct netif *netif)
{
    const uint8_t *mac = netif->state;
    netif->name[0] = 'e';
    netif->name[1] = '0';
    netif->output = etharp_output;
    netif->linkoutput = obti_linkoutput;
    netif->mtu = 1500;
    netif->hwaddr_len = ETH_HWADDR_LEN;
    memcpy(netif->hwaddr, mac, ETH_HWADDR_LEN);
    netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
    if (eth_init(mac, SYSCLK_HZ, 0) != 0)
        return ERR_IF;
    return ERR_OK;
}

int obti_netif_poll(struct netif *netif)
{
    int n = 0;
    size_t len;
    while ((len = eth_rx_len()) != 0) {
        struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)(len + ETH_PAD_SIZE), PBUF_POOL);
        if (p != NULL && p->next != NULL) {   /* must fit one pool buffer */
            pbuf_free(p);
            p = NULL;
        }
        if (p == NULL) {
            g_stats.rx_nomem++;
            LINK_STATS_INC(link.memerr);
            LINK_STATS_INC(link.drop);
            eth_rx_pop();
            continue;
        }
        obti_netif_rx_cycle = cpu_cycles();
        eth_rx_read((uint8_t *)p->payload + ETH_PAD_SIZE, len);
        eth_rx_pop();
        g_stats.rx_frames++;
        LINK_STATS_INC(link.recv);
        if (netif->input(p, netif) != ERR_OK)
            pbuf_free(p);
        n++;
    }
    return n;
}

/* Taken only when the application runs with mstatus.MIE set: silence the
 * source, obti_netif_wait() arms it again. */
static void eth_irq(void *arg)
{
    (void)arg;
    eth_irq_set(0);
}

static void timer_irq(void *arg)
{
    (void)arg;
    timer_cancel();
}

void obti_netif_irq_init(void)
{
    irq_set_handler(ETH_IRQ, eth_irq, NULL);
    trap_set_irq_handler(TRAP_IRQ_TIMER, timer_irq, NULL);
    eth_irq_set(ETH_IE_RX_MASK);
    irq_enable(ETH_IRQ);
    cpu_mie_set(MIE_MEIE | MIE_MTIE);
}

void obti_netif_wait(void)
{
    eth_irq_set(ETH_IE_RX_MASK);
    if (eth_rx_len() != 0)
        return;
    u32_t ms = sys_timeouts_sleeptime();
    timer_set_compare(ms == SYS_TIMEOUTS_SLEEPTIME_INFINITE
                          ? TIMER_NEVER
                          : timer_now() + (uint64_t)ms * (SYSCLK_HZ / 1000u));
    if (eth_rx_len() == 0) {
        g_stats.sleeps++;
        cpu_wfi();
    }
}

void obti_netif_stats(struct obti_netif_stats *s) { *s = g_stats; }
