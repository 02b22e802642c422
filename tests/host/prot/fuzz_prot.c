/* libFuzzer target over every decoder of sw/common (docs/protocol.md
 * "Fuzzing"): each input goes through the strict parser, every typed
 * decoder / envelope opener (with the fixed keys the corpus was sealed
 * with, so the fuzzer also reaches the code after authentication), the key
 * store record decoder and the BTI engine waiting for SETUP_ACK. Sanitizers
 * (address, undefined) turn any out-of-bounds read into a crash.
 *
 * Built with -DGEN_CORPUS it is instead the seed-corpus generator: one
 * valid datagram of each type, written by the encoders into DIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obti/bti.h"
#include "obti/prot.h"

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/rsa.h"

static uint8_t SK[16], SK2[16], N[16];
#ifdef GEN_CORPUS
static const uint8_t MAC[6] = { 2, 0, 0, 0, 0, 1 };
#endif
static const uint8_t CRED_KEY[] = "fuzz ps-gc key";
static struct obti_lt_keys LT;
static mbedtls_ecdsa_context ku;
static uint8_t ku_pub[65];
static mbedtls_pk_context rsa_key;
static mbedtls_ctr_drbg_context drbg;
static int ready;

/* Deterministic entropy: the fuzzer and the corpus generator must derive the
 * same keys. Not a source of real randomness, only for this harness. */
static int fixed_entropy(void *p, unsigned char *out, size_t n)
{
    (void)p;
    for (size_t i = 0; i < n; i++)
        out[i] = (unsigned char)(i * 7 + 1);
    return 0;
}

static int rnd(void *p, unsigned char *out, size_t n) { return mbedtls_ctr_drbg_random(p, out, n); }

static void setup(void)
{
    uint8_t k[16], ak[16];
    if (ready)
        return;
    for (int i = 0; i < 16; i++) {
        SK[i] = (uint8_t)(0x10 + i); SK2[i] = (uint8_t)(0x70 + i); N[i] = (uint8_t)(0x30 + i);
        k[i] = (uint8_t)i; ak[i] = (uint8_t)(0x20 + i);
    }
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_ctr_drbg_seed(&drbg, fixed_entropy, NULL, (const uint8_t *)"fuzz", 4);
    obti_lt_derive(k, SK, ak, N, N, N, &LT);
    mbedtls_ecdsa_init(&ku);
    obti_ku_generate(&ku, rnd, &drbg);
    obti_ku_export(&ku, ku_pub, NULL);
    /* RSA-1024 would be faster but obti_unwrap_k insists on 2048 bits. */
    mbedtls_pk_init(&rsa_key);
    mbedtls_pk_setup(&rsa_key, mbedtls_pk_info_from_type(MBEDTLS_PK_RSA));
    mbedtls_rsa_gen_key(mbedtls_pk_rsa(rsa_key), rnd, &drbg, 2048, 65537);
    ready = 1;
}

/* ---- the BTI engine in state SETUP, with a session the corpus knows ------- */
static uint32_t t_now;
static int e_send(void *c, uint32_t ip, uint16_t port, const uint8_t *b, size_t n)
{ (void)c; (void)ip; (void)port; (void)b; (void)n; return 0; }
static uint32_t e_now(void *c) { (void)c; return t_now; }
static int e_rand(void *c, unsigned char *out, size_t n)
{ (void)c; for (size_t i = 0; i < n; i++) out[i] = (unsigned char)(0x5A ^ i); return 0; }
static int e_load(void *c, uint8_t *b, size_t cap) { (void)c; (void)b; (void)cap; return OBTI_ENOENT; }
static int e_save(void *c, const uint8_t *b, size_t n) { (void)c; (void)b; (void)n; return 0; }
#define ENGINE_SESSION 0x5A5B5859u   /* what e_rand gives for 4 bytes */

static void engine(const uint8_t *data, size_t size)
{
    static const uint8_t sp[1] = { 0 };
    struct obti_bti_platform pf = { .send = e_send, .now_ms = e_now, .random = e_rand,
                                    .ks_load = e_load, .ks_save = e_save };
    struct obti_bti_config cfg = { .gc_ip = 0x7F000001, .gc_port = 7060, .sp_pub_der = sp,
                                   .sp_pub_len = 1 };
    static struct obti_bti b;
    if (obti_bti_init(&b, &cfg, &pf) != 0)
        abort();
    obti_bti_dial(&b, "611");
    obti_bti_input(&b, data, size, 0x7F000001, 7060);
    obti_bti_tick(&b);
    obti_bti_free(&b);
}

/* The engine put straight into a later state with the keys and nonces the
 * corpus was sealed with, so authenticated messages reach the handlers. The
 * input is one datagram, or several as [u16 length][bytes]... when it starts
 * with 0xFF 0xFF. */
static int engine_in_state(int state, const uint8_t *data, size_t size)
{
    static const uint8_t sp[1] = { 0 };
    struct obti_bti_platform pf = { .send = e_send, .now_ms = e_now, .random = e_rand,
                                    .ks_load = e_load, .ks_save = e_save };
    struct obti_bti_config cfg = { .gc_ip = 0x7F000001, .gc_port = 7060, .sp_pub_der = sp,
                                   .sp_pub_len = 1 };
    static struct obti_bti b;
    if (obti_bti_init(&b, &cfg, &pf) != 0)
        abort();
    b.state = state;
    b.session = ENGINE_SESSION;
    b.seq = 3;
    b.rx_seq = 1;
    b.ps_ip = 0x7F000001;
    b.ps_port = 7061;
    b.ps_voice_port = 7062;
    memcpy(b.sk, state == OBTI_S_REGISTER ? SK2 : SK, 16);
    memcpy(b.n0, N, 16); memcpy(b.n1, N, 16); memcpy(b.n2, N, 16); memcpy(b.n3, N, 16);
    if (size >= 2 && data[0] == 0xFF && data[1] == 0xFF) {
        size_t pos = 2;
        while (size - pos >= 2) {
            size_t l = (size_t)(data[pos] << 8 | data[pos + 1]);
            pos += 2;
            if (l > size - pos)
                l = size - pos;
            obti_bti_input(&b, data + pos, l, 0x7F000001, 7061);
            t_now += 300;
            obti_bti_tick(&b);
            pos += l;
        }
    } else {
        obti_bti_input(&b, data, size, 0x7F000001, 7061);
        t_now += 300;
        obti_bti_tick(&b);
    }
    int end = obti_bti_state(&b);
    obti_bti_free(&b);
    return end;
}

static void decoders(const uint8_t *d, size_t n)
{
    struct obti_parsed p;
    struct obti_hdr h;
    uint8_t a[16], b[16], k65[65], id[6], r8, t8;
    uint32_t u;
    char text[OBTI_TEXT_MAX + 1];
    const uint8_t *der;
    size_t dl;

    obti_msg_parse(d, n, &p);
    struct obti_setup su;
    obti_setup_decode(d, n, &h, &su);
    obti_setup_verify(d, n, ku_pub);
    struct obti_setup_ack sa;
    obti_setup_ack_decode(d, n, &h, &sa);
    uint16_t code;
    obti_error_decode(d, n, &h, &code, text);
    obti_hello_decode(d, n, &h, id, &u);
    if (obti_cert_decode(d, n, &h, &der, &dl) == 0) {
        mbedtls_pk_context pk;
        mbedtls_pk_init(&pk);
        obti_cert_check(der, dl, der, dl, &pk);   /* the cert as its own "root": parses both */
        mbedtls_pk_free(&pk);
    }
    struct obti_keyx kx;
    obti_keyx_open(d, n, &h, &rsa_key, rnd, &drbg, &kx);
    obti_keyx_ack_open(d, n, &h, SK, a, b);
    obti_auth_result_open(d, n, &h, SK, &r8, a, &t8);
    obti_enroll_open(d, n, &h, SK, a, b, k65);
    obti_enroll_ack_open(d, n, &h, SK, a, &u);
    struct obti_register rg;
    obti_register_peek(d, n, &h, id, &u);
    obti_register_open(d, n, &LT, ku_pub, 0, &rg);
    obti_register_ack_open(d, n, &h, SK2, a);
    obti_cred_open(d, n, &h, CRED_KEY, sizeof(CRED_KEY) - 1, id, &u, k65);
    obti_cred_ack_open(d, n, &h, CRED_KEY, sizeof(CRED_KEY) - 1, id);
    struct obti_replay rp = { .session = ENGINE_SESSION, .last_seq = 1 };
    obti_replay_check(&rp, d, n);
    struct obti_bti_record rec;
    obti_record_decode(d, n, &rec);
    if (n >= 65) {
        mbedtls_ecdsa_context e;
        mbedtls_ecdsa_init(&e);
        obti_ku_import(&e, d, n >= 97 ? d + 65 : NULL);
        mbedtls_ecdsa_free(&e);
    }
}

#ifndef GEN_CORPUS
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    /* Copy: decoders must not rely on bytes past size. */
    uint8_t *d = malloc(size ? size : 1);
    if (size)
        memcpy(d, data, size);
    decoders(d, size);
    engine(d, size);
    static const int states[] = { OBTI_S_KEYX, OBTI_S_VOICE, OBTI_S_ENROLL, OBTI_S_REGISTER };
    for (unsigned i = 0; i < sizeof(states) / sizeof(states[0]); i++)
        engine_in_state(states[i], d, size);
    free(d);
    return 0;
}
#else
static void put(const char *dir, const char *name, const uint8_t *b, int n)
{
    char path[512];
    if (n <= 0) {
        fprintf(stderr, "gen_corpus: %s: encoder returned %d\n", name, n);
        exit(1);
    }
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(b, 1, (size_t)n, f) != (size_t)n) {
        perror(path);
        exit(1);
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    uint8_t m[OBTI_MSG_MAX];
    if (argc != 2) {
        fprintf(stderr, "usage: gen_corpus DIR\n");
        return 2;
    }
    (void)decoders;                      /* the fuzzer's, not used here */
    (void)engine;
    setup();
    const char *dir = argv[1];
    uint32_t s = ENGINE_SESSION;
    struct obti_setup su = { .called = "611" };
    memcpy(su.bti_id, MAC, 6);
    put(dir, "setup", m, obti_setup_encode(m, sizeof(m), s, 1, &su, NULL, NULL, NULL));
    su.has_auth = 1; su.account = 9; su.counter = 3;
    put(dir, "setup_signed", m, obti_setup_encode(m, sizeof(m), s, 1, &su, &ku, rnd, &drbg));
    struct obti_setup_ack sa = { 42, 0x7F000001, 7061, 7062 };
    put(dir, "setup_ack", m, obti_setup_ack_encode(m, sizeof(m), s, 1, &sa));
    put(dir, "setup_rej", m, obti_error_encode(m, sizeof(m), OBTI_T_SETUP_REJ, s, 1, 5, "no"));
    put(dir, "error", m, obti_error_encode(m, sizeof(m), OBTI_T_ERROR, s, 2, 7, NULL));
    put(dir, "hello", m, obti_hello_encode(m, sizeof(m), s, 2, MAC, 42));
    static const uint8_t fake_der[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };
    put(dir, "cert", m, obti_cert_encode(m, sizeof(m), s, 1, fake_der, sizeof(fake_der)));
    struct obti_keyx kx;
    memset(&kx, 0, sizeof(kx));
    memcpy(kx.sk, SK, 16);
    put(dir, "keyx", m, obti_keyx_encode(m, sizeof(m), s, 3, &kx, &rsa_key, rnd, &drbg));
    put(dir, "keyx_ack", m, obti_keyx_ack_encode(m, sizeof(m), s, 2, SK, N, N));
    put(dir, "auth_result", m, obti_auth_result_encode(m, sizeof(m), s, 3, SK, 1, N, 2));
    put(dir, "enroll", m, obti_enroll_encode(m, sizeof(m), s, 4, SK, N, N, ku_pub));
    put(dir, "enroll_ack", m, obti_enroll_ack_encode(m, sizeof(m), s, 4, SK, N, 77));
    struct obti_register rg = { .counter = 5 };
    memcpy(rg.bti_id, MAC, 6);
    put(dir, "register", m, obti_register_encode(m, sizeof(m), s, 1, &rg, &LT, &ku, rnd, &drbg));
    put(dir, "register_ack", m, obti_register_ack_encode(m, sizeof(m), s, 1, SK2, N));
    put(dir, "cred", m, obti_cred_encode(m, sizeof(m), s, 1, CRED_KEY, sizeof(CRED_KEY) - 1, MAC,
                                         77, ku_pub));
    put(dir, "cred_ack", m, obti_cred_ack_encode(m, sizeof(m), s, 1, CRED_KEY,
                                                 sizeof(CRED_KEY) - 1, MAC));
    {   /* a whole exchange in one input, for the engine in state KEYX */
        uint8_t all[1024], one[OBTI_MSG_MAX];
        size_t pos = 2;
        int l;
        all[0] = 0xFF; all[1] = 0xFF;
        l = obti_keyx_ack_encode(one, sizeof(one), s, 2, SK, N, N);
        all[pos] = 0; all[pos + 1] = (uint8_t)l; memcpy(all + pos + 2, one, (size_t)l); pos += 2 + (size_t)l;
        l = obti_auth_result_encode(one, sizeof(one), s, 3, SK, 0, N, 2);
        all[pos] = 0; all[pos + 1] = (uint8_t)l; memcpy(all + pos + 2, one, (size_t)l); pos += 2 + (size_t)l;
        uint8_t n2[16];                      /* what e_rand gives the engine for N2 */
        e_rand(NULL, n2, 16);
        l = obti_enroll_ack_encode(one, sizeof(one), s, 4, SK, n2, 77);
        all[pos] = 0; all[pos + 1] = (uint8_t)l; memcpy(all + pos + 2, one, (size_t)l); pos += 2 + (size_t)l;
        put(dir, "exchange", all, (int)pos);
        /* The harness must really reach the end, or the fuzzer would not. */
        if (engine_in_state(OBTI_S_KEYX, all, pos) != OBTI_S_DONE) {
            fprintf(stderr, "gen_corpus: the exchange does not provision the engine\n");
            return 1;
        }
    }
    struct obti_bti_record rec;
    memset(&rec, 0, sizeof(rec));
    rec.ps_ip = 1; rec.ps_port = 1;
    memcpy(rec.ku_pub, ku_pub, 65);
    uint8_t blob[OBTI_RECORD_BLOB_LEN];
    obti_record_encode(&rec, blob);
    put(dir, "record", blob, sizeof(blob));
    return 0;
}
#endif
