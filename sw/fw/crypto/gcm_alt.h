/* mbedTLS GCM context for MBEDTLS_GCM_ALT (sw/fw/crypto/gcm_alt.c): AES-GCM
 * on the AES engine, GHASH in hardware. Included by mbedtls/gcm.h. */
#ifndef OBTI_GCM_ALT_H
#define OBTI_GCM_ALT_H

#include <stdint.h>

#include "mbedtls/aes.h"

typedef struct mbedtls_gcm_context {
    mbedtls_aes_context aes;  /* the key (AES-128 or AES-256) */
    uint8_t ek_j0[16];        /* E_K(J0): masks the tag */
    uint8_t ctr[16];          /* next counter block (inc32) */
    uint8_t s[16];            /* GHASH state */
    uint64_t len;             /* data bytes so far */
    uint64_t add_len;         /* AAD bytes */
    int mode;                 /* MBEDTLS_GCM_ENCRYPT / _DECRYPT */
    int state;                /* 0 idle, 1 started, 2 a partial block ended the data */
} mbedtls_gcm_context;

#endif /* OBTI_GCM_ALT_H */
