/* provload: many BTIs at once against obti-gc and obti-ps, each one the
 * shared BTI engine of sw/common (obti/bti.h, the code of the firmware and
 * the software BTI) with a host platform: UDP sockets, an optional random
 * loss, key stores in files, and a "user" who dials DTMF into the SRTP
 * voice channel (sw/server/voice.c, libsrtp2 + spandsp). Used by the prov
 * tests (tests/e2e/prov/prov_test.py) and the ps bench.
 *
 * Prints one line per BTI:
 *   BTI <mac> result=ok|fail err=<OBTI_E*> account=<n> sent=<types> prompt_frames=<n> retries=<n>
 * and a summary (cpu_ms: this process's CPU time in the timed window):
 *   SUMMARY ok=<n> fail=<n> elapsed_ms=<t> per_s=<rate> cpu_ms=<t> redials=<n> busy=<n>
 *
 * --pregen-keys (bench): every BTI's KU key pair is generated before the
 * timed window instead of at its step 310. Each BTI still gets its own fresh
 * pair from the DRBG through obti_ku_generate; only the time moves, so the
 * bench measures the server, not the load generator's ECDSA (about half of
 * its CPU). It works by linking with -Wl,--wrap=obti_ku_generate: the BTI
 * engine's call lands in __wrap_obti_ku_generate below.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/platform_util.h>
#include <spandsp.h>

#include "obti/bti.h"
#include "srv.h"
#include "voice.h"

static struct srv_opt opts[] = {
    {"gc", "gate controller", "127.0.0.1:7060", 0},
    {"sp-pub", "SP root public key (DER) = the BTI's ROM", "build/gen/bin/sp_pubkey.der", 0},
    {"count", "BTIs in all", "1", 0},
    {"parallel", "BTIs at once (at most 4000)", "1", 0},
    {"codes", "work-order codes, one per line (BTI i dials line i)", "", 0},
    {"code", "the same code for every BTI", "", 0},
    {"wrong", "wrong codes dialed before the right one", "0", 0},
    {"call", "number dialed (611 provisions)", "611", 0},
    {"register", "re-register (needs --ks-dir with provisioned stores)", "", 1},
    {"ks-dir", "key store files <dir>/<mac>.ks (default: memory)", "", 0},
    {"mac-base", "first BTI's MAC, 12 hex digits", "02000000a000", 0},
    {"loss", "percent of datagrams lost, each direction", "0", 0},
    {"seed", "loss pattern seed", "1", 0},
    {"voice-fast", "dial at once, not after the prompt", "", 1},
    {"key-ms", "DTMF key press and pause, ms", "150", 0},
    {"redial", "times a BTI starts over after a failure (a user dialing 611 again)", "0", 0},
    {"redial-ms", "pause before dialing again (plus up to 0.5 s, spread over the BTIs)", "500", 0},
    {"record", "append every control datagram sent, as '<type> <hex>' lines", "", 0},
    {"timeout-s", "give up after", "120", 0},
    {"pregen-keys", "generate the BTIs' KU pairs before the timed window (bench)", "", 1},
};
#define NOPT (sizeof opts / sizeof opts[0])
#define OPT(n) srv_opt(opts, NOPT, n)

struct inst {
    struct obti_bti b;
    int idx, fd, vfd, active, finished, ok, err, redials, retries, busy;
    uint64_t redial_at;                 /* waiting to dial again (not active, not finished) */
    uint8_t mac[6];
    char code[20];
    unsigned wrong_left;
    uint8_t ks[OBTI_RECORD_BLOB_LEN];
    int ks_len;
    /* voice */
    struct voice *v;
    struct sockaddr_in vpeer;
    dtmf_tx_state_t *dtmf;
    int dialing;                        /* code queued in dtmf */
    uint64_t next_frame, dial_at, redial_voice_at;
    unsigned prompt_frames;
    uint64_t last_prompt_ms;
    char sent[64];
    size_t nsent;
};

static struct inst *bt;
static int epfd = -1;                   /* every running BTI's two sockets */
static mbedtls_ctr_drbg_context drbg;

static int p_rng(void *ctx, unsigned char *out, size_t len)
{
    return mbedtls_ctr_drbg_random(ctx, out, len);
}

static uint8_t *sp_pub;
static size_t sp_pub_len;
static int loss, voice_fast, key_ms;
static uint32_t lrng;
static FILE *rec;
static struct sockaddr_in gc;

/* KU pairs made before the timed window (--pregen-keys), used in order. */
static uint8_t (*ku_pool)[OBTI_KU_PUB_LEN + OBTI_KU_PRIV_LEN];
static int ku_pool_len, ku_pool_next;

int __real_obti_ku_generate(mbedtls_ecdsa_context *ku, obti_rng_fn f_rng, void *p_rng);
int __wrap_obti_ku_generate(mbedtls_ecdsa_context *ku, obti_rng_fn f_rng, void *p_rng);

int __wrap_obti_ku_generate(mbedtls_ecdsa_context *ku, obti_rng_fn f_rng, void *p_rng)
{
    if (ku_pool_next >= ku_pool_len)
        return __real_obti_ku_generate(ku, f_rng, p_rng);
    uint8_t *pair = ku_pool[ku_pool_next++];
    int rc = obti_ku_import(ku, pair, pair + OBTI_KU_PUB_LEN);
    mbedtls_platform_zeroize(pair, OBTI_KU_PUB_LEN + OBTI_KU_PRIV_LEN);
    return rc ? OBTI_ECRYPTO : 0;
}

static int ku_pregen(int n)
{
    ku_pool = calloc((size_t)n, sizeof *ku_pool);
    if (!ku_pool)
        return -1;
    for (int i = 0; i < n; i++) {
        mbedtls_ecdsa_context ku;
        mbedtls_ecdsa_init(&ku);
        int rc = __real_obti_ku_generate(&ku, p_rng, &drbg);
        if (rc == 0)
            rc = obti_ku_export(&ku, ku_pool[i], ku_pool[i] + OBTI_KU_PUB_LEN);
        mbedtls_ecdsa_free(&ku);
        if (rc)
            return -1;
    }
    ku_pool_len = n;
    return 0;
}

static uint64_t cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000u +
           (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000u;
}

static int lost(void)
{
    if (!loss)
        return 0;
    lrng = lrng * 1103515245u + 12345u;
    return (int)((lrng >> 8) % 100u) < loss;
}

static uint32_t p_now(void *ctx) { (void)ctx; return (uint32_t)srv_now_ms(); }

static int p_send(void *ctx, uint32_t ip, uint16_t port, const uint8_t *buf, size_t len)
{
    struct inst *t = ctx;
    if (rec && len >= 4) {
        fprintf(rec, "%02x ", buf[3]);
        for (size_t i = 0; i < len; i++)
            fprintf(rec, "%02x", buf[i]);
        fprintf(rec, "\n");
        fflush(rec);
    }
    if (lost())
        return 0;
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr = {htonl(ip)}};
    return sendto(t->fd, buf, len, 0, (struct sockaddr *)&to, sizeof to) < 0 ? OBTI_EIO : 0;
}


static void ks_path(struct inst *t, char *p, size_t n)
{
    char hex[13];
    srv_bin2hex(t->mac, 6, hex);
    snprintf(p, n, "%s/%s.ks", OPT("ks-dir"), hex);
}

static int p_ks_load(void *ctx, uint8_t *buf, size_t cap)
{
    struct inst *t = ctx;
    if (OPT("ks-dir")[0]) {
        char p[512];
        ks_path(t, p, sizeof p);
        FILE *f = fopen(p, "rb");
        if (!f)
            return OBTI_ENOENT;
        size_t n = fread(buf, 1, cap, f);
        fclose(f);
        return n ? (int)n : OBTI_ENOENT;
    }
    if (t->ks_len <= 0 || (size_t)t->ks_len > cap)
        return OBTI_ENOENT;
    memcpy(buf, t->ks, (size_t)t->ks_len);
    return t->ks_len;
}

static int p_ks_save(void *ctx, const uint8_t *buf, size_t len)
{
    struct inst *t = ctx;
    if (OPT("ks-dir")[0]) {
        char p[512], tmp[520];
        ks_path(t, p, sizeof p);
        snprintf(tmp, sizeof tmp, "%s.tmp", p);
        FILE *f = fopen(tmp, "wb");
        if (!f || fwrite(buf, 1, len, f) != len) {
            if (f)
                fclose(f);
            return OBTI_EIO;
        }
        fclose(f);
        return rename(tmp, p) ? OBTI_EIO : 0;
    }
    if (len > sizeof t->ks)
        return OBTI_EINVAL;
    memcpy(t->ks, buf, len);
    t->ks_len = (int)len;
    return 0;
}

/* The user (re)dials at `at`; whatever key is still sounding stops now. */
static void queue_code(struct inst *t, uint64_t at)
{
    t->dial_at = at;
    t->dialing = 0;
    if (t->dtmf) {
        dtmf_tx_init(t->dtmf);
        dtmf_tx_set_timing(t->dtmf, key_ms, key_ms);
    }
}

static int p_voice_start(void *ctx, const struct obti_voice_params *p)
{
    struct inst *t = ctx;
    t->v = voice_new_key(VOICE_BTI, p->srtp_key, p->ssrc_tx, NULL, 0);
    if (!t->v)
        return OBTI_ECRYPTO;
    t->vpeer = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(p->ps_voice_port),
                                    .sin_addr = {htonl(p->ps_ip)}};
    if (!t->dtmf)
        t->dtmf = dtmf_tx_init(NULL);
    dtmf_tx_set_timing(t->dtmf, key_ms, key_ms);
    t->next_frame = srv_now_ms();
    t->prompt_frames = 0;
    t->last_prompt_ms = 0;
    /* The user dials after the prompt (or at once with --voice-fast). */
    queue_code(t, voice_fast ? srv_now_ms() : srv_now_ms() + 30000);
    return 0;
}

static void p_voice_tick(void *ctx)
{
    struct inst *t = ctx;
    uint64_t now = srv_now_ms();
    if (!t->v)
        return;
    if (!voice_fast && t->prompt_frames && now - t->last_prompt_ms > 400 && t->dial_at > now + 400 &&
        !t->dialing)
        t->dial_at = now;               /* the prompt ended: dial now */
    if (!t->dialing && now >= t->dial_at) {
        char d[24];
        const char *c = t->code;
        if (t->wrong_left)
            c = "99999999";
        snprintf(d, sizeof d, "%s#", c);
        dtmf_tx_put(t->dtmf, d, -1);
        t->dialing = 1;
        t->redial_voice_at = 0;
    }
    int guard = 0;
    while (now >= t->next_frame && guard++ < 5) {
        int16_t lin[VOICE_FRAME];
        int got = t->dialing ? dtmf_tx(t->dtmf, lin, VOICE_FRAME) : 0;
        for (int i = got; i < VOICE_FRAME; i++)
            lin[i] = 0;
        if (t->dialing && got < VOICE_FRAME && !t->redial_voice_at)
            t->redial_voice_at = now + 4000;   /* no answer in 4 s: the user dials again */
        uint8_t ulaw[VOICE_FRAME], pkt[VOICE_PKT_MAX];
        for (int i = 0; i < VOICE_FRAME; i++)
            ulaw[i] = voice_ulaw_encode(lin[i]);
        int len = voice_tx_frame(t->v, ulaw, pkt, sizeof pkt);
        if (len > 0 && !lost())
            sendto(t->vfd, pkt, (size_t)len, 0, (struct sockaddr *)&t->vpeer, sizeof t->vpeer);
        t->next_frame += 20;
    }
    if (now > t->next_frame + 200)
        t->next_frame = now;
    if (t->redial_voice_at && now >= t->redial_voice_at) {
        t->redial_voice_at = 0;
        t->retries++;
        queue_code(t, now);
    }
}

static void p_voice_stop(void *ctx)
{
    struct inst *t = ctx;
    voice_free(t->v);
    t->v = NULL;
}

static void p_event(void *ctx, int ev, int code)
{
    struct inst *t = ctx;
    if (ev == OBTI_EV_SEND && t->nsent + 4 < sizeof t->sent)
        t->nsent += (size_t)snprintf(t->sent + t->nsent, sizeof t->sent - t->nsent, "%s%02x",
                                     t->nsent ? "," : "", code);
    if (ev == OBTI_EV_AUTH_RETRY) {
        if (t->wrong_left)
            t->wrong_left--;
        queue_code(t, srv_now_ms() + 300);
    }
}

static int start(struct inst *t)
{
    /* Sockets only while a BTI runs: 2 x --parallel descriptors, not 2 x --count. */
    for (int v = 0; v < 2; v++) {
        int *fd = v ? &t->vfd : &t->fd;
        if (*fd >= 0)
            continue;
        *fd = srv_udp_bind("127.0.0.1", 0);
        struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)t->idx << 1 | (uint64_t)v};
        if (*fd >= 0 && epoll_ctl(epfd, EPOLL_CTL_ADD, *fd, &ev)) {
            close(*fd);
            *fd = -1;
        }
    }
    if (t->fd < 0 || t->vfd < 0) {
        fprintf(stderr, "provload: sockets: %s\n", strerror(errno));
        t->active = 0;
        t->finished = 1;
        t->err = OBTI_EIO;
        return OBTI_EIO;
    }
    struct obti_bti_config cfg;
    memset(&cfg, 0, sizeof cfg);
    memcpy(cfg.bti_id, t->mac, 6);
    struct sockaddr_in a;
    socklen_t al = sizeof a;
    getsockname(t->vfd, (struct sockaddr *)&a, &al);
    cfg.local_ip = 0x7F000001u;
    cfg.local_voice_port = ntohs(a.sin_port);
    cfg.fw_version = 0x00010000u;
    cfg.gc_ip = ntohl(gc.sin_addr.s_addr);
    cfg.gc_port = ntohs(gc.sin_port);
    cfg.sp_pub_der = sp_pub;
    cfg.sp_pub_len = sp_pub_len;
    cfg.voice_timeout_ms = 60000;
    struct obti_bti_platform pf = {
        .ctx = t, .send = p_send, .now_ms = p_now, .random = p_rng, .rng_ctx = &drbg,
        .ks_load = p_ks_load, .ks_save = p_ks_save, .voice_start = p_voice_start,
        .voice_tick = p_voice_tick, .voice_stop = p_voice_stop, .event = p_event,
    };
    int rc = obti_bti_init(&t->b, &cfg, &pf);
    if (rc == 0)
        rc = OPT("register")[0] ? obti_bti_register(&t->b) : obti_bti_dial(&t->b, OPT("call"));
    t->active = rc == 0;
    if (rc) {
        t->finished = 1;
        t->err = rc;
    }
    return rc;
}

static void finish(struct inst *t)
{
    int st = obti_bti_state(&t->b);
    t->ok = st == OBTI_S_DONE;
    t->err = t->ok ? 0 : obti_bti_result(&t->b);
    uint32_t account = obti_bti_account(&t->b);
    obti_bti_free(&t->b);
    voice_free(t->v);
    t->v = NULL;
    t->active = 0;
    if (!t->ok && t->redials < (int)srv_opt_long(opts, NOPT, "redial")) {
        /* The user dials again after a pause (spread over BTIs so that a
         * server answering BUSY is not hit by all of them at once). */
        t->redials++;
        t->busy += t->err == OBTI_EBUSY;
        t->wrong_left = 0;
        t->redial_at = srv_now_ms() + (uint64_t)srv_opt_long(opts, NOPT, "redial-ms") +
                       (uint64_t)(t->idx * 37 % 500);
        return;
    }
    t->finished = 1;
    close(t->fd);
    close(t->vfd);
    t->fd = t->vfd = -1;
    char hex[13];
    srv_bin2hex(t->mac, 6, hex);
    printf("BTI %s result=%s err=%d account=%u sent=%s prompt_frames=%u retries=%d redials=%d busy=%d\n",
           hex, t->ok ? "ok" : "fail", t->err, account, t->sent,
           t->prompt_frames, t->retries, t->redials, t->busy);
}

int main(int argc, char **argv)
{
    if (srv_opts_parse(opts, NOPT, argc, argv, "provload"))
        return 2;
    int count = (int)srv_opt_long(opts, NOPT, "count");
    int par = (int)srv_opt_long(opts, NOPT, "parallel");
    loss = (int)srv_opt_long(opts, NOPT, "loss");
    lrng = (uint32_t)srv_opt_long(opts, NOPT, "seed");
    voice_fast = OPT("voice-fast")[0] != 0;
    key_ms = (int)srv_opt_long(opts, NOPT, "key-ms");
    if (count < 1 || par < 1 || par > 4000 || loss < 0 || loss > 90 || key_ms < 40) {
        fprintf(stderr, "provload: bad --count/--parallel/--loss/--key-ms\n");
        return 2;
    }
    /* Two sockets per BTI running: raise the soft descriptor limit (often
     * 1024) as far as the hard one allows, or say why not. */
    struct rlimit nl;
    rlim_t need = (rlim_t)par * 2u + 64u;
    if (getrlimit(RLIMIT_NOFILE, &nl) == 0 && nl.rlim_cur < need) {
        if (nl.rlim_max != RLIM_INFINITY && nl.rlim_max < need) {
            fprintf(stderr, "provload: --parallel %d needs %lu descriptors, the hard limit is %lu\n",
                    par, (unsigned long)need, (unsigned long)nl.rlim_max);
            return 2;
        }
        nl.rlim_cur = need;
        if (setrlimit(RLIMIT_NOFILE, &nl) != 0) {
            fprintf(stderr, "provload: cannot raise the descriptor limit to %lu: %s\n",
                    (unsigned long)need, strerror(errno));
            return 2;
        }
    }
    if (srv_addr(OPT("gc"), OBTI_GC_PORT, &gc) || srv_read_file(OPT("sp-pub"), &sp_pub, &sp_pub_len)) {
        fprintf(stderr, "provload: bad --gc or unreadable --sp-pub\n");
        return 2;
    }
    if (OPT("record")[0] && !(rec = fopen(OPT("record"), "a"))) {
        fprintf(stderr, "provload: cannot open %s\n", OPT("record"));
        return 2;
    }
    mbedtls_entropy_context ent;
    mbedtls_entropy_init(&ent);
    mbedtls_ctr_drbg_init(&drbg);
    if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &ent, (const unsigned char *)"provload", 8))
        return 1;
    bt = calloc((size_t)count, sizeof *bt);
    FILE *cf = OPT("codes")[0] ? fopen(OPT("codes"), "r") : NULL;
    if (OPT("codes")[0] && !cf) {
        fprintf(stderr, "provload: cannot read %s\n", OPT("codes"));
        return 2;
    }
    uint8_t base[6];
    if (!bt || srv_hex2bin(OPT("mac-base"), base, 6) != 6) {
        fprintf(stderr, "provload: bad --mac-base\n");
        return 2;
    }
    uint64_t mb = 0;
    for (int i = 0; i < 6; i++)
        mb = mb << 8 | base[i];
    for (int i = 0; i < count; i++) {
        struct inst *t = &bt[i];
        t->idx = i;
        uint64_t m = mb + (uint64_t)i;
        for (int k = 0; k < 6; k++)
            t->mac[k] = (uint8_t)(m >> (40 - 8 * k));
        t->wrong_left = (unsigned)srv_opt_long(opts, NOPT, "wrong");
        if (cf) {
            if (!fgets(t->code, sizeof t->code, cf)) {
                fprintf(stderr, "provload: fewer codes than --count\n");
                return 2;
            }
            t->code[strcspn(t->code, "\r\n \t")] = 0;
        } else {
            snprintf(t->code, sizeof t->code, "%s", OPT("code"));
        }
        t->fd = t->vfd = -1;
    }
    if (cf)
        fclose(cf);
    if (OPT("pregen-keys")[0] && ku_pregen(count)) {
        fprintf(stderr, "provload: key generation failed\n");
        return 1;
    }
    uint64_t cpu0 = cpu_ms();

    uint64_t t0 = srv_now_ms(), deadline = t0 + 1000u * (uint64_t)srv_opt_long(opts, NOPT, "timeout-s");
    int next = 0, done = 0, nact = 0;
    uint64_t last_pass = 0;
    int *act = calloc((size_t)par, sizeof *act);  /* indices of the running BTIs */
    epfd = epoll_create1(0);
    if (!act || epfd < 0) {
        fprintf(stderr, "provload: epoll: %s\n", strerror(errno));
        return 1;
    }
    while (done < count && srv_now_ms() < deadline) {
        while (nact < par && next < count) {
            struct inst *t = &bt[next++];
            start(t);
            if (t->active)
                act[nact++] = t->idx;
            else
                done++;                 /* could not start: reported as failed */
        }
        struct epoll_event ev[256];
        int ne = epoll_wait(epfd, ev, 256, 5);
        uint8_t buf[2048];
        for (int k = 0; k < ne; k++) {
            struct inst *t = &bt[ev[k].data.u64 >> 1];
            int is_voice = (int)(ev[k].data.u64 & 1);
            int fd = is_voice ? t->vfd : t->fd;
            struct sockaddr_in from;
            socklen_t fl = sizeof from;
            ssize_t r;
            while (fd >= 0 &&
                   (r = recvfrom(fd, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&from, &fl)) >= 0) {
                fl = sizeof from;
                if (lost() || !t->active)
                    continue;
                if (!is_voice) {
                    obti_bti_input(&t->b, buf, (size_t)r, ntohl(from.sin_addr.s_addr), ntohs(from.sin_port));
                } else if (t->v && voice_rx(t->v, buf, (size_t)r) == 0) {
                    t->prompt_frames++;
                    t->last_prompt_ms = srv_now_ms();
                }
            }
        }
        /* Replies are handled as they arrive (obti_bti_input sends the next
         * request at once); the pass over all running BTIs (retransmission
         * deadlines, 20 ms voice frames, starts and ends) runs every 2 ms at
         * most, not once per datagram. */
        uint64_t now = srv_now_ms();
        if (now - last_pass < 2)
            continue;
        last_pass = now;
        for (int k = 0; k < nact;) {
            struct inst *t = &bt[act[k]];
            if (!t->active) {           /* waiting to dial again */
                if (now >= t->redial_at && start(t) != 0) {
                    done++;
                    act[k] = act[--nact];
                    continue;
                }
                k++;
                continue;
            }
            if (obti_bti_deadline(&t->b) == 0)
                obti_bti_tick(&t->b);
            if (t->v)
                p_voice_tick(t);        /* the platform's 20 ms voice clock */
            int st = obti_bti_state(&t->b);
            if (st == OBTI_S_DONE || st == OBTI_S_FAILED) {
                finish(t);              /* may start it over (--redial) */
                if (t->finished) {
                    done++;
                    act[k] = act[--nact];
                    continue;
                }
            }
            k++;
        }
    }
    uint64_t el = srv_now_ms() - t0, cpu = cpu_ms() - cpu0;
    int ok = 0, fail = 0, redials = 0, busy = 0;
    for (int i = 0; i < count; i++) {
        redials += bt[i].redials;
        busy += bt[i].busy;
        if (!bt[i].finished) {
            char hex[13];
            srv_bin2hex(bt[i].mac, 6, hex);
            printf("BTI %s result=fail err=timeout state=%d\n", hex,
                   bt[i].active ? obti_bti_state(&bt[i].b) : -1);
        }
        if (bt[i].ok)
            ok++;
        else
            fail++;
        if (bt[i].active)
            obti_bti_free(&bt[i].b);
        voice_free(bt[i].v);
        if (bt[i].dtmf)
            dtmf_tx_free(bt[i].dtmf);
        if (bt[i].fd >= 0)
            close(bt[i].fd);
        if (bt[i].vfd >= 0)
            close(bt[i].vfd);
    }
    printf("SUMMARY ok=%d fail=%d elapsed_ms=%llu per_s=%.1f cpu_ms=%llu redials=%d busy=%d\n", ok,
           fail, (unsigned long long)el, el ? 1000.0 * ok / (double)el : 0.0, (unsigned long long)cpu,
           redials, busy);
    free(bt);
    free(ku_pool);
    free(act);
    close(epfd);
    free(sp_pub);
    if (rec)
        fclose(rec);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&ent);
    return fail ? 1 : 0;
}
