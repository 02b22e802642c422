/* mbedTLS 2.28 configuration of the AES test's software reference: AES in
 * software (no ALT hooks, no tables in ROM) with CTR, for the hardware/software
 * comparison of make bench-aes. Selected with MBEDTLS_CONFIG_FILE. */
#ifndef OBTI_AESTEST_MBEDTLS_CONFIG_H
#define OBTI_AESTEST_MBEDTLS_CONFIG_H

#define MBEDTLS_AES_C
#define MBEDTLS_CIPHER_MODE_CTR

#endif
