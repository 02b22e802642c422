/* softbti: the software BTI of seed 002 on a PC. The BTI protocol engine of
 * sw/common (the firmware app runs the same code) on UDP sockets, with the
 * voice step in real SRTP (sw/common/srtp.c, AES_CM_128_HMAC_SHA1_80) and
 * the work-order code dialed as in-band DTMF in PCMU audio. Runs one BTI or
 * many at once for the servers' end-to-end and load tests.
 * docs/protocol.md "Software BTI". */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "obti/bti.h"
#include "obti/prot.h"
#include "srtp.h"

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"

/* ---- options ---------------------------------------------------------------- */
static struct {
    uint32_t gc_ip;
    uint16_t gc_port;
    const char *call;
    const char *codes;          /* "1234#" or "1111#,1234#" (next one after a retry) */
    long code_base;             /* >= 0: BTI i dials (code_base + i) then '#' */
    const char *keystore;       /* file (count 1) or prefix (FILE.i) */
    const char *sp_pub_file;
    const char *earpiece;       /* raw s16 8 kHz of what BTI 0 heard */
    const char *mouthpiece;     /* raw s16 8 kHz of what BTI 0 sent */
    int do_register;
    int count, parallel;
    int fast_voice;             /* test switch: dial at once, short tones */
    int trace;
    uint8_t mac_base[6];
    int have_mac;
    uint32_t voice_timeout_ms;
} opt = { .gc_ip = 0x7F000001, .gc_port = OBTI_GC_PORT, .call = "611", .codes = "",
          .code_base = -1, .sp_pub_file = "build/gen/bin/sp_pubkey.der", .count = 1,
          .parallel = 1 };

static uint8_t sp_pub[2048];
static size_t sp_pub_len;
static struct timespec t_start;

static uint32_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint32_t)((uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u);
}

static double elapsed_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t_start.tv_sec) + (double)(t.tv_nsec - t_start.tv_nsec) / 1e9;
}

/* ---- G.711 mu-law (ITU-T G.711, the segment/quantization tables in code) ---- */
static uint8_t ulaw_encode(int16_t s)
{
    int x = s, sign = 0;
    if (x < 0) { x = -x; sign = 0x80; }
    if (x > 32635) x = 32635;
    x += 0x84;
    int exp = 7;
    for (int m = 0x4000; (x & m) == 0 && exp > 0; m >>= 1)
        exp--;
    int mant = (x >> (exp + 3)) & 0x0F;
    return (uint8_t)~(sign | (exp << 4) | mant);
}

static int16_t ulaw_decode(uint8_t u)
{
    u = (uint8_t)~u;
    int t = ((u & 0x0F) << 3) + 0x84;
    t <<= (u & 0x70) >> 4;
    return (int16_t)((u & 0x80) ? 0x84 - t : t - 0x84);
}

/* ---- one software BTI ------------------------------------------------------- */
struct sbti {
    int idx;
    int fd, vfd;
    uint16_t vport;
    struct obti_bti b;
    mbedtls_entropy_context ent;
    mbedtls_ctr_drbg_context drbg;
    char ks_path[512];
    /* voice */
    int voice_on;
    struct obti_srtp tx, rx;
    struct sockaddr_in vpeer;
    uint16_t rtp_seq;
    uint32_t rtp_ts, ssrc;
    uint32_t t_voice, next_pkt, last_rx;
    unsigned rx_pkts, rx_bad, tx_pkts;
    int dialing;                 /* digits being sent */
    uint32_t dial_t0;
    char code[40];
    int code_no;
    double ph_lo, ph_hi;
    FILE *ear, *mouth;
    uint32_t t0;
};

static int code_for(struct sbti *s, int n, char *out, size_t cap)
{
    if (opt.code_base >= 0) {
        if (n > 0)
            return -1;
        snprintf(out, cap, "%ld#", opt.code_base + s->idx);
        return 0;
    }
    const char *p = opt.codes;
    for (int i = 0; i < n && p != NULL; i++) {
        p = strchr(p, ',');
        if (p != NULL)
            p++;
    }
    if (p == NULL || *p == '\0')
        return -1;
    size_t l = strcspn(p, ",");
    if (l >= cap)
        return -1;
    memcpy(out, p, l);
    out[l] = '\0';
    return 0;
}

/* Tone timing: the user's keypad (normal) or the shortened test switch. */
static unsigned tone_on_ms(void) { return opt.fast_voice ? 60 : 100; }
static unsigned tone_off_ms(void) { return opt.fast_voice ? 120 : 150; }   /* > the PS's 96 ms same-digit gap */

static const char *keys = "123A456B789C*0#D";
static const double rows[4] = { 697, 770, 852, 941 }, cols[4] = { 1209, 1336, 1477, 1633 };

/* 160 samples of the dialed code at time t (ms since dialing began). */
static void dial_frame(struct sbti *s, uint32_t t, int16_t *out)
{
    unsigned period = tone_on_ms() + tone_off_ms();
    size_t n = strlen(s->code);
    for (int i = 0; i < 160; i++) {
        uint32_t ts = t + (uint32_t)(i / 8);
        size_t d = ts / period;
        double v = 0;
        if (d < n && ts % period < tone_on_ms()) {
            const char *k = strchr(keys, s->code[d]);
            if (k != NULL) {
                int pos = (int)(k - keys);
                /* About -7 dBm0 per tone (amplitude 7000 of 32767). */
                v = 7000 * sin(s->ph_lo) + 7000 * sin(s->ph_hi);
                s->ph_lo += 2 * M_PI * rows[pos / 4] / 8000;
                s->ph_hi += 2 * M_PI * cols[pos % 4] / 8000;
            }
        }
        out[i] = (int16_t)v;
    }
    if (t / period >= n)
        s->dialing = 2;          /* done: silence until AUTH_RESULT */
}

static int pf_send(void *ctx, uint32_t ip, uint16_t port, const uint8_t *buf, size_t len)
{
    struct sbti *s = ctx;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port),
                             .sin_addr.s_addr = htonl(ip) };
    return sendto(s->fd, buf, len, 0, (struct sockaddr *)&a, sizeof(a)) < 0 ? OBTI_EIO : 0;
}

static int pf_recv(void *ctx, uint8_t *buf, size_t cap, uint32_t timeout_ms, uint32_t *ip,
                   uint16_t *port)
{
    struct sbti *s = ctx;
    struct pollfd p = { .fd = s->fd, .events = POLLIN };
    int r = poll(&p, 1, (int)timeout_ms);
    if (r <= 0)
        return r == 0 || errno == EINTR ? 0 : OBTI_EIO;
    struct sockaddr_in a;
    socklen_t al = sizeof(a);
    ssize_t n = recvfrom(s->fd, buf, cap, 0, (struct sockaddr *)&a, &al);
    if (n < 0)
        return 0;
    *ip = ntohl(a.sin_addr.s_addr);
    *port = ntohs(a.sin_port);
    return (int)n;
}

static uint32_t pf_now(void *ctx) { (void)ctx; return now_ms(); }

static int pf_ks_load(void *ctx, uint8_t *buf, size_t cap)
{
    struct sbti *s = ctx;
    if (s->ks_path[0] == '\0')
        return OBTI_ENOENT;
    FILE *f = fopen(s->ks_path, "rb");
    if (f == NULL)
        return OBTI_ENOENT;
    size_t n = fread(buf, 1, cap, f);
    fclose(f);
    return n == 0 ? OBTI_ENOENT : (int)n;
}

static int pf_ks_save(void *ctx, const uint8_t *buf, size_t len)
{
    struct sbti *s = ctx;
    char tmp[600];
    if (s->ks_path[0] == '\0')
        return 0;                         /* no key store asked for: keys die with the process */
    snprintf(tmp, sizeof(tmp), "%s.new", s->ks_path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return OBTI_EIO;
    int ok = write(fd, buf, len) == (ssize_t)len && fsync(fd) == 0;
    close(fd);
    if (!ok || rename(tmp, s->ks_path) != 0)
        return OBTI_EIO;
    return 0;
}

static int pf_voice_start(void *ctx, const struct obti_voice_params *p)
{
    struct sbti *s = ctx;
    if (obti_srtp_init(&s->tx, OBTI_SRTP_SEND, p->srtp_key, p->ssrc_tx) != 0 ||
        obti_srtp_init(&s->rx, OBTI_SRTP_RECV, p->srtp_key, p->ssrc_rx) != 0) {
        obti_srtp_free(&s->tx);
        obti_srtp_free(&s->rx);
        return OBTI_ECRYPTO;
    }
    s->vpeer = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons(p->ps_voice_port),
                                     .sin_addr.s_addr = htonl(p->ps_ip) };
    s->ssrc = p->ssrc_tx;
    s->rtp_seq = (uint16_t)(p->ssrc_tx >> 7);
    s->rtp_ts = p->ssrc_tx * 3u;
    s->t_voice = s->next_pkt = now_ms();
    s->last_rx = 0;
    s->rx_pkts = s->rx_bad = s->tx_pkts = 0;
    s->dialing = 0;
    s->code_no = 0;
    if (code_for(s, 0, s->code, sizeof(s->code)) != 0)
        s->code[0] = '\0';
    s->voice_on = 1;
    return 0;
}

/* When the simulated user starts dialing: after the prompt has played
 * (packets came and then stopped for 400 ms, or none for 3 s), or at
 * once with the test switch. */
static int user_ready(struct sbti *s, uint32_t now)
{
    if (opt.fast_voice)
        return now - s->t_voice >= 40;
    if (s->rx_pkts == 0)
        return now - s->t_voice >= 3000;
    return now - s->last_rx >= 400;
}

static void pf_voice_tick(void *ctx)
{
    struct sbti *s = ctx;
    uint8_t pkt[512];
    int16_t pcm[160];
    if (!s->voice_on)
        return;
    uint32_t now = now_ms();
    /* Receive: decrypt and play (earpiece file for BTI 0). */
    for (;;) {
        ssize_t n = recv(s->vfd, pkt, sizeof(pkt), MSG_DONTWAIT);
        if (n <= 0)
            break;
        size_t rtp_len;
        if (obti_srtp_unprotect(&s->rx, pkt, (size_t)n, &rtp_len) != 0 || rtp_len < 12) {
            s->rx_bad++;
            continue;
        }
        s->rx_pkts++;
        s->last_rx = now;
        if (s->ear != NULL) {
            size_t hl = 12 + 4u * (pkt[0] & 0x0F);
            for (size_t i = hl; i < rtp_len; i++) {
                int16_t v = ulaw_decode(pkt[i]);
                fwrite(&v, 2, 1, s->ear);
            }
        }
    }
    if (s->dialing == 0 && s->code[0] != '\0' && user_ready(s, now)) {
        s->dialing = 1;
        s->dial_t0 = s->next_pkt;            /* the first tone starts with a packet */
        s->ph_lo = s->ph_hi = 0;
    }
    /* Send: one 20 ms PCMU packet per slot; a late process skips, not bursts. */
    if ((int32_t)(now - s->next_pkt) > 200)
        s->next_pkt = now;
    while ((int32_t)(now - s->next_pkt) >= 0) {
        if (s->dialing == 1)
            dial_frame(s, s->next_pkt - s->dial_t0, pcm);
        else
            memset(pcm, 0, sizeof(pcm));
        pkt[0] = 0x80; pkt[1] = 0;                       /* V=2, PT 0 (PCMU) */
        pkt[2] = (uint8_t)(s->rtp_seq >> 8); pkt[3] = (uint8_t)s->rtp_seq;
        pkt[4] = (uint8_t)(s->rtp_ts >> 24); pkt[5] = (uint8_t)(s->rtp_ts >> 16);
        pkt[6] = (uint8_t)(s->rtp_ts >> 8); pkt[7] = (uint8_t)s->rtp_ts;
        pkt[8] = (uint8_t)(s->ssrc >> 24); pkt[9] = (uint8_t)(s->ssrc >> 16);
        pkt[10] = (uint8_t)(s->ssrc >> 8); pkt[11] = (uint8_t)s->ssrc;
        for (int i = 0; i < 160; i++)
            pkt[12 + i] = ulaw_encode(pcm[i]);
        if (s->mouth != NULL)
            fwrite(pcm, 2, 160, s->mouth);
        size_t out;
        if (obti_srtp_protect(&s->tx, pkt, 172, sizeof(pkt), &out) == 0 &&
            sendto(s->vfd, pkt, out, 0, (struct sockaddr *)&s->vpeer, sizeof(s->vpeer)) > 0)
            s->tx_pkts++;
        s->rtp_seq++;
        s->rtp_ts += 160;
        s->next_pkt += 20;
    }
}

static void pf_voice_stop(void *ctx)
{
    struct sbti *s = ctx;
    if (!s->voice_on)
        return;
    s->voice_on = 0;
    obti_srtp_free(&s->tx);
    obti_srtp_free(&s->rx);
}

static const char *ev_name[] = { "send", "retransmit", "recv", "drop", "cert_ok", "voice_start",
                                 "voice_stop", "auth_retry", "provisioned", "registered",
                                 "call_accepted", "failed" };

static void pf_event(void *ctx, int ev, int code)
{
    struct sbti *s = ctx;
    if (ev == OBTI_EV_AUTH_RETRY) {
        /* The user hears "wrong code" and dials the next one, if any. */
        if (code_for(s, ++s->code_no, s->code, sizeof(s->code)) == 0) {
            s->dialing = 0;
            s->t_voice = now_ms();
            s->rx_pkts = 0;
        } else {
            s->code[0] = '\0';
        }
    }
    if (!opt.trace)
        return;
    const char *arg = "";
    char num[32] = "";
    if (ev == OBTI_EV_SEND || ev == OBTI_EV_RETRANSMIT || ev == OBTI_EV_RECV)
        arg = obti_type_name((uint8_t)code);
    else if (ev == OBTI_EV_DROP || ev == OBTI_EV_FAILED)
        arg = obti_strerror(code);
    else if (ev == OBTI_EV_AUTH_RETRY)
        snprintf(num, sizeof(num), "tries_left=%d", code), arg = num;
    fprintf(stderr, "softbti[%d] %8.3f %s %s\n", s->idx, elapsed_s(),
            ev >= 0 && ev < (int)(sizeof(ev_name) / sizeof(ev_name[0])) ? ev_name[ev] : "?", arg);
}

static int drbg_random(void *p, unsigned char *out, size_t n)
{
    return mbedtls_ctr_drbg_random(p, out, n) == 0 ? 0 : OBTI_ECRYPTO;
}

static int open_udp(uint16_t *port)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY) };
    socklen_t al = sizeof(a);
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &al) != 0) {
        close(fd);
        return -1;
    }
    if (port != NULL)
        *port = ntohs(a.sin_port);
    return fd;
}

/* The address this host uses towards the GC (for the KEYX info). */
static uint32_t local_ip_towards(uint32_t ip, uint16_t port)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port),
                             .sin_addr.s_addr = htonl(ip) };
    socklen_t al = sizeof(a);
    uint32_t r = 0x7F000001;
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &al) == 0)
        r = ntohl(a.sin_addr.s_addr);
    if (fd >= 0)
        close(fd);
    return r;
}

/* Run BTI number idx to the end. Returns 0 or OBTI_E*. */
static int run_one(int idx, uint32_t *ms, uint32_t *account)
{
    struct sbti *s = calloc(1, sizeof(*s));
    int rc;
    if (s == NULL)
        return OBTI_EIO;
    s->idx = idx;
    s->t0 = now_ms();
    mbedtls_entropy_init(&s->ent);
    mbedtls_ctr_drbg_init(&s->drbg);
    s->fd = open_udp(NULL);
    s->vfd = open_udp(&s->vport);
    if (opt.keystore != NULL) {
        if (opt.count == 1)
            snprintf(s->ks_path, sizeof(s->ks_path), "%s", opt.keystore);
        else
            snprintf(s->ks_path, sizeof(s->ks_path), "%s.%d", opt.keystore, idx);
    }
    if (idx == 0 && opt.earpiece != NULL)
        s->ear = fopen(opt.earpiece, "wb");
    if (idx == 0 && opt.mouthpiece != NULL)
        s->mouth = fopen(opt.mouthpiece, "wb");
    if (s->fd < 0 || s->vfd < 0 ||
        mbedtls_ctr_drbg_seed(&s->drbg, mbedtls_entropy_func, &s->ent,
                              (const uint8_t *)"softbti", 7) != 0) {
        rc = OBTI_EIO;
        goto out;
    }
    struct obti_bti_config cfg = {
        .local_ip = local_ip_towards(opt.gc_ip, opt.gc_port), .local_voice_port = s->vport,
        .fw_version = 0x00010000, .gc_ip = opt.gc_ip, .gc_port = opt.gc_port,
        .sp_pub_der = sp_pub, .sp_pub_len = sp_pub_len, .voice_timeout_ms = opt.voice_timeout_ms,
    };
    memcpy(cfg.bti_id, opt.mac_base, 6);
    uint32_t low = ((uint32_t)cfg.bti_id[3] << 16 | (uint32_t)cfg.bti_id[4] << 8 | cfg.bti_id[5]) +
                   (uint32_t)idx;
    cfg.bti_id[3] = (uint8_t)(low >> 16); cfg.bti_id[4] = (uint8_t)(low >> 8);
    cfg.bti_id[5] = (uint8_t)low;
    /* A provisioned software BTI keeps the id it was provisioned under. */
    uint8_t blob[OBTI_RECORD_BLOB_LEN + 1];
    struct obti_bti_record rec;
    int bl = pf_ks_load(s, blob, sizeof(blob));
    if (!opt.have_mac && bl > 0 && obti_record_decode(blob, (size_t)bl, &rec) == 0)
        memcpy(cfg.bti_id, rec.bti_id, 6);
    memset(&rec, 0, sizeof(rec));
    memset(blob, 0, sizeof(blob));
    struct obti_bti_platform pf = {
        .ctx = s, .send = pf_send, .recv = pf_recv, .now_ms = pf_now, .random = drbg_random,
        .rng_ctx = &s->drbg, .ks_load = pf_ks_load, .ks_save = pf_ks_save,
        .voice_start = pf_voice_start, .voice_tick = pf_voice_tick, .voice_stop = pf_voice_stop,
        .event = pf_event,
    };
    rc = obti_bti_init(&s->b, &cfg, &pf);
    if (rc == 0)
        rc = opt.do_register ? obti_bti_register(&s->b) : obti_bti_dial(&s->b, opt.call);
    if (rc == 0)
        rc = obti_bti_run(&s->b);
    *account = obti_bti_account(&s->b);
    obti_bti_free(&s->b);
out:
    *ms = now_ms() - s->t0;
    pf_voice_stop(s);
    if (s->ear != NULL)
        fclose(s->ear);
    if (s->mouth != NULL)
        fclose(s->mouth);
    if (s->fd >= 0) close(s->fd);
    if (s->vfd >= 0) close(s->vfd);
    mbedtls_ctr_drbg_free(&s->drbg);
    mbedtls_entropy_free(&s->ent);
    free(s);
    return rc;
}

static atomic_int next_idx, n_ok, n_fail;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    for (;;) {
        int i = atomic_fetch_add(&next_idx, 1);
        if (i >= opt.count)
            return NULL;
        uint32_t ms = 0, account = 0;
        int rc = run_one(i, &ms, &account);
        atomic_fetch_add(rc == 0 ? &n_ok : &n_fail, 1);
        pthread_mutex_lock(&out_lock);
        if (rc == 0 && opt.do_register)
            printf("softbti %d: registered (account %u) in %u ms\n", i, account, ms);
        else if (rc == 0 && strcmp(opt.call, "611") == 0 && account != 0)
            printf("softbti %d: provisioned, account %u, in %u ms\n", i, account, ms);
        else if (rc == 0)
            printf("softbti %d: call to %s accepted in %u ms\n", i, opt.call, ms);
        else
            printf("softbti %d: failed: %s (%d) after %u ms\n", i, obti_strerror(rc), rc, ms);
        fflush(stdout);
        pthread_mutex_unlock(&out_lock);
    }
}

static int parse_hostport(const char *s, uint32_t *ip, uint16_t *port)
{
    char host[64];
    const char *c = strrchr(s, ':');
    size_t l = c ? (size_t)(c - s) : strlen(s);
    struct in_addr a;
    if (l >= sizeof(host))
        return -1;
    memcpy(host, s, l);
    host[l] = '\0';
    if (inet_pton(AF_INET, host, &a) != 1)
        return -1;
    *ip = ntohl(a.s_addr);
    if (c != NULL) {
        long p = strtol(c + 1, NULL, 10);
        if (p <= 0 || p > 65535)
            return -1;
        *port = (uint16_t)p;
    }
    return 0;
}

static void usage(void)
{
    fprintf(stderr,
        "usage: softbti [options]\n"
        "  --gc HOST:PORT      gate controller (default 127.0.0.1:7060)\n"
        "  --call DIGITS       number to dial (default 611 = provisioning)\n"
        "  --code CODES        work-order code dialed in-band, e.g. 1234# ; a comma list\n"
        "                      gives the codes tried after each 'wrong code' (1111#,1234#)\n"
        "  --code-base N       BTI i dials N+i then # (load tests)\n"
        "  --register          re-register a provisioned BTI (needs --keystore)\n"
        "  --keystore FILE     key store file (FILE.i for --count > 1)\n"
        "  --sp-pub FILE       SP root public key, DER (default build/gen/bin/sp_pubkey.der)\n"
        "  --mac XX:XX:XX:XX:XX:XX  BTI id of BTI 0 (BTI i adds i); default random 02:...\n"
        "  --count N           number of BTIs (default 1)\n"
        "  --parallel P        BTIs running at once (default 1)\n"
        "  --fast-voice        test switch: dial at once with 60 ms tones (default off)\n"
        "  --voice-timeout MS  give up the voice step after MS (default 180000)\n"
        "  --earpiece FILE     raw s16le 8 kHz audio BTI 0 heard\n"
        "  --mouthpiece FILE   raw s16le 8 kHz audio BTI 0 sent\n"
        "  --trace             protocol events on stderr\n");
}

int main(int argc, char **argv)
{
    static const struct option lo[] = {
        { "gc", 1, 0, 'g' }, { "call", 1, 0, 'c' }, { "code", 1, 0, 'k' },
        { "code-base", 1, 0, 'K' }, { "register", 0, 0, 'r' }, { "keystore", 1, 0, 's' },
        { "sp-pub", 1, 0, 'p' }, { "mac", 1, 0, 'm' }, { "count", 1, 0, 'n' },
        { "parallel", 1, 0, 'j' }, { "fast-voice", 0, 0, 'f' }, { "trace", 0, 0, 't' },
        { "earpiece", 1, 0, 'e' }, { "mouthpiece", 1, 0, 'M' }, { "voice-timeout", 1, 0, 'T' }, { "help", 0, 0, 'h' },
        { 0, 0, 0, 0 } };
    int c;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        switch (c) {
        case 'g':
            if (parse_hostport(optarg, &opt.gc_ip, &opt.gc_port) != 0) {
                fprintf(stderr, "softbti: bad --gc %s\n", optarg);
                return 2;
            }
            break;
        case 'c': opt.call = optarg; break;
        case 'k': opt.codes = optarg; break;
        case 'K': opt.code_base = strtol(optarg, NULL, 10); break;
        case 'r': opt.do_register = 1; break;
        case 's': opt.keystore = optarg; break;
        case 'p': opt.sp_pub_file = optarg; break;
        case 'm': {
            unsigned v[6];
            if (sscanf(optarg, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6) {
                fprintf(stderr, "softbti: bad --mac %s\n", optarg);
                return 2;
            }
            for (int i = 0; i < 6; i++)
                opt.mac_base[i] = (uint8_t)v[i];
            opt.have_mac = 1;
            break;
        }
        case 'n': opt.count = atoi(optarg); break;
        case 'j': opt.parallel = atoi(optarg); break;
        case 'f': opt.fast_voice = 1; break;
        case 't': opt.trace = 1; break;
        case 'e': opt.earpiece = optarg; break;
        case 'M': opt.mouthpiece = optarg; break;
        case 'T': opt.voice_timeout_ms = (uint32_t)strtoul(optarg, NULL, 10); break;
        default: usage(); return c == 'h' ? 0 : 2;
        }
    }
    if (optind != argc || opt.count < 1 || opt.parallel < 1 ||
        (opt.do_register && opt.keystore == NULL)) {
        usage();
        return 2;
    }
    if (opt.parallel > opt.count)
        opt.parallel = opt.count;
    FILE *f = fopen(opt.sp_pub_file, "rb");
    if (f == NULL) {
        fprintf(stderr, "softbti: cannot read SP public key %s (make server builds it)\n",
                opt.sp_pub_file);
        return 2;
    }
    sp_pub_len = fread(sp_pub, 1, sizeof(sp_pub), f);
    fclose(f);
    if (!opt.have_mac) {
        FILE *r = fopen("/dev/urandom", "rb");
        opt.mac_base[0] = 0x02;                       /* locally administered */
        if (r == NULL || fread(opt.mac_base + 1, 1, 5, r) != 5) {
            fprintf(stderr, "softbti: /dev/urandom\n");
            return 2;
        }
        fclose(r);
    }
    clock_gettime(CLOCK_MONOTONIC, &t_start);
    pthread_t th[1024];
    int nth = opt.parallel > 1024 ? 1024 : opt.parallel;
    int started = 0;
    for (int i = 0; i < nth; i++) {
        if (pthread_create(&th[i], NULL, worker, NULL) != 0) {
            fprintf(stderr, "softbti: only %d threads started\n", started);
            break;
        }
        started++;
    }
    if (started == 0)
        return 2;
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    double t = elapsed_s();
    if (opt.count > 1)
        printf("softbti: %d ok, %d failed in %.3f s (%.1f per second)\n", atomic_load(&n_ok),
               atomic_load(&n_fail), t, t > 0 ? atomic_load(&n_ok) / t : 0.0);
    return atomic_load(&n_fail) == 0 ? 0 : 1;
}
