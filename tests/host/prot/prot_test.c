/* Host tests of sw/common (docs/protocol.md "Tests"): known answers against
 * the Python model (kat.py writes the PKI and its messages into DIR and
 * checks kat.txt written here), every message type's round trip, a flipped
 * bit at every byte, truncation at every length, replays, and the BTI
 * engine end to end against a small in-process GC/PS built on the same
 * library's server-side helpers, with loss, a rogue PS, wrong codes, a TRNG
 * alarm and re-registration. One PASS/FAIL line per test on stdout.
 *
 * usage: prot_test DIR */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obti/bti.h"
#include "obti/prot.h"

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"

static const char *dir;
static int n_fail;

static void verdict(const char *name, int ok, const char *fmt, ...)
{
    if (ok) {
        printf("PASS %s\n", name);
    } else {
        va_list ap;
        printf("FAIL %s: ", name);
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        printf("\n");
        n_fail++;
    }
    fflush(stdout);
}

/* ---- fixtures ------------------------------------------------------------- */
static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_pk_context ps_priv, ps_pub;
static uint8_t sp_pub[1024], cert_good[2048];
static size_t sp_pub_len, cert_good_len;

static void pat(uint8_t *p, uint8_t start) { for (int i = 0; i < 16; i++) p[i] = (uint8_t)(start + i); }
static uint8_t K[16], SK[16], AK[16], N0[16], N1[16], N2[16], N3[16], SK2[16];
#define SESSION 0x0A0B0C0Du
#define SEQ 5u
#define ACCOUNT 123456u
#define COUNTER 7u
static const uint8_t MAC[6] = { 2, 0, 0, 0, 0, 1 };
static const char CRED_KEY[] = "ps-gc shared key for the test";

static size_t load(const char *name, uint8_t *buf, size_t cap)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    size_t n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A line "name hex" of DIR/py_msgs.txt into buf; returns length or 0. */
static size_t py_msg(const char *name, uint8_t *buf, size_t cap)
{
    static char line[8192];
    char path[512];
    size_t n = 0;
    snprintf(path, sizeof(path), "%s/py_msgs.txt", dir);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return 0;
    while (fgets(line, sizeof(line), f) != NULL) {
        char *sp = strchr(line, ' ');
        if (sp == NULL || (size_t)(sp - line) != strlen(name) || strncmp(line, name, strlen(name)))
            continue;
        for (char *p = sp + 1; hexval(p[0]) >= 0 && hexval(p[1]) >= 0 && n < cap; p += 2)
            buf[n++] = (uint8_t)(hexval(p[0]) << 4 | hexval(p[1]));
        break;
    }
    fclose(f);
    return n;
}

static FILE *kat;
static void kat_out(const char *name, const uint8_t *p, size_t n)
{
    fprintf(kat, "%s ", name);
    for (size_t i = 0; i < n; i++)
        fprintf(kat, "%02x", p[i]);
    fprintf(kat, "\n");
}

static int drbg_rand(void *p, unsigned char *out, size_t n)
{
    return mbedtls_ctr_drbg_random(p, out, n);
}

/* ---- the message samples of every type ------------------------------------ */
struct sample {
    const char *name;
    uint8_t m[OBTI_MSG_MAX];
    size_t len;
    int authenticated;     /* every byte protected by an envelope, MAC or signature */
    int (*check)(const uint8_t *, size_t);
};
static struct sample samples[16];
static int n_samples;
static uint8_t c_ku_pub[OBTI_KU_PUB_LEN];
static mbedtls_ecdsa_context c_ku;
static struct obti_lt_keys LT;

static int ck_setup_plain(const uint8_t *b, size_t n)
{ struct obti_setup s; return obti_setup_decode(b, n, NULL, &s); }
static int ck_setup_signed(const uint8_t *b, size_t n) { return obti_setup_verify(b, n, c_ku_pub); }
static int ck_setup_ack(const uint8_t *b, size_t n)
{ struct obti_setup_ack a; return obti_setup_ack_decode(b, n, NULL, &a); }
static int ck_error(const uint8_t *b, size_t n)
{ uint16_t c; char t[OBTI_TEXT_MAX + 1]; return obti_error_decode(b, n, NULL, &c, t); }
static int ck_hello(const uint8_t *b, size_t n)
{ uint8_t id[6]; uint32_t c; return obti_hello_decode(b, n, NULL, id, &c); }
static int ck_cert(const uint8_t *b, size_t n)
{
    const uint8_t *der; size_t dl; mbedtls_pk_context pk;
    int rc = obti_cert_decode(b, n, NULL, &der, &dl);
    if (rc != 0)
        return rc;
    mbedtls_pk_init(&pk);
    rc = obti_cert_check(der, dl, sp_pub, sp_pub_len, &pk);
    mbedtls_pk_free(&pk);
    return rc;
}
static int ck_keyx(const uint8_t *b, size_t n)
{ struct obti_keyx k; return obti_keyx_open(b, n, NULL, &ps_priv, drbg_rand, &drbg, &k); }
static int ck_keyx_ack(const uint8_t *b, size_t n)
{ uint8_t a[16], c[16]; return obti_keyx_ack_open(b, n, NULL, SK, a, c); }
static int ck_auth_result(const uint8_t *b, size_t n)
{ uint8_t r, t, c[16]; return obti_auth_result_open(b, n, NULL, SK, &r, c, &t); }
static int ck_enroll(const uint8_t *b, size_t n)
{ uint8_t a[16], c[16], k[65]; return obti_enroll_open(b, n, NULL, SK, a, c, k); }
static int ck_enroll_ack(const uint8_t *b, size_t n)
{ uint8_t a[16]; uint32_t acc; return obti_enroll_ack_open(b, n, NULL, SK, a, &acc); }
static int ck_register(const uint8_t *b, size_t n)
{ struct obti_register r; return obti_register_open(b, n, &LT, c_ku_pub, 0, &r); }
static int ck_register_ack(const uint8_t *b, size_t n)
{ uint8_t a[16]; return obti_register_ack_open(b, n, NULL, SK2, a); }
static int ck_cred(const uint8_t *b, size_t n)
{
    uint8_t id[6], k[65]; uint32_t a;
    return obti_cred_open(b, n, NULL, (const uint8_t *)CRED_KEY, strlen(CRED_KEY), id, &a, k);
}
static int ck_cred_ack(const uint8_t *b, size_t n)
{ uint8_t id[6]; return obti_cred_ack_open(b, n, NULL, (const uint8_t *)CRED_KEY, strlen(CRED_KEY), id); }

static struct sample *add(const char *name, int len, int auth, int (*check)(const uint8_t *, size_t),
                          const uint8_t *src)
{
    struct sample *s = &samples[n_samples++];
    s->name = name;
    s->len = len > 0 ? (size_t)len : 0;
    memcpy(s->m, src, s->len);
    s->authenticated = auth;
    s->check = check;
    if (len <= 0)
        verdict(name, 0, "encoder returned %d", len);
    return s;
}

/* Encode one of each message with the fixed inputs; KAT outputs to kat.txt. */
static void encode_all(void)
{
    uint8_t b[OBTI_MSG_MAX], v[64];
    struct obti_dirkeys dk;
    int n;

    obti_dirkeys_derive(K, &dk);
    kat_out("dirkey_b2p", dk.b2p, 16);
    kat_out("dirkey_p2b", dk.p2b, 16);
    obti_srtp_key_derive(AK, v);
    kat_out("srtp_master", v, 30);
    obti_lt_derive(K, SK, AK, N0, N1, N2, &LT);
    obti_lt_to_bytes(&LT, v);
    kat_out("long_term", v, 64);

    mbedtls_ecdsa_init(&c_ku);
    obti_ku_generate(&c_ku, drbg_rand, &drbg);
    obti_ku_export(&c_ku, c_ku_pub, NULL);
    kat_out("c_ku_pub", c_ku_pub, 65);

    struct obti_setup su = { .bti_id = { 2, 0, 0, 0, 0, 1 }, .called = "611" };
    n = obti_setup_encode(b, sizeof(b), SESSION, SEQ, &su, NULL, NULL, NULL);
    add("encode.setup", n, 0, ck_setup_plain, b);
    strcpy(su.called, "5551234");
    su.has_auth = 1; su.account = ACCOUNT; su.counter = COUNTER;
    n = obti_setup_encode(b, sizeof(b), SESSION, SEQ, &su, &c_ku, drbg_rand, &drbg);
    add("encode.setup_signed", n, 1, ck_setup_signed, b);
    kat_out("setup_signed", b, (size_t)n);
    struct obti_setup_ack sa = { 77, 0x7F000001, 7061, 7062 };
    n = obti_setup_ack_encode(b, sizeof(b), SESSION, SEQ, &sa);
    add("encode.setup_ack", n, 0, ck_setup_ack, b);
    n = obti_error_encode(b, sizeof(b), OBTI_T_SETUP_REJ, SESSION, SEQ, OBTI_W_NOT_PROV, "not provisioned");
    add("encode.setup_rej", n, 0, ck_error, b);
    n = obti_hello_encode(b, sizeof(b), SESSION, SEQ, MAC, 77);
    add("encode.hello", n, 0, ck_hello, b);
    n = obti_cert_encode(b, sizeof(b), SESSION, SEQ, cert_good, cert_good_len);
    add("encode.cert", n, 1, ck_cert, b);
    struct obti_keyx kx;
    memcpy(kx.k, K, 16); memcpy(kx.sk, SK, 16); memcpy(kx.ak, AK, 16); memcpy(kx.n0, N0, 16);
    memcpy(kx.info.mac, MAC, 6);
    kx.info.ip = 0x0A00020F; kx.info.voice_port = 7070; kx.info.fw_version = 0x00010002;
    n = obti_keyx_encode(b, sizeof(b), SESSION, SEQ, &kx, &ps_pub, drbg_rand, &drbg);
    add("encode.keyx", n, 1, ck_keyx, b);
    kat_out("keyx", b, (size_t)n);
    n = obti_keyx_ack_encode(b, sizeof(b), SESSION, SEQ, SK, N0, N1);
    add("encode.keyx_ack", n, 1, ck_keyx_ack, b);
    kat_out("keyx_ack", b, (size_t)n);
    n = obti_auth_result_encode(b, sizeof(b), SESSION, SEQ, SK, OBTI_AUTH_OK, N1, 3);
    add("encode.auth_result", n, 1, ck_auth_result, b);
    kat_out("auth_result", b, (size_t)n);
    n = obti_enroll_encode(b, sizeof(b), SESSION, SEQ, SK, N1, N2, c_ku_pub);
    add("encode.enroll", n, 1, ck_enroll, b);
    kat_out("enroll", b, (size_t)n);
    n = obti_enroll_ack_encode(b, sizeof(b), SESSION, SEQ, SK, N2, ACCOUNT);
    add("encode.enroll_ack", n, 1, ck_enroll_ack, b);
    kat_out("enroll_ack", b, (size_t)n);
    struct obti_register rg;
    memcpy(rg.bti_id, MAC, 6); rg.counter = COUNTER; memcpy(rg.sk, SK2, 16); memcpy(rg.n3, N3, 16);
    n = obti_register_encode(b, sizeof(b), SESSION, SEQ, &rg, &LT, &c_ku, drbg_rand, &drbg);
    add("encode.register", n, 1, ck_register, b);
    kat_out("register", b, (size_t)n);
    n = obti_register_ack_encode(b, sizeof(b), SESSION, SEQ, SK2, N3);
    add("encode.register_ack", n, 1, ck_register_ack, b);
    kat_out("register_ack", b, (size_t)n);
    n = obti_cred_encode(b, sizeof(b), SESSION, SEQ, (const uint8_t *)CRED_KEY, strlen(CRED_KEY),
                         MAC, ACCOUNT, c_ku_pub);
    add("encode.cred", n, 1, ck_cred, b);
    kat_out("cred", b, (size_t)n);
    n = obti_cred_ack_encode(b, sizeof(b), SESSION, SEQ, (const uint8_t *)CRED_KEY,
                             strlen(CRED_KEY), MAC);
    add("encode.cred_ack", n, 1, ck_cred_ack, b);
    n = obti_error_encode(b, sizeof(b), OBTI_T_ERROR, SESSION, SEQ, OBTI_W_BUSY, NULL);
    add("encode.error", n, 0, ck_error, b);
}

/* ---- round trips, flips, truncations ---------------------------------------- */
static void test_round_trips(void)
{
    for (int i = 0; i < n_samples; i++) {
        char name[80];
        snprintf(name, sizeof(name), "roundtrip.%s", samples[i].name + 7);
        int rc = samples[i].check(samples[i].m, samples[i].len);
        verdict(name, rc == 0, "decode returned %d (%s)", rc, obti_strerror(rc));
    }
    /* Field values survive, for the typed decoders. */
    struct obti_setup s;
    struct obti_hdr h;
    int rc = obti_setup_decode(samples[1].m, samples[1].len, &h, &s);
    verdict("roundtrip.setup_fields", rc == 0 && s.has_auth && s.account == ACCOUNT &&
            s.counter == COUNTER && strcmp(s.called, "5551234") == 0 && h.session == SESSION &&
            h.seq == SEQ && memcmp(s.bti_id, MAC, 6) == 0, "fields differ");
    struct obti_keyx kx;
    rc = obti_keyx_open(samples[6].m, samples[6].len, &h, &ps_priv, drbg_rand, &drbg, &kx);
    verdict("roundtrip.keyx_fields", rc == 0 && !memcmp(kx.k, K, 16) && !memcmp(kx.sk, SK, 16) &&
            !memcmp(kx.ak, AK, 16) && !memcmp(kx.n0, N0, 16) && kx.info.ip == 0x0A00020F &&
            kx.info.voice_port == 7070 && kx.info.fw_version == 0x00010002, "fields differ");
}

/* The error a flip at byte i must give, from the datagram's own layout. */
static int want_flip(const struct sample *s, size_t i, const uint8_t *flipped, int *alt)
{
    *alt = 1;   /* a second acceptable code, 1 = none */
    if (i < 2) return OBTI_EBADMSG;
    if (i == 2) return OBTI_EVERSION;
    if (i == 3) { *alt = OBTI_ESTATE; return OBTI_EBADMSG; }
    if (i >= 12) {
        /* Walk the TLVs of the original. */
        size_t pos = OBTI_HDR_LEN;
        if (i < pos) return OBTI_EBADMSG;   /* body length, flags */
        while (pos < s->len) {
            size_t l = (size_t)(s->m[pos + 1] << 8 | s->m[pos + 2]);
            if (i < pos + 3) return OBTI_EBADMSG;
            if (i < pos + 3 + l)
                break;
            pos += 3 + l;
        }
    }
    if (!s->authenticated) {
        *alt = OBTI_EBADMSG;
        return 0;                           /* clear values: see the threat table */
    }
    if (i >= 8 && i < 12 && flipped[8] == 0 && flipped[9] == 0 && flipped[10] == 0 && flipped[11] == 0)
        return OBTI_EBADMSG;                /* seq 0 */
    if (s->check == ck_cert)                /* the certificate is signed, the CERT header is not: */
        return i < 12 ? 0 : OBTI_ECERT;     /* session/seq are the engine's replay check */
    if (s->check == ck_setup_signed)
        *alt = OBTI_EBADMSG;                /* CALLED digits are checked before the signature */
    return OBTI_EAUTH;
}

static void test_flips(void)
{
    uint8_t b[OBTI_MSG_MAX];
    for (int k = 0; k < n_samples; k++) {
        const struct sample *s = &samples[k];
        char name[80];
        int bad = 0;
        char why[200] = "";
        for (size_t i = 0; i < s->len; i++) {
            /* Header, tag and length bytes: all 8 bits; values: bit i%8. */
            for (int bit = 0; bit < 8; bit++) {
                int alt;
                memcpy(b, s->m, s->len);
                b[i] ^= (uint8_t)(1u << bit);
                int want = want_flip(s, i, b, &alt);
                int structural = i < OBTI_HDR_LEN || want == OBTI_EBADMSG;
                if (!structural && bit != (int)(i % 8))
                    continue;
                int rc = s->check(b, s->len);
                if (rc != want && rc != alt) {
                    if (!bad)
                        snprintf(why, sizeof(why), "byte %zu bit %d: got %d (%s), want %d", i,
                                 bit, rc, obti_strerror(rc), want);
                    bad++;
                }
            }
        }
        snprintf(name, sizeof(name), "flip.%s", s->name + 7);
        verdict(name, bad == 0, "%d flips wrongly handled, first %s", bad, why);
    }
}

static void test_truncations(void)
{
    uint8_t b[OBTI_MSG_MAX + 1];
    for (int k = 0; k < n_samples; k++) {
        const struct sample *s = &samples[k];
        char name[80];
        int bad = 0;
        char why[160] = "";
        for (size_t l = 0; l < s->len; l++) {
            memcpy(b, s->m, l);
            int rc = s->check(b, l);          /* header length no longer matches */
            if (rc != OBTI_EBADMSG) {
                if (!bad) snprintf(why, sizeof(why), "len %zu: %d", l, rc);
                bad++;
            }
            if (l >= OBTI_HDR_LEN) {          /* header fixed up: the TLVs must catch it */
                b[12] = (uint8_t)((l - 16) >> 8);
                b[13] = (uint8_t)(l - 16);
                rc = s->check(b, l);
                /* At a TLV boundary an optional trailing field may go (ERROR TEXT). */
                if (rc == 0 && !(s->check == ck_error))
                    rc = 1;
                if (rc != OBTI_EBADMSG && rc != 0 && rc != OBTI_EAUTH) {
                    if (!bad) snprintf(why, sizeof(why), "len %zu (fixed header): %d", l, rc);
                    bad++;
                }
            }
        }
        memcpy(b, s->m, s->len);
        b[s->len] = 0;
        if (s->check(b, s->len + 1) != OBTI_EBADMSG) {
            bad++;
            snprintf(why, sizeof(why), "one byte appended accepted");
        }
        snprintf(name, sizeof(name), "truncate.%s", s->name + 7);
        verdict(name, bad == 0, "%d lengths wrongly handled, first %s", bad, why);
    }
}

/* Strict TLV rules beyond flips: order, repeats, unknown tags, wrong lengths. */
static void test_tlv_rules(void)
{
    uint8_t b[64];
    int rc;
    /* HELLO with CALL_ID before BTI_ID. */
    const uint8_t hello_swapped[] = { 0x4F, 0x42, 1, 0x10, 0, 0, 0, 1, 0, 0, 0, 1, 0, 16, 0, 0,
                                      0x06, 0, 4, 0, 0, 0, 9, 0x01, 0, 6, 2, 0, 0, 0, 0, 1 };
    uint8_t id[6]; uint32_t c;
    rc = obti_hello_decode(hello_swapped, sizeof(hello_swapped), NULL, id, &c);
    verdict("tlv.order", rc == OBTI_EBADMSG, "got %d", rc);
    /* Repeated tag. */
    const uint8_t hello_rep[] = { 0x4F, 0x42, 1, 0x10, 0, 0, 0, 1, 0, 0, 0, 1, 0, 18, 0, 0,
                                  0x01, 0, 6, 2, 0, 0, 0, 0, 1, 0x01, 0, 6, 2, 0, 0, 0, 0, 1 };
    rc = obti_hello_decode(hello_rep, sizeof(hello_rep), NULL, id, &c);
    verdict("tlv.repeat", rc == OBTI_EBADMSG, "got %d", rc);
    /* Unknown tag appended. */
    int n = obti_hello_encode(b, sizeof(b), 1, 1, MAC, 9);
    memcpy(b + n, "\x40\x00\x00", 3);
    b[13] = (uint8_t)(b[13] + 3);
    rc = obti_hello_decode(b, (size_t)n + 3, NULL, id, &c);
    verdict("tlv.unknown_tag", rc == OBTI_EBADMSG, "got %d", rc);
    /* Flags set, seq 0, version 2, bad CALLED digit. */
    n = obti_hello_encode(b, sizeof(b), 1, 1, MAC, 9);
    b[15] = 1;
    rc = obti_hello_decode(b, (size_t)n, NULL, id, &c);
    verdict("hdr.flags", rc == OBTI_EBADMSG, "got %d", rc);
    rc = obti_hello_encode(b, sizeof(b), 1, 0, MAC, 9);
    verdict("hdr.seq0_refused_by_encoder", rc == OBTI_EINVAL, "got %d", rc);
    struct obti_setup su = { .called = "61a" };
    rc = obti_setup_encode(b, sizeof(b), 1, 1, &su, NULL, NULL, NULL);
    verdict("setup.bad_digit_refused", rc == OBTI_EINVAL, "got %d", rc);
    /* Output buffer too small at every size. */
    int bad = 0;
    for (size_t cap = 0; cap < 32; cap++)
        if (obti_hello_encode(b, cap, 1, 1, MAC, 9) != OBTI_ENOSPC)
            bad++;
    verdict("encode.enospc", bad == 0, "%d sizes", bad);
    /* A decoder given another type. */
    rc = obti_keyx_ack_open(samples[8].m, samples[8].len, NULL, SK, b, b + 16);
    verdict("decode.wrong_type", rc == OBTI_ESTATE, "got %d", rc);
    /* The wrong key. */
    rc = obti_keyx_ack_open(samples[7].m, samples[7].len, NULL, SK2, b, b + 16);
    verdict("decode.wrong_key", rc == OBTI_EAUTH, "got %d", rc);
}

/* ---- certificates, Python-built messages -------------------------------------- */
static void test_certs(void)
{
    static const struct { const char *file; int want; } cases[] = {
        { "ps_cert.der", 0 },          { "rogue_cert.der", OBTI_ECERT },
        { "ca_cert.der", OBTI_ECERT }, { "noenc_cert.der", OBTI_ECERT },
        { "small_cert.der", OBTI_ECERT }, { "sha1_cert.der", OBTI_ECERT },
    };
    uint8_t der[2048];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char name[80];
        mbedtls_pk_context pk;
        mbedtls_pk_init(&pk);
        size_t n = load(cases[i].file, der, sizeof(der));
        int rc = obti_cert_check(der, n, sp_pub, sp_pub_len, &pk);
        snprintf(name, sizeof(name), "cert.%s", cases[i].file);
        verdict(name, n > 0 && rc == cases[i].want, "got %d want %d", rc, cases[i].want);
        mbedtls_pk_free(&pk);
    }
}

static void test_python_messages(void)
{
    uint8_t m[OBTI_MSG_MAX], a[16], c[16], ku[65], py_ku[65];
    size_t n;
    int rc;
    py_msg("ku_pub", py_ku, sizeof(py_ku));

    n = py_msg("keyx", m, sizeof(m));
    struct obti_keyx kx;
    rc = obti_keyx_open(m, n, NULL, &ps_priv, drbg_rand, &drbg, &kx);
    verdict("kat.python_keyx_opened", rc == 0 && !memcmp(kx.k, K, 16) && !memcmp(kx.sk, SK, 16) &&
            !memcmp(kx.ak, AK, 16) && !memcmp(kx.n0, N0, 16) && !memcmp(kx.info.mac, MAC, 6) &&
            kx.info.ip == 0x0A00020F && kx.info.voice_port == 7070 &&
            kx.info.fw_version == 0x00010002, "rc %d or fields differ", rc);
    n = py_msg("keyx_ack", m, sizeof(m));
    rc = obti_keyx_ack_open(m, n, NULL, SK, a, c);
    verdict("kat.python_keyx_ack", rc == 0 && !memcmp(a, N0, 16) && !memcmp(c, N1, 16), "rc %d", rc);
    uint8_t r, t;
    n = py_msg("auth_result", m, sizeof(m));
    rc = obti_auth_result_open(m, n, NULL, SK, &r, c, &t);
    verdict("kat.python_auth_result", rc == 0 && r == 1 && t == 2 && !memcmp(c, N1, 16), "rc %d", rc);
    n = py_msg("enroll", m, sizeof(m));
    rc = obti_enroll_open(m, n, NULL, SK, a, c, ku);
    verdict("kat.python_enroll", rc == 0 && !memcmp(a, N1, 16) && !memcmp(c, N2, 16) &&
            !memcmp(ku, py_ku, 65), "rc %d", rc);
    uint32_t acc;
    n = py_msg("enroll_ack", m, sizeof(m));
    rc = obti_enroll_ack_open(m, n, NULL, SK, a, &acc);
    verdict("kat.python_enroll_ack", rc == 0 && acc == ACCOUNT && !memcmp(a, N2, 16), "rc %d", rc);
    n = py_msg("register_ack", m, sizeof(m));
    rc = obti_register_ack_open(m, n, NULL, SK2, a);
    verdict("kat.python_register_ack", rc == 0 && !memcmp(a, N3, 16), "rc %d", rc);
    struct obti_register rg;
    n = py_msg("register", m, sizeof(m));
    rc = obti_register_open(m, n, &LT, py_ku, COUNTER - 1, &rg);
    verdict("kat.python_register", rc == 0 && rg.counter == COUNTER && !memcmp(rg.sk, SK2, 16) &&
            !memcmp(rg.n3, N3, 16) && !memcmp(rg.bti_id, MAC, 6), "rc %d", rc);
    /* The same REGISTER again: its counter is no longer fresh. */
    rc = obti_register_open(m, n, &LT, py_ku, COUNTER, &rg);
    verdict("replay.register_counter", rc == OBTI_EREPLAY, "got %d", rc);
    rc = obti_register_open(m, n, &LT, c_ku_pub, COUNTER - 1, &rg);
    verdict("register.other_ku", rc == OBTI_EAUTH, "got %d", rc);
    uint8_t id[6];
    n = py_msg("cred", m, sizeof(m));
    rc = obti_cred_open(m, n, NULL, (const uint8_t *)CRED_KEY, strlen(CRED_KEY), id, &acc, ku);
    verdict("kat.python_cred", rc == 0 && acc == ACCOUNT && !memcmp(ku, py_ku, 65), "rc %d", rc);
    rc = obti_cred_open(m, n, NULL, (const uint8_t *)"other", 5, id, &acc, ku);
    verdict("cred.wrong_key", rc == OBTI_EAUTH, "got %d", rc);
}

/* Every message form through the responder's replay state: the same bytes
 * again are a duplicate (answered from the reply cache, not processed), an
 * older seq or another session is a replay. */
static void test_replay_each_type(void)
{
    for (int k = 0; k < n_samples; k++) {
        const struct sample *s = &samples[k];
        char name[80];
        struct obti_replay r = { .session = SESSION };
        int a = obti_replay_check(&r, s->m, s->len);
        obti_replay_accept(&r, s->m, s->len);
        int b = obti_replay_check(&r, s->m, s->len);
        r.last_seq = SEQ + 1;                    /* a newer message was accepted since */
        int c = obti_replay_check(&r, s->m, s->len);
        r.last_seq = 0;
        r.session = SESSION + 1;                 /* a later session */
        int d = obti_replay_check(&r, s->m, s->len);
        snprintf(name, sizeof(name), "replay.%s", s->name + 7);
        verdict(name, a == OBTI_NEW && b == OBTI_DUPLICATE && c == OBTI_EREPLAY &&
                d == OBTI_EREPLAY, "%d %d %d %d", a, b, c, d);
    }
}

static void test_replay_state(void)
{
    struct obti_replay r = { .session = SESSION };
    const struct sample *s = &samples[7];   /* KEYX_ACK, seq 5 */
    int a = obti_replay_check(&r, s->m, s->len);
    obti_replay_accept(&r, s->m, s->len);
    int b = obti_replay_check(&r, s->m, s->len);
    uint8_t m[OBTI_MSG_MAX];
    memcpy(m, s->m, s->len);
    m[s->len - 1] ^= 1;                      /* same seq, other bytes */
    int c = obti_replay_check(&r, m, s->len);
    int n = obti_keyx_ack_encode(m, sizeof(m), SESSION, SEQ - 1, SK, N0, N1);
    int d = obti_replay_check(&r, m, (size_t)n);
    n = obti_keyx_ack_encode(m, sizeof(m), SESSION + 1, SEQ + 1, SK, N0, N1);
    int e = obti_replay_check(&r, m, (size_t)n);
    verdict("replay.window", a == OBTI_NEW && b == OBTI_DUPLICATE && c == OBTI_EREPLAY &&
            d == OBTI_EREPLAY && e == OBTI_EREPLAY, "%d %d %d %d %d", a, b, c, d, e);
}

/* ---- the BTI engine against an in-process GC and PS -------------------------- */
#define NQ 64
struct dgram { uint32_t ip; uint16_t port; size_t len; uint8_t b[OBTI_MSG_MAX]; };
struct world {
    /* network */
    struct dgram q[NQ];
    int nq;
    unsigned loss_pct;
    uint32_t lcg;
    uint32_t now;
    /* BTI platform */
    uint8_t ks[512];
    int ks_len;
    int ks_saves;
    int ks_fail;
    int rng_alarm;
    int voice_on, voice_starts;
    struct obti_voice_params vp;
    int sent[256];
    int drops[64];
    /* GC */
    int provisioned_at_gc;
    uint8_t gc_ku[65];
    uint32_t gc_counter;
    uint8_t gc_reply[OBTI_MSG_MAX]; size_t gc_reply_len; uint32_t gc_sess, gc_seq;
    /* PS */
    int rogue;                 /* send the rogue certificate */
    int alarm_at_cert;         /* the TRNG alarms once the certificate is sent */
    int codes_wrong;           /* wrong codes before the right one */
    int tries;
    struct obti_replay ps_rx;
    uint32_t ps_seq;
    uint8_t ps_reply[OBTI_MSG_MAX]; size_t ps_reply_len;
    struct obti_keyx kx;
    uint8_t n1[16];
    int keyx_seen, auth_sent;
    uint8_t ps_ku[65];
    struct obti_lt_keys ps_lt;
    int ps_bound;
    uint32_t ps_counter;
    uint8_t cert_rogue[2048]; size_t cert_rogue_len;
    uint8_t last_keyx_ack[OBTI_MSG_MAX]; size_t last_keyx_ack_len;
};
static struct world W;

static int lossy(void)
{
    W.lcg = W.lcg * 1103515245u + 12345u;
    return (W.lcg >> 16) % 100 < W.loss_pct;
}

static int pf_send(void *ctx, uint32_t ip, uint16_t port, const uint8_t *buf, size_t len)
{
    (void)ctx;
    W.sent[buf[3]]++;
    if (lossy() || W.nq >= NQ)
        return 0;
    struct dgram *d = &W.q[W.nq++];
    d->ip = ip; d->port = port; d->len = len;
    memcpy(d->b, buf, len);
    return 0;
}
static uint32_t pf_now(void *ctx) { (void)ctx; return W.now; }
static int pf_rand(void *p, unsigned char *out, size_t n)
{
    if (W.rng_alarm)
        return OBTI_EALARM;
    return mbedtls_ctr_drbg_random(p, out, n);
}
static int pf_ks_load(void *ctx, uint8_t *buf, size_t cap)
{
    (void)ctx;
    if (W.ks_len == 0) return OBTI_ENOENT;
    if ((size_t)W.ks_len > cap) return OBTI_EINVAL;
    memcpy(buf, W.ks, (size_t)W.ks_len);
    return W.ks_len;
}
static int pf_ks_save(void *ctx, const uint8_t *buf, size_t len)
{
    (void)ctx;
    if (W.ks_fail) return OBTI_EIO;
    memcpy(W.ks, buf, len);
    W.ks_len = (int)len;
    W.ks_saves++;
    return 0;
}
static int pf_voice_start(void *ctx, const struct obti_voice_params *p)
{ (void)ctx; W.vp = *p; W.voice_on = 1; W.voice_starts++; return 0; }
static void pf_voice_stop(void *ctx) { (void)ctx; W.voice_on = 0; }
static void pf_event(void *ctx, int ev, int code)
{
    (void)ctx;
    if (ev == OBTI_EV_DROP && -code >= 0 && -code < 64)
        W.drops[-code]++;
}

static void to_bti(struct obti_bti *b, const uint8_t *m, size_t n)
{
    if (n == 0 || lossy())
        return;
    obti_bti_input(b, m, n, 0x7F000001, 7061);
}

/* The in-process GC: 611 routes to the PS; other numbers only signed. */
static void gc_handle(struct obti_bti *b, const uint8_t *m, size_t n)
{
    struct obti_setup s;
    struct obti_hdr h;
    uint8_t out[OBTI_MSG_MAX];
    int len;
    if (obti_setup_decode(m, n, &h, &s) != 0)
        return;
    if (h.session == W.gc_sess && h.seq == W.gc_seq) {   /* duplicate: same answer */
        to_bti(b, W.gc_reply, W.gc_reply_len);
        return;
    }
    if (s.has_auth) {
        int rc = W.provisioned_at_gc ? obti_setup_verify(m, n, W.gc_ku) : OBTI_ENOENT;
        if (rc == 0 && s.counter <= W.gc_counter) rc = OBTI_EREPLAY;
        if (rc == 0) W.gc_counter = s.counter;
        if (rc != 0) {
            len = obti_error_encode(out, sizeof(out), OBTI_T_SETUP_REJ, h.session, 1,
                                    obti_err_to_wire(rc), NULL);
            goto reply;
        }
    } else if (strcmp(s.called, "611") != 0) {
        len = obti_error_encode(out, sizeof(out), OBTI_T_SETUP_REJ, h.session, 1,
                                OBTI_W_NOT_PROV, "not provisioned");
        goto reply;
    }
    struct obti_setup_ack a = { 42, 0x7F000001, 7061, 7062 };
    len = obti_setup_ack_encode(out, sizeof(out), h.session, 1, &a);
reply:
    W.gc_sess = h.session; W.gc_seq = h.seq;
    memcpy(W.gc_reply, out, (size_t)len);
    W.gc_reply_len = (size_t)len;
    to_bti(b, out, (size_t)len);
}

static void ps_reply(struct obti_bti *b, int len)
{
    if (len <= 0) return;
    W.ps_reply_len = (size_t)len;
    to_bti(b, W.ps_reply, W.ps_reply_len);
}

/* The in-process PS: steps 302-310 and REGISTER. */
static void ps_handle(struct obti_bti *b, const uint8_t *m, size_t n)
{
    struct obti_hdr h;
    if (obti_hdr_decode(m, n, &h) != 0)
        return;
    if (h.type == OBTI_T_HELLO || h.type == OBTI_T_REGISTER) {
        if (h.session != W.ps_rx.session) {       /* a new session */
            memset(&W.ps_rx, 0, sizeof(W.ps_rx));
            W.ps_rx.session = h.session;
            W.ps_seq = 0;
        }
    }
    int rc = obti_replay_check(&W.ps_rx, m, n);
    if (rc == OBTI_DUPLICATE) { to_bti(b, W.ps_reply, W.ps_reply_len); return; }
    if (rc != OBTI_NEW) return;
    switch (h.type) {
    case OBTI_T_HELLO: {
        uint8_t id[6]; uint32_t call;
        if (obti_hello_decode(m, n, NULL, id, &call) != 0) return;
        obti_replay_accept(&W.ps_rx, m, n);
        if (W.alarm_at_cert)
            W.rng_alarm = 1;
        ps_reply(b, obti_cert_encode(W.ps_reply, sizeof(W.ps_reply), h.session, ++W.ps_seq,
                                     W.rogue ? W.cert_rogue : cert_good,
                                     W.rogue ? W.cert_rogue_len : cert_good_len));
        break;
    }
    case OBTI_T_KEYX:
        if (obti_keyx_open(m, n, NULL, &ps_priv, drbg_rand, &drbg, &W.kx) != 0) return;
        obti_replay_accept(&W.ps_rx, m, n);
        W.keyx_seen = 1;
        mbedtls_ctr_drbg_random(&drbg, W.n1, 16);
        ps_reply(b, obti_keyx_ack_encode(W.ps_reply, sizeof(W.ps_reply), h.session, ++W.ps_seq,
                                         W.kx.sk, W.kx.n0, W.n1));
        memcpy(W.last_keyx_ack, W.ps_reply, W.ps_reply_len);
        W.last_keyx_ack_len = W.ps_reply_len;
        break;
    case OBTI_T_ENROLL: {
        uint8_t n1[16], n2[16], ku[65];
        if (obti_enroll_open(m, n, NULL, W.kx.sk, n1, n2, ku) != 0 || memcmp(n1, W.n1, 16)) return;
        obti_replay_accept(&W.ps_rx, m, n);
        memcpy(W.ps_ku, ku, 65);
        obti_lt_derive(W.kx.k, W.kx.sk, W.kx.ak, W.kx.n0, W.n1, n2, &W.ps_lt);
        W.ps_bound = 1;
        W.ps_counter = 0;
        /* Learned by the GC (CRED in the real servers). */
        memcpy(W.gc_ku, ku, 65);
        W.provisioned_at_gc = 1;
        W.gc_counter = 0;
        ps_reply(b, obti_enroll_ack_encode(W.ps_reply, sizeof(W.ps_reply), h.session, ++W.ps_seq,
                                           W.kx.sk, n2, ACCOUNT));
        break;
    }
    case OBTI_T_REGISTER: {
        struct obti_register r;
        if (!W.ps_bound || obti_register_open(m, n, &W.ps_lt, W.ps_ku, W.ps_counter, &r) != 0)
            return;
        obti_replay_accept(&W.ps_rx, m, n);
        W.ps_counter = r.counter;
        ps_reply(b, obti_register_ack_encode(W.ps_reply, sizeof(W.ps_reply), h.session,
                                             ++W.ps_seq, r.sk, r.n3));
        break;
    }
    default:
        break;
    }
}

/* The PS "hears" the code once the BTI's voice path is up (the real PS
 * detects DTMF in SRTP audio; here the scenario says what was dialed). */
static void ps_voice(struct obti_bti *b)
{
    if (!W.voice_on || W.auth_sent >= 1 + W.codes_wrong)
        return;
    uint8_t r = OBTI_AUTH_OK, left = 0;
    if (W.auth_sent < W.codes_wrong) {
        W.tries++;
        r = W.tries >= (int)OBTI_AUTH_TRIES ? OBTI_AUTH_LOCKED : OBTI_AUTH_RETRY;
        left = (uint8_t)(OBTI_AUTH_TRIES - W.tries);
    }
    W.auth_sent++;
    uint8_t m[OBTI_MSG_MAX];
    int n = obti_auth_result_encode(m, sizeof(m), W.ps_rx.session, ++W.ps_seq, W.kx.sk, r, W.n1, left);
    /* AUTH_RESULT is resent on the schedule until ENROLL; here: up to 6 copies. */
    for (int i = 0; i < 6; i++)
        to_bti(b, m, (size_t)n);
}

static const struct obti_bti_platform platform = {
    .send = pf_send, .now_ms = pf_now, .random = pf_rand, .rng_ctx = &drbg,
    .ks_load = pf_ks_load, .ks_save = pf_ks_save, .voice_start = pf_voice_start,
    .voice_stop = pf_voice_stop, .event = pf_event,
};

static void bti_start(struct obti_bti *b)
{
    struct obti_bti_config cfg = { .bti_id = { 2, 0, 0, 0, 0, 1 }, .local_ip = 0x0A00020F,
                                   .local_voice_port = 7070, .fw_version = 1,
                                   .gc_ip = 0x7F000001, .gc_port = 7060,
                                   .sp_pub_der = sp_pub, .sp_pub_len = sp_pub_len };
    obti_bti_init(b, &cfg, &platform);
}

/* Run the network until the BTI is done or failed (or a time limit). */
static int pump(struct obti_bti *b)
{
    for (int guard = 0; guard < 100000; guard++) {
        int st = obti_bti_state(b);
        if (st == OBTI_S_DONE || st == OBTI_S_FAILED || st == OBTI_S_IDLE)
            return obti_bti_result(b);
        if (W.nq > 0) {
            struct dgram d = W.q[0];
            memmove(&W.q[0], &W.q[1], sizeof(W.q[0]) * (size_t)(--W.nq));
            if (d.port == 7060) gc_handle(b, d.b, d.len);
            else if (d.port == 7061) ps_handle(b, d.b, d.len);
            continue;
        }
        ps_voice(b);
        W.now += obti_bti_deadline(b) > 0 ? obti_bti_deadline(b) : 1;
        obti_bti_tick(b);
    }
    return OBTI_ETIMEDOUT;
}

static void world_reset(int keep_keystore)
{
    uint8_t ks[512]; int ks_len = W.ks_len;
    memcpy(ks, W.ks, sizeof(ks));
    struct world saved = W;
    memset(&W, 0, sizeof(W));
    if (keep_keystore) {
        memcpy(W.ks, ks, sizeof(ks)); W.ks_len = ks_len;
        /* The servers keep their database. */
        memcpy(W.gc_ku, saved.gc_ku, 65); W.provisioned_at_gc = saved.provisioned_at_gc;
        W.gc_counter = saved.gc_counter;
        memcpy(W.ps_ku, saved.ps_ku, 65); W.ps_lt = saved.ps_lt; W.ps_bound = saved.ps_bound;
        W.ps_counter = saved.ps_counter;
    }
    W.lcg = 12345;
    W.cert_rogue_len = load("rogue_cert.der", W.cert_rogue, sizeof(W.cert_rogue));
}

static void test_engine(void)
{
    struct obti_bti b;
    int rc;

    /* Before provisioning, other numbers are refused by the GC. */
    world_reset(0);
    bti_start(&b);
    obti_bti_dial(&b, "5551234");
    rc = pump(&b);
    verdict("engine.unprovisioned_call_refused", rc == OBTI_ENOTPROV && W.ks_saves == 0,
            "rc %d saves %d", rc, W.ks_saves);
    obti_bti_free(&b);

    /* A rogue PS: no KEYX is ever sent, nothing stored. */
    world_reset(0);
    W.rogue = 1;
    bti_start(&b);
    obti_bti_dial(&b, "611");
    rc = pump(&b);
    verdict("engine.rogue_ps", rc == OBTI_ECERT && W.sent[OBTI_T_KEYX] == 0 && W.ks_saves == 0 &&
            !W.keyx_seen, "rc %d keyx sent %d saves %d", rc, W.sent[OBTI_T_KEYX], W.ks_saves);
    obti_bti_free(&b);

    /* TRNG alarm before anything: no session, the alarm reported as itself. */
    world_reset(0);
    W.rng_alarm = 1;
    bti_start(&b);
    rc = obti_bti_dial(&b, "611");
    verdict("engine.trng_alarm_at_dial", rc == OBTI_EALARM && obti_bti_result(&b) == OBTI_EALARM &&
            W.ks_saves == 0 && W.sent[OBTI_T_SETUP] == 0, "rc %d", rc);
    obti_bti_free(&b);
    /* TRNG alarm when the keys are made (after the certificate): no KEYX. */
    world_reset(0);
    W.alarm_at_cert = 1;
    bti_start(&b);
    obti_bti_dial(&b, "611");
    rc = pump(&b);
    verdict("engine.trng_alarm_at_keys", rc == OBTI_EALARM && W.sent[OBTI_T_KEYX] == 0 &&
            W.ks_saves == 0, "rc %d keyx %d", rc, W.sent[OBTI_T_KEYX]);
    obti_bti_free(&b);

    /* Wrong code locks after OBTI_AUTH_TRIES: account unbound, nothing stored. */
    world_reset(0);
    W.codes_wrong = OBTI_AUTH_TRIES;
    bti_start(&b);
    obti_bti_dial(&b, "611");
    rc = pump(&b);
    verdict("engine.wrong_code_locked", rc == OBTI_EREJECTED && W.ks_saves == 0 && !W.ps_bound &&
            !W.voice_on, "rc %d saves %d", rc, W.ks_saves);
    obti_bti_free(&b);

    /* The happy path with one wrong code first, 20 % loss both ways. */
    world_reset(0);
    W.codes_wrong = 1;
    W.loss_pct = 20;
    bti_start(&b);
    obti_bti_dial(&b, "611");
    rc = pump(&b);
    uint8_t want_srtp[30];
    obti_srtp_key_derive(W.kx.ak, want_srtp);
    int lt_same = 0;
    struct obti_bti_record rec;
    if (W.ks_len > 0 && obti_record_decode(W.ks, (size_t)W.ks_len, &rec) == 0)
        lt_same = !memcmp(&rec.lt, &W.ps_lt, sizeof(rec.lt)) && !memcmp(rec.ku_pub, W.ps_ku, 65) &&
                  rec.account == ACCOUNT;
    verdict("engine.provision_with_loss_and_retry", rc == 0 && obti_bti_is_provisioned(&b) &&
            lt_same && !memcmp(W.vp.srtp_key, want_srtp, 30) && W.vp.ssrc_tx == W.ps_rx.session &&
            W.vp.ssrc_rx == (W.ps_rx.session ^ 0xFFFFFFFFu) && W.sent[OBTI_T_SETUP] >= 1,
            "rc %d (%s) lt_same %d", rc, obti_strerror(rc), lt_same);
    verdict("engine.retransmitted_under_loss", W.sent[OBTI_T_SETUP] + W.sent[OBTI_T_HELLO] +
            W.sent[OBTI_T_KEYX] + W.sent[OBTI_T_ENROLL] > 4, "no retransmission seen");
    uint32_t session1 = W.ps_rx.session;
    uint8_t old_keyx_ack[OBTI_MSG_MAX];
    size_t old_keyx_ack_len = W.last_keyx_ack_len;
    memcpy(old_keyx_ack, W.last_keyx_ack, old_keyx_ack_len);
    obti_bti_free(&b);

    /* Reboot: re-registration with no user. */
    world_reset(1);
    bti_start(&b);
    rc = obti_bti_register(&b);
    rc = rc == 0 ? pump(&b) : rc;
    verdict("engine.reregister", rc == 0 && W.ps_counter == 1 && W.sent[OBTI_T_REGISTER] >= 1,
            "rc %d counter %u", rc, W.ps_counter);
    /* A replay of the REGISTER (same counter) is refused by the PS. */
    {
        struct obti_register r;
        uint8_t m[OBTI_MSG_MAX];
        struct obti_register rg = { .counter = 1 };
        mbedtls_ecdsa_context ku;
        mbedtls_ecdsa_init(&ku);
        struct obti_bti_record rr;
        obti_record_decode(W.ks, (size_t)W.ks_len, &rr);
        obti_ku_import(&ku, rr.ku_pub, rr.ku_priv);
        memcpy(rg.bti_id, MAC, 6);
        int n = obti_register_encode(m, sizeof(m), 99, 1, &rg, &rr.lt, &ku, drbg_rand, &drbg);
        rc = obti_register_open(m, (size_t)n, &W.ps_lt, W.ps_ku, W.ps_counter, &r);
        verdict("replay.register_old_counter_after_reboot", rc == OBTI_EREPLAY, "got %d", rc);
        mbedtls_ecdsa_free(&ku);
    }
    /* A provisioned BTI's call: signed SETUP accepted; counter grows. */
    uint32_t c0 = W.gc_counter;
    obti_bti_dial(&b, "5551234");
    rc = pump(&b);
    verdict("engine.signed_call_accepted", rc == 0 && W.gc_counter > c0, "rc %d", rc);
    obti_bti_free(&b);

    /* A replayed message from an earlier run: dropped as a replay, nothing stored. */
    world_reset(1);
    W.ks_len = 0;                              /* a new, unprovisioned BTI */
    bti_start(&b);
    obti_bti_dial(&b, "611");
    while (W.nq > 0 && obti_bti_state(&b) != OBTI_S_KEYX) {
        struct dgram d = W.q[0];
        memmove(&W.q[0], &W.q[1], sizeof(W.q[0]) * (size_t)(--W.nq));
        if (d.port == 7060) gc_handle(&b, d.b, d.len);
        else if (d.port == 7061 && d.b[3] != OBTI_T_KEYX) ps_handle(&b, d.b, d.len);
    }
    int drops0 = W.drops[-OBTI_EREPLAY];
    obti_bti_input(&b, old_keyx_ack, old_keyx_ack_len, 0x7F000001, 7061);
    /* Same message re-stamped with the current session: SK differs. */
    uint8_t m2[OBTI_MSG_MAX];
    memcpy(m2, old_keyx_ack, old_keyx_ack_len);
    m2[4] = (uint8_t)(b.session >> 24); m2[5] = (uint8_t)(b.session >> 16);
    m2[6] = (uint8_t)(b.session >> 8); m2[7] = (uint8_t)b.session;
    int drops_auth0 = W.drops[-OBTI_EAUTH];
    obti_bti_input(&b, m2, old_keyx_ack_len, 0x7F000001, 7061);
    verdict("replay.old_keyx_ack", session1 != b.session && W.drops[-OBTI_EREPLAY] == drops0 + 1 &&
            W.drops[-OBTI_EAUTH] == drops_auth0 + 1 && obti_bti_state(&b) == OBTI_S_KEYX &&
            W.ks_saves == 0 && W.voice_starts == 0, "state %d", obti_bti_state(&b));
    obti_bti_free(&b);

    /* Key store failure at the end: a clear error, no half state. */
    world_reset(0);
    W.ks_fail = 1;
    bti_start(&b);
    obti_bti_dial(&b, "611");
    rc = pump(&b);
    verdict("engine.keystore_failure", rc == OBTI_EIO && !obti_bti_is_provisioned(&b), "rc %d", rc);
    obti_bti_free(&b);

    /* No answer at all: 6 tries on the schedule, then a timeout. */
    world_reset(0);
    W.loss_pct = 100;
    bti_start(&b);
    uint32_t t0 = W.now;
    obti_bti_dial(&b, "611");
    rc = pump(&b);
    verdict("engine.timeout_schedule", rc == OBTI_ETIMEDOUT && W.sent[OBTI_T_SETUP] == 6 &&
            W.now - t0 == 250 + 500 + 1000 + 2000 + 2000 + 2000, "rc %d sends %d after %u ms",
            rc, W.sent[OBTI_T_SETUP], W.now - t0);
    obti_bti_free(&b);

    /* A damaged key store record: treated as unprovisioned. */
    world_reset(0);
    W.ks_len = OBTI_RECORD_BLOB_LEN;
    memset(W.ks, 0xA5, OBTI_RECORD_BLOB_LEN);
    bti_start(&b);
    verdict("engine.damaged_record", !obti_bti_is_provisioned(&b) &&
            obti_bti_register(&b) == OBTI_ENOTPROV, "provisioned from garbage");
    obti_bti_free(&b);
}

int main(int argc, char **argv)
{
    static uint8_t key[4096];
    char path[600];
    if (argc != 2) {
        fprintf(stderr, "usage: prot_test DIR\n");
        return 2;
    }
    dir = argv[1];
    pat(K, 0x00); pat(SK, 0x10); pat(AK, 0x20); pat(N0, 0x30); pat(N1, 0x40); pat(N2, 0x50);
    pat(N3, 0x60); pat(SK2, 0x70);
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, (const uint8_t *)"prot_test", 9);
    mbedtls_pk_init(&ps_priv);
    mbedtls_pk_init(&ps_pub);
    sp_pub_len = load("sp_pub.der", sp_pub, sizeof(sp_pub));
    cert_good_len = load("ps_cert.der", cert_good, sizeof(cert_good));
    size_t kl = load("ps_key.der", key, sizeof(key));
    int rc = mbedtls_pk_parse_key(&ps_priv, key, kl, NULL, 0);
    int rc2 = obti_cert_check(cert_good, cert_good_len, sp_pub, sp_pub_len, &ps_pub);
    verdict("setup.pki_loaded", sp_pub_len > 0 && rc == 0 && rc2 == 0, "files in %s: key %d cert %d",
            dir, rc, rc2);
    if (rc != 0 || rc2 != 0)
        return 1;
    snprintf(path, sizeof(path), "%s/kat.txt", dir);
    kat = fopen(path, "w");
    encode_all();
    fclose(kat);
    test_round_trips();
    test_tlv_rules();
    test_certs();
    test_python_messages();
    test_replay_state();
    test_replay_each_type();
    test_flips();
    test_truncations();
    test_engine();
    mbedtls_ecdsa_free(&c_ku);
    mbedtls_pk_free(&ps_priv);
    mbedtls_pk_free(&ps_pub);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    return 0;
}
