/* The BTI application (seed 002): the telephone line (ProSLIC on SPI and
 * the PCM highway, hook, dial tone, DTMF digits), the network (lwIP UDP,
 * DHCP) and the provisioning protocol engine of sw/common/bti.c with the
 * SoC's TRNG-seeded DRBG, AES engine and flash key store.
 *   off-hook -> dial tone; "611" (complete as dialed; other numbers end
 *   with "#" or 3 s after the last digit) -> SETUP to the gate controller, then
 *   steps 302-310 with the provisioning server; the PS prompt is heard
 *   (SRTP, decrypted on the AES engine) and the user's DTMF goes to the PS
 *   encrypted; KU and the long-term keys go to the key store.
 *   After a reboot with keys, it re-registers with no user action.
 * Prints a protocol trace with cycle counts (docs/demo.md). UART commands,
 * one per line (for the simulation harness):
 *   halt MS    end the simulation MS ms after provisioning or registration
 *              ends (exit code 0 when it succeeded, 3 when it failed)
 *   gc A.B.C.D[:PORT]   gate controller address (default 10.0.2.2:7060) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <obti/regs_uart.h>

#include "cpu.h"
#include "eth.h"
#include "irq.h"
#include "keystore.h"
#include "obti/bti.h"
#include "obti/prot.h"
#include "obti_err.h"
#include "obti_rng.h"
#include "pcm.h"
#include "proslic.h"
#include "sim.h"
#include "spi.h"
#include "spiflash.h"
#include "tel.h"
#include "trng.h"
#include "uart.h"
#include "voice.h"

#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/timeouts.h"
#include "lwip/udp.h"
#include "mbedtls/memory_buffer_alloc.h"
#include "netif/ethernet.h"
#include "netif_obti.h"

#define BLOCK         80u           /* 10 ms at 8 kHz: the line loop's period */
#define BLOCK_MS      10u
#define PCM_CH        0u
#define PCM_SLOT      1u
#define NUMBER_MAX    16u
#define IDT_MS        3000u         /* inter-digit timeout for numbers other than 611 not ended by '#' */
#define PROV_NUMBER   "611"
#define LOCAL_CTL_PORT   7070u
#define LOCAL_VOICE_PORT 7072u
#define FW_VERSION    0x00010000u
#define TRNG_DIV      10u
#define HEAP_BYTES    (20u * 1024u)
#define CYC_PER_MS    (SYSCLK_HZ / 1000u)

/* The service provider's root public key, in the read-only region of the
 * code memory (the patent's ROM 230): generated from the build's SP key
 * (build/gen/bin/sp_pubkey.der) by tests/e2e/bti.mk. */
extern const uint8_t obti_rom_sp_pubkey[];
extern const uint32_t obti_rom_sp_pubkey_len;
extern char __rom_end[];

static const uint8_t kMac[6] = {0x02, 0x0b, 0x71, 0xb7, 0x00, 0x01};

enum line_state { L_ONHOOK, L_DIALING, L_CALLING, L_VOICE, L_ENDED };

static struct app {
    /* line */
    struct proslic slic;
    struct dtmf_det det;
    struct tone_gen tone;
    struct hook_sm hook;
    enum line_state line;
    char number[NUMBER_MAX + 1];
    unsigned nlen;
    uint32_t last_digit_ms;
    /* network */
    struct netif netif;
    struct udp_pcb *ctl, *vpcb;
    int net_up;
    uint32_t voice_ip;              /* PS voice address, host order */
    uint16_t voice_port;
    /* protocol */
    struct obti_bti bti;
    struct obti_rng rng;
    int rng_ok;
    struct keystore ks;
    int ks_ok;
    struct voice voice;
    int register_pending;
    /* trace */
    uint64_t t_in;                  /* cycles at the start of the current engine call */
    uint64_t work;                  /* cycles inside the engine, this run */
    uint64_t t_cert_ok;
    uint64_t t_first;
    int ended;                      /* DONE or FAILED seen */
    uint32_t end_ms;
    uint32_t halt_ms;               /* 0: run forever */
    uint32_t gc_ip;
    uint16_t gc_port;
    /* UART commands */
    char cmd[48];
    unsigned cmd_len;
} app;

static uint8_t heap[HEAP_BYTES] __attribute__((aligned(8)));

static uint32_t now_ms(void) { return (uint32_t)(cpu_cycles() / CYC_PER_MS); }

static void fatal(const char *what, int rc)
{
    printf("bti: error: %s failed (%d)\n", what, rc);
    sim_exit(2);
}

/* ---- protocol trace ----------------------------------------------------------- */
static const char *step_of(int type)
{
    switch (type) {
    case OBTI_T_SETUP: case OBTI_T_SETUP_ACK: case OBTI_T_SETUP_REJ: return "301";
    case OBTI_T_HELLO: return "302";
    case OBTI_T_CERT: return "303";
    case OBTI_T_KEYX: return "304";
    case OBTI_T_KEYX_ACK: return "305";
    case OBTI_T_AUTH_RESULT: return "309";
    case OBTI_T_ENROLL: case OBTI_T_ENROLL_ACK: return "310";
    case OBTI_T_REGISTER: case OBTI_T_REGISTER_ACK: return "reg";
    default: return "---";
    }
}

static void trace(const char *step, const char *what, uint64_t work)
{
    uint64_t c = cpu_cycles();
    printf("bti: trace %10llu cyc %6lu.%lu ms  %-4s %s", (unsigned long long)c,
           (unsigned long)(c / CYC_PER_MS), (unsigned long)(c % CYC_PER_MS / (CYC_PER_MS / 10)),
           step, what);
    if (work)
        printf(" [BTI work %llu cyc]", (unsigned long long)work);
    printf("\n");
}

static void pf_event(void *ctx, int ev, int code)
{
    (void)ctx;
    char what[48];
    uint64_t c = cpu_cycles();
    switch (ev) {
    case OBTI_EV_SEND:
        snprintf(what, sizeof what, "%s sent", obti_type_name((uint8_t)code));
        if (code == OBTI_T_KEYX && app.t_cert_ok)
            trace(step_of(code), "K SK AK N0 from the DRBG, {K}_KPS RSA-OAEP, GCM", c - app.t_cert_ok);
        trace(step_of(code), what, c - app.t_in);
        break;
    case OBTI_EV_RETRANSMIT:
        snprintf(what, sizeof what, "%s resent", obti_type_name((uint8_t)code));
        trace(step_of(code), what, 0);
        break;
    case OBTI_EV_RECV:
        break;                      /* traced on arrival (ctl_recv) */
    case OBTI_EV_DROP:
        snprintf(what, sizeof what, "datagram dropped: %s", obti_strerror(code));
        trace("---", what, 0);
        break;
    case OBTI_EV_CERT_OK:
        app.t_cert_ok = c;
        trace("303", "PS certificate verified with the SP key in ROM", c - app.t_in);
        break;
    case OBTI_EV_VOICE_START:
        trace("306", "voice on: SRTP, prompt to the earpiece", 0);
        app.line = L_VOICE;
        tone_gen_start(&app.tone, TONE_OFF);
        break;
    case OBTI_EV_VOICE_STOP: {
        const struct voice_stats *s = &app.voice.st;
        trace("309", "voice off", 0);
        printf("bti: voice %lu packets sent, %lu received, %lu rejected, %lu late, %lu overflow, "
               "%lu queue drops; SRTP protect %lu cyc/pkt, unprotect %lu cyc/pkt\n",
               (unsigned long)s->tx_pkts, (unsigned long)s->rx_pkts, (unsigned long)s->rx_bad,
               (unsigned long)s->rx_late, (unsigned long)s->rx_overflow, (unsigned long)s->rx_qdrop,
               (unsigned long)(s->tx_pkts ? s->protect_cycles / s->tx_pkts : 0),
               (unsigned long)(s->rx_pkts + s->rx_bad ? s->unprotect_cycles / (s->rx_pkts + s->rx_bad) : 0));
        break;
    }
    case OBTI_EV_AUTH_RETRY:
        snprintf(what, sizeof what, "wrong code, %d tries left", code);
        trace("309", what, 0);
        break;
    case OBTI_EV_PROVISIONED:
        trace("310", "keys stored: provisioned", c - app.t_in);
        break;
    case OBTI_EV_REGISTERED:
        trace("reg", "registered", c - app.t_in);
        break;
    case OBTI_EV_CALL_ACCEPTED:
        trace("301", "call accepted by the GC", 0);
        break;
    case OBTI_EV_FAILED:
        snprintf(what, sizeof what, "FAILED: %s (%d)", obti_strerror(code), code);
        trace("---", what, 0);
        break;
    default:
        break;
    }
}

/* ---- receive path ------------------------------------------------------------ */
/* The MAC's receive ring has four slots. While the engine computes for
 * millions of cycles (certificate, OAEP, ECDSA key generation) the PS's
 * retransmissions fill it, and the answer to the request the engine sends
 * next would find it full. So frames are moved from the ring into lwIP pool
 * buffers first (a copy) and handed to lwIP afterwards, and the ring is
 * emptied this way just before every request goes out (pf_send). */
#define RXQ 8u
static struct pbuf *rxq[RXQ];
static uint32_t rxq_head, rxq_tail, rx_frames, rx_dropped;

static void net_drain(void)
{
    size_t len;
    while (rxq_head - rxq_tail < RXQ && (len = eth_rx_len()) != 0) {
        if (len + ETH_PAD_SIZE > PBUF_POOL_BUFSIZE) {      /* cannot be ours: drop, count */
            eth_rx_pop();
            rx_dropped++;
            continue;
        }
        struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)(len + ETH_PAD_SIZE), PBUF_POOL);
        if (p == NULL)
            return;                 /* no buffer now: it waits in the ring */
        eth_rx_read((uint8_t *)p->payload + ETH_PAD_SIZE, len);
        eth_rx_pop();
        rx_frames++;
        rxq[rxq_head++ % RXQ] = p;
    }
}

static void net_input(void)
{
    net_drain();
    while (rxq_tail != rxq_head) {
        struct pbuf *p = rxq[rxq_tail++ % RXQ];
        if (app.netif.input(p, &app.netif) != ERR_OK)
            pbuf_free(p);
        net_drain();
    }
}

/* ---- platform callbacks of the engine ---------------------------------------- */
static int udp_send_to(struct udp_pcb *pcb, uint32_t ip, uint16_t port, const uint8_t *buf, size_t len)
{
    if (!app.net_up)
        return OBTI_EAGAIN;
    struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)len, PBUF_RAM);
    if (p == NULL)
        return OBTI_EAGAIN;
    memcpy(p->payload, buf, len);
    ip_addr_t dst;
    IP_ADDR4(&dst, (ip >> 24) & 0xFF, (ip >> 16) & 0xFF, (ip >> 8) & 0xFF, ip & 0xFF);
    err_t e = udp_sendto(pcb, p, &dst, port);
    pbuf_free(p);
    return e == ERR_OK ? 0 : OBTI_EIO;
}

static int pf_send(void *ctx, uint32_t ip, uint16_t port, const uint8_t *buf, size_t len)
{
    (void)ctx;
    net_drain();
    return udp_send_to(app.ctl, ip, port, buf, len);
}

static uint32_t pf_now(void *ctx) { (void)ctx; return now_ms(); }

/* The DRBG; never drawn from unless it was seeded from a healthy TRNG. */
static int pf_random(void *p, unsigned char *out, size_t len)
{
    if (!app.rng_ok) {
        memset(out, 0, len);
        return OBTI_EALARM;
    }
    return obti_rng_random(p, out, len) == 0 ? 0 : OBTI_EALARM;
}

static int pf_ks_load(void *ctx, uint8_t *buf, size_t cap)
{
    (void)ctx;
    size_t len = 0;
    struct keystore_info info;
    if (!app.ks_ok)
        return OBTI_ENOENT;
    int rc = keystore_load(&app.ks, buf, cap, &len, &info);
    if (rc == OBTI_EBADMSG) {
        printf("bti: key store damaged: provision again\n");
        return OBTI_ENOENT;
    }
    if (rc != 0)
        return rc;
    printf("bti: key store: %u bytes, set %lu in slot %u\n", (unsigned)len,
           (unsigned long)info.seq, info.slot);
    /* The record (its counter goes up with every registration and is saved
     * before REGISTER leaves) as additional input to the DRBG: the session
     * id, SK' and N3 of this boot differ from every earlier boot's even if
     * the noise source repeated itself from power-up, as the simulator's
     * seeded noise diode does. The same session id as the provisioning
     * session made the PS drop the first REGISTER as stale (docs/demo.md). */
    for (size_t off = 0; app.rng_ok && off < len; off += 256) {
        size_t n = len - off < 256 ? len - off : 256;   /* the DRBG takes 384 at most */
        if ((rc = mbedtls_ctr_drbg_update_ret(&app.rng.drbg, buf + off, n)) != 0) {
            printf("bti: error: DRBG update failed (%d): no keys will be generated\n", rc);
            app.rng_ok = 0;
        }
    }
    return (int)len;
}

static int pf_ks_save(void *ctx, const uint8_t *buf, size_t len)
{
    (void)ctx;
    if (!app.ks_ok)
        return OBTI_EIO;
    uint64_t t0 = cpu_cycles();
    int rc = keystore_store(&app.ks, buf, len);
    printf("bti: key store write %s: %u bytes, %llu cyc\n", rc ? "FAILED" : "ok", (unsigned)len,
           (unsigned long long)(cpu_cycles() - t0));
    return rc;
}

static int voice_send(void *ctx, const uint8_t *pkt, size_t len)
{
    (void)ctx;
    return udp_send_to(app.vpcb, app.voice_ip, app.voice_port, pkt, len);
}

static int pf_voice_start(void *ctx, const struct obti_voice_params *p)
{
    (void)ctx;
    app.voice_ip = p->ps_ip;
    app.voice_port = p->ps_voice_port;
    return voice_start(&app.voice, p, voice_send, NULL);
}

static void pf_voice_stop(void *ctx)
{
    (void)ctx;
    voice_stop(&app.voice);
}

/* ---- network ------------------------------------------------------------------ */
static void ctl_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr, u16_t port)
{
    (void)arg;
    (void)pcb;
    static uint8_t buf[OBTI_MSG_MAX + 1];
    size_t n = pbuf_copy_partial(p, buf, sizeof buf, 0);
    pbuf_free(p);
    if (n >= 4) {
        char what[48];
        snprintf(what, sizeof what, "%s received", obti_type_name(buf[3]));
        trace(step_of(buf[3]), what, 0);
    }
    app.t_in = cpu_cycles();
    obti_bti_input(&app.bti, buf, n, lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(addr))), port);
    app.work += cpu_cycles() - app.t_in;
}

static void voice_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr, u16_t port)
{
    (void)arg;
    (void)pcb;
    (void)addr;
    (void)port;
    uint8_t buf[VOICE_QPKT];
    if (p->tot_len <= sizeof buf) {
        size_t n = pbuf_copy_partial(p, buf, sizeof buf, 0);
        voice_queue(&app.voice, buf, n);
    } else {
        app.voice.st.rx_qdrop++;
    }
    pbuf_free(p);
}

static void net_init(void)
{
    lwip_init();
    ip4_addr_t any;
    ip4_addr_set_zero(&any);
    if (netif_add(&app.netif, &any, &any, &any, (void *)kMac, obti_netif_init, ethernet_input) == NULL)
        fatal("netif_add", OBTI_EIO);
    netif_set_default(&app.netif);
    netif_set_up(&app.netif);
    dhcp_start(&app.netif);
    app.ctl = udp_new();
    app.vpcb = udp_new();
    if (app.ctl == NULL || app.vpcb == NULL || udp_bind(app.ctl, IP_ANY_TYPE, LOCAL_CTL_PORT) != ERR_OK ||
        udp_bind(app.vpcb, IP_ANY_TYPE, LOCAL_VOICE_PORT) != ERR_OK)
        fatal("udp_bind", OBTI_EIO);
    udp_recv(app.ctl, ctl_recv, NULL);
    udp_recv(app.vpcb, voice_recv, NULL);
}

/* ---- the line ----------------------------------------------------------------- */
static int pcm_setup(void)
{
    struct pcm_config pc = {SYSCLK_HZ, 2048000u, 0};
    int rc = pcm_init(&pc);
    if (!rc)
        rc = pcm_channel(PCM_CH, PCM_FMT_ULAW, PCM_SLOT, PCM_SLOT, 1);
    if (!rc)
        pcm_start();
    return rc;
}

static void engine_call(const char *number)
{
    char what[48];
    snprintf(what, sizeof what, "dialed %s", number);
    trace("301", what, 0);
    app.line = L_CALLING;
    app.ended = 0;
    app.t_cert_ok = 0;
    app.t_in = cpu_cycles();
    int rc = obti_bti_dial(&app.bti, number);
    app.work += cpu_cycles() - app.t_in;
    if (rc != 0 && obti_bti_state(&app.bti) != OBTI_S_FAILED) {
        /* refused before anything was sent (busy, bad number) */
        snprintf(what, sizeof what, "call refused: %s", obti_strerror(rc));
        trace("301", what, 0);
        app.line = L_ENDED;
        tone_gen_start(&app.tone, TONE_REORDER);
    }
}

static void line_hook(void)
{
    int lcr = proslic_loop_closed(&app.slic);
    if (lcr < 0)
        fatal("loop status read", lcr);
    enum hook_event ev = hook_feed(&app.hook, lcr, BLOCK_MS);
    if (ev == HOOK_EV_OFF_HOOK || ev == HOOK_EV_FLASH) {
        printf("bti: %s\n", ev == HOOK_EV_FLASH ? "flash" : "off-hook");
        if (app.line == L_ONHOOK || app.line == L_ENDED || ev == HOOK_EV_FLASH) {
            app.line = L_DIALING;
            app.nlen = 0;
            tone_gen_start(&app.tone, TONE_DIAL);
            dtmf_det_init(&app.det);
        }
    } else if (ev == HOOK_EV_ON_HOOK) {
        printf("bti: on-hook\n");
        /* A provisioning under way continues (the engine times out if the
         * user is gone); the line goes quiet. */
        if (app.line == L_DIALING || app.line == L_ENDED)
            app.line = L_ONHOOK;
    }
    if (!app.hook.closed && app.tone.kind != TONE_OFF)
        tone_gen_start(&app.tone, TONE_OFF);
}

static void line_digits(const int16_t *mic)
{
    char digits[4];
    size_t n = dtmf_det_feed(&app.det, mic, BLOCK, digits, sizeof digits);
    uint32_t now = now_ms();
    for (size_t i = 0; i < n && app.line == L_DIALING; i++) {
        if (app.tone.kind == TONE_DIAL)
            tone_gen_start(&app.tone, TONE_OFF);
        printf("bti: digit %c\n", digits[i]);
        /* '#' ends a number at once instead of the inter-digit timeout
         * (the usual dial-plan convention); it is not part of the number. */
        if (digits[i] == '#') {
            if (app.nlen)
                engine_call(app.number);
            continue;
        }
        if (app.nlen < NUMBER_MAX)
            app.number[app.nlen++] = digits[i];
        app.number[app.nlen] = 0;
        app.last_digit_ms = now;
        /* 611 is complete as soon as it is dialed (the dial plan). */
        if (strcmp(app.number, PROV_NUMBER) == 0)
            engine_call(app.number);
    }
    if (app.line == L_DIALING && app.nlen && now - app.last_digit_ms >= IDT_MS)
        engine_call(app.number);
}

static void line_step(void)
{
    static int16_t mic[BLOCK], ear[BLOCK];
    pcm_read(PCM_CH, mic, BLOCK);
    line_hook();
    int off = hook_is_off(&app.hook) && app.hook.closed;
    if (off && app.line == L_DIALING)
        line_digits(mic);
    if (app.voice.active) {
        voice_audio(&app.voice, mic, ear, BLOCK);
        if (!off)
            memset(ear, 0, sizeof ear);
    } else {
        tone_gen_fill(&app.tone, ear, BLOCK);
    }
    pcm_write(PCM_CH, ear, BLOCK);
    uint32_t under, over;
    pcm_take_errors(PCM_CH, &under, &over);
    if (under || over)
        printf("bti: PCM %lu underrun(s), %lu overrun(s)\n", (unsigned long)under, (unsigned long)over);
}

/* ---- UART commands ---------------------------------------------------------- */
static void command(const char *line)
{
    unsigned a, b, c, d, port = OBTI_GC_PORT;
    if (sscanf(line, "halt %u", &a) == 1) {
        app.halt_ms = a ? a : 1;
    } else if (sscanf(line, "gc %u.%u.%u.%u:%u", &a, &b, &c, &d, &port) >= 4 && a < 256 && b < 256 &&
               c < 256 && d < 256 && port > 0 && port < 65536) {
        app.bti.cfg.gc_ip = (a << 24) | (b << 16) | (c << 8) | d;
        app.bti.cfg.gc_port = (uint16_t)port;
        printf("bti: gate controller %u.%u.%u.%u:%u\n", a, b, c, d, port);
    } else if (line[0]) {
        printf("bti: unknown command '%s'\n", line);
    }
}

/* UART receive ring, filled by the interrupt handler: commands sent while
 * the firmware seeds the DRBG or reads the flash must not overflow the
 * 16-byte FIFO. */
#define RX_RING 128u
static volatile uint8_t rx_ring[RX_RING];
static volatile uint32_t rx_head, rx_tail, rx_lost;

static void uart_rx_irq(void *arg)
{
    (void)arg;
    int c;
    while ((c = uart_try_getc()) != OBTI_EAGAIN) {
        if (c < 0 || rx_head - rx_tail >= RX_RING) {
            rx_lost++;
            continue;
        }
        rx_ring[rx_head % RX_RING] = (uint8_t)c;
        rx_head++;
    }
}

static void poll_uart(void)
{
    static uint32_t lost_seen;
    if (rx_lost != lost_seen) {
        lost_seen = rx_lost;
        app.cmd_len = 0;
        printf("bti: UART input lost\n");
    }
    while (rx_tail != rx_head) {
        char ch = (char)rx_ring[rx_tail % RX_RING];
        rx_tail++;
        if (ch == '\n' || ch == '\r') {
            app.cmd[app.cmd_len] = 0;
            command(app.cmd);
            app.cmd_len = 0;
        } else if (app.cmd_len < sizeof app.cmd - 1) {
            app.cmd[app.cmd_len++] = (char)ch;
        }
    }
}

/* ---- main ----------------------------------------------------------------------- */
static void init_keys(void)
{
    uint32_t id;
    int rc = spiflash_init(1);
    if (!rc)
        rc = spiflash_read_id(&id);
    if (!rc && ((id & 0xFFu) < 13u || (id & 0xFFu) > 24u))
        rc = OBTI_EIO;
    if (rc) {
        printf("bti: error: no SPI flash (%d): keys cannot be stored\n", rc);
        return;
    }
    app.ks.base = (1u << (id & 0xFFu)) - 2u * KEYSTORE_SLOT_SIZE;
    app.ks_ok = 1;
}

int main(void)
{
    int rc;
    uint64_t t0 = cpu_cycles();
    irq_init();
    irq_set_handler(UART_IRQ, uart_rx_irq, NULL);
    irq_enable(UART_IRQ);
    uart_irq_enable(UART_IE_RX_MASK);
    cpu_irq_enable();
    printf("bti: openbti BTI firmware %lu.%lu, MAC %02x:%02x:%02x:%02x:%02x:%02x\n",
           (unsigned long)(FW_VERSION >> 16), (unsigned long)(FW_VERSION & 0xFFFF),
           kMac[0], kMac[1], kMac[2], kMac[3], kMac[4], kMac[5]);
    printf("bti: SP root key %lu bytes at 0x%08lx (read-only region ends at 0x%08lx)\n",
           (unsigned long)obti_rom_sp_pubkey_len, (unsigned long)(uintptr_t)obti_rom_sp_pubkey,
           (unsigned long)(uintptr_t)__rom_end);
    mbedtls_memory_buffer_alloc_init(heap, sizeof heap);

    /* Random numbers: TRNG -> conditioning -> CTR_DRBG. In alarm the BTI
     * still works as a phone line but generates no key (every call to the
     * DRBG refuses; provisioning fails with OBTI_EALARM, reorder tone). */
    trng_init(TRNG_DIV);
    rc = obti_rng_init(&app.rng, "openbti bti");
    app.rng_ok = rc == 0;
    if (rc)
        printf("bti: error: TRNG alarm: the noise source failed its health tests (%d); "
               "no keys will be generated\n", rc);
    init_keys();

    struct obti_bti_config cfg;
    memset(&cfg, 0, sizeof cfg);
    memcpy(cfg.bti_id, kMac, sizeof kMac);
    cfg.local_voice_port = LOCAL_VOICE_PORT;
    cfg.fw_version = FW_VERSION;
    cfg.gc_ip = 0x0A000202u;               /* 10.0.2.2: the host under slirp */
    cfg.gc_port = OBTI_GC_PORT;
    cfg.sp_pub_der = obti_rom_sp_pubkey;
    cfg.sp_pub_len = obti_rom_sp_pubkey_len;
    struct obti_bti_platform pf;
    memset(&pf, 0, sizeof pf);
    pf.send = pf_send;
    pf.now_ms = pf_now;
    pf.random = pf_random;
    pf.rng_ctx = &app.rng;
    pf.ks_load = pf_ks_load;
    pf.ks_save = pf_ks_save;
    pf.voice_start = pf_voice_start;
    pf.voice_stop = pf_voice_stop;
    pf.event = pf_event;
    if ((rc = obti_bti_init(&app.bti, &cfg, &pf)))
        fatal("obti_bti_init", rc);
    if (obti_bti_is_provisioned(&app.bti)) {
        printf("bti: provisioned, account %lu: re-registering\n", (unsigned long)obti_bti_account(&app.bti));
        app.register_pending = 1;
    } else {
        printf("bti: not provisioned: dial %s\n", PROV_NUMBER);
    }

    net_init();
    if ((rc = pcm_setup()))
        fatal("PCM set-up", rc);
    if ((rc = spi_init(SYSCLK_HZ, 2000000u)))
        fatal("spi_init", rc);
    struct proslic_config sc = {0, PROSLIC_PCM_ULAW, PCM_SLOT, PCM_SLOT};
    if ((rc = proslic_init(&app.slic, &sc)))
        fatal("proslic_init", rc);
    hook_init(&app.hook);
    dtmf_det_init(&app.det);
    tone_gen_init(&app.tone);
    printf("bti: line ready (Si32%s), boot %llu cyc\n", app.slic.si3215 ? "15" : "10",
           (unsigned long long)(cpu_cycles() - t0));

    int16_t z[BLOCK];
    memset(z, 0, sizeof z);
    pcm_write(PCM_CH, z, BLOCK);            /* 20 ms of transmit latency */
    pcm_write(PCM_CH, z, BLOCK);
    uint32_t under, over;
    pcm_take_errors(PCM_CH, &under, &over);

    for (;;) {
        poll_uart();
        net_input();
        sys_check_timeouts();
        if (!app.net_up && dhcp_supplied_address(&app.netif)) {
            app.net_up = 1;
            printf("bti: address %s, gate controller ", ip4addr_ntoa(netif_ip4_addr(&app.netif)));
            printf("%lu.%lu.%lu.%lu:%u\n", (unsigned long)(app.bti.cfg.gc_ip >> 24),
                   (unsigned long)(app.bti.cfg.gc_ip >> 16 & 0xFF), (unsigned long)(app.bti.cfg.gc_ip >> 8 & 0xFF),
                   (unsigned long)(app.bti.cfg.gc_ip & 0xFF), app.bti.cfg.gc_port);
            app.bti.cfg.local_ip = lwip_ntohl(ip4_addr_get_u32(netif_ip4_addr(&app.netif)));
            etharp_request(&app.netif, netif_ip4_gw(&app.netif));
        }
        if (app.net_up && app.register_pending) {
            app.register_pending = 0;
            app.ended = 0;
            app.t_in = cpu_cycles();
            trace("reg", "re-registration (no user action)", 0);
            (void)obti_bti_register(&app.bti);
            app.work += cpu_cycles() - app.t_in;
        }
        int st = obti_bti_state(&app.bti);
        if (st != OBTI_S_IDLE && st != OBTI_S_DONE && st != OBTI_S_FAILED && obti_bti_deadline(&app.bti) == 0) {
            app.t_in = cpu_cycles();
            obti_bti_tick(&app.bti);
            app.work += cpu_cycles() - app.t_in;
        }
        st = obti_bti_state(&app.bti);
        if (!app.ended && (st == OBTI_S_DONE || st == OBTI_S_FAILED)) {
            app.ended = 1;
            app.end_ms = now_ms();
            if (st == OBTI_S_FAILED) {
                printf("bti: provisioning failed: %s (%d)\n", obti_strerror(obti_bti_result(&app.bti)),
                       obti_bti_result(&app.bti));
                if (app.line != L_ONHOOK)
                    tone_gen_start(&app.tone, TONE_REORDER);
            } else {
                printf("bti: %s, account %lu; BTI work %llu cyc (engine calls, without SRTP, "
                       "network and user)\n", obti_bti_is_provisioned(&app.bti) ? "provisioned" : "done",
                       (unsigned long)obti_bti_account(&app.bti), (unsigned long long)app.work);
                if (obti_bti_is_provisioned(&app.bti)) {
                    printf("bti: KU+ ");
                    for (unsigned i = 0; i < OBTI_KU_PUB_LEN; i++)
                        printf("%02x", app.bti.rec.ku_pub[i]);
                    printf("\n");
                }
                if (app.line != L_ONHOOK)
                    tone_gen_start(&app.tone, TONE_OFF);
            }
            if (app.line != L_ONHOOK)
                app.line = L_ENDED;
            app.work = 0;
        }
        if (app.ended && app.halt_ms && now_ms() - app.end_ms >= app.halt_ms) {
            struct eth_counters ec;
            size_t heap_used, heap_blocks;
            eth_counters(&ec, 0);
            mbedtls_memory_buffer_alloc_max_get(&heap_used, &heap_blocks);
            printf("bti: halt: frames in %lu, dropped by the MAC %lu (ring full), too long %lu; "
                   "mbedTLS heap peak %lu of %lu bytes\n", (unsigned long)rx_frames,
                   (unsigned long)ec.overrun, (unsigned long)rx_dropped, (unsigned long)heap_used,
                   (unsigned long)HEAP_BYTES);
            for (uint64_t t = cpu_cycles(); cpu_cycles() - t < 200000u;)
                ;                               /* let the UART send the last line */
            sim_exit(st == OBTI_S_DONE ? 0 : 3);
        }
        if (pcm_rx_level(PCM_CH) >= BLOCK)
            line_step();
        else
            (void)voice_poll(&app.voice);
    }
}
