/* Key generation: reseed from the TRNG (prediction resistance), then draw. */
#include "trng_keygen.h"

#include <string.h>

#include "mbedtls/platform_util.h"
#include "obti_err.h"
#include "trng.h"

int trng_keygen(mbedtls_ctr_drbg_context *drbg, uint8_t *key, size_t len)
{
    struct trng_state st;

    if (key == NULL || len == 0 || len > MBEDTLS_CTR_DRBG_MAX_REQUEST)
        return OBTI_EINVAL;
    mbedtls_platform_zeroize(key, len);
    if (trng_status(&st) != OBTI_OK)
        return OBTI_EALARM;
    if (mbedtls_ctr_drbg_reseed(drbg, NULL, 0) != 0)
        return OBTI_EALARM;
    if (mbedtls_ctr_drbg_random(drbg, key, len) != 0) {
        mbedtls_platform_zeroize(key, len);
        return OBTI_EALARM;
    }
    /* An alarm during the draw: the reseed may have used its bits. */
    if (trng_status(&st) != OBTI_OK) {
        mbedtls_platform_zeroize(key, len);
        return OBTI_EALARM;
    }
    return OBTI_OK;
}
