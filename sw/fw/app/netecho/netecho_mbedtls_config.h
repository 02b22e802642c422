/* mbedTLS configuration for netecho: SHA-256 only (mbedTLS 2.28). */
#ifndef OBTI_NETECHO_MBEDTLS_CONFIG_H
#define OBTI_NETECHO_MBEDTLS_CONFIG_H

#define MBEDTLS_SHA256_C

#endif /* OBTI_NETECHO_MBEDTLS_CONFIG_H */
