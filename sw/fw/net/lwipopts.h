/* lwIP 2.1 configuration for openbti: NO_SYS (raw API, one main loop), IPv4
 * with ARP, ICMP, UDP, TCP and DHCP, sized for the 64 KiB data RAM. */
#ifndef OBTI_LWIPOPTS_H
#define OBTI_LWIPOPTS_H

#define NO_SYS                  1
#define SYS_LIGHTWEIGHT_PROT    0
#define LWIP_SOCKET             0
#define LWIP_NETCONN            0
#define LWIP_IPV4               1
#define LWIP_IPV6               0
#define LWIP_ARP                1
/* keep every packet sent while an address is being resolved, not only the last */
#define ARP_QUEUEING            1
#define MEMP_NUM_ARP_QUEUE      16
#define LWIP_ETHERNET           1
#define LWIP_ICMP               1
#define LWIP_UDP                1
#define LWIP_TCP                1
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

/* memory: the heap holds outgoing pbufs, the pool holds received frames */
#define MEM_ALIGNMENT           4
#define MEM_SIZE                (12 * 1024)
#define MEMP_NUM_PBUF           16
#define MEMP_NUM_UDP_PCB        6
#define MEMP_NUM_TCP_PCB        4
#define MEMP_NUM_TCP_PCB_LISTEN 2
#define MEMP_NUM_TCP_SEG        16
#define MEMP_NUM_SYS_TIMEOUT    (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 2)
#define PBUF_POOL_SIZE          10
/* one received frame per pool buffer: 2 bytes of pad, 1518 bytes, FCS */
#define PBUF_POOL_BUFSIZE       1528
#define ETH_PAD_SIZE            2

#define TCP_MSS                 1460
#define TCP_WND                 (4 * TCP_MSS)
#define TCP_SND_BUF             (4 * TCP_MSS)
#define TCP_SND_QUEUELEN        16
#define LWIP_TCP_KEEPALIVE      0

#define LWIP_STATS              1
#define LWIP_STATS_DISPLAY      0
#define LINK_STATS              1
#define ETHARP_STATS            1
#define IP_STATS                1
#define ICMP_STATS              1
#define UDP_STATS               1
#define TCP_STATS               1
#define MEM_STATS               1
#define MEMP_STATS              1

#define LWIP_NETIF_API          0
#define LWIP_CHECKSUM_ON_COPY   0
/* the checksum loop that adds 32-bit words (about 1.4 instructions a byte
 * on RV32IM against 2.5 for the default 16-bit one) */
#define LWIP_CHKSUM_ALGORITHM   3

#endif /* OBTI_LWIPOPTS_H */
