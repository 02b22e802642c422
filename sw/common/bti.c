/* The BTI's side of provisioning (steps 301-310) and re-registration as an
 * event-driven state machine (docs/protocol.md "Sequence"). No I/O of its
 * own: datagrams, time, randomness, the key store and the voice path are
 * the platform's callbacks, so the firmware app and sw/softbti share it. */
#include <string.h>

#include "obti/bti.h"

#include "mbedtls/platform_util.h"

static uint32_t get32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);  p[3] = (uint8_t)v;
}

/* ---- key store record -------------------------------------------------------- */
static const uint8_t rec_magic[4] = { 'O', 'B', 'R', '1' };

int obti_record_encode(const struct obti_bti_record *r, uint8_t out[OBTI_RECORD_BLOB_LEN])
{
    uint8_t *p = out;
    memcpy(p, rec_magic, 4); p += 4;
    memcpy(p, r->bti_id, OBTI_BTI_ID_LEN); p += OBTI_BTI_ID_LEN;
    put32(p, r->account); p += 4;
    put32(p, r->counter); p += 4;
    put32(p, r->ps_ip); p += 4;
    p[0] = (uint8_t)(r->ps_port >> 8); p[1] = (uint8_t)r->ps_port; p += 2;
    obti_lt_to_bytes(&r->lt, p); p += OBTI_LT_LEN;
    memcpy(p, r->ku_pub, OBTI_KU_PUB_LEN); p += OBTI_KU_PUB_LEN;
    memcpy(p, r->ku_priv, OBTI_KU_PRIV_LEN); p += OBTI_KU_PRIV_LEN;
    return (int)(p - out);
}

int obti_record_decode(const uint8_t *buf, size_t len, struct obti_bti_record *r)
{
    if (len != OBTI_RECORD_BLOB_LEN || memcmp(buf, rec_magic, 4) != 0)
        return OBTI_EBADMSG;
    const uint8_t *p = buf + 4;
    memcpy(r->bti_id, p, OBTI_BTI_ID_LEN); p += OBTI_BTI_ID_LEN;
    r->account = get32(p); p += 4;
    r->counter = get32(p); p += 4;
    r->ps_ip = get32(p); p += 4;
    r->ps_port = (uint16_t)((p[0] << 8) | p[1]); p += 2;
    obti_lt_from_bytes(p, &r->lt); p += OBTI_LT_LEN;
    memcpy(r->ku_pub, p, OBTI_KU_PUB_LEN); p += OBTI_KU_PUB_LEN;
    memcpy(r->ku_priv, p, OBTI_KU_PRIV_LEN);
    if (r->ku_pub[0] != 0x04 || r->ps_ip == 0 || r->ps_port == 0)
        return OBTI_EBADMSG;
    return 0;
}

/* ---- helpers ------------------------------------------------------------------- */
static void event(struct obti_bti *b, int ev, int code)
{
    if (b->pf.event != NULL)
        b->pf.event(b->pf.ctx, ev, code);
}

/* The DRBG through a wrapper that remembers its error, so that a TRNG alarm
 * surfacing inside mbedTLS is reported as itself, not as a crypto failure. */
static int rng(void *p, unsigned char *out, size_t len)
{
    struct obti_bti *b = p;
    int rc = b->pf.random(b->pf.rng_ctx, out, len);
    if (rc != 0)
        b->rng_err = rc;
    return rc;
}

static int rng_code(const struct obti_bti *b, int rc)
{
    if (b->rng_err == 0)
        return rc;
    return (b->rng_err < 0 && b->rng_err > -64) ? b->rng_err : OBTI_ECRYPTO;
}

static int random_bytes(struct obti_bti *b, uint8_t *out, size_t len)
{
    return rng(b, out, len) == 0 ? 0 : rng_code(b, OBTI_ECRYPTO);
}

static void wipe_session(struct obti_bti *b)
{
    mbedtls_platform_zeroize(b->k, sizeof(b->k));
    mbedtls_platform_zeroize(b->sk, sizeof(b->sk));
    mbedtls_platform_zeroize(b->ak, sizeof(b->ak));
    mbedtls_platform_zeroize(b->ku_priv, sizeof(b->ku_priv));
    mbedtls_platform_zeroize(b->tx, sizeof(b->tx));
}

static void voice_off(struct obti_bti *b)
{
    if (b->voice_active) {
        b->voice_active = 0;
        if (b->pf.voice_stop != NULL)
            b->pf.voice_stop(b->pf.ctx);
        event(b, OBTI_EV_VOICE_STOP, 0);
    }
}

static void fail(struct obti_bti *b, int code)
{
    voice_off(b);
    b->tx_active = 0;
    b->state = OBTI_S_FAILED;
    b->result = code != 0 ? code : OBTI_EIO;
    wipe_session(b);
    mbedtls_pk_free(&b->ps_pub);
    mbedtls_pk_init(&b->ps_pub);
    event(b, OBTI_EV_FAILED, b->result);
}

static void done(struct obti_bti *b, int ev)
{
    b->tx_active = 0;
    b->state = OBTI_S_DONE;
    b->result = 0;
    wipe_session(b);
    event(b, ev, 0);
}

/* Send the current request (b->tx) now and arm its retransmission. */
static int send_request(struct obti_bti *b, int len, uint32_t ip, uint16_t port)
{
    if (len < 0) {
        fail(b, rng_code(b, len));
        return b->result;
    }
    b->tx_len = (size_t)len;
    b->tx_ip = ip;
    b->tx_port = port;
    b->tx_type = b->tx[3];
    b->tx_tries = 1;
    b->tx_interval = OBTI_RTX_FIRST_MS;
    b->tx_next = b->pf.now_ms(b->pf.ctx) + OBTI_RTX_FIRST_MS;
    b->tx_active = 1;
    event(b, OBTI_EV_SEND, b->tx_type);
    /* A lost first send is the same as a lost datagram: retransmission covers it. */
    (void)b->pf.send(b->pf.ctx, ip, port, b->tx, b->tx_len);
    return 0;
}

static int new_session(struct obti_bti *b)
{
    uint8_t r[4];
    int rc;
    do {
        rc = random_bytes(b, r, 4);
        if (rc != 0)
            return rc;
        b->session = get32(r);
    } while (b->session == 0);
    b->seq = 0;
    b->rx_seq = 0;
    b->rng_err = 0;
    return 0;
}

static int nonces_equal(const uint8_t *a, const uint8_t *c)
{
    uint8_t d = 0;
    for (unsigned i = 0; i < OBTI_NONCE_LEN; i++)
        d |= (uint8_t)(a[i] ^ c[i]);
    return d == 0;
}

/* ---- API ------------------------------------------------------------------- */
int obti_bti_init(struct obti_bti *b, const struct obti_bti_config *cfg,
                  const struct obti_bti_platform *pf)
{
    uint8_t blob[OBTI_RECORD_BLOB_LEN + 1];
    memset(b, 0, sizeof(*b));
    if (cfg == NULL || pf == NULL || pf->send == NULL || pf->now_ms == NULL ||
        pf->random == NULL || pf->ks_load == NULL || pf->ks_save == NULL ||
        cfg->sp_pub_der == NULL)
        return OBTI_EINVAL;
    b->cfg = *cfg;
    b->pf = *pf;
    if (b->cfg.voice_timeout_ms == 0)
        b->cfg.voice_timeout_ms = OBTI_VOICE_TIMEOUT_MS;
    mbedtls_pk_init(&b->ps_pub);
    b->state = OBTI_S_IDLE;
    int n = pf->ks_load(pf->ctx, blob, sizeof(blob));
    if (n > 0 && obti_record_decode(blob, (size_t)n, &b->rec) == 0)
        b->provisioned = 1;
    else
        memset(&b->rec, 0, sizeof(b->rec));
    mbedtls_platform_zeroize(blob, sizeof(blob));
    /* n == OBTI_ENOENT: a new BTI; a damaged record: provision again. */
    return 0;
}

void obti_bti_free(struct obti_bti *b)
{
    voice_off(b);
    mbedtls_pk_free(&b->ps_pub);
    wipe_session(b);
    mbedtls_platform_zeroize(&b->rec, sizeof(b->rec));
}

int obti_bti_is_provisioned(const struct obti_bti *b) { return b->provisioned; }
uint32_t obti_bti_account(const struct obti_bti *b) { return b->rec.account; }
int obti_bti_state(const struct obti_bti *b) { return b->state; }
int obti_bti_result(const struct obti_bti *b) { return b->result; }

static int busy(const struct obti_bti *b)
{
    return b->state != OBTI_S_IDLE && b->state != OBTI_S_DONE && b->state != OBTI_S_FAILED;
}

/* Take the next counter value and store it before it is used, so that a
 * reboot can never make the BTI reuse one (the servers would see a replay). */
static int next_counter(struct obti_bti *b, uint32_t *counter)
{
    uint8_t blob[OBTI_RECORD_BLOB_LEN];
    if (b->rec.counter == 0xFFFFFFFFu)
        return OBTI_EINVAL;
    b->rec.counter++;
    obti_record_encode(&b->rec, blob);
    int rc = b->pf.ks_save(b->pf.ctx, blob, sizeof(blob));
    mbedtls_platform_zeroize(blob, sizeof(blob));
    if (rc != 0)
        return rc;
    *counter = b->rec.counter;
    return 0;
}

int obti_bti_dial(struct obti_bti *b, const char *called)
{
    struct obti_setup m;
    mbedtls_ecdsa_context ku;
    size_t n = 0;
    if (busy(b))
        return OBTI_EBUSY;
    while (called != NULL && n <= OBTI_CALLED_MAX && called[n] != '\0')
        n++;
    if (called == NULL || n == 0 || n > OBTI_CALLED_MAX)
        return OBTI_EINVAL;
    memset(&m, 0, sizeof(m));
    memcpy(b->called, called, n);
    b->called[n] = '\0';
    memcpy(m.bti_id, b->cfg.bti_id, 6);
    memcpy(m.called, called, n);
    int rc = new_session(b);
    if (rc != 0) {
        fail(b, rc);
        return rc;
    }
    mbedtls_ecdsa_init(&ku);
    if (b->provisioned) {
        m.has_auth = 1;
        m.account = b->rec.account;
        rc = next_counter(b, &m.counter);
        if (rc == 0)
            rc = obti_ku_import(&ku, b->rec.ku_pub, b->rec.ku_priv);
    }
    b->state = OBTI_S_SETUP;
    if (rc == 0)
        rc = obti_setup_encode(b->tx, sizeof(b->tx), b->session, ++b->seq, &m,
                               b->provisioned ? &ku : NULL, rng, b);
    mbedtls_ecdsa_free(&ku);
    if (rc < 0) {
        fail(b, rng_code(b, rc));
        return b->result;
    }
    return send_request(b, rc, b->cfg.gc_ip, b->cfg.gc_port);
}

int obti_bti_register(struct obti_bti *b)
{
    struct obti_register m;
    mbedtls_ecdsa_context ku;
    if (busy(b))
        return OBTI_EBUSY;
    if (!b->provisioned)
        return OBTI_ENOTPROV;
    int rc = new_session(b);
    memset(&m, 0, sizeof(m));
    memcpy(m.bti_id, b->cfg.bti_id, 6);
    if (rc == 0)
        rc = random_bytes(b, b->sk, 16);
    if (rc == 0)
        rc = random_bytes(b, b->n3, 16);
    if (rc == 0)
        rc = next_counter(b, &m.counter);
    mbedtls_ecdsa_init(&ku);
    if (rc == 0)
        rc = obti_ku_import(&ku, b->rec.ku_pub, b->rec.ku_priv);
    b->state = OBTI_S_REGISTER;
    if (rc == 0) {
        memcpy(m.sk, b->sk, 16);
        memcpy(m.n3, b->n3, 16);
        rc = obti_register_encode(b->tx, sizeof(b->tx), b->session, ++b->seq, &m, &b->rec.lt,
                                  &ku, rng, b);
    }
    mbedtls_ecdsa_free(&ku);
    mbedtls_platform_zeroize(&m, sizeof(m));
    if (rc < 0) {
        fail(b, rng_code(b, rc));
        return b->result;
    }
    return send_request(b, rc, b->rec.ps_ip, b->rec.ps_port);
}

/* ---- incoming messages per state ------------------------------------------------ */
static int on_setup_ack(struct obti_bti *b, const uint8_t *buf, size_t len)
{
    struct obti_setup_ack a;
    int rc = obti_setup_ack_decode(buf, len, NULL, &a);
    if (rc != 0)
        return rc;
    b->tx_active = 0;
    if (b->provisioned || strcmp(b->called, "611") != 0) {
        done(b, OBTI_EV_CALL_ACCEPTED);     /* an ordinary call: not this engine's business */
        return 0;
    }
    b->call_id = a.call_id;
    b->ps_ip = a.ps_ip;
    b->ps_port = a.ps_port;
    b->ps_voice_port = a.ps_voice_port;
    b->rx_seq = 0;                          /* the PS numbers its own messages */
    b->state = OBTI_S_HELLO;
    rc = obti_hello_encode(b->tx, sizeof(b->tx), b->session, ++b->seq, b->cfg.bti_id, b->call_id);
    send_request(b, rc, b->ps_ip, b->ps_port);
    return 0;
}

static int on_cert(struct obti_bti *b, const uint8_t *buf, size_t len)
{
    const uint8_t *der;
    size_t der_len;
    struct obti_keyx kx;
    int rc = obti_cert_decode(buf, len, NULL, &der, &der_len);
    if (rc != 0)
        return rc;
    /* A certificate not signed by the SP: an impostor head end. No keys
     * are generated or sent; the call ends (reorder tone). */
    mbedtls_pk_free(&b->ps_pub);
    mbedtls_pk_init(&b->ps_pub);
    rc = obti_cert_check(der, der_len, b->cfg.sp_pub_der, b->cfg.sp_pub_len, &b->ps_pub);
    if (rc != 0) {
        fail(b, rc);
        return 0;
    }
    event(b, OBTI_EV_CERT_OK, 0);
    b->tx_active = 0;
    memset(&kx, 0, sizeof(kx));
    rc = random_bytes(b, b->k, 16);
    if (rc == 0)
        rc = random_bytes(b, b->sk, 16);
    if (rc == 0)
        rc = random_bytes(b, b->ak, 16);
    if (rc == 0)
        rc = random_bytes(b, b->n0, 16);
    if (rc != 0) {
        fail(b, rc);
        return 0;
    }
    memcpy(kx.k, b->k, 16);
    memcpy(kx.sk, b->sk, 16);
    memcpy(kx.ak, b->ak, 16);
    memcpy(kx.n0, b->n0, 16);
    memcpy(kx.info.mac, b->cfg.bti_id, 6);
    kx.info.ip = b->cfg.local_ip;
    kx.info.voice_port = b->cfg.local_voice_port;
    kx.info.fw_version = b->cfg.fw_version;
    b->state = OBTI_S_KEYX;
    rc = obti_keyx_encode(b->tx, sizeof(b->tx), b->session, ++b->seq, &kx, &b->ps_pub, rng, b);
    mbedtls_platform_zeroize(&kx, sizeof(kx));
    send_request(b, rc, b->ps_ip, b->ps_port);
    return 0;
}

static int on_keyx_ack(struct obti_bti *b, const uint8_t *buf, size_t len)
{
    uint8_t n0[16];
    struct obti_voice_params vp;
    int rc = obti_keyx_ack_open(buf, len, NULL, b->sk, n0, b->n1);
    if (rc != 0)
        return rc;
    if (!nonces_equal(n0, b->n0))
        return OBTI_EAUTH;                  /* not the answer to our KEYX */
    b->tx_active = 0;
    memset(&vp, 0, sizeof(vp));
    rc = obti_srtp_key_derive(b->ak, vp.srtp_key);
    vp.ssrc_tx = b->session;
    vp.ssrc_rx = b->session ^ 0xFFFFFFFFu;
    vp.ps_ip = b->ps_ip;
    vp.ps_voice_port = b->ps_voice_port;
    vp.local_voice_port = b->cfg.local_voice_port;
    b->state = OBTI_S_VOICE;
    b->voice_deadline = b->pf.now_ms(b->pf.ctx) + b->cfg.voice_timeout_ms;
    if (rc == 0 && b->pf.voice_start != NULL)
        rc = b->pf.voice_start(b->pf.ctx, &vp);
    mbedtls_platform_zeroize(&vp, sizeof(vp));
    if (rc != 0) {
        fail(b, rc);
        return 0;
    }
    b->voice_active = 1;
    event(b, OBTI_EV_VOICE_START, 0);
    return 0;
}

static int on_auth_result(struct obti_bti *b, const uint8_t *buf, size_t len)
{
    uint8_t result, tries, n1[16], ku_pub[OBTI_KU_PUB_LEN];
    mbedtls_ecdsa_context ku;
    int rc = obti_auth_result_open(buf, len, NULL, b->sk, &result, n1, &tries);
    if (rc != 0)
        return rc;
    if (!nonces_equal(n1, b->n1))
        return OBTI_EAUTH;
    if (result == OBTI_AUTH_RETRY) {
        b->tries_left = tries;
        event(b, OBTI_EV_AUTH_RETRY, tries);
        return 0;
    }
    voice_off(b);
    if (result == OBTI_AUTH_LOCKED) {
        fail(b, OBTI_EREJECTED);
        return 0;
    }
    /* Step 310: the user's key pair, from the DRBG. */
    mbedtls_ecdsa_init(&ku);
    rc = random_bytes(b, b->n2, 16);
    if (rc == 0)
        rc = obti_ku_generate(&ku, rng, b);
    if (rc == 0)
        rc = obti_ku_export(&ku, ku_pub, b->ku_priv);
    mbedtls_ecdsa_free(&ku);
    if (rc != 0) {
        fail(b, rng_code(b, rc));
        return 0;
    }
    memcpy(b->ku_pub, ku_pub, sizeof(ku_pub));
    b->state = OBTI_S_ENROLL;
    rc = obti_enroll_encode(b->tx, sizeof(b->tx), b->session, ++b->seq, b->sk, b->n1, b->n2,
                            b->ku_pub);
    send_request(b, rc, b->ps_ip, b->ps_port);
    return 0;
}

static int on_enroll_ack(struct obti_bti *b, const uint8_t *buf, size_t len)
{
    uint8_t n2[16], blob[OBTI_RECORD_BLOB_LEN];
    uint32_t account;
    struct obti_bti_record r;
    int rc = obti_enroll_ack_open(buf, len, NULL, b->sk, n2, &account);
    if (rc != 0)
        return rc;
    if (!nonces_equal(n2, b->n2))
        return OBTI_EAUTH;
    memset(&r, 0, sizeof(r));
    memcpy(r.bti_id, b->cfg.bti_id, OBTI_BTI_ID_LEN);
    r.account = account;
    r.counter = 0;
    r.ps_ip = b->ps_ip;
    r.ps_port = b->ps_port;
    memcpy(r.ku_pub, b->ku_pub, OBTI_KU_PUB_LEN);
    memcpy(r.ku_priv, b->ku_priv, OBTI_KU_PRIV_LEN);
    rc = obti_lt_derive(b->k, b->sk, b->ak, b->n0, b->n1, b->n2, &r.lt);
    if (rc == 0) {
        obti_record_encode(&r, blob);
        rc = b->pf.ks_save(b->pf.ctx, blob, sizeof(blob));
        mbedtls_platform_zeroize(blob, sizeof(blob));
    }
    if (rc != 0) {
        mbedtls_platform_zeroize(&r, sizeof(r));
        fail(b, rc);
        return 0;
    }
    b->rec = r;
    b->provisioned = 1;
    mbedtls_platform_zeroize(&r, sizeof(r));
    done(b, OBTI_EV_PROVISIONED);
    return 0;
}

static int on_register_ack(struct obti_bti *b, const uint8_t *buf, size_t len)
{
    uint8_t n3[16];
    int rc = obti_register_ack_open(buf, len, NULL, b->sk, n3);
    if (rc != 0)
        return rc;
    if (!nonces_equal(n3, b->n3))
        return OBTI_EAUTH;
    done(b, OBTI_EV_REGISTERED);
    return 0;
}

/* An ERROR / SETUP_REJ ends the exchange. It is not authenticated: an
 * impostor can end a call, as it could by dropping packets, but cannot make
 * the BTI store or send anything. */
static int on_error(struct obti_bti *b, const uint8_t *buf, size_t len)
{
    uint16_t code;
    int rc = obti_error_decode(buf, len, NULL, &code, NULL);
    if (rc != 0)
        return rc;
    rc = obti_wire_to_err(code);
    fail(b, rc != 0 ? rc : OBTI_EREJECTED);
    return 0;
}

void obti_bti_input(struct obti_bti *b, const uint8_t *buf, size_t len, uint32_t src_ip,
                    uint16_t src_port)
{
    struct obti_hdr h;
    (void)src_ip;
    (void)src_port;
    if (!busy(b))
        return;
    int rc = obti_hdr_decode(buf, len, &h);
    if (rc == 0 && h.session != b->session)
        rc = OBTI_EREPLAY;                  /* an old session */
    if (rc == 0 && h.seq <= b->rx_seq)
        rc = OBTI_EREPLAY;                  /* old or duplicate reply */
    if (rc == 0) {
        int expect = 0;
        switch (b->state) {
        case OBTI_S_SETUP:    expect = OBTI_T_SETUP_ACK; break;
        case OBTI_S_HELLO:    expect = OBTI_T_CERT; break;
        case OBTI_S_KEYX:     expect = OBTI_T_KEYX_ACK; break;
        case OBTI_S_VOICE:    expect = OBTI_T_AUTH_RESULT; break;
        case OBTI_S_ENROLL:   expect = OBTI_T_ENROLL_ACK; break;
        case OBTI_S_REGISTER: expect = OBTI_T_REGISTER_ACK; break;
        default: break;
        }
        if (h.type == OBTI_T_ERROR || (h.type == OBTI_T_SETUP_REJ && b->state == OBTI_S_SETUP)) {
            rc = on_error(b, buf, len);
        } else if (h.type != expect) {
            rc = OBTI_ESTATE;
        } else {
            uint32_t seq = h.seq;
            switch (h.type) {
            case OBTI_T_SETUP_ACK:    rc = on_setup_ack(b, buf, len); break;
            case OBTI_T_CERT:         rc = on_cert(b, buf, len); break;
            case OBTI_T_KEYX_ACK:     rc = on_keyx_ack(b, buf, len); break;
            case OBTI_T_AUTH_RESULT:  rc = on_auth_result(b, buf, len); break;
            case OBTI_T_ENROLL_ACK:   rc = on_enroll_ack(b, buf, len); break;
            case OBTI_T_REGISTER_ACK: rc = on_register_ack(b, buf, len); break;
            default:                  rc = OBTI_ESTATE; break;
            }
            /* Only an accepted message moves the window (a forgery cannot). */
            if (rc == 0 && h.type != OBTI_T_SETUP_ACK)  /* SETUP_ACK: the PS's window starts */
                b->rx_seq = seq;
            if (rc == 0)
                event(b, OBTI_EV_RECV, h.type);
        }
    }
    if (rc != 0)
        event(b, OBTI_EV_DROP, rc);
}

void obti_bti_tick(struct obti_bti *b)
{
    uint32_t now = b->pf.now_ms(b->pf.ctx);
    if (b->state == OBTI_S_VOICE && (int32_t)(now - b->voice_deadline) >= 0) {
        fail(b, OBTI_ETIMEDOUT);
        return;
    }
    if (!b->tx_active || (int32_t)(now - b->tx_next) < 0)
        return;
    if (b->tx_tries >= OBTI_RTX_TRIES) {
        fail(b, OBTI_ETIMEDOUT);
        return;
    }
    b->tx_tries++;
    b->tx_interval = b->tx_interval * 2 > OBTI_RTX_MAX_MS ? OBTI_RTX_MAX_MS : b->tx_interval * 2;
    b->tx_next = now + b->tx_interval;
    event(b, OBTI_EV_RETRANSMIT, b->tx_type);
    (void)b->pf.send(b->pf.ctx, b->tx_ip, b->tx_port, b->tx, b->tx_len);
}

uint32_t obti_bti_deadline(const struct obti_bti *b)
{
    uint32_t now = b->pf.now_ms(b->pf.ctx);
    uint32_t wait = 1000;
    if (b->tx_active) {
        int32_t d = (int32_t)(b->tx_next - now);
        wait = d <= 0 ? 0 : (uint32_t)d < wait ? (uint32_t)d : wait;
    }
    if (b->state == OBTI_S_VOICE) {
        int32_t d = (int32_t)(b->voice_deadline - now);
        wait = d <= 0 ? 0 : (uint32_t)d < wait ? (uint32_t)d : wait;
        if (b->voice_active && wait > 20)
            wait = 20;
    }
    return wait;
}

int obti_bti_run(struct obti_bti *b)
{
    uint8_t buf[OBTI_MSG_MAX + 1];
    if (b->pf.recv == NULL)
        return OBTI_EINVAL;
    while (busy(b)) {
        uint32_t ip = 0;
        uint16_t port = 0;
        int n = b->pf.recv(b->pf.ctx, buf, sizeof(buf), obti_bti_deadline(b), &ip, &port);
        if (n > 0)
            obti_bti_input(b, buf, (size_t)n, ip, port);
        obti_bti_tick(b);
        if (b->voice_active && b->pf.voice_tick != NULL)
            b->pf.voice_tick(b->pf.ctx);
    }
    return b->result;
}
