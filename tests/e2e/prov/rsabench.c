/* rsabench: RSA-2048 OAEP decryptions of {K}_KPS per second on one core
 * with the PS key - the operation that bounds obti-ps - through both
 * implementations the PS can use (--rsa): OpenSSL's (rsa_ossl_unwrap, the
 * default) and mbedTLS's (the protocol library's obti_unwrap_k). Time is
 * this thread's CPU time, so the figures are per core even on a busy
 * machine. Before timing, it checks that the two agree: each recovers the K
 * the other's wrapping (mbedTLS OAEP encrypt, as the BTI does) holds, and
 * both reject a block with one bit flipped and a block wrapped for another
 * key with OBTI_EAUTH. With --check it stops there and prints "agree"
 * (a test in make test-prov). Otherwise it prints "decrypts_per_s <openssl rate>" and
 * "decrypts_per_s_mbedtls <rate>"; exits 1 on any disagreement. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>

#include "obti/prot.h"
#include "rsa_ossl.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int rng(void *ctx, unsigned char *out, size_t len) { return mbedtls_ctr_drbg_random(ctx, out, len); }

struct mbed { mbedtls_pk_context *pk; mbedtls_ctr_drbg_context *d; };
static int unwrap_mbed(void *ctx, const uint8_t in[OBTI_RSA_LEN], uint8_t k[16])
{
    struct mbed *m = ctx;
    return obti_unwrap_k(m->pk, in, rng, m->d, k);
}

static int fail(const char *what)
{
    fprintf(stderr, "rsabench: %s\n", what);
    return 1;
}

/* The checks of one implementation on a valid, a flipped and a foreign block. */
static int agree(obti_unwrap_fn f, void *ctx, const uint8_t k[16], const uint8_t *good,
                 const uint8_t *foreign)
{
    uint8_t out[16], bad[OBTI_RSA_LEN];
    if (f(ctx, good, out) != 0 || memcmp(out, k, 16) != 0)
        return fail("a valid {K}_KPS gave no K or a wrong K");
    for (unsigned bit = 0; bit < 8 * OBTI_RSA_LEN; bit += 8 * OBTI_RSA_LEN / 16 + 3) {
        memcpy(bad, good, sizeof bad);
        bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        if (f(ctx, bad, out) != OBTI_EAUTH)
            return fail("a block with a flipped bit was not rejected with OBTI_EAUTH");
    }
    if (f(ctx, foreign, out) != OBTI_EAUTH)
        return fail("a block wrapped for another key was not rejected with OBTI_EAUTH");
    return 0;
}

static double rate(obti_unwrap_fn f, void *ctx, const uint8_t k[16], const uint8_t *wrapped)
{
    uint8_t out[16];
    unsigned n = 0;
    double t0 = now(), t;
    do {
        if (f(ctx, wrapped, out) != 0 || memcmp(out, k, 16) != 0)
            return -1.0;
        n++;
        t = now();
    } while (t - t0 < 2.0);
    return n / (t - t0);
}

int main(int argc, char **argv)
{
    int check_only = argc == 3 && strcmp(argv[1], "--check") == 0;
    if (argc != 2 && !check_only) {
        fprintf(stderr, "usage: rsabench [--check] PS_KEY.pem\n");
        return 2;
    }
    const char *keyfile = argv[argc - 1];
    mbedtls_entropy_context e;
    mbedtls_ctr_drbg_context d;
    mbedtls_pk_context pk, other;
    mbedtls_entropy_init(&e);
    mbedtls_ctr_drbg_init(&d);
    mbedtls_pk_init(&pk);
    mbedtls_pk_init(&other);
    if (mbedtls_ctr_drbg_seed(&d, mbedtls_entropy_func, &e, NULL, 0) ||
        mbedtls_pk_parse_keyfile(&pk, keyfile, NULL)) {
        fprintf(stderr, "rsabench: cannot load %s\n", keyfile);
        return 1;
    }
    struct rsa_ossl *ossl = rsa_ossl_load(keyfile);
    if (ossl == NULL)
        return 1;
    /* Another RSA-2048 key: its {K} must not open with the PS key. */
    if (mbedtls_pk_setup(&other, mbedtls_pk_info_from_type(MBEDTLS_PK_RSA)) ||
        mbedtls_rsa_gen_key(mbedtls_pk_rsa(other), rng, &d, 2048, 65537))
        return fail("cannot make a second key");
    uint8_t k[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    uint8_t wrapped[OBTI_RSA_LEN], foreign[OBTI_RSA_LEN];
    if (obti_wrap_k(&pk, k, rng, &d, wrapped) || obti_wrap_k(&other, k, rng, &d, foreign))
        return fail("wrap failed");
    struct mbed m = {&pk, &d};
    int rc = 1;
    if (agree(rsa_ossl_unwrap, ossl, k, wrapped, foreign) ||
        agree(unwrap_mbed, &m, k, wrapped, foreign))
        goto out;
    if (check_only) {
        printf("agree\n");
        rc = 0;
        goto out;
    }
    double r_ossl = rate(rsa_ossl_unwrap, ossl, k, wrapped);
    double r_mbed = rate(unwrap_mbed, &m, k, wrapped);
    if (r_ossl < 0 || r_mbed < 0) {
        fail("unwrap gave a wrong K");
        goto out;
    }
    printf("decrypts_per_s %.1f\n", r_ossl);
    printf("decrypts_per_s_mbedtls %.1f\n", r_mbed);
    rc = 0;
out:
    rsa_ossl_free(ossl);
    mbedtls_pk_free(&other);
    mbedtls_pk_free(&pk);
    mbedtls_ctr_drbg_free(&d);
    mbedtls_entropy_free(&e);
    return rc;
}
