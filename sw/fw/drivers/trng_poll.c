/* mbedTLS entropy hook (MBEDTLS_ENTROPY_HARDWARE_ALT): conditioned TRNG
 * output, or a failure while the TRNG is in alarm so that seeding a DRBG
 * fails instead of using bad entropy. The prototype is mbedTLS's
 * (entropy_poll.h); it is repeated here because the drivers compile without
 * the mbedTLS headers. */
#include <stddef.h>
#include <stdint.h>

#include "obti_err.h"
#include "trng.h"

/* MBEDTLS_ERR_ENTROPY_SOURCE_FAILED, entropy.h */
#define TRNG_POLL_SOURCE_FAILED (-0x003C)

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    (void)data;
    *olen = 0;
    if (trng_read_conditioned(output, len) != OBTI_OK)
        return TRNG_POLL_SOURCE_FAILED;
    *olen = len;
    return 0;
}
