/* Key generation from the TRNG-seeded CTR_DRBG: every key reseeds the DRBG
 * from the TRNG first, so a TRNG in alarm yields an error and no key. */
#ifndef OBTI_TRNG_KEYGEN_H
#define OBTI_TRNG_KEYGEN_H

#include <stddef.h>
#include <stdint.h>

#include "mbedtls/ctr_drbg.h"

/* len bytes of key into key. Returns 0, or OBTI_EALARM (TRNG health-test
 * alarm or entropy failure: key is all zeros), OBTI_EINVAL. */
int trng_keygen(mbedtls_ctr_drbg_context *drbg, uint8_t *key, size_t len);

#endif
