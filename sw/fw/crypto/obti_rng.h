/* The firmware's random numbers: mbedTLS's CTR_DRBG (AES-256 on the AES
 * engine) seeded from the TRNG through mbedtls_hardware_poll. Keys and
 * nonces come from obti_rng_keygen, which reseeds from the TRNG first, so a
 * TRNG in alarm gives OBTI_EALARM and no key. obti_rng_random is the f_rng
 * for mbedTLS calls (ECDSA key generation and signing, OAEP); it refuses
 * while the TRNG is in alarm. */
#ifndef OBTI_RNG_H
#define OBTI_RNG_H

#include <stddef.h>
#include <stdint.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"

struct obti_rng {
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
};

/* Seed from the TRNG (the TRNG driver must be initialised: trng_init).
 * Returns 0, OBTI_EALARM (TRNG alarm or no entropy: nothing seeded). */
int obti_rng_init(struct obti_rng *r, const char *pers);

/* len bytes (<= MBEDTLS_CTR_DRBG_MAX_REQUEST) of key material, after a
 * reseed from the TRNG. Returns 0, OBTI_EINVAL, or OBTI_EALARM with key
 * zeroed. */
int obti_rng_keygen(struct obti_rng *r, uint8_t *key, size_t len);

/* f_rng for mbedTLS (p_rng = struct obti_rng *): 0, or
 * MBEDTLS_ERR_ENTROPY_SOURCE_FAILED (output zeroed) while the TRNG is in
 * alarm or the DRBG fails. */
int obti_rng_random(void *p_rng, unsigned char *out, size_t len);

void obti_rng_free(struct obti_rng *r);

#endif /* OBTI_RNG_H */
