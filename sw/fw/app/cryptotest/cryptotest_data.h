/* Test data generated at build time by tests/fw/crypto/gen_data.py into
 * build/fw/crypto/cryptotest_data.c: certificates made by openssl for this
 * run (tests/fw/crypto/mkcerts.sh; no key is ever committed), the RSA-OAEP
 * SHA-256 known answer from pyca's vectors, SRTP packets from libsrtp2. */
#ifndef OBTI_CRYPTOTEST_DATA_H
#define OBTI_CRYPTOTEST_DATA_H

#include <stddef.h>
#include <stdint.h>

struct ct_blob {
    const uint8_t *p;
    size_t len;
};

extern const struct ct_blob ct_root_der;      /* SP root, self-signed, RSA-2048 */
extern const struct ct_blob ct_ps_der;        /* PS certificate signed by the root */
extern const struct ct_blob ct_rogue_ps_der;  /* PS certificate signed by another key, same issuer name */
extern const char ct_ps_cn[];                 /* the PS certificate's CN */

/* RSA-OAEP (SHA-256, MGF1-SHA-256) example: n, e, message, the seed the
 * encryption used (recovered from the vector with the private key by
 * gen_data.py), ciphertext. */
extern const struct ct_blob ct_oaep_n, ct_oaep_e, ct_oaep_msg, ct_oaep_seed, ct_oaep_ct;

/* SRTP AES_CM_128_HMAC_SHA1_80 packets protected by libsrtp2. */
struct ct_srtp_case {
    const uint8_t *plain;    /* RTP packet */
    size_t plain_len;
    const uint8_t *prot;     /* SRTP packet (libsrtp2) */
    size_t prot_len;
};
extern const uint8_t ct_srtp_master[30];     /* key || salt */
extern const uint32_t ct_srtp_ssrc;
extern const struct ct_srtp_case ct_srtp_cases[];
extern const size_t ct_srtp_ncases;

#endif
