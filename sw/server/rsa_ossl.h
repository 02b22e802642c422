/* The PS's decryption of {K}_KPS (RSA-2048 OAEP, SHA-256 and MGF1-SHA-256,
 * empty label) with OpenSSL's libcrypto: the operation that bounds the
 * PS's throughput, about three times faster than mbedTLS 2.28's on this
 * machine (docs/server.md "RSA"). The result is the same as
 * obti_unwrap_k's, which the protocol library (and the firmware's and the
 * software BTI's tests) keep using; tests/e2e/prov/rsabench.c checks that
 * the two agree. */
#ifndef OBTI_RSA_OSSL_H
#define OBTI_RSA_OSSL_H

#include <stdint.h>

#include "obti/prot.h"

struct rsa_ossl;

/* Loads the PEM private key (PKCS#1 or PKCS#8) in path; NULL with a
 * message on stderr if it cannot be read or is not RSA-2048. */
struct rsa_ossl *rsa_ossl_load(const char *path);

/* An obti_unwrap_fn: ctx is a struct rsa_ossl *. One context per thread
 * (it holds OpenSSL's per-operation state). */
int rsa_ossl_unwrap(void *ctx, const uint8_t in[OBTI_RSA_LEN], uint8_t k[16]);

void rsa_ossl_free(struct rsa_ossl *r);

#endif
