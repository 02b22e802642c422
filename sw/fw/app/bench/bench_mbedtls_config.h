/* mbedTLS configuration for the core benchmark: SHA-256 in software and
 * nothing else (mbedTLS 2.28; selected with MBEDTLS_CONFIG_FILE). */
#ifndef OBTI_BENCH_MBEDTLS_CONFIG_H
#define OBTI_BENCH_MBEDTLS_CONFIG_H

#define MBEDTLS_SHA256_C

#endif /* OBTI_BENCH_MBEDTLS_CONFIG_H */
