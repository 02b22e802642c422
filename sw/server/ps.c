/* obti-ps: the provisioning server of seed 002 (steps 302-310 and the
 * re-registration). UDP control on :7061, SRTP voice on :7062, SQLite store,
 * RSA decryption of {K}_KPS on worker threads (OpenSSL's by default: the
 * bound on throughput, docs/server.md "RSA"). docs/server.md. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/x509_crt.h>

#include "obti/prot.h"
#include "rsa_ossl.h"
#include "srv.h"
#include "store.h"
#include "voice.h"

static struct srv_opt opts[] = {
    {"listen", "address to bind", "127.0.0.1", 0},
    {"port", "control port", "7061", 0},
    {"voice-port", "SRTP voice port", "7062", 0},
    {"db", "SQLite database", "build/server/ps.db", 0},
    {"cert", "PS certificate (DER, signed by the SP root)", "build/server/certs/ps.crt.der", 0},
    {"key", "PS private key (PEM)", "build/server/certs/ps.key.pem", 0},
    {"prompt", "prompt, G.711 mu-law 8 kHz", "build/server/prompt.ul", 0},
    {"gc", "gate controller address for CRED", "127.0.0.1:7060", 0},
    {"gc-key", "PS-GC shared key, hex (>= 16 bytes)", "", 0},
    {"rsa", "library for the RSA-OAEP decryption of {K}_KPS: openssl | mbedtls", "openssl", 0},
    {"workers", "RSA worker threads (0: in the main loop; default: CPUs)", "", 0},
    {"worker-nice", "niceness the RSA workers add to the process's (the main loop stays responsive)", "5", 0},
    {"max-sessions", "sessions held at once; more get ERROR BUSY", "20000", 0},
    {"keyx-wait-ms", "a HELLO gets ERROR BUSY while the KEYX decryptions queued would take longer than this", "3000", 0},
    {"lockout-s", "seconds a BTI is refused after too many wrong codes", "300", 0},
    {"session-timeout-s", "idle sessions are dropped after this", "300", 0},
    {"done-keep-s", "finished sessions answer retransmissions this long", "60", 0},
    {"prompt-clock", "wall: a prompt frame every 20 ms; bti: one per frame received (a simulated BTI slower than real time)", "wall", 0},
    {"voice-short", "test switch: no prompt is played (bench); off by default", "", 1},
    {"test-crash", "test switch: exit at a point (keyx | enroll-before-commit | enroll-after-commit)", "", 0},
    {"quiet", "log errors and lifecycle only, not every protocol event (bench)", "", 1},
};
#define NOPT (sizeof opts / sizeof opts[0])
#define OPT(n) srv_opt(opts, NOPT, n)

/* ---- sessions --------------------------------------------------------- */
enum ps_state { PS_HELLO = 1, PS_VOICE, PS_AUTHED, PS_DONE, PS_FAILED, PS_REG_DONE };

/* Persisted part of a session (SQLite blob; same program reads it back,
 * a version byte guards against a layout change). */
struct ps_persist {
    uint8_t version;
    uint8_t state;
    uint8_t tries_left;
    uint8_t bti_id[6];
    uint32_t call_id, tx_seq, account;
    uint8_t k[16], sk[16], ak[16], n0[16], n1[16];
    struct obti_info info;
    struct obti_replay rp;
    struct sockaddr_in ctl_peer;
    char code[VOICE_CODE_MAX];
    uint16_t reply_len;
    uint8_t reply[OBTI_MSG_MAX];
};
#define PS_PERSIST_VERSION 1

struct sess {
    uint32_t id;
    struct sess *hnext;                 /* hash chain */
    struct sess *tprev, *tnext;         /* timer list (voice or retransmit active) */
    int on_timer;
    struct ps_persist p;
    int busy;                           /* KEYX at a worker */
    struct voice *voice;
    struct sockaddr_in voice_peer;
    int voice_latched;
    uint64_t next_frame_ms;
    /* PS-initiated AUTH_RESULT retransmission */
    unsigned rtx_tries;
    uint64_t rtx_next, rtx_interval;
    uint64_t last_ms;
    uint64_t t_start;
};

#define HBITS 16
static struct sess *htab[1u << HBITS];
static struct sess *timers;
static unsigned nsess;

static unsigned hidx(uint32_t id) { return (id * 2654435761u) >> (32 - HBITS); }

static struct sess *sess_find(uint32_t id)
{
    for (struct sess *s = htab[hidx(id)]; s; s = s->hnext)
        if (s->id == id)
            return s;
    return NULL;
}

static struct sess *sess_new(uint32_t id)
{
    struct sess *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->id = id;
    s->p.version = PS_PERSIST_VERSION;
    s->hnext = htab[hidx(id)];
    htab[hidx(id)] = s;
    s->last_ms = s->t_start = srv_now_ms();
    nsess++;
    return s;
}

static void timer_on(struct sess *s)
{
    if (s->on_timer)
        return;
    s->on_timer = 1;
    s->tprev = NULL;
    s->tnext = timers;
    if (timers)
        timers->tprev = s;
    timers = s;
}

static void timer_off(struct sess *s)
{
    if (!s->on_timer)
        return;
    s->on_timer = 0;
    if (s->tprev)
        s->tprev->tnext = s->tnext;
    else
        timers = s->tnext;
    if (s->tnext)
        s->tnext->tprev = s->tprev;
}

static void sess_free(struct sess *s)
{
    struct sess **pp = &htab[hidx(s->id)];
    while (*pp && *pp != s)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = s->hnext;
    timer_off(s);
    voice_free(s->voice);
    mbedtls_platform_zeroize(s, sizeof *s);
    free(s);
    nsess--;
}

/* ---- server state ------------------------------------------------------ */
static sqlite3 *db;
static sqlite3_stmt *q_sess_put, *q_sess_del, *q_order, *q_bind_order, *q_bind_acct,
    *q_outbox_add, *q_outbox_next, *q_outbox_del, *q_lock_get, *q_lock_put, *q_reg_get,
    *q_reg_put, *q_begin, *q_commit, *q_rollback;
static int ctl_fd, voice_fd;
static uint8_t *cert_der, *prompt;
static size_t cert_len, prompt_len;
static uint8_t gc_key[64];
static size_t gc_key_len;
static struct sockaddr_in gc_addr;
static int quiet, voice_short, prompt_by_bti;
static long lockout_s, sess_timeout_s;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_entropy_context entropy;
static mbedtls_pk_context main_pk;      /* used when --workers 0 */
static uint64_t cred_next_ms, cred_interval = 500;
static sqlite3_int64 cred_sent_max;     /* highest outbox id sent so far */
static int cred_fresh;                  /* bindings whose CRED was not sent yet */

static struct {
    unsigned long provisioned, registered, drops, wrong_codes, locked, dup, busy;
} stats;

#define LOG(...) do { if (!quiet) srv_log(__VA_ARGS__); } while (0)

static const char *hexid(const uint8_t id[6])
{
    static char b[13];
    srv_bin2hex(id, 6, b);
    return b;
}

static int ct_diff(const uint8_t *a, const uint8_t *b, size_t n)
{
    uint8_t d = 0;
    for (size_t i = 0; i < n; i++)
        d |= a[i] ^ b[i];
    return d != 0;
}

static int rng(void *ctx, unsigned char *out, size_t len)
{
    return mbedtls_ctr_drbg_random(ctx, out, len);
}

static void send_to(int fd, const struct sockaddr_in *to, const uint8_t *b, size_t n)
{
    if (sendto(fd, b, n, 0, (const struct sockaddr *)to, sizeof *to) < 0 && !quiet)
        srv_log("send_error", "to=%s err=%s", srv_addr_str(to), strerror(errno));
}

/* ---- persistence -------------------------------------------------------- */
static int sess_save(struct sess *s)
{
    sqlite3_reset(q_sess_put);
    sqlite3_bind_int64(q_sess_put, 1, s->id);
    sqlite3_bind_int64(q_sess_put, 2, (sqlite3_int64)time(NULL));
    /* Only the used part of the reply buffer is stored. */
    sqlite3_bind_blob(q_sess_put, 3, &s->p, (int)(offsetof(struct ps_persist, reply) + s->p.reply_len),
                      SQLITE_STATIC);
    int rc = sqlite3_step(q_sess_put) == SQLITE_DONE ? 0 : -1;
    sqlite3_clear_bindings(q_sess_put);
    if (rc)
        srv_log("db_error", "op=session_save err=%s", sqlite3_errmsg(db));
    return rc;
}

static void sess_forget(struct sess *s)
{
    sqlite3_reset(q_sess_del);
    sqlite3_bind_int64(q_sess_del, 1, s->id);
    sqlite3_step(q_sess_del);
    sess_free(s);
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static void sessions_load(void)
{
    sqlite3_stmt *st = store_prep(db, "SELECT session, state FROM sessions WHERE updated_at >= ?");
    sqlite3_bind_int64(st, 1, (sqlite3_int64)time(NULL) - sess_timeout_s);
    unsigned n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const void *b = sqlite3_column_blob(st, 1);
        int bl = sqlite3_column_bytes(st, 1);
        struct ps_persist p;
        if (bl < (int)offsetof(struct ps_persist, reply) || bl > (int)sizeof p ||
            ((const uint8_t *)b)[0] != PS_PERSIST_VERSION)
            continue;
        memset(&p, 0, sizeof p);
        memcpy(&p, b, (size_t)bl);
        if (offsetof(struct ps_persist, reply) + p.reply_len != (size_t)bl)
            continue;
        struct sess *s = sess_new((uint32_t)sqlite3_column_int64(st, 0));
        if (!s)
            break;
        s->p = p;
        mbedtls_platform_zeroize(&p, sizeof p);
        if (s->p.state == PS_VOICE || s->p.state == PS_AUTHED) {
            s->voice = voice_new(VOICE_PS, s->p.ak, s->id, voice_short ? NULL : prompt, prompt_len);
            s->voice_peer = s->p.ctl_peer;
            s->voice_peer.sin_port = htons(s->p.info.voice_port);
            s->next_frame_ms = srv_now_ms();
            if (s->p.state == PS_VOICE)
                timer_on(s);
        }
        n++;
    }
    sqlite3_finalize(st);
    store_exec(db, "DELETE FROM sessions WHERE updated_at < strftime('%s','now') - 3600");
    srv_log("sessions_restored", "count=%u", n);
}

/* ---- replies ----------------------------------------------------------- */
/* Answer a request: the reply becomes the session's cached reply, is stored
 * with the session (so a restarted PS answers a retransmission the same
 * way), then sent. */
static void reply(struct sess *s, const struct sockaddr_in *to, const uint8_t *b, int n)
{
    if (n < 0 || n > (int)OBTI_MSG_MAX) {
        srv_log("error", "session=%08x reply encoding failed: %s", s->id, obti_strerror(n));
        return;
    }
    memcpy(s->p.reply, b, (size_t)n);
    s->p.reply_len = (uint16_t)n;
    sess_save(s);
    send_to(ctl_fd, to, b, (size_t)n);
}

static void send_error(const struct sockaddr_in *to, uint32_t session, uint32_t seq, int err,
                       const char *text)
{
    uint8_t b[256];
    int n = obti_error_encode(b, sizeof b, OBTI_T_ERROR, session, seq, obti_err_to_wire(err), text);
    if (n > 0)
        send_to(ctl_fd, to, b, (size_t)n);
}

static void drop(const char *why, const struct sockaddr_in *from, uint32_t session, int err)
{
    stats.drops++;
    LOG("drop", "from=%s session=%08x reason=%s err=%s", srv_addr_str(from), session, why,
        obti_strerror(err));
}

/* The GC's CALL_ID for (session, BTI): HMAC with the PS-GC key, so the PS
 * knows the call was routed by the GC without a message per call. */
static uint32_t call_id_of(uint32_t session, const uint8_t bti_id[6])
{
    uint8_t in[9 + 4 + 6], mac[32];
    memcpy(in, "obti call", 9);
    in[9] = (uint8_t)(session >> 24); in[10] = (uint8_t)(session >> 16);
    in[11] = (uint8_t)(session >> 8); in[12] = (uint8_t)session;
    memcpy(in + 13, bti_id, 6);
    mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), gc_key, gc_key_len, in,
                    sizeof in, mac);
    return (uint32_t)mac[0] << 24 | (uint32_t)mac[1] << 16 | (uint32_t)mac[2] << 8 | mac[3];
}

/* ---- RSA workers --------------------------------------------------------- */
/* One decryptor of {K}_KPS per thread: OpenSSL's (default) or mbedTLS's
 * (the protocol library's obti_unwrap_k, as the host tests use it). */
struct unwrapper {
    struct rsa_ossl *ossl;
    mbedtls_pk_context *pk;
    mbedtls_ctr_drbg_context *drbg;
};

static struct unwrapper main_unwrap;   /* used when --workers 0 */

static int rsa_use_openssl(void)
{
    return strcmp(OPT("rsa"), "mbedtls") != 0;
}

static int unwrap_mbedtls(void *ctx, const uint8_t in[OBTI_RSA_LEN], uint8_t k[16])
{
    const struct unwrapper *u = ctx;
    return obti_unwrap_k(u->pk, in, rng, u->drbg, k);
}

static int keyx_open(const struct unwrapper *u, const uint8_t *b, size_t n, struct obti_hdr *h,
                     struct obti_keyx *m)
{
    if (u->ossl != NULL)
        return obti_keyx_open_with(b, n, h, rsa_ossl_unwrap, u->ossl, m);
    return obti_keyx_open_with(b, n, h, unwrap_mbedtls, (void *)u, m);
}

struct job {
    struct job *next;
    uint64_t work_us;                   /* the worker's wall time for the decryption */
    uint32_t session;
    struct sockaddr_in from;
    size_t len;
    uint8_t buf[OBTI_MSG_MAX];
    int rc;
    struct obti_keyx m;
};
static pthread_mutex_t q_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_cv = PTHREAD_COND_INITIALIZER;
static struct job *todo_head, *todo_tail, *done_head;
static int done_efd, nworkers, workers_quit;
/* Admission: KEYX jobs handed to the workers and not yet collected, and a
 * moving average of one decryption's wall time at a worker (it grows when
 * the machine is busy). */
static unsigned keyx_queued;
static uint64_t rsa_wall_us = 2000;

/* Would a new session's KEYX wait longer than keyx-wait-ms for a worker?
 * Then the HELLO gets ERROR BUSY at once, rather than a session whose
 * KEYX retransmissions (7.75 s in all) could run out in the queue. */
static int keyx_overloaded(void)
{
    if (nworkers == 0)
        return 0;
    uint64_t wait_ms = (uint64_t)keyx_queued * rsa_wall_us / (uint64_t)nworkers / 1000u;
    return wait_ms > (uint64_t)srv_opt_long(opts, NOPT, "keyx-wait-ms");
}

static void *worker(void *arg)
{
    (void)arg;
    /* The main loop (control, voice, SQLite) must keep up with the voice
     * frames of every call; the RSA decryptions are bulk work that may
     * wait. Under Linux a thread's niceness is its own. */
    long nice_add = srv_opt_long(opts, NOPT, "worker-nice");
    if (nice_add > 0) {
        pid_t tid = (pid_t)syscall(SYS_gettid);
        errno = 0;
        int cur = getpriority(PRIO_PROCESS, (id_t)tid);
        if (errno == 0 && setpriority(PRIO_PROCESS, (id_t)tid, cur + (int)(nice_add > 19 ? 19 : nice_add)))
            srv_log("warning", "worker niceness not set: %s", strerror(errno));
    }
    mbedtls_pk_context pk;
    mbedtls_ctr_drbg_context wd;
    mbedtls_pk_init(&pk);
    mbedtls_ctr_drbg_init(&wd);
    struct unwrapper u = {NULL, &pk, &wd};
    if (rsa_use_openssl())
        u.ossl = rsa_ossl_load(OPT("key"));
    if (mbedtls_ctr_drbg_seed(&wd, mbedtls_entropy_func, &entropy, (const unsigned char *)"w", 1) ||
        (rsa_use_openssl() ? u.ossl == NULL : mbedtls_pk_parse_keyfile(&pk, OPT("key"), NULL) != 0)) {
        srv_log("fatal", "worker cannot load %s", OPT("key"));
        exit(1);
    }
    for (;;) {
        pthread_mutex_lock(&q_mu);
        while (!todo_head && !workers_quit)
            pthread_cond_wait(&q_cv, &q_mu);
        if (workers_quit) {
            pthread_mutex_unlock(&q_mu);
            break;
        }
        struct job *j = todo_head;
        todo_head = j->next;
        if (!todo_head)
            todo_tail = NULL;
        pthread_mutex_unlock(&q_mu);
        struct obti_hdr h;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        j->rc = keyx_open(&u, j->buf, j->len, &h, &j->m);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        int64_t us = (int64_t)(t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000;
        j->work_us = us > 0 ? (uint64_t)us : 0;
        pthread_mutex_lock(&q_mu);
        j->next = done_head;
        done_head = j;
        pthread_mutex_unlock(&q_mu);
        uint64_t one = 1;
        if (write(done_efd, &one, sizeof one) < 0) { /* the main loop polls anyway */ }
    }
    rsa_ossl_free(u.ossl);
    mbedtls_pk_free(&pk);
    mbedtls_ctr_drbg_free(&wd);
    return NULL;
}

/* ---- protocol handlers --------------------------------------------------- */
static void on_hello(const uint8_t *b, size_t n, const struct sockaddr_in *from)
{
    struct obti_hdr h;
    uint8_t id[6];
    uint32_t call_id;
    int rc = obti_hello_decode(b, n, &h, id, &call_id);
    if (rc) {
        drop("hello", from, 0, rc);
        return;
    }
    struct sess *s = sess_find(h.session);
    if (s) {
        rc = obti_replay_check(&s->p.rp, b, n);
        if (rc == OBTI_DUPLICATE && s->p.reply_len) {
            stats.dup++;
            LOG("duplicate", "session=%08x type=HELLO", h.session);
            send_to(ctl_fd, from, s->p.reply, s->p.reply_len);
        } else {
            /* A stale copy within a live session: dropped quietly, as an
             * ERROR would end the BTI's exchange in progress. */
            drop("hello_stale", from, h.session, OBTI_EREPLAY);
        }
        return;
    }
    if (call_id != call_id_of(h.session, id)) {
        drop("hello_call_id", from, h.session, OBTI_EAUTH);
        send_error(from, h.session, 1, OBTI_EAUTH, "call not routed by the gate controller");
        return;
    }
    sqlite3_reset(q_lock_get);
    sqlite3_bind_blob(q_lock_get, 1, id, 6, SQLITE_TRANSIENT);
    int locked = sqlite3_step(q_lock_get) == SQLITE_ROW &&
                 sqlite3_column_int64(q_lock_get, 0) > (sqlite3_int64)time(NULL);
    sqlite3_reset(q_lock_get);
    if (locked) {
        LOG("refused_locked", "session=%08x bti=%s", h.session, hexid(id));
        send_error(from, h.session, 1, OBTI_EREJECTED, "BTI locked after wrong codes");
        return;
    }
    /* seq 1: the PS's first message of the session (the BTI ignores 0). */
    if (nsess >= (unsigned)srv_opt_long(opts, NOPT, "max-sessions")) {
        drop("busy", from, h.session, OBTI_EBUSY);
        send_error(from, h.session, 1, OBTI_EBUSY, "server busy, retry later");
        return;
    }
    if (keyx_overloaded()) {
        stats.busy++;
        LOG("busy", "session=%08x keyx_queued=%u rsa_ms=%.1f", h.session, keyx_queued,
            (double)rsa_wall_us / 1000.0);
        send_error(from, h.session, 1, OBTI_EBUSY, "server busy, retry later");
        return;
    }
    s = sess_new(h.session);
    if (!s)
        return;
    s->p.state = PS_HELLO;
    memcpy(s->p.bti_id, id, 6);
    s->p.call_id = call_id;
    s->p.ctl_peer = *from;
    s->p.tries_left = OBTI_AUTH_TRIES;
    obti_replay_accept(&s->p.rp, b, n);
    uint8_t out[OBTI_MSG_MAX];
    int len = obti_cert_encode(out, sizeof out, h.session, ++s->p.tx_seq, cert_der, cert_len);
    reply(s, from, out, len);
    LOG("hello", "session=%08x bti=%s call=%08x from=%s -> CERT", h.session, hexid(id), call_id,
        srv_addr_str(from));
}

static void keyx_done(struct sess *s, struct job *j)
{
    s->busy = 0;
    if (j->rc) {
        /* Not accepted: a retransmission with the same bytes fails the same
         * way; the BTI will time out. Tell it why. */
        drop("keyx", &j->from, s->id, j->rc);
        send_error(&j->from, s->id, s->p.tx_seq + 1, j->rc, "KEYX rejected");
        return;
    }
    if (memcmp(j->m.info.mac, s->p.bti_id, 6) != 0) {
        drop("keyx_mac_mismatch", &j->from, s->id, OBTI_EAUTH);
        send_error(&j->from, s->id, s->p.tx_seq + 1, OBTI_EAUTH, "info MAC is not the HELLO's BTI_ID");
        mbedtls_platform_zeroize(&j->m, sizeof j->m);
        return;
    }
    memcpy(s->p.k, j->m.k, 16);
    memcpy(s->p.sk, j->m.sk, 16);
    memcpy(s->p.ak, j->m.ak, 16);
    memcpy(s->p.n0, j->m.n0, 16);
    s->p.info = j->m.info;
    mbedtls_platform_zeroize(&j->m, sizeof j->m);
    rng(&drbg, s->p.n1, 16);
    obti_replay_accept(&s->p.rp, j->buf, j->len);
    s->p.ctl_peer = j->from;
    s->p.state = PS_VOICE;
    uint8_t out[OBTI_MSG_MAX];
    int len = obti_keyx_ack_encode(out, sizeof out, s->id, ++s->p.tx_seq, s->p.sk, s->p.n0, s->p.n1);
    s->voice = voice_new(VOICE_PS, s->p.ak, s->id, voice_short ? NULL : prompt, prompt_len);
    if (!s->voice || len < 0) {
        srv_log("error", "session=%08x voice channel setup failed", s->id);
        return;
    }
    s->voice_peer = j->from;
    s->voice_peer.sin_port = htons(s->p.info.voice_port);
    s->next_frame_ms = srv_now_ms();
    timer_on(s);
    reply(s, &j->from, out, len);
    struct in_addr ip = {htonl(s->p.info.ip)};
    LOG("keyx", "session=%08x bti=%s info_ip=%s voice_port=%u fw=%08x -> KEYX_ACK, voice on",
        s->id, hexid(s->p.bti_id), inet_ntoa(ip), s->p.info.voice_port, s->p.info.fw_version);
}

static void on_keyx(const uint8_t *b, size_t n, const struct sockaddr_in *from, uint32_t session)
{
    struct sess *s = sess_find(session);
    if (!s) {
        drop("keyx_unknown_session", from, session, OBTI_ESTATE);
        send_error(from, session, 0, OBTI_ESTATE, "unknown session");
        return;
    }
    s->last_ms = srv_now_ms();          /* a slow BTI (simulation) is still alive */
    if (!strcmp(OPT("test-crash"), "keyx")) {
        srv_log("test_crash", "session=%08x on KEYX, before any work", session);
        srv_log_flush();
        _exit(137);
    }
    int rc = obti_replay_check(&s->p.rp, b, n);
    if (rc == OBTI_DUPLICATE) {
        stats.dup++;
        LOG("duplicate", "session=%08x type=KEYX", session);
        if (s->p.reply_len && s->p.state != PS_HELLO)
            send_to(ctl_fd, from, s->p.reply, s->p.reply_len);
        return;
    }
    if (rc < 0) {
        drop("keyx_stale", from, session, rc);  /* old copy in a live session: quietly */
        return;
    }
    if (s->p.state != PS_HELLO || s->busy) {
        if (!s->busy) {
            drop("keyx_state", from, session, OBTI_ESTATE);
            send_error(from, session, 0, OBTI_ESTATE, "KEYX not expected");
        }
        return;
    }
    struct job *j = calloc(1, sizeof *j);
    if (!j)
        return;
    j->session = session;
    j->from = *from;
    j->len = n;
    memcpy(j->buf, b, n);
    if (nworkers == 0) {
        struct obti_hdr h;
        j->rc = keyx_open(&main_unwrap, b, n, &h, &j->m);
        keyx_done(s, j);
        free(j);
        return;
    }
    s->busy = 1;
    keyx_queued++;
    pthread_mutex_lock(&q_mu);
    if (todo_tail)
        todo_tail->next = j;
    else
        todo_head = j;
    todo_tail = j;
    pthread_cond_signal(&q_cv);
    pthread_mutex_unlock(&q_mu);
}

static void jobs_collect(void)
{
    uint64_t v;
    if (read(done_efd, &v, sizeof v) < 0) { /* nothing pending */ }
    pthread_mutex_lock(&q_mu);
    struct job *j = done_head;
    done_head = NULL;
    pthread_mutex_unlock(&q_mu);
    while (j) {
        struct job *next = j->next;
        keyx_queued--;
        rsa_wall_us = (7u * rsa_wall_us + j->work_us) / 8u;
        struct sess *s = sess_find(j->session);
        if (s)
            keyx_done(s, j);
        mbedtls_platform_zeroize(j, sizeof *j);
        free(j);
        j = next;
    }
}

static void auth_send(struct sess *s, uint8_t result)
{
    uint8_t out[OBTI_MSG_MAX];
    int len = obti_auth_result_encode(out, sizeof out, s->id, ++s->p.tx_seq, s->p.sk, result,
                                      s->p.n1, s->p.tries_left);
    if (len < 0)
        return;
    memcpy(s->p.reply, out, (size_t)len);
    s->p.reply_len = (uint16_t)len;
    sess_save(s);
    send_to(ctl_fd, &s->p.ctl_peer, out, (size_t)len);
    s->rtx_tries = 1;
    s->rtx_interval = OBTI_RTX_FIRST_MS;
    s->rtx_next = srv_now_ms() + s->rtx_interval;
    timer_on(s);
}

static void on_code(struct sess *s, const char *code)
{
    sqlite3_reset(q_order);
    sqlite3_bind_text(q_order, 1, code, -1, SQLITE_TRANSIENT);
    int ok = sqlite3_step(q_order) == SQLITE_ROW;
    uint32_t account = ok ? (uint32_t)sqlite3_column_int64(q_order, 0) : 0;
    sqlite3_reset(q_order);
    if (ok) {
        s->p.state = PS_AUTHED;
        s->p.account = account;
        snprintf(s->p.code, sizeof s->p.code, "%s", code);
        LOG("auth_ok", "session=%08x bti=%s account=%u -> AUTH_RESULT ok", s->id,
            hexid(s->p.bti_id), account);
        auth_send(s, OBTI_AUTH_OK);
        return;
    }
    stats.wrong_codes++;
    s->p.tries_left--;
    if (s->p.tries_left == 0) {
        stats.locked++;
        s->p.state = PS_FAILED;
        sqlite3_reset(q_lock_put);
        sqlite3_bind_blob(q_lock_put, 1, s->p.bti_id, 6, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q_lock_put, 2, (sqlite3_int64)time(NULL) + lockout_s);
        sqlite3_bind_int(q_lock_put, 3, OBTI_AUTH_TRIES);
        step_done(q_lock_put);
        LOG("auth_locked", "session=%08x bti=%s digits=%zu -> AUTH_RESULT locked", s->id,
            hexid(s->p.bti_id), strlen(code));
        auth_send(s, OBTI_AUTH_LOCKED);
    } else {
        LOG("auth_wrong", "session=%08x bti=%s digits=%zu tries_left=%u -> AUTH_RESULT retry",
            s->id, hexid(s->p.bti_id), strlen(code), s->p.tries_left);
        auth_send(s, OBTI_AUTH_RETRY);
        /* The user is told by hearing the prompt again (docs/protocol.md). */
        if (s->voice)
            voice_prompt_restart(s->voice);
    }
}

static void on_voice(uint8_t *b, size_t n, const struct sockaddr_in *from)
{
    if (n < 12)
        return;
    uint32_t ssrc = (uint32_t)b[8] << 24 | (uint32_t)b[9] << 16 | (uint32_t)b[10] << 8 | b[11];
    struct sess *s = sess_find(ssrc);
    if (!s || !s->voice) {
        stats.drops++;
        return;
    }
    int rc = voice_rx(s->voice, b, n);
    if (rc != 0) {
        stats.drops++;
        /* Counted in the channel's stats; logged once per session and kind. */
        const struct voice_stats *vs = voice_stats(s->voice);
        if (vs->rx_auth + vs->rx_replay + vs->rx_format + vs->rx_short + vs->rx_ssrc == 1)
            LOG("voice_drop", "session=%08x from=%s reason=%d", s->id, srv_addr_str(from), rc);
        return;
    }
    s->last_ms = srv_now_ms();
    if (!s->voice_latched || memcmp(&s->voice_peer, from, sizeof *from) != 0) {
        s->voice_peer = *from;
        s->voice_latched = 1;
        LOG("voice_latched", "session=%08x peer=%s", s->id, srv_addr_str(from));
    }
    if (prompt_by_bti && s->p.state <= PS_AUTHED) {
        /* The BTI's frames are the clock: one prompt frame per frame received. */
        uint8_t pkt[VOICE_PKT_MAX];
        int len = voice_tx_prompt(s->voice, pkt, sizeof pkt);
        if (len > 0)
            send_to(voice_fd, &s->voice_peer, pkt, (size_t)len);
    }
    char code[VOICE_CODE_MAX];
    int nd;
    if (s->p.state == PS_VOICE && (nd = voice_take_code(s->voice, code)) >= 0) {
        if (nd == 0)
            LOG("code_empty", "session=%08x ('#' alone ignored)", s->id);
        else
            on_code(s, code);
        mbedtls_platform_zeroize(code, sizeof code);
    }
}

static void on_enroll(const uint8_t *b, size_t n, const struct sockaddr_in *from, uint32_t session)
{
    struct sess *s = sess_find(session);
    if (!s) {
        drop("enroll_unknown_session", from, session, OBTI_ESTATE);
        send_error(from, session, 0, OBTI_ESTATE, "unknown session");
        return;
    }
    s->last_ms = srv_now_ms();
    int rc = obti_replay_check(&s->p.rp, b, n);
    if (rc == OBTI_DUPLICATE) {
        stats.dup++;
        LOG("duplicate", "session=%08x type=ENROLL", session);
        if (s->p.state == PS_DONE)
            send_to(ctl_fd, from, s->p.reply, s->p.reply_len);
        return;
    }
    if (rc < 0) {
        drop("enroll_stale", from, session, rc);  /* old copy in a live session: quietly */
        return;
    }
    if (s->p.state != PS_AUTHED) {
        drop("enroll_state", from, session, OBTI_ESTATE);
        send_error(from, session, 0, OBTI_ESTATE, "ENROLL not expected");
        return;
    }
    struct obti_hdr h;
    uint8_t n1[16], n2[16], ku[OBTI_KU_PUB_LEN];
    rc = obti_enroll_open(b, n, &h, s->p.sk, n1, n2, ku);
    if (rc == 0 && ct_diff(n1, s->p.n1, 16) != 0)
        rc = OBTI_EAUTH;
    if (rc) {
        drop("enroll", from, session, rc);
        return;
    }
    struct obti_lt_keys lt;
    uint8_t ltb[OBTI_LT_LEN];
    obti_lt_derive(s->p.k, s->p.sk, s->p.ak, s->p.n0, s->p.n1, n2, &lt);
    obti_lt_to_bytes(&lt, ltb);
    mbedtls_platform_zeroize(&lt, sizeof lt);
    uint8_t out[OBTI_MSG_MAX];
    struct ps_persist old = s->p;
    obti_replay_accept(&s->p.rp, b, n);
    int len = obti_enroll_ack_encode(out, sizeof out, session, ++s->p.tx_seq, s->p.sk, n2, s->p.account);
    s->p.state = PS_DONE;
    memcpy(s->p.reply, out, (size_t)len);
    s->p.reply_len = (uint16_t)len;

    /* One transaction: the work order is used, the account bound (KU+, BTI
     * addresses, long-term keys), the CRED queued, the session marked done
     * with its cached reply. All or nothing. */
    struct in_addr ip = {htonl(s->p.info.ip)};
    int ok = step_done(q_begin) == 0;
    sqlite3_bind_text(q_bind_order, 1, s->p.code, -1, SQLITE_TRANSIENT);
    ok = ok && step_done(q_bind_order) == 0 && sqlite3_changes(db) == 1;
    sqlite3_bind_blob(q_bind_acct, 1, s->p.bti_id, 6, SQLITE_TRANSIENT);
    sqlite3_bind_blob(q_bind_acct, 2, ku, OBTI_KU_PUB_LEN, SQLITE_TRANSIENT);
    sqlite3_bind_blob(q_bind_acct, 3, ltb, OBTI_LT_LEN, SQLITE_TRANSIENT);
    sqlite3_bind_text(q_bind_acct, 4, inet_ntoa(ip), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q_bind_acct, 5, s->p.info.voice_port);
    sqlite3_bind_int64(q_bind_acct, 6, s->p.info.fw_version);
    sqlite3_bind_int64(q_bind_acct, 7, (sqlite3_int64)time(NULL));
    sqlite3_bind_int64(q_bind_acct, 8, s->p.account);
    ok = ok && step_done(q_bind_acct) == 0 && sqlite3_changes(db) == 1;
    sqlite3_bind_blob(q_outbox_add, 1, s->p.bti_id, 6, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q_outbox_add, 2, s->p.account);
    sqlite3_bind_blob(q_outbox_add, 3, ku, OBTI_KU_PUB_LEN, SQLITE_TRANSIENT);
    ok = ok && step_done(q_outbox_add) == 0;
    ok = ok && sess_save(s) == 0;
    if (ok && !strcmp(OPT("test-crash"), "enroll-before-commit")) {
        srv_log("test_crash", "session=%08x before the binding commit", session);
        srv_log_flush();
        _exit(137);                     /* as if killed: the transaction is open */
    }
    ok = ok && step_done(q_commit) == 0;
    if (ok && !strcmp(OPT("test-crash"), "enroll-after-commit")) {
        srv_log("test_crash", "session=%08x after the binding commit, before ENROLL_ACK", session);
        srv_log_flush();
        _exit(137);
    }
    sqlite3_clear_bindings(q_bind_acct);
    mbedtls_platform_zeroize(ltb, sizeof ltb);
    if (!ok) {
        const char *why = sqlite3_errmsg(db);
        step_done(q_rollback);
        s->p = old;
        srv_log("bind_failed", "session=%08x bti=%s account=%u err=%s", session,
                hexid(s->p.bti_id), s->p.account, why);
        send_error(from, session, s->p.tx_seq + 1, OBTI_EINVAL,
                   "account or BTI already bound, or store error");
        return;
    }
    timer_off(s);
    voice_free(s->voice);
    s->voice = NULL;
    stats.provisioned++;
    send_to(ctl_fd, from, out, (size_t)len);
    cred_fresh = 1;
    LOG("provisioned", "session=%08x bti=%s account=%u ms=%llu -> ENROLL_ACK", session,
        hexid(s->p.bti_id), s->p.account, (unsigned long long)(srv_now_ms() - s->t_start));
}

static void on_register(const uint8_t *b, size_t n, const struct sockaddr_in *from)
{
    struct obti_hdr h;
    uint8_t id[6];
    uint32_t counter;
    int rc = obti_register_peek(b, n, &h, id, &counter);
    if (rc) {
        drop("register", from, 0, rc);
        return;
    }
    struct sess *s = sess_find(h.session);
    if (s) {
        if (obti_replay_check(&s->p.rp, b, n) == OBTI_DUPLICATE && s->p.state == PS_REG_DONE) {
            stats.dup++;
            LOG("duplicate", "session=%08x type=REGISTER", h.session);
            send_to(ctl_fd, from, s->p.reply, s->p.reply_len);
        } else {
            drop("register_stale", from, h.session, OBTI_EREPLAY);
        }
        return;
    }
    sqlite3_reset(q_reg_get);
    sqlite3_bind_blob(q_reg_get, 1, id, 6, SQLITE_TRANSIENT);
    if (sqlite3_step(q_reg_get) != SQLITE_ROW ||
        sqlite3_column_bytes(q_reg_get, 1) != OBTI_KU_PUB_LEN ||
        sqlite3_column_bytes(q_reg_get, 2) != OBTI_LT_LEN) {
        sqlite3_reset(q_reg_get);
        drop("register_unknown_bti", from, h.session, OBTI_ENOTPROV);
        send_error(from, h.session, 1, OBTI_ENOTPROV, "BTI not provisioned");
        return;
    }
    uint32_t account = (uint32_t)sqlite3_column_int64(q_reg_get, 0);
    uint8_t ku[OBTI_KU_PUB_LEN];
    struct obti_lt_keys lt;
    memcpy(ku, sqlite3_column_blob(q_reg_get, 1), OBTI_KU_PUB_LEN);
    obti_lt_from_bytes(sqlite3_column_blob(q_reg_get, 2), &lt);
    uint32_t last = (uint32_t)sqlite3_column_int64(q_reg_get, 3);
    sqlite3_reset(q_reg_get);
    struct obti_register m;
    rc = obti_register_open(b, n, &lt, ku, last, &m);
    mbedtls_platform_zeroize(&lt, sizeof lt);
    if (rc) {
        drop("register", from, h.session, rc);
        send_error(from, h.session, 1, rc, "REGISTER rejected");
        return;
    }
    sqlite3_bind_int64(q_reg_put, 1, m.counter);
    sqlite3_bind_int64(q_reg_put, 2, (sqlite3_int64)time(NULL));
    sqlite3_bind_int64(q_reg_put, 3, account);
    sqlite3_bind_int64(q_reg_put, 4, m.counter);
    if (step_done(q_reg_put) || sqlite3_changes(db) != 1) {
        mbedtls_platform_zeroize(&m, sizeof m);
        drop("register_store", from, h.session, OBTI_EREPLAY);
        return;
    }
    s = sess_new(h.session);
    if (!s)
        return;
    s->p.state = PS_REG_DONE;
    memcpy(s->p.bti_id, id, 6);
    s->p.account = account;
    obti_replay_accept(&s->p.rp, b, n);
    uint8_t out[OBTI_MSG_MAX];
    int len = obti_register_ack_encode(out, sizeof out, h.session, ++s->p.tx_seq, m.sk, m.n3);
    mbedtls_platform_zeroize(&m, sizeof m);
    reply(s, from, out, len);
    stats.registered++;
    LOG("registered", "session=%08x bti=%s account=%u counter=%u -> REGISTER_ACK", h.session,
        hexid(id), account, counter);
}

/* Send the outbox's CREDs with an id above `after`, at most 64; returns how
 * many. The outbox id is the CRED's session, so the GC can refuse an older
 * CRED replayed later. */
static int cred_send_from(sqlite3_int64 after)
{
    sqlite3_reset(q_outbox_next);
    sqlite3_bind_int64(q_outbox_next, 1, after);
    int sent = 0;
    while (sqlite3_step(q_outbox_next) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(q_outbox_next, 0);
        sent++;
        if (id > cred_sent_max)
            cred_sent_max = id;
        if (sqlite3_column_bytes(q_outbox_next, 1) != 6 ||
            sqlite3_column_bytes(q_outbox_next, 3) != OBTI_KU_PUB_LEN)
            continue;
        uint8_t out[OBTI_MSG_MAX];
        int len = obti_cred_encode(out, sizeof out, (uint32_t)id, 1, gc_key, gc_key_len,
                                   sqlite3_column_blob(q_outbox_next, 1),
                                   (uint32_t)sqlite3_column_int64(q_outbox_next, 2),
                                   sqlite3_column_blob(q_outbox_next, 3));
        if (len > 0) {
            send_to(ctl_fd, &gc_addr, out, (size_t)len);
            LOG("cred_sent", "id=%u bti=%s account=%u", (uint32_t)id,
                hexid(sqlite3_column_blob(q_outbox_next, 1)),
                (uint32_t)sqlite3_column_int64(q_outbox_next, 2));
        }
    }
    sqlite3_reset(q_outbox_next);
    return sent;
}

/* CRED to the GC from the outbox, retried until CRED_ACK: a new binding's
 * CRED at once, then all unacknowledged ones every 0.5 s, backing off to
 * 30 s while the GC does not answer. (Resending all of them at every new
 * binding sent each CRED about 1.5 times at 100 bindings per second.) */
static void cred_pump(uint64_t now)
{
    if (!gc_key_len)
        return;
    if (cred_fresh)
        cred_fresh = cred_send_from(cred_sent_max) == 64;   /* more next turn */
    if (now < cred_next_ms)
        return;
    cred_next_ms = now + cred_interval;
    cred_interval = cred_interval * 2 > 30000 ? 30000 : cred_interval * 2;
    cred_send_from(0);
}

static void on_cred_ack(const uint8_t *b, size_t n, const struct sockaddr_in *from)
{
    struct obti_hdr h;
    uint8_t id[6];
    int rc = obti_cred_ack_open(b, n, &h, gc_key, gc_key_len, id);
    if (rc) {
        drop("cred_ack", from, 0, rc);
        return;
    }
    sqlite3_bind_int64(q_outbox_del, 1, h.session);
    sqlite3_bind_blob(q_outbox_del, 2, id, 6, SQLITE_TRANSIENT);
    step_done(q_outbox_del);
    /* The GC answers: back to resending the others every 0.5 s. */
    cred_interval = 500;
    uint64_t soon = srv_now_ms() + 500;
    if (cred_next_ms > soon)
        cred_next_ms = soon;
    LOG("cred_acked", "id=%u bti=%s", h.session, hexid(id));
}

static void on_ctl(uint8_t *b, size_t n, const struct sockaddr_in *from)
{
    struct obti_hdr h;
    int rc = obti_hdr_decode(b, n, &h);
    if (rc) {
        drop("header", from, 0, rc);
        return;
    }
    switch (h.type) {
    case OBTI_T_HELLO: on_hello(b, n, from); break;
    case OBTI_T_KEYX: on_keyx(b, n, from, h.session); break;
    case OBTI_T_ENROLL: on_enroll(b, n, from, h.session); break;
    case OBTI_T_REGISTER: on_register(b, n, from); break;
    case OBTI_T_CRED_ACK: on_cred_ack(b, n, from); break;
    case OBTI_T_ERROR: {
        uint16_t code;
        char text[OBTI_TEXT_MAX + 1];
        if (obti_error_decode(b, n, &h, &code, text) == 0)
            LOG("peer_error", "from=%s session=%08x code=%u text=\"%s\"", srv_addr_str(from),
                h.session, code, text);
        break;
    }
    default: drop("type", from, h.session, OBTI_ESTATE);
    }
}

/* Every ~20 ms: prompt frames, AUTH_RESULT retransmissions, idle sessions. */
static void tick(uint64_t now)
{
    for (struct sess *s = timers, *next; s; s = next) {
        next = s->tnext;
        int keep = 0;
        if (s->voice && s->p.state <= PS_AUTHED && !voice_short && s->voice_latched && !prompt_by_bti) {
            uint8_t pkt[VOICE_PKT_MAX];
            int guard = 0;
            while (now >= s->next_frame_ms && guard++ < 10) {
                int len = voice_tx_prompt(s->voice, pkt, sizeof pkt);
                if (len < 0)
                    break;
                if (len > 0)    /* 0: silence, not sent, its time passes */
                    send_to(voice_fd, &s->voice_peer, pkt, (size_t)len);
                s->next_frame_ms += 20;
            }
            if (now > s->next_frame_ms + 200)
                s->next_frame_ms = now;   /* stalled loop: do not burst */
            keep = 1;
        } else if (s->voice && s->p.state == PS_VOICE) {
            keep = 1;                   /* waiting for the code */
        }
        if (s->rtx_tries && (s->p.state == PS_AUTHED || s->p.state == PS_FAILED ||
                             s->p.state == PS_VOICE)) {
            if (now >= s->rtx_next) {
                if (s->rtx_tries >= OBTI_RTX_TRIES) {
                    s->rtx_tries = 0;
                } else {
                    send_to(ctl_fd, &s->p.ctl_peer, s->p.reply, s->p.reply_len);
                    s->rtx_tries++;
                    s->rtx_interval = s->rtx_interval * 2 > OBTI_RTX_MAX_MS ? OBTI_RTX_MAX_MS
                                                                             : s->rtx_interval * 2;
                    s->rtx_next = now + s->rtx_interval;
                    LOG("retransmit", "session=%08x type=AUTH_RESULT try=%u", s->id, s->rtx_tries);
                }
            }
            keep |= s->rtx_tries != 0;
        }
        if (!keep)
            timer_off(s);
    }
}

static void expire(uint64_t now)
{
    static uint64_t last;
    if (now - last < 1000)
        return;
    last = now;
    uint64_t idle = (uint64_t)sess_timeout_s * 1000u;
    uint64_t done_keep = (uint64_t)srv_opt_long(opts, NOPT, "done-keep-s") * 1000u;
    for (unsigned i = 0; i < (1u << HBITS); i++)
        for (struct sess *s = htab[i], *next; s; s = next) {
            next = s->hnext;
            uint64_t limit = (s->p.state == PS_DONE || s->p.state == PS_REG_DONE ||
                              s->p.state == PS_FAILED) ? done_keep : idle;
            if (now - s->last_ms > limit && !s->busy) {
                if (s->p.state != PS_DONE && s->p.state != PS_REG_DONE)
                    LOG("session_expired", "session=%08x state=%u", s->id, s->p.state);
                sess_forget(s);
            }
        }
}

static int load_config(void)
{
    if (srv_read_file(OPT("cert"), &cert_der, &cert_len) || cert_len == 0 || cert_len > OBTI_CERT_MAX) {
        fprintf(stderr, "obti-ps: cannot read certificate %s\n", OPT("cert"));
        return -1;
    }
    if (!voice_short && (srv_read_file(OPT("prompt"), &prompt, &prompt_len) || prompt_len == 0)) {
        fprintf(stderr, "obti-ps: cannot read prompt %s\n", OPT("prompt"));
        return -1;
    }
    int kl = srv_hex2bin(OPT("gc-key"), gc_key, sizeof gc_key);
    if (kl < 16) {
        fprintf(stderr, "obti-ps: --gc-key must be at least 16 bytes of hex\n");
        return -1;
    }
    gc_key_len = (size_t)kl;
    if (srv_addr(OPT("gc"), OBTI_GC_PORT, &gc_addr)) {
        fprintf(stderr, "obti-ps: bad --gc address %s\n", OPT("gc"));
        return -1;
    }
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_pk_init(&main_pk);
    if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, (const unsigned char *)"obti-ps", 7) ||
        mbedtls_pk_parse_keyfile(&main_pk, OPT("key"), NULL) ||
        !mbedtls_pk_can_do(&main_pk, MBEDTLS_PK_RSA)) {
        fprintf(stderr, "obti-ps: cannot load RSA key %s\n", OPT("key"));
        return -1;
    }
    if (strcmp(OPT("rsa"), "openssl") != 0 && strcmp(OPT("rsa"), "mbedtls") != 0) {
        fprintf(stderr, "obti-ps: --rsa must be openssl or mbedtls, not %s\n", OPT("rsa"));
        return -1;
    }
    main_unwrap.pk = &main_pk;
    main_unwrap.drbg = &drbg;
    if (rsa_use_openssl() && (main_unwrap.ossl = rsa_ossl_load(OPT("key"))) == NULL)
        return -1;
    /* The key must be the one in the certificate, or every BTI fails. */
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    int bad = mbedtls_x509_crt_parse_der(&crt, cert_der, cert_len) ||
              mbedtls_pk_check_pair(&crt.pk, &main_pk);
    mbedtls_x509_crt_free(&crt);
    if (bad) {
        fprintf(stderr, "obti-ps: %s does not match the key in %s\n", OPT("key"), OPT("cert"));
        return -1;
    }
    return 0;
}

static int prepare(void)
{
    q_sess_put = store_prep(db, "INSERT OR REPLACE INTO sessions(session, updated_at, state) VALUES(?,?,?)");
    q_sess_del = store_prep(db, "DELETE FROM sessions WHERE session = ?");
    q_order = store_prep(db, "SELECT account FROM work_orders WHERE code = ? AND state = 'open'");
    q_bind_order = store_prep(db, "UPDATE work_orders SET state = 'used' WHERE code = ? AND state = 'open'");
    q_bind_acct = store_prep(db, "UPDATE accounts SET bti_id = ?, ku_pub = ?, lt_keys = ?, bti_ip = ?,"
                                 " bti_voice_port = ?, bti_fw = ?, bound_at = ?, counter = 0"
                                 " WHERE account = ? AND bti_id IS NULL");
    q_outbox_add = store_prep(db, "INSERT INTO cred_outbox(bti_id, account, ku_pub) VALUES(?,?,?)");
    q_outbox_next = store_prep(db, "SELECT id, bti_id, account, ku_pub FROM cred_outbox WHERE id > ?"
                                   " ORDER BY id LIMIT 64");
    q_outbox_del = store_prep(db, "DELETE FROM cred_outbox WHERE id = ? AND bti_id = ?");
    q_lock_get = store_prep(db, "SELECT until FROM lockouts WHERE bti_id = ?");
    q_lock_put = store_prep(db, "INSERT OR REPLACE INTO lockouts(bti_id, until, wrong_codes) VALUES(?,?,?)");
    q_reg_get = store_prep(db, "SELECT account, ku_pub, lt_keys, counter FROM accounts WHERE bti_id = ?");
    q_reg_put = store_prep(db, "UPDATE accounts SET counter = ?, registered_at = ? WHERE account = ? AND counter < ?");
    q_begin = store_prep(db, "BEGIN IMMEDIATE");
    q_commit = store_prep(db, "COMMIT");
    q_rollback = store_prep(db, "ROLLBACK");
    return q_sess_put && q_sess_del && q_order && q_bind_order && q_bind_acct && q_outbox_add &&
           q_outbox_next && q_outbox_del && q_lock_get && q_lock_put && q_reg_get && q_reg_put &&
           q_begin && q_commit && q_rollback ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (srv_opts_parse(opts, NOPT, argc, argv, "obti-ps"))
        return 2;
    srv_log_init("obti-ps");
    quiet = OPT("quiet")[0] != 0;
    voice_short = OPT("voice-short")[0] != 0;
    prompt_by_bti = !strcmp(OPT("prompt-clock"), "bti");
    if (!prompt_by_bti && strcmp(OPT("prompt-clock"), "wall")) {
        fprintf(stderr, "obti-ps: --prompt-clock is wall or bti\n");
        return 2;
    }
    lockout_s = srv_opt_long(opts, NOPT, "lockout-s");
    sess_timeout_s = srv_opt_long(opts, NOPT, "session-timeout-s");
    if (sess_timeout_s <= 0)
        sess_timeout_s = 300;
    nworkers = OPT("workers")[0] ? (int)srv_opt_long(opts, NOPT, "workers")
                                 : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (nworkers < 0 || nworkers > 64)
        nworkers = 1;
    if (load_config())
        return 1;
    db = store_open(OPT("db"), "ps");
    if (!db || prepare())
        return 1;
    ctl_fd = srv_udp_bind(OPT("listen"), (unsigned)srv_opt_long(opts, NOPT, "port"));
    voice_fd = srv_udp_bind(OPT("listen"), (unsigned)srv_opt_long(opts, NOPT, "voice-port"));
    if (ctl_fd < 0 || voice_fd < 0) {
        fprintf(stderr, "obti-ps: cannot bind %s:%s/%s: %s\n", OPT("listen"), OPT("port"),
                OPT("voice-port"), strerror(errno));
        return 1;
    }
    done_efd = eventfd(0, EFD_NONBLOCK);
    pthread_t th[64];
    for (int i = 0; i < nworkers; i++)
        pthread_create(&th[i], NULL, worker, NULL);
    srv_signals();
    sessions_load();
    srv_log("start", "control=%s:%s voice=%s workers=%d voice_short=%d", OPT("listen"),
            OPT("port"), OPT("voice-port"), nworkers, voice_short);

    uint8_t buf[2048];
    while (!srv_stop) {
        struct pollfd pf[3] = {{ctl_fd, POLLIN, 0}, {voice_fd, POLLIN, 0}, {done_efd, POLLIN, 0}};
        int timeout = timers ? 5 : 50;
        if (poll(pf, 3, timeout) < 0 && errno != EINTR)
            break;
        for (int burst = 0; burst < 256; burst++) {
            int any = 0;
            struct sockaddr_in from;
            socklen_t fl = sizeof from;
            ssize_t n = recvfrom(ctl_fd, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
            if (n >= 0) {
                on_ctl(buf, (size_t)n, &from);
                any = 1;
            }
            fl = sizeof from;
            n = recvfrom(voice_fd, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
            if (n >= 0) {
                on_voice(buf, (size_t)n, &from);
                any = 1;
            }
            if (!any)
                break;
        }
        jobs_collect();
        uint64_t now = srv_now_ms();
        tick(now);
        cred_pump(now);
        expire(now);
        srv_log_flush();
    }
    pthread_mutex_lock(&q_mu);
    workers_quit = 1;
    pthread_cond_broadcast(&q_cv);
    pthread_mutex_unlock(&q_mu);
    for (int i = 0; i < nworkers; i++)
        pthread_join(th[i], NULL);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    srv_log("stop", "provisioned=%lu registered=%lu wrong_codes=%lu locked=%lu duplicates=%lu drops=%lu"
            " busy=%lu cpu_ms=%ld", stats.provisioned, stats.registered, stats.wrong_codes, stats.locked,
            stats.dup, stats.drops, stats.busy,
            (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000L +
                (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000L);
    for (unsigned i = 0; i < (1u << HBITS); i++)
        while (htab[i])
            sess_free(htab[i]);
    sqlite3_stmt *all[] = {q_sess_put, q_sess_del, q_order, q_bind_order, q_bind_acct, q_outbox_add,
                           q_outbox_next, q_outbox_del, q_lock_get, q_lock_put, q_reg_get,
                           q_reg_put, q_begin, q_commit, q_rollback};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    sqlite3_close(db);
    rsa_ossl_free(main_unwrap.ossl);
    mbedtls_pk_free(&main_pk);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    mbedtls_platform_zeroize(gc_key, sizeof gc_key);
    free(cert_der);
    free(prompt);
    close(ctl_fd);
    close(voice_fd);
    return 0;
}
