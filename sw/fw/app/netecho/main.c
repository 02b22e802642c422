/* netecho: the network test and benchmark firmware. lwIP (NO_SYS, raw API)
 * on the Ethernet MAC gets an address by DHCP, answers ping, echoes UDP on
 * port 7, counts UDP on port 9001 (receive throughput), and takes commands
 * on UDP port 9000 (docs/ethernet.md):
 *   stats                  MAC, netif and lwIP drop counters
 *   get PORT PATH          HTTP/1.0 GET from the gateway (slirp: the host,
 *                          10.0.2.2) at PORT, SHA-256 of the body
 *   txburst PORT N SIZE    send N datagrams of SIZE bytes to the gateway's PORT
 *   rxstat                 datagrams, bytes and cycles seen on port 9001
 *   exit                   end the simulation with exit code 0
 * Replies go to the sender of the command. The main loop sleeps in wfi
 * until the MAC has a frame or lwIP's next timeout is due. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "eth.h"
#include "irq.h"
#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/stats.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "lwip/udp.h"
#include "mbedtls/sha256.h"
#include "netif/ethernet.h"
#include "netif_obti.h"

#define ECHO_PORT 7
#define CTRL_PORT 9000
#define SINK_PORT 9001

static const uint8_t kMac[6] = {0x02, 0x0b, 0x71, 0x00, 0x00, 0x01};

static struct netif g_netif;
static struct udp_pcb *g_ctrl;

/* echo statistics: datagrams and, for 200-byte ones, cycles from taking
 * the frame out of the MAC to handing the reply to it */
static uint32_t g_echoed, g_n200;
static uint64_t g_cyc200;

/* receive sink */
static uint32_t g_sink_n, g_sink_bytes;
static uint64_t g_sink_first, g_sink_last;

static void reply(const ip_addr_t *addr, u16_t port, const char *text)
{
    size_t n = strlen(text);
    struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)n, PBUF_RAM);
    if (p == NULL)
        return;
    memcpy(p->payload, text, n);
    udp_sendto(g_ctrl, p, addr, port);
    pbuf_free(p);
}

static void echo_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr, u16_t port)
{
    (void)arg;
    u16_t len = p->tot_len;
    udp_sendto(pcb, p, addr, port);
    pbuf_free(p);
    g_echoed++;
    if (len == 200) {
        g_cyc200 += cpu_cycles() - obti_netif_rx_cycle;
        g_n200++;
    }
}

static void sink_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr, u16_t port)
{
    (void)arg; (void)pcb; (void)addr; (void)port;
    uint64_t now = cpu_cycles();
    if (g_sink_n == 0)
        g_sink_first = obti_netif_rx_cycle;
    g_sink_last = now;
    g_sink_n++;
    g_sink_bytes += p->tot_len;
    pbuf_free(p);
}

/* --- HTTP client ------------------------------------------------------------- */
static struct {
    int active;
    ip_addr_t who;
    u16_t who_port;
    struct tcp_pcb *pcb;
    char path[96];
    int hdr_state;          /* matched bytes of "\r\n\r\n" */
    int in_body;
    int status;
    int status_digits;      /* digits of the status code seen */
    int spaces;
    uint32_t body_len;
    uint64_t start;
    mbedtls_sha256_context sha;
} g_http;

static void http_finish(const char *err)
{
    char msg[160];
    if (err) {
        snprintf(msg, sizeof msg, "http error %s", err);
    } else {
        uint8_t h[32];
        char hex[65];
        mbedtls_sha256_finish_ret(&g_http.sha, h);
        for (int i = 0; i < 32; i++)
            snprintf(hex + 2 * i, 3, "%02x", h[i]);
        snprintf(msg, sizeof msg, "http status=%d len=%lu sha256=%s cycles=%llu", g_http.status,
                 (unsigned long)g_http.body_len, hex,
                 (unsigned long long)(cpu_cycles() - g_http.start));
    }
    mbedtls_sha256_free(&g_http.sha);
    printf("%s\n", msg);
    reply(&g_http.who, g_http.who_port, msg);
    g_http.active = 0;
}

static void http_consume(const uint8_t *d, size_t n)
{
    size_t i = 0;
    while (!g_http.in_body && i < n) {
        uint8_t c = d[i++];
        /* status line "HTTP/1.x NNN ..." */
        if (g_http.spaces == 0 && c == ' ') g_http.spaces = 1;
        else if (g_http.spaces == 1 && c >= '0' && c <= '9' && g_http.status_digits < 3) {
            g_http.status = g_http.status * 10 + (c - '0');
            g_http.status_digits++;
        } else if (g_http.spaces == 1 && g_http.status_digits > 0) g_http.spaces = 2;
        static const char end[] = "\r\n\r\n";
        if (c == (uint8_t)end[g_http.hdr_state]) g_http.hdr_state++;
        else g_http.hdr_state = (c == '\r') ? 1 : 0;
        if (g_http.hdr_state == 4) g_http.in_body = 1;
    }
    if (i < n) {
        mbedtls_sha256_update_ret(&g_http.sha, d + i, n - i);
        g_http.body_len += (uint32_t)(n - i);
    }
}

static err_t http_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    (void)arg;
    if (p == NULL || err != ERR_OK) {
        if (p) pbuf_free(p);
        tcp_arg(pcb, NULL);
        tcp_recv(pcb, NULL);
        tcp_err(pcb, NULL);
        if (tcp_close(pcb) != ERR_OK) tcp_abort(pcb);
        g_http.pcb = NULL;
        http_finish(g_http.in_body ? NULL : "no body");
        return p == NULL ? ERR_OK : ERR_ABRT;
    }
    for (struct pbuf *q = p; q != NULL; q = q->next)
        http_consume(q->payload, q->len);
    tcp_recved(pcb, p->tot_len);
    pbuf_free(p);
    return ERR_OK;
}

static void http_err(void *arg, err_t err)
{
    (void)arg;
    char e[24];
    snprintf(e, sizeof e, "tcp %d", (int)err);
    g_http.pcb = NULL;
    http_finish(e);
}

static err_t http_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    (void)arg;
    if (err != ERR_OK) return err;
    char req[160];
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", g_http.path,
                     ip4addr_ntoa(netif_ip4_gw(&g_netif)));
    tcp_write(pcb, req, (u16_t)n, TCP_WRITE_FLAG_COPY);
    tcp_output(pcb);
    return ERR_OK;
}

static void http_get(const ip_addr_t *who, u16_t who_port, unsigned port, const char *path)
{
    if (g_http.active) {
        reply(who, who_port, "http error busy");
        return;
    }
    memset(&g_http, 0, sizeof g_http);
    g_http.active = 1;
    g_http.who = *who;
    g_http.who_port = who_port;
    snprintf(g_http.path, sizeof g_http.path, "%s", path);
    mbedtls_sha256_init(&g_http.sha);
    mbedtls_sha256_starts_ret(&g_http.sha, 0);
    g_http.start = cpu_cycles();
    ip_addr_t server;
    ip_addr_copy_from_ip4(server, *netif_ip4_gw(&g_netif));
    g_http.pcb = tcp_new();
    if (g_http.pcb == NULL) {
        http_finish("no pcb");
        return;
    }
    tcp_recv(g_http.pcb, http_recv);
    tcp_err(g_http.pcb, http_err);
    if (tcp_connect(g_http.pcb, &server, (u16_t)port, http_connected) != ERR_OK) {
        tcp_abort(g_http.pcb);
        g_http.pcb = NULL;
        http_finish("connect");
    }
}

/* --- commands ------------------------------------------------------------------ */
static void stats_text(char *out, size_t n)
{
    struct eth_counters c;
    struct obti_netif_stats s;
    eth_counters(&c, 0);
    obti_netif_stats(&s);
    snprintf(out, n,
             "stats rx_ok=%lu tx_ok=%lu crc=%lu runt=%lu oversize=%lu overrun=%lu filtered=%lu "
             "nomem=%lu link_drop=%lu etharp_drop=%lu ip_drop=%lu ip_lenerr=%lu ip_chkerr=%lu "
             "ip_proterr=%lu ip_err=%lu udp_drop=%lu udp_lenerr=%lu tcp_drop=%lu tcp_lenerr=%lu "
             "echoed=%lu cpp200=%llu sleeps=%lu",
             (unsigned long)c.rx_ok, (unsigned long)c.tx_ok, (unsigned long)c.crc_err,
             (unsigned long)c.runt, (unsigned long)c.oversize, (unsigned long)c.overrun,
             (unsigned long)c.filtered, (unsigned long)s.rx_nomem,
             (unsigned long)lwip_stats.link.drop, (unsigned long)lwip_stats.etharp.drop,
             (unsigned long)lwip_stats.ip.drop, (unsigned long)lwip_stats.ip.lenerr,
             (unsigned long)lwip_stats.ip.chkerr, (unsigned long)lwip_stats.ip.proterr,
             (unsigned long)lwip_stats.ip.err, (unsigned long)lwip_stats.udp.drop,
             (unsigned long)lwip_stats.udp.lenerr, (unsigned long)lwip_stats.tcp.drop,
             (unsigned long)lwip_stats.tcp.lenerr, (unsigned long)g_echoed,
             (unsigned long long)(g_n200 ? g_cyc200 / g_n200 : 0), (unsigned long)s.sleeps);
}

/* Byte k of dst becomes (first + k) mod 256 (what the tests check), a
 * word at a time when dst is aligned: four bytes added without carries
 * between them. */
static void fill_pattern(uint8_t *dst, unsigned n, uint8_t first)
{
    unsigned k = 0;
    if (((uintptr_t)dst & 3u) == 0) {
        uint32_t *w = (uint32_t *)(void *)dst;
        for (; k + 4 <= n; k += 4) {
            uint32_t x = (uint8_t)(first + k) * 0x01010101u;
            *w++ = ((x & 0x7f7f7f7fu) + 0x03020100u) ^ (x & 0x80808080u);
        }
    }
    for (; k < n; k++)
        dst[k] = (uint8_t)(first + k);
}

static void tx_burst(const ip_addr_t *who, u16_t who_port, unsigned port, unsigned count, unsigned size)
{
    char msg[96];
    if (size == 0 || size > 1472 || count == 0) {
        reply(who, who_port, "txburst error");
        return;
    }
    ip_addr_t dst;
    ip_addr_copy_from_ip4(dst, *netif_ip4_gw(&g_netif));
    uint32_t sent = 0, bytes = 0;
    uint64_t t0 = cpu_cycles();
    for (unsigned i = 0; i < count; i++) {
        struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)size, PBUF_RAM);
        if (p == NULL) break;
        fill_pattern(p->payload, size, (uint8_t)i);
        if (udp_sendto(g_ctrl, p, &dst, (u16_t)port) == ERR_OK) {
            sent++;
            bytes += size;
        }
        pbuf_free(p);
    }
    while (eth_tx_busy()) {}
    snprintf(msg, sizeof msg, "txburst n=%lu bytes=%lu cycles=%llu", (unsigned long)sent,
             (unsigned long)bytes, (unsigned long long)(cpu_cycles() - t0));
    reply(who, who_port, msg);
}

static void ctrl_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr, u16_t port)
{
    (void)arg; (void)pcb;
    char cmd[128];
    u16_t n = pbuf_copy_partial(p, cmd, sizeof cmd - 1, 0);
    cmd[n] = 0;
    pbuf_free(p);
    char out[512];
    unsigned a, b, c;
    char path[96];
    if (strcmp(cmd, "stats") == 0) {
        stats_text(out, sizeof out);
        reply(addr, port, out);
    } else if (sscanf(cmd, "get %u %95s", &a, path) == 2) {
        http_get(addr, port, a, path);
    } else if (sscanf(cmd, "txburst %u %u %u", &a, &b, &c) == 3) {
        tx_burst(addr, port, a, b, c);
    } else if (strcmp(cmd, "rxstat") == 0) {
        snprintf(out, sizeof out, "rxstat n=%lu bytes=%lu cycles=%llu", (unsigned long)g_sink_n,
                 (unsigned long)g_sink_bytes, (unsigned long long)(g_sink_last - g_sink_first));
        reply(addr, port, out);
        g_sink_n = 0;
        g_sink_bytes = 0;
    } else if (strcmp(cmd, "exit") == 0) {
        stats_text(out, sizeof out);
        printf("%s\n", out);
        reply(addr, port, "bye");
        while (eth_tx_busy()) {}
        exit(0);
    } else {
        reply(addr, port, "unknown command");
    }
}

int main(void)
{
    irq_init();
    lwip_init();
    ip4_addr_t any;
    ip4_addr_set_zero(&any);
    if (netif_add(&g_netif, &any, &any, &any, (void *)kMac, obti_netif_init, ethernet_input) == NULL) {
        printf("netecho: netif_add failed\n");
        return 1;
    }
    netif_set_default(&g_netif);
    netif_set_up(&g_netif);
    dhcp_start(&g_netif);

    struct udp_pcb *echo = udp_new(), *sink = udp_new();
    g_ctrl = udp_new();
    if (!echo || !sink || !g_ctrl || udp_bind(echo, IP_ANY_TYPE, ECHO_PORT) != ERR_OK ||
        udp_bind(sink, IP_ANY_TYPE, SINK_PORT) != ERR_OK || udp_bind(g_ctrl, IP_ANY_TYPE, CTRL_PORT) != ERR_OK) {
        printf("netecho: cannot bind\n");
        return 1;
    }
    udp_recv(echo, echo_recv, NULL);
    udp_recv(sink, sink_recv, NULL);
    udp_recv(g_ctrl, ctrl_recv, NULL);
    /* the loop sleeps in wfi between frames and lwIP timeouts */
    obti_netif_irq_init();
    printf("netecho: waiting for DHCP\n");

    int announced = 0;
    for (;;) {
        obti_netif_poll(&g_netif);
        sys_check_timeouts();
        if (!announced && dhcp_supplied_address(&g_netif)) {
            printf("netecho: address %s\n", ip4addr_ntoa(netif_ip4_addr(&g_netif)));
            /* resolve the gateway (the host, 10.0.2.2) before the first reply needs it */
            etharp_request(&g_netif, netif_ip4_gw(&g_netif));
            announced = 1;
        }
        obti_netif_wait();
    }
}
