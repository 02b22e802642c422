/* lwIP 2.1 configuration of the BTI application: NO_SYS raw API, IPv4 with
 * ARP, ICMP, UDP and DHCP; no TCP. Sized so that lwIP, mbedTLS's heap and
 * the voice playout buffer share the 64 KiB data RAM (docs/demo.md
 * "Memory"). The network tests' configuration is sw/fw/net/lwipopts.h. */
#ifndef OBTI_BTI_LWIPOPTS_H
#define OBTI_BTI_LWIPOPTS_H

#define NO_SYS                  1
#define SYS_LIGHTWEIGHT_PROT    0
#define LWIP_SOCKET             0
#define LWIP_NETCONN            0
#define LWIP_IPV4               1
#define LWIP_IPV6               0
#define LWIP_ARP                1
#define ARP_QUEUEING            1
#define MEMP_NUM_ARP_QUEUE      8
#define LWIP_ETHERNET           1
#define LWIP_ICMP               1
#define LWIP_UDP                1
#define LWIP_TCP                0
#define LWIP_DHCP               1
#define LWIP_DHCP_DOES_ACD_CHECK 0
#define DHCP_DOES_ARP_CHECK     0
#define LWIP_DNS                0
#define LWIP_IGMP               0
#define LWIP_AUTOIP             0
#define IP_REASSEMBLY           0
#define IP_FRAG                 0
#define LWIP_NETIF_HOSTNAME     0
#define LWIP_SINGLE_NETIF       1

/* The heap holds outgoing datagrams (the largest, KEYX, is about 600 bytes;
 * a voice packet 182), the pool the received frames, one per buffer. */
#define MEM_ALIGNMENT           4
#define MEM_SIZE                (3 * 1024)
#define MEMP_NUM_PBUF           8
#define MEMP_NUM_UDP_PCB        4
#define MEMP_NUM_SYS_TIMEOUT    (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 1)
#define PBUF_POOL_SIZE          6
#define PBUF_POOL_BUFSIZE       1528
#define ETH_PAD_SIZE            2

#define LWIP_STATS              1
#define LWIP_STATS_DISPLAY      0
#define LINK_STATS              1
#define ETHARP_STATS            1
#define IP_STATS                1
#define UDP_STATS               1
#define MEM_STATS               1
#define MEMP_STATS              1

#define LWIP_NETIF_API          0
#define LWIP_CHECKSUM_ON_COPY   0
#define LWIP_CHKSUM_ALGORITHM   3

#endif /* OBTI_BTI_LWIPOPTS_H */
