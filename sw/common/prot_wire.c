/* Wire format of the provisioning protocol (docs/protocol.md): the header,
 * the strict TLV parser with one schema per message type, every message's
 * encoder and decoder, replay state and the error-code maps. Encoders lay
 * out the datagram first (so the header's body length is final), then fill
 * envelopes and signatures in order, each over the bytes before it. */
#include <string.h>

#include "obti/prot.h"

#include "mbedtls/md.h"
#include "mbedtls/platform_util.h"
#include "mbedtls/sha256.h"

/* ---- byte order ---------------------------------------------------------- */
static uint16_t get16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }
static uint32_t get32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);  p[3] = (uint8_t)v;
}

/* Length of a NUL-terminated string, at most max (strnlen is not C11). */
static size_t bounded_len(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n] != '\0')
        n++;
    return n;
}

/* ---- error codes ------------------------------------------------------------- */
uint16_t obti_err_to_wire(int err)
{
    switch (err) {
    case 0:              return OBTI_W_OK;
    case OBTI_EBADMSG:   return OBTI_W_BADMSG;
    case OBTI_EAUTH:     return OBTI_W_AUTH;
    case OBTI_ECERT:     return OBTI_W_AUTH;
    case OBTI_EREPLAY:   return OBTI_W_REPLAY;
    case OBTI_ESTATE:    return OBTI_W_STATE;
    case OBTI_ENOTPROV:  return OBTI_W_NOT_PROV;
    case OBTI_ENOENT:    return OBTI_W_UNKNOWN_BTI;
    case OBTI_EBUSY:     return OBTI_W_BUSY;
    case OBTI_EVERSION:  return OBTI_W_VERSION;
    default:             return OBTI_W_INTERNAL;
    }
}

int obti_wire_to_err(uint16_t code)
{
    switch (code) {
    case OBTI_W_OK:          return 0;
    case OBTI_W_BADMSG:      return OBTI_EBADMSG;
    case OBTI_W_AUTH:        return OBTI_EAUTH;
    case OBTI_W_REPLAY:      return OBTI_EREPLAY;
    case OBTI_W_STATE:       return OBTI_ESTATE;
    case OBTI_W_NOT_PROV:    return OBTI_ENOTPROV;
    case OBTI_W_UNKNOWN_BTI: return OBTI_ENOENT;
    case OBTI_W_BUSY:        return OBTI_EBUSY;
    case OBTI_W_VERSION:     return OBTI_EVERSION;
    default:                 return OBTI_EREJECTED;
    }
}

const char *obti_strerror(int err)
{
    switch (err) {
    case 0:              return "ok";
    case OBTI_EINVAL:    return "invalid argument";
    case OBTI_EIO:       return "i/o error";
    case OBTI_EBUSY:     return "busy";
    case OBTI_ETIMEDOUT: return "timed out";
    case OBTI_ENOENT:    return "not found";
    case OBTI_EBADMSG:   return "malformed message";
    case OBTI_EALARM:    return "TRNG alarm";
    case OBTI_EAUTH:     return "authentication failed";
    case OBTI_EREPLAY:   return "replayed message";
    case OBTI_ECERT:     return "certificate not trusted";
    case OBTI_ESTATE:    return "unexpected message";
    case OBTI_ENOSPC:    return "buffer too small";
    case OBTI_ECRYPTO:   return "crypto failure";
    case OBTI_EREJECTED: return "rejected by peer";
    case OBTI_EVERSION:  return "unsupported version";
    case OBTI_ENOTPROV:  return "not provisioned";
    default:             return "error";
    }
}

const char *obti_type_name(uint8_t type)
{
    switch (type) {
    case OBTI_T_SETUP:        return "SETUP";
    case OBTI_T_SETUP_ACK:    return "SETUP_ACK";
    case OBTI_T_SETUP_REJ:    return "SETUP_REJ";
    case OBTI_T_HELLO:        return "HELLO";
    case OBTI_T_CERT:         return "CERT";
    case OBTI_T_KEYX:         return "KEYX";
    case OBTI_T_KEYX_ACK:     return "KEYX_ACK";
    case OBTI_T_AUTH_RESULT:  return "AUTH_RESULT";
    case OBTI_T_ENROLL:       return "ENROLL";
    case OBTI_T_ENROLL_ACK:   return "ENROLL_ACK";
    case OBTI_T_REGISTER:     return "REGISTER";
    case OBTI_T_REGISTER_ACK: return "REGISTER_ACK";
    case OBTI_T_CRED:         return "CRED";
    case OBTI_T_CRED_ACK:     return "CRED_ACK";
    case OBTI_T_ERROR:        return "ERROR";
    default:                  return "?";
    }
}

/* ---- schemas ---------------------------------------------------------------- */
/* Inner plaintext sizes of the SEALED envelopes. */
#define IN_KEYX_ACK     32u   /* N0 N1 */
#define IN_AUTH_RESULT  18u   /* result N1 tries_left */
#define IN_ENROLL       97u   /* N1 N2 KU+ */
#define IN_ENROLL_ACK   20u   /* N2 ACCOUNT */
#define IN_REGISTER_ACK 16u   /* N3 */
#define IN_KEYX_K       48u   /* SK AK N0 */
#define IN_KEYX_INFO    16u   /* MAC IP port fw */
#define IN_REGISTER     32u   /* SK' N3 */

struct field {
    uint8_t  tag;
    uint8_t  required;
    uint16_t min, max;
};
struct schema {
    uint8_t type;
    uint8_t n;
    struct field f[5];
};

#define F(t, r, lo, hi) { OBTI_TAG_##t, r, lo, hi }
static const struct schema schemas[] = {
    { OBTI_T_SETUP, 5, { F(BTI_ID, 1, 6, 6), F(CALLED, 1, 1, OBTI_CALLED_MAX),
                         F(ACCOUNT, 0, 4, 4), F(COUNTER, 0, 4, 4), F(SIG, 0, 64, 64) } },
    { OBTI_T_SETUP_ACK, 2, { F(PS_ADDR, 1, 8, 8), F(CALL_ID, 1, 4, 4) } },
    { OBTI_T_SETUP_REJ, 2, { F(ERROR, 1, 2, 2), F(TEXT, 0, 0, OBTI_TEXT_MAX) } },
    { OBTI_T_HELLO, 2, { F(BTI_ID, 1, 6, 6), F(CALL_ID, 1, 4, 4) } },
    { OBTI_T_CERT, 1, { F(CERT, 1, 1, OBTI_CERT_MAX) } },
    { OBTI_T_KEYX, 3, { F(ENC_K, 1, IN_KEYX_K + 16, IN_KEYX_K + 16),
                        F(ENC_INFO, 1, IN_KEYX_INFO + 16, IN_KEYX_INFO + 16),
                        F(WRAPPED_K, 1, OBTI_RSA_LEN, OBTI_RSA_LEN) } },
    { OBTI_T_KEYX_ACK, 1, { F(SEALED, 1, IN_KEYX_ACK + 16, IN_KEYX_ACK + 16) } },
    { OBTI_T_AUTH_RESULT, 1, { F(SEALED, 1, IN_AUTH_RESULT + 16, IN_AUTH_RESULT + 16) } },
    { OBTI_T_ENROLL, 1, { F(SEALED, 1, IN_ENROLL + 16, IN_ENROLL + 16) } },
    { OBTI_T_ENROLL_ACK, 1, { F(SEALED, 1, IN_ENROLL_ACK + 16, IN_ENROLL_ACK + 16) } },
    { OBTI_T_REGISTER, 4, { F(BTI_ID, 1, 6, 6), F(COUNTER, 1, 4, 4),
                            F(LT_SEALED, 1, IN_REGISTER + 16, IN_REGISTER + 16),
                            F(SIG, 1, 64, 64) } },
    { OBTI_T_REGISTER_ACK, 1, { F(SEALED, 1, IN_REGISTER_ACK + 16, IN_REGISTER_ACK + 16) } },
    { OBTI_T_CRED, 4, { F(BTI_ID, 1, 6, 6), F(ACCOUNT, 1, 4, 4), F(KU_PUB, 1, 65, 65),
                        F(HMAC, 1, 32, 32) } },
    { OBTI_T_CRED_ACK, 2, { F(BTI_ID, 1, 6, 6), F(HMAC, 1, 32, 32) } },
    { OBTI_T_ERROR, 2, { F(ERROR, 1, 2, 2), F(TEXT, 0, 0, OBTI_TEXT_MAX) } },
};
#undef F

static const struct schema *schema_of(uint8_t type)
{
    for (size_t i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++)
        if (schemas[i].type == type)
            return &schemas[i];
    return NULL;
}

int obti_tag_slot(uint8_t tag)
{
    if (tag >= 0x01 && tag <= 0x0A)
        return tag - 0x01;                  /* 0..9 */
    if (tag >= 0x10 && tag <= 0x14)
        return 10 + (tag - 0x10);           /* 10..14 */
    if (tag == OBTI_TAG_HMAC)
        return 15;
    if (tag == OBTI_TAG_SIG)
        return 16;
    return -1;
}

const struct obti_tlv *obti_parsed_get(const struct obti_parsed *p, uint8_t tag)
{
    int s = obti_tag_slot(tag);
    if (s < 0 || p->tlv[s].val == NULL)
        return NULL;
    return &p->tlv[s];
}

int obti_hdr_decode(const uint8_t *buf, size_t len, struct obti_hdr *h)
{
    if (buf == NULL || len < OBTI_HDR_LEN || len > OBTI_MSG_MAX)
        return OBTI_EBADMSG;
    if (get16(buf) != OBTI_MAGIC)
        return OBTI_EBADMSG;
    h->version = buf[2];
    h->type = buf[3];
    h->session = get32(buf + 4);
    h->seq = get32(buf + 8);
    h->body_len = get16(buf + 12);
    h->flags = get16(buf + 14);
    if (h->version != OBTI_VERSION)
        return OBTI_EVERSION;
    if (h->flags != 0 || (size_t)h->body_len != len - OBTI_HDR_LEN)
        return OBTI_EBADMSG;
    if (schema_of(h->type) == NULL)
        return OBTI_EBADMSG;
    if (h->seq == 0)
        return OBTI_EBADMSG;                /* seq counts from 1 */
    return 0;
}

int obti_msg_parse(const uint8_t *buf, size_t len, struct obti_parsed *p)
{
    memset(p, 0, sizeof(*p));
    int rc = obti_hdr_decode(buf, len, &p->hdr);
    if (rc != 0)
        return rc;
    const struct schema *sc = schema_of(p->hdr.type);
    size_t pos = OBTI_HDR_LEN;
    int prev = -1;
    while (pos < len) {
        if (len - pos < 3)
            return OBTI_EBADMSG;
        uint8_t tag = buf[pos];
        uint16_t l = get16(buf + pos + 1);
        if ((int)tag <= prev)
            return OBTI_EBADMSG;            /* not ascending, or repeated */
        const struct field *f = NULL;
        for (unsigned i = 0; i < sc->n; i++)
            if (sc->f[i].tag == tag)
                f = &sc->f[i];
        if (f == NULL || l < f->min || l > f->max || (size_t)l > len - pos - 3)
            return OBTI_EBADMSG;
        int s = obti_tag_slot(tag);
        p->tlv[s].val = buf + pos + 3;
        p->tlv[s].len = l;
        p->tlv[s].off = (uint16_t)pos;
        prev = tag;
        pos += 3u + l;
    }
    for (unsigned i = 0; i < sc->n; i++)
        if (sc->f[i].required && p->tlv[obti_tag_slot(sc->f[i].tag)].val == NULL)
            return OBTI_EBADMSG;
    p->raw = buf;
    p->raw_len = len;
    return 0;
}

/* Parse and require the type. */
static int parse_type(const uint8_t *buf, size_t len, uint8_t type, struct obti_parsed *p,
                      struct obti_hdr *h)
{
    int rc = obti_msg_parse(buf, len, p);
    if (rc != 0)
        return rc;
    if (p->hdr.type != type)
        return OBTI_ESTATE;
    if (h != NULL)
        *h = p->hdr;
    return 0;
}

/* Bytes an envelope / signature covers: the datagram up to its value. */
static size_t aad_len_of(const struct obti_tlv *t) { return (size_t)t->off + 3u; }

/* ---- writer ------------------------------------------------------------- */
struct wr {
    uint8_t *b;
    size_t   cap, len;
    int      err;
};

static void wr_init(struct wr *w, uint8_t *out, size_t cap, uint8_t type, uint32_t session,
                    uint32_t seq)
{
    w->b = out;
    w->cap = cap > OBTI_MSG_MAX ? OBTI_MSG_MAX : cap;
    w->len = OBTI_HDR_LEN;
    w->err = 0;
    if (out == NULL || w->cap < OBTI_HDR_LEN) {
        w->err = OBTI_ENOSPC;
        return;
    }
    if (seq == 0)
        w->err = OBTI_EINVAL;
    put16(out, OBTI_MAGIC);
    out[2] = OBTI_VERSION;
    out[3] = type;
    put32(out + 4, session);
    put32(out + 8, seq);
    put16(out + 12, 0);
    put16(out + 14, 0);
}

/* Reserve a TLV and return a pointer to its value (NULL on overflow). */
static uint8_t *wr_put(struct wr *w, uint8_t tag, size_t len)
{
    if (w->err != 0)
        return NULL;
    if (len > 0xFFFF || w->cap - w->len < 3 + len) {
        w->err = OBTI_ENOSPC;
        return NULL;
    }
    uint8_t *p = w->b + w->len;
    p[0] = tag;
    put16(p + 1, (uint16_t)len);
    w->len += 3 + len;
    return p + 3;
}

static void wr_bytes(struct wr *w, uint8_t tag, const void *v, size_t len)
{
    uint8_t *p = wr_put(w, tag, len);
    if (p != NULL && len > 0)
        memcpy(p, v, len);
}

static void wr_u32(struct wr *w, uint8_t tag, uint32_t v)
{
    uint8_t *p = wr_put(w, tag, 4);
    if (p != NULL)
        put32(p, v);
}

/* Fix the body length; afterwards the bytes before any value are final. */
static int wr_finish(struct wr *w)
{
    if (w->err != 0)
        return w->err;
    put16(w->b + 12, (uint16_t)(w->len - OBTI_HDR_LEN));
    return 0;
}

static uint32_t dir_of_type(uint8_t type)
{
    switch (type) {
    case OBTI_T_KEYX_ACK: case OBTI_T_AUTH_RESULT: case OBTI_T_ENROLL_ACK:
    case OBTI_T_REGISTER_ACK:
        return OBTI_DIR_P2B;
    default:
        return OBTI_DIR_B2P;
    }
}

/* A message whose body is one SEALED envelope under secret x. */
static int sealed_encode(uint8_t *out, size_t cap, uint8_t type, uint32_t session,
                         uint32_t seq, const uint8_t x[16], const uint8_t *pt, size_t pt_len)
{
    struct wr w;
    struct obti_dirkeys dk;
    wr_init(&w, out, cap, type, session, seq);
    uint8_t *v = wr_put(&w, OBTI_TAG_SEALED, pt_len + OBTI_TAG_LEN);
    int rc = wr_finish(&w);
    if (rc != 0)
        return rc;
    rc = obti_dirkeys_derive(x, &dk);
    if (rc == 0) {
        uint32_t dir = dir_of_type(type);
        rc = obti_gcm_seal(dir == OBTI_DIR_B2P ? dk.b2p : dk.p2b, dir, seq, out,
                           (size_t)(v - out), pt, pt_len, v);
    }
    mbedtls_platform_zeroize(&dk, sizeof(dk));
    return rc != 0 ? rc : (int)w.len;
}

static int sealed_open(const uint8_t *buf, size_t len, uint8_t type, struct obti_hdr *h,
                       const uint8_t x[16], uint8_t *pt, size_t pt_len)
{
    struct obti_parsed p;
    struct obti_dirkeys dk;
    int rc = parse_type(buf, len, type, &p, h);
    if (rc != 0)
        return rc;
    const struct obti_tlv *t = obti_parsed_get(&p, OBTI_TAG_SEALED);
    if (t->len != pt_len + OBTI_TAG_LEN)
        return OBTI_EBADMSG;                /* schema guarantees it; belt and braces */
    rc = obti_dirkeys_derive(x, &dk);
    if (rc == 0) {
        uint32_t dir = dir_of_type(type);
        rc = obti_gcm_open(dir == OBTI_DIR_B2P ? dk.b2p : dk.p2b, dir, p.hdr.seq, buf,
                           aad_len_of(t), t->val, t->len, pt);
    }
    mbedtls_platform_zeroize(&dk, sizeof(dk));
    return rc;
}

/* ---- SETUP ------------------------------------------------------------------- */
static int called_ok(const uint8_t *s, size_t n)
{
    if (n < 1 || n > OBTI_CALLED_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '*' || s[i] == '#'))
            return 0;
    return 1;
}

int obti_setup_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                      const struct obti_setup *m, mbedtls_ecdsa_context *ku,
                      obti_rng_fn f_rng, void *p_rng)
{
    struct wr w;
    size_t n = bounded_len(m->called, OBTI_CALLED_MAX + 1);
    if (!called_ok((const uint8_t *)m->called, n) || (m->has_auth && ku == NULL))
        return OBTI_EINVAL;
    wr_init(&w, out, cap, OBTI_T_SETUP, session, seq);
    wr_bytes(&w, OBTI_TAG_BTI_ID, m->bti_id, 6);
    wr_bytes(&w, OBTI_TAG_CALLED, m->called, n);
    uint8_t *sig = NULL;
    if (m->has_auth) {
        wr_u32(&w, OBTI_TAG_ACCOUNT, m->account);
        wr_u32(&w, OBTI_TAG_COUNTER, m->counter);
        sig = wr_put(&w, OBTI_TAG_SIG, OBTI_SIG_LEN);
    }
    int rc = wr_finish(&w);
    if (rc == 0 && sig != NULL)
        rc = obti_ku_sign(ku, out, (size_t)(sig - out), f_rng, p_rng, sig);
    return rc != 0 ? rc : (int)w.len;
}

int obti_setup_decode(const uint8_t *buf, size_t len, struct obti_hdr *h, struct obti_setup *m)
{
    struct obti_parsed p;
    int rc = parse_type(buf, len, OBTI_T_SETUP, &p, h);
    if (rc != 0)
        return rc;
    const struct obti_tlv *id = obti_parsed_get(&p, OBTI_TAG_BTI_ID);
    const struct obti_tlv *cd = obti_parsed_get(&p, OBTI_TAG_CALLED);
    const struct obti_tlv *ac = obti_parsed_get(&p, OBTI_TAG_ACCOUNT);
    const struct obti_tlv *ct = obti_parsed_get(&p, OBTI_TAG_COUNTER);
    const struct obti_tlv *sg = obti_parsed_get(&p, OBTI_TAG_SIG);
    int n_auth = (ac != NULL) + (ct != NULL) + (sg != NULL);
    if ((n_auth != 0 && n_auth != 3) || !called_ok(cd->val, cd->len))
        return OBTI_EBADMSG;
    memset(m, 0, sizeof(*m));
    memcpy(m->bti_id, id->val, 6);
    memcpy(m->called, cd->val, cd->len);
    m->called[cd->len] = '\0';
    if (n_auth == 3) {
        m->has_auth = 1;
        m->account = get32(ac->val);
        m->counter = get32(ct->val);
        memcpy(m->sig, sg->val, OBTI_SIG_LEN);
    }
    return 0;
}

int obti_setup_verify(const uint8_t *buf, size_t len, const uint8_t ku_pub[OBTI_KU_PUB_LEN])
{
    struct obti_setup m;
    struct obti_parsed p;
    int rc = obti_setup_decode(buf, len, NULL, &m);
    if (rc != 0)
        return rc;
    if (!m.has_auth)
        return OBTI_EAUTH;
    obti_msg_parse(buf, len, &p);
    const struct obti_tlv *sg = obti_parsed_get(&p, OBTI_TAG_SIG);
    return obti_ku_verify(ku_pub, buf, aad_len_of(sg), sg->val);
}

/* ---- SETUP_ACK / SETUP_REJ / ERROR ----------------------------------------- */
int obti_setup_ack_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                          const struct obti_setup_ack *m)
{
    struct wr w;
    wr_init(&w, out, cap, OBTI_T_SETUP_ACK, session, seq);
    uint8_t *a = wr_put(&w, OBTI_TAG_PS_ADDR, 8);
    if (a != NULL) {
        put32(a, m->ps_ip);
        put16(a + 4, m->ps_port);
        put16(a + 6, m->ps_voice_port);
    }
    wr_u32(&w, OBTI_TAG_CALL_ID, m->call_id);
    int rc = wr_finish(&w);
    return rc != 0 ? rc : (int)w.len;
}

int obti_setup_ack_decode(const uint8_t *buf, size_t len, struct obti_hdr *h,
                          struct obti_setup_ack *m)
{
    struct obti_parsed p;
    int rc = parse_type(buf, len, OBTI_T_SETUP_ACK, &p, h);
    if (rc != 0)
        return rc;
    const uint8_t *a = obti_parsed_get(&p, OBTI_TAG_PS_ADDR)->val;
    m->ps_ip = get32(a);
    m->ps_port = get16(a + 4);
    m->ps_voice_port = get16(a + 6);
    m->call_id = get32(obti_parsed_get(&p, OBTI_TAG_CALL_ID)->val);
    if (m->ps_port == 0 || m->ps_voice_port == 0 || m->ps_ip == 0)
        return OBTI_EBADMSG;
    return 0;
}

int obti_error_encode(uint8_t *out, size_t cap, uint8_t type, uint32_t session, uint32_t seq,
                      uint16_t code, const char *text)
{
    struct wr w;
    if (type != OBTI_T_SETUP_REJ && type != OBTI_T_ERROR)
        return OBTI_EINVAL;
    wr_init(&w, out, cap, type, session, seq);
    uint8_t *c = wr_put(&w, OBTI_TAG_ERROR, 2);
    if (c != NULL)
        put16(c, code);
    if (text != NULL) {
        size_t n = bounded_len(text, OBTI_TEXT_MAX + 1);
        if (n > OBTI_TEXT_MAX)
            n = OBTI_TEXT_MAX;
        wr_bytes(&w, OBTI_TAG_TEXT, text, n);
    }
    int rc = wr_finish(&w);
    return rc != 0 ? rc : (int)w.len;
}

int obti_error_decode(const uint8_t *buf, size_t len, struct obti_hdr *h, uint16_t *code,
                      char text[OBTI_TEXT_MAX + 1])
{
    struct obti_parsed p;
    int rc = obti_msg_parse(buf, len, &p);
    if (rc != 0)
        return rc;
    if (p.hdr.type != OBTI_T_SETUP_REJ && p.hdr.type != OBTI_T_ERROR)
        return OBTI_ESTATE;
    if (h != NULL)
        *h = p.hdr;
    *code = get16(obti_parsed_get(&p, OBTI_TAG_ERROR)->val);
    const struct obti_tlv *t = obti_parsed_get(&p, OBTI_TAG_TEXT);
    if (t != NULL && memchr(t->val, 0, t->len) != NULL)
        return OBTI_EBADMSG;
    if (text != NULL) {
        size_t n = t != NULL ? t->len : 0;
        if (n > 0)
            memcpy(text, t->val, n);
        text[n] = '\0';
    }
    return 0;
}

/* ---- HELLO, CERT ----------------------------------------------------------- */
int obti_hello_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                      const uint8_t bti_id[6], uint32_t call_id)
{
    struct wr w;
    wr_init(&w, out, cap, OBTI_T_HELLO, session, seq);
    wr_bytes(&w, OBTI_TAG_BTI_ID, bti_id, 6);
    wr_u32(&w, OBTI_TAG_CALL_ID, call_id);
    int rc = wr_finish(&w);
    return rc != 0 ? rc : (int)w.len;
}

int obti_hello_decode(const uint8_t *buf, size_t len, struct obti_hdr *h, uint8_t bti_id[6],
                      uint32_t *call_id)
{
    struct obti_parsed p;
    int rc = parse_type(buf, len, OBTI_T_HELLO, &p, h);
    if (rc != 0)
        return rc;
    memcpy(bti_id, obti_parsed_get(&p, OBTI_TAG_BTI_ID)->val, 6);
    *call_id = get32(obti_parsed_get(&p, OBTI_TAG_CALL_ID)->val);
    return 0;
}

int obti_cert_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                     const uint8_t *der, size_t der_len)
{
    struct wr w;
    if (der_len < 1 || der_len > OBTI_CERT_MAX)
        return OBTI_EINVAL;
    wr_init(&w, out, cap, OBTI_T_CERT, session, seq);
    wr_bytes(&w, OBTI_TAG_CERT, der, der_len);
    int rc = wr_finish(&w);
    return rc != 0 ? rc : (int)w.len;
}

int obti_cert_decode(const uint8_t *buf, size_t len, struct obti_hdr *h, const uint8_t **der,
                     size_t *der_len)
{
    struct obti_parsed p;
    int rc = parse_type(buf, len, OBTI_T_CERT, &p, h);
    if (rc != 0)
        return rc;
    const struct obti_tlv *t = obti_parsed_get(&p, OBTI_TAG_CERT);
    *der = t->val;
    *der_len = t->len;
    return 0;
}

/* ---- KEYX ---------------------------------------------------------------- */
int obti_keyx_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                     const struct obti_keyx *m, mbedtls_pk_context *ps_pub,
                     obti_rng_fn f_rng, void *p_rng)
{
    struct wr w;
    struct obti_dirkeys dk_k, dk_sk;
    uint8_t pk[IN_KEYX_K], pi[IN_KEYX_INFO];
    wr_init(&w, out, cap, OBTI_T_KEYX, session, seq);
    uint8_t *ek = wr_put(&w, OBTI_TAG_ENC_K, IN_KEYX_K + OBTI_TAG_LEN);
    uint8_t *ei = wr_put(&w, OBTI_TAG_ENC_INFO, IN_KEYX_INFO + OBTI_TAG_LEN);
    uint8_t *wk = wr_put(&w, OBTI_TAG_WRAPPED_K, OBTI_RSA_LEN);
    int rc = wr_finish(&w);
    if (rc != 0)
        return rc;
    memcpy(pk, m->sk, 16); memcpy(pk + 16, m->ak, 16); memcpy(pk + 32, m->n0, 16);
    memcpy(pi, m->info.mac, 6);
    put32(pi + 6, m->info.ip);
    put16(pi + 10, m->info.voice_port);
    put32(pi + 12, m->info.fw_version);
    rc = obti_dirkeys_derive(m->k, &dk_k);
    if (rc == 0)
        rc = obti_dirkeys_derive(m->sk, &dk_sk);
    if (rc == 0)
        rc = obti_gcm_seal(dk_k.b2p, OBTI_DIR_B2P, seq, out, (size_t)(ek - out), pk,
                           sizeof(pk), ek);
    if (rc == 0)
        rc = obti_gcm_seal(dk_sk.b2p, OBTI_DIR_B2P, seq, out, (size_t)(ei - out), pi,
                           sizeof(pi), ei);
    if (rc == 0)
        rc = obti_wrap_k(ps_pub, m->k, f_rng, p_rng, wk);
    mbedtls_platform_zeroize(pk, sizeof(pk));
    mbedtls_platform_zeroize(&dk_k, sizeof(dk_k));
    mbedtls_platform_zeroize(&dk_sk, sizeof(dk_sk));
    return rc != 0 ? rc : (int)w.len;
}

struct unwrap_mbedtls {
    mbedtls_pk_context *ps_priv;
    obti_rng_fn f_rng;
    void *p_rng;
};

static int unwrap_mbedtls(void *ctx, const uint8_t in[OBTI_RSA_LEN], uint8_t k[16])
{
    const struct unwrap_mbedtls *u = ctx;
    return obti_unwrap_k(u->ps_priv, in, u->f_rng, u->p_rng, k);
}

int obti_keyx_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                   mbedtls_pk_context *ps_priv, obti_rng_fn f_rng, void *p_rng,
                   struct obti_keyx *m)
{
    struct unwrap_mbedtls u = {ps_priv, f_rng, p_rng};
    return obti_keyx_open_with(buf, len, h, unwrap_mbedtls, &u, m);
}

int obti_keyx_open_with(const uint8_t *buf, size_t len, struct obti_hdr *h,
                        obti_unwrap_fn unwrap, void *unwrap_ctx, struct obti_keyx *m)
{
    struct obti_parsed p;
    struct obti_dirkeys dk_k, dk_sk;
    uint8_t pk[IN_KEYX_K], pi[IN_KEYX_INFO];
    int rc = parse_type(buf, len, OBTI_T_KEYX, &p, h);
    if (rc != 0)
        return rc;
    const struct obti_tlv *ek = obti_parsed_get(&p, OBTI_TAG_ENC_K);
    const struct obti_tlv *ei = obti_parsed_get(&p, OBTI_TAG_ENC_INFO);
    const struct obti_tlv *wk = obti_parsed_get(&p, OBTI_TAG_WRAPPED_K);
    memset(m, 0, sizeof(*m));
    rc = unwrap(unwrap_ctx, wk->val, m->k);
    if (rc == 0)
        rc = obti_dirkeys_derive(m->k, &dk_k);
    if (rc == 0)
        rc = obti_gcm_open(dk_k.b2p, OBTI_DIR_B2P, p.hdr.seq, buf, aad_len_of(ek), ek->val,
                           ek->len, pk);
    if (rc == 0) {
        memcpy(m->sk, pk, 16); memcpy(m->ak, pk + 16, 16); memcpy(m->n0, pk + 32, 16);
        rc = obti_dirkeys_derive(m->sk, &dk_sk);
    }
    if (rc == 0)
        rc = obti_gcm_open(dk_sk.b2p, OBTI_DIR_B2P, p.hdr.seq, buf, aad_len_of(ei), ei->val,
                           ei->len, pi);
    if (rc == 0) {
        memcpy(m->info.mac, pi, 6);
        m->info.ip = get32(pi + 6);
        m->info.voice_port = get16(pi + 10);
        m->info.fw_version = get32(pi + 12);
    } else {
        mbedtls_platform_zeroize(m, sizeof(*m));
    }
    mbedtls_platform_zeroize(pk, sizeof(pk));
    mbedtls_platform_zeroize(&dk_k, sizeof(dk_k));
    mbedtls_platform_zeroize(&dk_sk, sizeof(dk_sk));
    return rc;
}

/* ---- SK-sealed messages ------------------------------------------------------ */
int obti_keyx_ack_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                         const uint8_t sk[16], const uint8_t n0[16], const uint8_t n1[16])
{
    uint8_t pt[IN_KEYX_ACK];
    memcpy(pt, n0, 16);
    memcpy(pt + 16, n1, 16);
    return sealed_encode(out, cap, OBTI_T_KEYX_ACK, session, seq, sk, pt, sizeof(pt));
}

int obti_keyx_ack_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                       const uint8_t sk[16], uint8_t n0[16], uint8_t n1[16])
{
    uint8_t pt[IN_KEYX_ACK];
    int rc = sealed_open(buf, len, OBTI_T_KEYX_ACK, h, sk, pt, sizeof(pt));
    if (rc == 0) {
        memcpy(n0, pt, 16);
        memcpy(n1, pt + 16, 16);
    }
    return rc;
}

int obti_auth_result_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                            const uint8_t sk[16], uint8_t result, const uint8_t n1[16],
                            uint8_t tries_left)
{
    uint8_t pt[IN_AUTH_RESULT];
    if (result > OBTI_AUTH_LOCKED)
        return OBTI_EINVAL;
    pt[0] = result;
    memcpy(pt + 1, n1, 16);
    pt[17] = tries_left;
    return sealed_encode(out, cap, OBTI_T_AUTH_RESULT, session, seq, sk, pt, sizeof(pt));
}

int obti_auth_result_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                          const uint8_t sk[16], uint8_t *result, uint8_t n1[16],
                          uint8_t *tries_left)
{
    uint8_t pt[IN_AUTH_RESULT];
    int rc = sealed_open(buf, len, OBTI_T_AUTH_RESULT, h, sk, pt, sizeof(pt));
    if (rc != 0)
        return rc;
    if (pt[0] > OBTI_AUTH_LOCKED)
        return OBTI_EBADMSG;
    *result = pt[0];
    memcpy(n1, pt + 1, 16);
    *tries_left = pt[17];
    return 0;
}

int obti_enroll_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                       const uint8_t sk[16], const uint8_t n1[16], const uint8_t n2[16],
                       const uint8_t ku_pub[OBTI_KU_PUB_LEN])
{
    uint8_t pt[IN_ENROLL];
    memcpy(pt, n1, 16);
    memcpy(pt + 16, n2, 16);
    memcpy(pt + 32, ku_pub, OBTI_KU_PUB_LEN);
    return sealed_encode(out, cap, OBTI_T_ENROLL, session, seq, sk, pt, sizeof(pt));
}

int obti_enroll_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                     const uint8_t sk[16], uint8_t n1[16], uint8_t n2[16],
                     uint8_t ku_pub[OBTI_KU_PUB_LEN])
{
    uint8_t pt[IN_ENROLL];
    int rc = sealed_open(buf, len, OBTI_T_ENROLL, h, sk, pt, sizeof(pt));
    if (rc != 0)
        return rc;
    if (pt[32] != 0x04)
        return OBTI_EBADMSG;                /* only uncompressed points */
    memcpy(n1, pt, 16);
    memcpy(n2, pt + 16, 16);
    memcpy(ku_pub, pt + 32, OBTI_KU_PUB_LEN);
    return 0;
}

int obti_enroll_ack_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                           const uint8_t sk[16], const uint8_t n2[16], uint32_t account)
{
    uint8_t pt[IN_ENROLL_ACK];
    memcpy(pt, n2, 16);
    put32(pt + 16, account);
    return sealed_encode(out, cap, OBTI_T_ENROLL_ACK, session, seq, sk, pt, sizeof(pt));
}

int obti_enroll_ack_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                         const uint8_t sk[16], uint8_t n2[16], uint32_t *account)
{
    uint8_t pt[IN_ENROLL_ACK];
    int rc = sealed_open(buf, len, OBTI_T_ENROLL_ACK, h, sk, pt, sizeof(pt));
    if (rc == 0) {
        memcpy(n2, pt, 16);
        *account = get32(pt + 16);
    }
    return rc;
}

int obti_register_ack_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                             const uint8_t sk[16], const uint8_t n3[16])
{
    return sealed_encode(out, cap, OBTI_T_REGISTER_ACK, session, seq, sk, n3, IN_REGISTER_ACK);
}

int obti_register_ack_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                           const uint8_t sk[16], uint8_t n3[16])
{
    return sealed_open(buf, len, OBTI_T_REGISTER_ACK, h, sk, n3, IN_REGISTER_ACK);
}

/* ---- REGISTER -------------------------------------------------------------- */
int obti_register_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                         const struct obti_register *m, const struct obti_lt_keys *lt,
                         mbedtls_ecdsa_context *ku, obti_rng_fn f_rng, void *p_rng)
{
    struct wr w;
    uint8_t pt[IN_REGISTER];
    wr_init(&w, out, cap, OBTI_T_REGISTER, session, seq);
    wr_bytes(&w, OBTI_TAG_BTI_ID, m->bti_id, 6);
    wr_u32(&w, OBTI_TAG_COUNTER, m->counter);
    uint8_t *ls = wr_put(&w, OBTI_TAG_LT_SEALED, IN_REGISTER + OBTI_TAG_LEN);
    uint8_t *sig = wr_put(&w, OBTI_TAG_SIG, OBTI_SIG_LEN);
    int rc = wr_finish(&w);
    if (rc != 0)
        return rc;
    memcpy(pt, m->sk, 16);
    memcpy(pt + 16, m->n3, 16);
    rc = obti_lt_seal(lt, OBTI_DIR_B2P, m->counter, seq, out, (size_t)(ls - out), pt,
                      sizeof(pt), ls);
    mbedtls_platform_zeroize(pt, sizeof(pt));
    if (rc == 0)
        rc = obti_ku_sign(ku, out, (size_t)(sig - out), f_rng, p_rng, sig);
    return rc != 0 ? rc : (int)w.len;
}

int obti_register_peek(const uint8_t *buf, size_t len, struct obti_hdr *h, uint8_t bti_id[6],
                       uint32_t *counter)
{
    struct obti_parsed p;
    int rc = parse_type(buf, len, OBTI_T_REGISTER, &p, h);
    if (rc != 0)
        return rc;
    memcpy(bti_id, obti_parsed_get(&p, OBTI_TAG_BTI_ID)->val, 6);
    *counter = get32(obti_parsed_get(&p, OBTI_TAG_COUNTER)->val);
    return 0;
}

int obti_register_open(const uint8_t *buf, size_t len, const struct obti_lt_keys *lt,
                       const uint8_t ku_pub[OBTI_KU_PUB_LEN], uint32_t last_counter,
                       struct obti_register *m)
{
    struct obti_parsed p;
    uint8_t pt[IN_REGISTER];
    int rc = parse_type(buf, len, OBTI_T_REGISTER, &p, NULL);
    if (rc != 0)
        return rc;
    const struct obti_tlv *ls = obti_parsed_get(&p, OBTI_TAG_LT_SEALED);
    const struct obti_tlv *sg = obti_parsed_get(&p, OBTI_TAG_SIG);
    uint32_t counter = get32(obti_parsed_get(&p, OBTI_TAG_COUNTER)->val);
    /* Authenticity before freshness: a forged message must not be able to
     * tell the sender anything about the stored counter. */
    rc = obti_ku_verify(ku_pub, buf, aad_len_of(sg), sg->val);
    if (rc == 0)
        rc = obti_lt_open(lt, OBTI_DIR_B2P, counter, p.hdr.seq, buf, aad_len_of(ls), ls->val,
                          ls->len, pt);
    if (rc == 0 && counter <= last_counter)
        rc = OBTI_EREPLAY;
    if (rc == 0) {
        memcpy(m->bti_id, obti_parsed_get(&p, OBTI_TAG_BTI_ID)->val, 6);
        m->counter = counter;
        memcpy(m->sk, pt, 16);
        memcpy(m->n3, pt + 16, 16);
    }
    mbedtls_platform_zeroize(pt, sizeof(pt));
    return rc;
}

/* ---- CRED / CRED_ACK (PS <-> GC) ------------------------------------------- */
static int hmac_over(const uint8_t *key, size_t key_len, const uint8_t *msg, size_t len,
                     uint8_t out[32])
{
    if (key == NULL || key_len == 0)
        return OBTI_EINVAL;
    return mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), key, key_len, msg, len,
                           out) == 0 ? 0 : OBTI_ECRYPTO;
}

static int hmac_check(const struct obti_parsed *p, const uint8_t *key, size_t key_len)
{
    const struct obti_tlv *t = obti_parsed_get(p, OBTI_TAG_HMAC);
    uint8_t mac[32], d = 0;
    int rc = hmac_over(key, key_len, p->raw, aad_len_of(t), mac);
    if (rc != 0)
        return rc;
    for (unsigned i = 0; i < 32; i++)
        d |= (uint8_t)(mac[i] ^ t->val[i]);
    return d == 0 ? 0 : OBTI_EAUTH;
}

int obti_cred_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                     const uint8_t *key, size_t key_len, const uint8_t bti_id[6],
                     uint32_t account, const uint8_t ku_pub[OBTI_KU_PUB_LEN])
{
    struct wr w;
    wr_init(&w, out, cap, OBTI_T_CRED, session, seq);
    wr_bytes(&w, OBTI_TAG_BTI_ID, bti_id, 6);
    wr_u32(&w, OBTI_TAG_ACCOUNT, account);
    wr_bytes(&w, OBTI_TAG_KU_PUB, ku_pub, OBTI_KU_PUB_LEN);
    uint8_t *mac = wr_put(&w, OBTI_TAG_HMAC, OBTI_HMAC_LEN);
    int rc = wr_finish(&w);
    if (rc == 0)
        rc = hmac_over(key, key_len, out, (size_t)(mac - out), mac);
    return rc != 0 ? rc : (int)w.len;
}

int obti_cred_open(const uint8_t *buf, size_t len, struct obti_hdr *h, const uint8_t *key,
                   size_t key_len, uint8_t bti_id[6], uint32_t *account,
                   uint8_t ku_pub[OBTI_KU_PUB_LEN])
{
    struct obti_parsed p;
    int rc = parse_type(buf, len, OBTI_T_CRED, &p, h);
    if (rc == 0)
        rc = hmac_check(&p, key, key_len);
    if (rc != 0)
        return rc;
    const uint8_t *ku = obti_parsed_get(&p, OBTI_TAG_KU_PUB)->val;
    if (ku[0] != 0x04)
        return OBTI_EBADMSG;
    memcpy(bti_id, obti_parsed_get(&p, OBTI_TAG_BTI_ID)->val, 6);
    *account = get32(obti_parsed_get(&p, OBTI_TAG_ACCOUNT)->val);
    memcpy(ku_pub, ku, OBTI_KU_PUB_LEN);
    return 0;
}

int obti_cred_ack_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                         const uint8_t *key, size_t key_len, const uint8_t bti_id[6])
{
    struct wr w;
    wr_init(&w, out, cap, OBTI_T_CRED_ACK, session, seq);
    wr_bytes(&w, OBTI_TAG_BTI_ID, bti_id, 6);
    uint8_t *mac = wr_put(&w, OBTI_TAG_HMAC, OBTI_HMAC_LEN);
    int rc = wr_finish(&w);
    if (rc == 0)
        rc = hmac_over(key, key_len, out, (size_t)(mac - out), mac);
    return rc != 0 ? rc : (int)w.len;
}

int obti_cred_ack_open(const uint8_t *buf, size_t len, struct obti_hdr *h, const uint8_t *key,
                       size_t key_len, uint8_t bti_id[6])
{
    struct obti_parsed p;
    int rc = parse_type(buf, len, OBTI_T_CRED_ACK, &p, h);
    if (rc == 0)
        rc = hmac_check(&p, key, key_len);
    if (rc == 0)
        memcpy(bti_id, obti_parsed_get(&p, OBTI_TAG_BTI_ID)->val, 6);
    return rc;
}

/* ---- replay state --------------------------------------------------------- */
static void digest8(const uint8_t *buf, size_t len, uint8_t out[8])
{
    uint8_t h[32];
    mbedtls_sha256_ret(buf, len, h, 0);
    memcpy(out, h, 8);
}

int obti_replay_check(const struct obti_replay *r, const uint8_t *buf, size_t len)
{
    struct obti_hdr h;
    uint8_t d[8];
    int rc = obti_hdr_decode(buf, len, &h);
    if (rc != 0)
        return rc;
    if (h.session != r->session)
        return OBTI_EREPLAY;
    if (h.seq > r->last_seq)
        return OBTI_NEW;
    if (h.seq == r->last_seq) {
        digest8(buf, len, d);
        if (memcmp(d, r->last_digest, 8) == 0)
            return OBTI_DUPLICATE;
    }
    return OBTI_EREPLAY;
}

void obti_replay_accept(struct obti_replay *r, const uint8_t *buf, size_t len)
{
    struct obti_hdr h;
    if (obti_hdr_decode(buf, len, &h) != 0)
        return;
    r->session = h.session;
    r->last_seq = h.seq;
    digest8(buf, len, r->last_digest);
}
