/* mbedTLS 2.28 configuration of the firmware's shared crypto library
 * (sw/fw/crypto/crypto.mk, docs/crypto.md): AES and GCM on the AES engine
 * through MBEDTLS_AES_ALT / MBEDTLS_GCM_ALT, entropy from the TRNG through
 * mbedtls_hardware_poll, public-key work for provisioning (RSA-2048
 * PKCS#1 v1.5 and OAEP, ECDSA P-256, X.509), SHA-1/SHA-256/HMAC/HKDF.
 * Every firmware source that includes an mbedTLS header and links
 * FW_MBEDTLS_LIB must be compiled with this file (FW_CRYPTO_CFLAGS), since
 * it decides the layout of the contexts. */
#ifndef OBTI_MBEDTLS_CONFIG_H
#define OBTI_MBEDTLS_CONFIG_H

/* --- platform: no OS, no file system, no clock -------------------------- */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY          /* calloc/free settable at run time */
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C    /* optional static heap with a high-water mark */
#define MBEDTLS_MEMORY_DEBUG             /* ... which needs this for mbedtls_memory_buffer_alloc_max_get */
#define MBEDTLS_MEMORY_ALIGN_MULTIPLE 4
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_SELF_TEST                /* the *_self_test functions (dropped by --gc-sections unless called) */

/* --- symmetric: the AES engine ------------------------------------------- */
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ALT                  /* sw/fw/crypto/aes_alt.{h,c} */
#define MBEDTLS_CIPHER_MODE_CBC
#define MBEDTLS_CIPHER_MODE_CFB
#define MBEDTLS_CIPHER_MODE_OFB
#define MBEDTLS_CIPHER_MODE_CTR
#define MBEDTLS_GCM_C
#define MBEDTLS_GCM_ALT                  /* sw/fw/crypto/gcm_alt.{h,c}: hardware GHASH */
#define MBEDTLS_CIPHER_C                 /* required by GCM_C */

/* --- hashes and MACs (software) ------------------------------------------ */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA1_C                   /* SRTP HMAC-SHA1 */
#define MBEDTLS_SHA256_C
#define MBEDTLS_HKDF_C

/* --- random numbers: TRNG -> entropy -> CTR_DRBG (AES-256 on the engine) -- */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_ENTROPY_FORCE_SHA256
#define MBEDTLS_ENTROPY_HARDWARE_ALT     /* sw/fw/drivers/trng_poll.c */
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_HMAC_DRBG_C              /* RFC 6979 deterministic ECDSA */

/* --- public key ------------------------------------------------------------ */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_GENPRIME                 /* not used by the BTI; keeps rsa.c's key checks linkable */
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15                /* X.509 signatures (sha256WithRSAEncryption) */
#define MBEDTLS_PKCS1_V21                /* RSA-OAEP for {K}_KPS */
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PK_WRITE_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C         /* no MBEDTLS_HAVE_TIME_DATE: no RTC, validity dates are not checked */

/* --- sizes for 64 KiB of data RAM ------------------------------------------ */
#define MBEDTLS_MPI_WINDOW_SIZE 2        /* only RSA private ops use big windows; the BTI does none */
#define MBEDTLS_MPI_MAX_SIZE 512         /* up to RSA-4096 */
#define MBEDTLS_ECP_MAX_BITS 256
#define MBEDTLS_ECP_WINDOW_SIZE 5        /* 5 for the base point (16-point comb table from ROM,
                                            sw/common/p256_comb.h), 4 for any other point */
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 1
#define MBEDTLS_ENTROPY_MAX_SOURCES 2
#define MBEDTLS_X509_MAX_INTERMEDIATE_CA 4

#include "mbedtls/check_config.h"

#endif /* OBTI_MBEDTLS_CONFIG_H */
