/* rsabench: RSA-2048 OAEP decryptions per second on one core with the PS
 * key, through the protocol's own unwrap (obti_unwrap_k, mbedTLS) - the
 * operation that bounds obti-ps. Time is this thread's CPU time, so the
 * figure is per core even on a shared, busy machine. Prints
 * "decrypts_per_s <rate>". */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>

#include "obti/prot.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int rng(void *ctx, unsigned char *out, size_t len) { return mbedtls_ctr_drbg_random(ctx, out, len); }

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: rsabench PS_KEY.pem\n");
        return 2;
    }
    mbedtls_entropy_context e;
    mbedtls_ctr_drbg_context d;
    mbedtls_pk_context pk;
    mbedtls_entropy_init(&e);
    mbedtls_ctr_drbg_init(&d);
    mbedtls_pk_init(&pk);
    if (mbedtls_ctr_drbg_seed(&d, mbedtls_entropy_func, &e, NULL, 0) ||
        mbedtls_pk_parse_keyfile(&pk, argv[1], NULL)) {
        fprintf(stderr, "rsabench: cannot load %s\n", argv[1]);
        return 1;
    }
    uint8_t k[16] = {1, 2, 3, 4}, wrapped[OBTI_RSA_LEN], out[16];
    if (obti_wrap_k(&pk, k, rng, &d, wrapped)) {
        fprintf(stderr, "rsabench: wrap failed\n");
        return 1;
    }
    unsigned n = 0;
    double t0 = now(), t;
    do {
        if (obti_unwrap_k(&pk, wrapped, rng, &d, out) || memcmp(out, k, 16)) {
            fprintf(stderr, "rsabench: unwrap gave a wrong K\n");
            return 1;
        }
        n++;
        t = now();
    } while (t - t0 < 2.0);
    printf("decrypts_per_s %.1f\n", n / (t - t0));
    mbedtls_pk_free(&pk);
    mbedtls_ctr_drbg_free(&d);
    mbedtls_entropy_free(&e);
    return 0;
}
