/* mbedTLS configuration of the TRNG test app: CTR_DRBG (AES-256, software)
 * seeded only through the TRNG (MBEDTLS_ENTROPY_HARDWARE_ALT ->
 * mbedtls_hardware_poll in sw/fw/drivers/trng_poll.c). */
#ifndef TRNGTEST_MBEDTLS_CONFIG_H
#define TRNGTEST_MBEDTLS_CONFIG_H

#define MBEDTLS_AES_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_ENTROPY_FORCE_SHA256
#define MBEDTLS_SHA256_C
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_ENTROPY_HARDWARE_ALT

#include "mbedtls/check_config.h"

#endif
