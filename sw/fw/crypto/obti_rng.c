/* TRNG-seeded CTR_DRBG with an alarm check around every draw (obti_rng.h). */
#include "obti_rng.h"

#include <string.h>

#include "mbedtls/platform_util.h"
#include "obti_err.h"
#include "trng.h"

static int trng_ok(void)
{
    struct trng_state st;
    return trng_status(&st) == OBTI_OK;
}

int obti_rng_init(struct obti_rng *r, const char *pers)
{
    mbedtls_entropy_init(&r->entropy);
    mbedtls_ctr_drbg_init(&r->drbg);
    if (!trng_ok())
        return OBTI_EALARM;
    int rc = mbedtls_ctr_drbg_seed(&r->drbg, mbedtls_entropy_func, &r->entropy, (const unsigned char *)pers,
                                   pers ? strlen(pers) : 0);
    return rc == 0 && trng_ok() ? OBTI_OK : OBTI_EALARM;
}

int obti_rng_keygen(struct obti_rng *r, uint8_t *key, size_t len)
{
    if (key == NULL || len == 0 || len > MBEDTLS_CTR_DRBG_MAX_REQUEST)
        return OBTI_EINVAL;
    mbedtls_platform_zeroize(key, len);
    if (!trng_ok() || mbedtls_ctr_drbg_reseed(&r->drbg, NULL, 0) != 0)
        return OBTI_EALARM;
    if (mbedtls_ctr_drbg_random(&r->drbg, key, len) != 0 || !trng_ok()) {
        mbedtls_platform_zeroize(key, len);   /* an alarm during the draw: the reseed may have used its bits */
        return OBTI_EALARM;
    }
    return OBTI_OK;
}

int obti_rng_random(void *p_rng, unsigned char *out, size_t len)
{
    struct obti_rng *r = p_rng;
    if (!trng_ok() || mbedtls_ctr_drbg_random(&r->drbg, out, len) != 0) {
        mbedtls_platform_zeroize(out, len);
        return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    }
    return 0;
}

void obti_rng_free(struct obti_rng *r)
{
    mbedtls_ctr_drbg_free(&r->drbg);
    mbedtls_entropy_free(&r->entropy);
}
