/* SRTP (RFC 3711) for the voice channel, AES_CM_128_HMAC_SHA1_80, RTP only
 * (no SRTCP, no MKI, key derivation rate 0): the session keys derived with
 * the AES-CM PRF, AES-CM keystream over the payload, HMAC-SHA1 over the
 * header, payload and ROC truncated to 80 bits, ROC/SEQ index estimation
 * (RFC 3711 3.3.1, Appendix A) and a 64-packet replay window. Written on
 * mbedTLS's AES and md APIs only, so that the firmware build runs on the AES
 * engine (sw/fw/crypto) and the host build on mbedTLS's software AES.
 * One context per direction and SSRC. Not thread-safe. docs/srtp.md. */
#ifndef OBTI_SRTP_H
#define OBTI_SRTP_H

#include <stddef.h>
#include <stdint.h>

#include "mbedtls/aes.h"
#include "mbedtls/md.h"

#define OBTI_SRTP_KEY_LEN    16   /* master key */
#define OBTI_SRTP_SALT_LEN   14   /* master salt */
#define OBTI_SRTP_MASTER_LEN 30   /* key || salt, as HKDF gives it (docs/protocol.md) */
#define OBTI_SRTP_TAG_LEN    10   /* HMAC-SHA1-80 */
#define OBTI_SRTP_WINDOW     64   /* replay window, packets */

/* Return codes: 0 or one of these (negative). */
#define OBTI_SRTP_EINVAL   (-1)   /* bad argument, or a packet that is not RTP version 2 / too short for its header */
#define OBTI_SRTP_ESPACE   (-2)   /* no room for the tag after the packet */
#define OBTI_SRTP_EAUTH    (-3)   /* tag mismatch: packet dropped, nothing changed */
#define OBTI_SRTP_EREPLAY  (-4)   /* index already received or older than the window */
#define OBTI_SRTP_ESSRC    (-5)   /* packet of another SSRC */
#define OBTI_SRTP_ECRYPTO  (-6)   /* mbedTLS failed (e.g. out of memory) */

enum obti_srtp_dir { OBTI_SRTP_SEND = 0, OBTI_SRTP_RECV = 1 };

/* Counters of a context (drops are counted, never silent). */
struct obti_srtp_stats {
    uint32_t ok;        /* packets protected or accepted */
    uint32_t malformed; /* OBTI_SRTP_EINVAL on a packet */
    uint32_t auth_fail;
    uint32_t replay;
    uint32_t bad_ssrc;
};

struct obti_srtp {
    mbedtls_aes_context aes;          /* k_e */
    mbedtls_md_context_t inner;       /* SHA-1 after (k_a ^ ipad) */
    mbedtls_md_context_t outer;       /* SHA-1 after (k_a ^ opad) */
    mbedtls_md_context_t work;        /* scratch for one packet */
    uint8_t salt[OBTI_SRTP_SALT_LEN]; /* k_s */
    uint32_t ssrc;
    int dir;
    int started;                      /* a packet has set the index below */
    uint64_t index;                   /* highest index (ROC << 16 | SEQ) sent or accepted */
    uint64_t window;                  /* bit i: index - i was accepted (receive) */
    struct obti_srtp_stats stats;
};

/* Derive the session keys from master (key || salt, 30 bytes). Returns 0,
 * OBTI_SRTP_EINVAL or OBTI_SRTP_ECRYPTO. Call obti_srtp_free in any case. */
int obti_srtp_init(struct obti_srtp *s, enum obti_srtp_dir dir, const uint8_t master[OBTI_SRTP_MASTER_LEN],
                   uint32_t ssrc);
void obti_srtp_free(struct obti_srtp *s);

/* Protect the RTP packet pkt[0..len) in place: payload encrypted, tag
 * appended; cap is the buffer size (>= len + 10). *out_len = len + 10. */
int obti_srtp_protect(struct obti_srtp *s, uint8_t *pkt, size_t len, size_t cap, size_t *out_len);

/* Check and decrypt the SRTP packet pkt[0..len) in place; *out_len = the
 * RTP length. On any error the packet is dropped (pkt's payload may be
 * unchanged or wiped) and the context is as before, except its counters. */
int obti_srtp_unprotect(struct obti_srtp *s, uint8_t *pkt, size_t len, size_t *out_len);

/* The building blocks, for known-answer tests (RFC 3711 B.2, B.3). */
/* XOR len bytes of AES-CM keystream (key, 16-byte IV whose last two bytes
 * are the block counter) into buf. */
int obti_srtp_aes_cm(mbedtls_aes_context *key, const uint8_t iv[16], uint8_t *buf, size_t len);
/* The PRF of RFC 3711 4.3 with key derivation rate 0: len bytes for label. */
int obti_srtp_kdf(const uint8_t master[OBTI_SRTP_MASTER_LEN], uint8_t label, uint8_t *out, size_t len);

#endif /* OBTI_SRTP_H */
