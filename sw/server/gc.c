/* obti-gc: the gate controller of seed 002. Routes 611 from an
 * unprovisioned BTI to the provisioning server (SETUP_ACK with its address),
 * refuses other numbers from it, learns a BTI's KU+ from the PS (CRED) and
 * from then on accepts only SETUPs signed by KU with a growing counter.
 * UDP :7060, SQLite store. docs/server.md. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>

#include "obti/prot.h"
#include "srv.h"
#include "store.h"

static struct srv_opt opts[] = {
    {"listen", "address to bind", "127.0.0.1", 0},
    {"port", "UDP port", "7060", 0},
    {"db", "SQLite database", "build/server/gc.db", 0},
    {"ps-addr", "PS IPv4 address given to BTIs (10.0.2.2 for a SoC under slirp)", "127.0.0.1", 0},
    {"ps-port", "PS control port given to BTIs", "7061", 0},
    {"ps-voice-port", "PS voice port given to BTIs", "7062", 0},
    {"gc-key", "PS-GC shared key, hex (>= 16 bytes)", "", 0},
    {"prov-number", "the provisioning number", "611", 0},
    {"quiet", "log errors and lifecycle only (bench)", "", 1},
};
#define NOPT (sizeof opts / sizeof opts[0])
#define OPT(n) srv_opt(opts, NOPT, n)

static sqlite3 *db;
static sqlite3_stmt *q_get, *q_counter, *q_learn;
static int fd, quiet;
static uint8_t key[64];
static size_t key_len;
static struct obti_setup_ack route;
static struct {
    unsigned long routed, accepted, refused, learned, dup, drops;
} stats;

#define LOG(...) do { if (!quiet) srv_log(__VA_ARGS__); } while (0)

/* Reply cache: the last reply per session in a table indexed by a hash of
 * the session (a collision evicts the older entry), for retransmissions. */
#define CACHE 16384
static struct {
    uint32_t session;
    struct obti_replay rp;
    uint16_t len;
    uint8_t buf[256];
} cache[CACHE];

static const char *hexid(const uint8_t id[6])
{
    static char b[13];
    srv_bin2hex(id, 6, b);
    return b;
}

static void send_to(const struct sockaddr_in *to, const uint8_t *b, size_t n)
{
    if (sendto(fd, b, n, 0, (const struct sockaddr *)to, sizeof *to) < 0)
        LOG("send_error", "to=%s err=%s", srv_addr_str(to), strerror(errno));
}

static void answer(const struct sockaddr_in *to, const uint8_t *req, size_t rlen,
                   uint32_t session, const uint8_t *b, int n)
{
    if (n <= 0 || n > 256)
        return;
    unsigned i = (session * 2654435761u) % CACHE;
    cache[i].session = session;
    memset(&cache[i].rp, 0, sizeof cache[i].rp);
    cache[i].rp.session = session;
    obti_replay_accept(&cache[i].rp, req, rlen);
    memcpy(cache[i].buf, b, (size_t)n);
    cache[i].len = (uint16_t)n;
    send_to(to, b, (size_t)n);
}

static int cached(const struct sockaddr_in *to, const uint8_t *req, size_t rlen, uint32_t session)
{
    unsigned i = (session * 2654435761u) % CACHE;
    if (cache[i].len && cache[i].session == session &&
        obti_replay_check(&cache[i].rp, req, rlen) == OBTI_DUPLICATE) {
        stats.dup++;
        LOG("duplicate", "session=%08x", session);
        send_to(to, cache[i].buf, cache[i].len);
        return 1;
    }
    return 0;
}

static void reject(const struct sockaddr_in *to, const uint8_t *req, size_t rlen, uint32_t session,
                   int err, const char *why)
{
    uint8_t out[256];
    stats.refused++;
    int n = obti_error_encode(out, sizeof out, OBTI_T_SETUP_REJ, session, 1, obti_err_to_wire(err), why);
    answer(to, req, rlen, session, out, n);
}

static uint32_t call_id_of(uint32_t session, const uint8_t bti_id[6])
{
    uint8_t in[9 + 4 + 6], mac[32];
    memcpy(in, "obti call", 9);
    in[9] = (uint8_t)(session >> 24); in[10] = (uint8_t)(session >> 16);
    in[11] = (uint8_t)(session >> 8); in[12] = (uint8_t)session;
    memcpy(in + 13, bti_id, 6);
    mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), key, key_len, in, sizeof in, mac);
    return (uint32_t)mac[0] << 24 | (uint32_t)mac[1] << 16 | (uint32_t)mac[2] << 8 | mac[3];
}

static void on_setup(const uint8_t *b, size_t n, const struct sockaddr_in *from)
{
    struct obti_hdr h;
    struct obti_setup m;
    int rc = obti_setup_decode(b, n, &h, &m);
    if (rc) {
        stats.drops++;
        LOG("drop", "from=%s type=SETUP err=%s", srv_addr_str(from), obti_strerror(rc));
        return;
    }
    if (cached(from, b, n, h.session))
        return;
    sqlite3_reset(q_get);
    sqlite3_bind_blob(q_get, 1, m.bti_id, 6, SQLITE_TRANSIENT);
    int known = sqlite3_step(q_get) == SQLITE_ROW && sqlite3_column_bytes(q_get, 1) == OBTI_KU_PUB_LEN;
    uint32_t account = 0, last = 0;
    uint8_t ku[OBTI_KU_PUB_LEN];
    if (known) {
        account = (uint32_t)sqlite3_column_int64(q_get, 0);
        memcpy(ku, sqlite3_column_blob(q_get, 1), OBTI_KU_PUB_LEN);
        last = (uint32_t)sqlite3_column_int64(q_get, 2);
    }
    sqlite3_reset(q_get);
    int prov = strcmp(m.called, OPT("prov-number")) == 0;
    if (!known) {
        if (m.has_auth) {
            LOG("setup_refused", "session=%08x bti=%s called=%s reason=unknown_bti", h.session,
                hexid(m.bti_id), m.called);
            reject(from, b, n, h.session, OBTI_ENOTPROV, "unknown BTI");
            return;
        }
        if (!prov) {
            LOG("setup_refused", "session=%08x bti=%s called=%s reason=not_provisioned",
                h.session, hexid(m.bti_id), m.called);
            reject(from, b, n, h.session, OBTI_ENOTPROV, "BTI not provisioned: dial 611");
            return;
        }
    } else {
        if (!m.has_auth) {
            LOG("setup_refused", "session=%08x bti=%s called=%s reason=unsigned", h.session,
                hexid(m.bti_id), m.called);
            reject(from, b, n, h.session, OBTI_EAUTH, "provisioned BTI must sign SETUP");
            return;
        }
        if (m.account != account || obti_setup_verify(b, n, ku) != 0) {
            LOG("setup_refused", "session=%08x bti=%s reason=bad_signature", h.session, hexid(m.bti_id));
            reject(from, b, n, h.session, OBTI_EAUTH, "signature does not verify");
            return;
        }
        if (m.counter <= last) {
            LOG("setup_refused", "session=%08x bti=%s reason=replay counter=%u last=%u", h.session,
                hexid(m.bti_id), m.counter, last);
            reject(from, b, n, h.session, OBTI_EREPLAY, "counter not increasing");
            return;
        }
        sqlite3_reset(q_counter);
        sqlite3_bind_int64(q_counter, 1, m.counter);
        sqlite3_bind_blob(q_counter, 2, m.bti_id, 6, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q_counter, 3, m.counter);
        if (sqlite3_step(q_counter) != SQLITE_DONE || sqlite3_changes(db) != 1) {
            sqlite3_reset(q_counter);
            reject(from, b, n, h.session, OBTI_EREPLAY, "counter not increasing");
            return;
        }
        sqlite3_reset(q_counter);
    }
    struct obti_setup_ack a = route;
    a.call_id = call_id_of(h.session, m.bti_id);
    uint8_t out[256];
    int len = obti_setup_ack_encode(out, sizeof out, h.session, 1, &a);
    answer(from, b, n, h.session, out, len);
    if (known) {
        stats.accepted++;
        LOG("setup_accepted", "session=%08x bti=%s account=%u called=%s counter=%u call=%08x",
            h.session, hexid(m.bti_id), account, m.called, m.counter, a.call_id);
    } else {
        stats.routed++;
        LOG("setup_routed", "session=%08x bti=%s called=%s call=%08x -> PS", h.session,
            hexid(m.bti_id), m.called, a.call_id);
    }
}

static void on_cred(const uint8_t *b, size_t n, const struct sockaddr_in *from)
{
    struct obti_hdr h;
    uint8_t id[6], ku[OBTI_KU_PUB_LEN];
    uint32_t account;
    int rc = obti_cred_open(b, n, &h, key, key_len, id, &account, ku);
    if (rc) {
        stats.drops++;
        LOG("drop", "from=%s type=CRED err=%s", srv_addr_str(from), obti_strerror(rc));
        return;
    }
    /* The CRED's session is the PS's outbox id: a CRED older than the one
     * applied for this BTI is a replay and changes nothing (still acked,
     * so a PS retrying an old one stops). */
    sqlite3_reset(q_learn);
    sqlite3_bind_blob(q_learn, 1, id, 6, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q_learn, 2, account);
    sqlite3_bind_blob(q_learn, 3, ku, OBTI_KU_PUB_LEN, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q_learn, 4, h.session);
    sqlite3_bind_int64(q_learn, 5, (sqlite3_int64)time(NULL));
    if (sqlite3_step(q_learn) != SQLITE_DONE) {
        sqlite3_reset(q_learn);
        srv_log("db_error", "op=learn err=%s", sqlite3_errmsg(db));
        return;
    }
    int changed = sqlite3_changes(db);
    sqlite3_reset(q_learn);
    if (changed) {
        stats.learned++;
        LOG("cred_learned", "bti=%s account=%u cred=%u", hexid(id), account, h.session);
    } else {
        LOG("cred_stale", "bti=%s cred=%u (not newer, ignored)", hexid(id), h.session);
    }
    uint8_t out[256];
    int len = obti_cred_ack_encode(out, sizeof out, h.session, 1, key, key_len, id);
    if (len > 0)
        send_to(from, out, (size_t)len);
}

int main(int argc, char **argv)
{
    if (srv_opts_parse(opts, NOPT, argc, argv, "obti-gc"))
        return 2;
    srv_log_init("obti-gc");
    quiet = OPT("quiet")[0] != 0;
    int kl = srv_hex2bin(OPT("gc-key"), key, sizeof key);
    struct in_addr ps;
    if (kl < 16) {
        fprintf(stderr, "obti-gc: --gc-key must be at least 16 bytes of hex\n");
        return 2;
    }
    key_len = (size_t)kl;
    if (inet_pton(AF_INET, OPT("ps-addr"), &ps) != 1) {
        fprintf(stderr, "obti-gc: bad --ps-addr %s\n", OPT("ps-addr"));
        return 2;
    }
    route.ps_ip = ntohl(ps.s_addr);
    route.ps_port = (uint16_t)srv_opt_long(opts, NOPT, "ps-port");
    route.ps_voice_port = (uint16_t)srv_opt_long(opts, NOPT, "ps-voice-port");
    db = store_open(OPT("db"), "gc");
    if (!db)
        return 1;
    q_get = store_prep(db, "SELECT account, ku_pub, counter FROM btis WHERE bti_id = ?");
    q_counter = store_prep(db, "UPDATE btis SET counter = ? WHERE bti_id = ? AND counter < ?");
    q_learn = store_prep(db,
        "INSERT INTO btis(bti_id, account, ku_pub, cred_id, learned_at) VALUES(?1,?2,?3,?4,?5)"
        " ON CONFLICT(bti_id) DO UPDATE SET account = ?2, ku_pub = ?3, cred_id = ?4,"
        " learned_at = ?5, counter = 0 WHERE cred_id < ?4");
    if (!q_get || !q_counter || !q_learn)
        return 1;
    fd = srv_udp_bind(OPT("listen"), (unsigned)srv_opt_long(opts, NOPT, "port"));
    if (fd < 0) {
        fprintf(stderr, "obti-gc: cannot bind %s:%s: %s\n", OPT("listen"), OPT("port"), strerror(errno));
        return 1;
    }
    srv_signals();
    srv_log("start", "listen=%s:%s ps=%s:%u/%u", OPT("listen"), OPT("port"), OPT("ps-addr"),
            route.ps_port, route.ps_voice_port);
    uint8_t buf[2048];
    while (!srv_stop) {
        struct pollfd pf = {fd, POLLIN, 0};
        srv_log_flush();
        if (poll(&pf, 1, 50) <= 0)
            continue;
        struct sockaddr_in from;
        socklen_t fl = sizeof from;
        ssize_t n;
        while ((n = recvfrom(fd, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&from, &fl)) >= 0) {
            struct obti_hdr h;
            int rc = obti_hdr_decode(buf, (size_t)n, &h);
            if (rc) {
                stats.drops++;
                LOG("drop", "from=%s reason=header err=%s", srv_addr_str(&from), obti_strerror(rc));
            } else if (h.type == OBTI_T_SETUP) {
                on_setup(buf, (size_t)n, &from);
            } else if (h.type == OBTI_T_CRED) {
                on_cred(buf, (size_t)n, &from);
            } else {
                stats.drops++;
                LOG("drop", "from=%s type=%s reason=unexpected", srv_addr_str(&from),
                    obti_type_name(h.type));
            }
            fl = sizeof from;
        }
    }
    srv_log("stop", "routed=%lu accepted=%lu refused=%lu learned=%lu duplicates=%lu drops=%lu",
            stats.routed, stats.accepted, stats.refused, stats.learned, stats.dup, stats.drops);
    sqlite3_finalize(q_get);
    sqlite3_finalize(q_counter);
    sqlite3_finalize(q_learn);
    sqlite3_close(db);
    mbedtls_platform_zeroize(key, sizeof key);
    close(fd);
    return 0;
}
