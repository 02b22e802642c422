/* mbedTLS configuration for the key store: SHA-256 in software only
 * (mbedTLS 2.28; selected with MBEDTLS_CONFIG_FILE). */
#ifndef OBTI_KEYSTORE_MBEDTLS_CONFIG_H
#define OBTI_KEYSTORE_MBEDTLS_CONFIG_H

#define MBEDTLS_SHA256_C

#endif /* OBTI_KEYSTORE_MBEDTLS_CONFIG_H */
