/* The openbti provisioning protocol (seed 002, steps 301-310): wire format,
 * crypto envelopes and message codecs shared by the BTI (firmware and
 * software BTI) and the servers. docs/protocol.md is the specification;
 * this header is its C binding. mbedTLS 2.28 API only, no host calls.
 *
 * Conventions: functions return 0 (or a length >= 0 where said) or a
 * negative OBTI_E* code; they never print, never exit, never read outside
 * the buffers they are given. Encoders take (out, cap) and return the
 * datagram length. Decoders check every length and reject anything not in
 * the specification (docs/protocol.md "Strict parsing rules"). */
#ifndef OBTI_PROT_H
#define OBTI_PROT_H

#include <stddef.h>
#include <stdint.h>

#include "obti_err.h"          /* sw/fw/drivers: OBTI_OK, OBTI_EBADMSG, OBTI_EAUTH ... */

#include "mbedtls/pk.h"
#include "mbedtls/ecdsa.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- return codes beyond obti_err.h (protocol layer) ------------------- */
/* OBTI_EBADMSG (-7): malformed datagram (magic, length, TLV rules, flags).
 * OBTI_EAUTH   (-9): an envelope tag, MAC, signature or HMAC did not verify. */
#define OBTI_EREPLAY   (-20)  /* old session, old seq or old counter */
#define OBTI_ECERT     (-21)  /* PS certificate not signed by the SP root key, or unfit */
#define OBTI_ESTATE    (-22)  /* message not expected in this state / wrong type */
#define OBTI_ENOSPC    (-23)  /* output buffer too small */
#define OBTI_ECRYPTO   (-24)  /* crypto library failure (RNG, RSA decrypt of garbage) */
#define OBTI_EREJECTED (-25)  /* the peer refused (SETUP_REJ / ERROR / AUTH locked) */
#define OBTI_EVERSION  (-26)  /* magic right, version not 1 */
#define OBTI_ENOTPROV  (-27)  /* operation needs a provisioned BTI */

/* ---- constants ------------------------------------------------------------ */
#define OBTI_MAGIC          0x4F42u   /* 'OB' */
#define OBTI_VERSION        1u
#define OBTI_HDR_LEN        16u
#define OBTI_MSG_MAX        1400u     /* whole datagram, header included */
#define OBTI_BODY_MAX       (OBTI_MSG_MAX - OBTI_HDR_LEN)

#define OBTI_GC_PORT        7060u
#define OBTI_PS_PORT        7061u
#define OBTI_PS_VOICE_PORT  7062u

#define OBTI_BTI_ID_LEN     6u        /* the BTI's Ethernet MAC address */
#define OBTI_KEY_LEN        16u       /* K, SK, AK, SK', direction keys */
#define OBTI_NONCE_LEN      16u       /* N0 .. N3 */
#define OBTI_TAG_LEN        16u       /* GCM tag, truncated HMAC */
#define OBTI_LT_LEN         64u       /* long-term secret: 4 x 128-bit keys */
#define OBTI_KU_PUB_LEN     65u       /* uncompressed P-256 point 04||X||Y */
#define OBTI_KU_PRIV_LEN    32u
#define OBTI_SIG_LEN        64u       /* ECDSA P-256 r||s, 32 bytes each */
#define OBTI_HMAC_LEN       32u       /* HMAC-SHA256 (CRED) */
#define OBTI_RSA_LEN        256u      /* RSA-2048 OAEP block */
#define OBTI_SRTP_MASTER_LEN 30   /* SRTP master key (16) || salt (14); same in srtp.h */
#define OBTI_CALLED_MAX     16u       /* dialed digits 0-9 * # */
#define OBTI_TEXT_MAX       128u
#define OBTI_CERT_MAX       1200u

#define OBTI_DIR_B2P        0x42325031u  /* 'B2P1' BTI -> PS, also BTI -> GC */
#define OBTI_DIR_P2B        0x50324231u  /* 'P2B1' PS -> BTI */

/* Retransmission (requester side): identical bytes at 250, 500, 1000,
 * 2000, 2000 ms...: OBTI_RTX_TRIES sends in all, then OBTI_ETIMEDOUT. */
#define OBTI_RTX_FIRST_MS   250u
#define OBTI_RTX_MAX_MS     2000u
#define OBTI_RTX_TRIES      6u
#define OBTI_VOICE_TIMEOUT_MS 180000u   /* whole voice step (307-309) */
#define OBTI_AUTH_TRIES     3u          /* wrong codes before the work order locks */

/* ---- message types ----------------------------------------------------- */
enum obti_type {
    OBTI_T_SETUP        = 0x01,  /* BTI -> GC   */
    OBTI_T_SETUP_ACK    = 0x02,  /* GC  -> BTI  */
    OBTI_T_SETUP_REJ    = 0x03,  /* GC  -> BTI  */
    OBTI_T_HELLO        = 0x10,  /* BTI -> PS   step 302 "yo!" */
    OBTI_T_CERT         = 0x11,  /* PS  -> BTI  step 303 */
    OBTI_T_KEYX         = 0x12,  /* BTI -> PS   step 304 */
    OBTI_T_KEYX_ACK     = 0x13,  /* PS  -> BTI  step 305 */
    OBTI_T_AUTH_RESULT  = 0x14,  /* PS  -> BTI  after step 309 */
    OBTI_T_ENROLL       = 0x15,  /* BTI -> PS   step 310 */
    OBTI_T_ENROLL_ACK   = 0x16,  /* PS  -> BTI  step 310 ack */
    OBTI_T_REGISTER     = 0x20,  /* BTI -> PS   re-registration */
    OBTI_T_REGISTER_ACK = 0x21,  /* PS  -> BTI  */
    OBTI_T_CRED         = 0x30,  /* PS  -> GC   */
    OBTI_T_CRED_ACK     = 0x31,  /* GC  -> PS   */
    OBTI_T_ERROR        = 0x7F   /* any direction, in clear */
};

/* ---- TLV tags: one tag space; in a body tags are strictly ascending ------ */
enum obti_tag {
    OBTI_TAG_BTI_ID     = 0x01,  /* 6    MAC address */
    OBTI_TAG_CALLED     = 0x02,  /* 1-16 ASCII 0-9 * # */
    OBTI_TAG_ACCOUNT    = 0x03,  /* 4    u32 account number */
    OBTI_TAG_COUNTER    = 0x04,  /* 4    u32 BTI monotonic counter */
    OBTI_TAG_PS_ADDR    = 0x05,  /* 8    IPv4(4) control port(2) voice port(2) */
    OBTI_TAG_CALL_ID    = 0x06,  /* 4    u32 */
    OBTI_TAG_ERROR      = 0x07,  /* 2    u16 enum obti_wire_err */
    OBTI_TAG_TEXT       = 0x08,  /* 0-128 UTF-8, informative */
    OBTI_TAG_CERT       = 0x09,  /* 1-1200 X.509 DER */
    OBTI_TAG_KU_PUB     = 0x0A,  /* 65   P-256 point (CRED) */
    OBTI_TAG_ENC_K      = 0x10,  /* 64   GCM_K  {SK, AK, N0} */
    OBTI_TAG_ENC_INFO   = 0x11,  /* 32   GCM_SK {info} */
    OBTI_TAG_WRAPPED_K  = 0x12,  /* 256  RSA-OAEP-SHA256 {K}_KPS */
    OBTI_TAG_SEALED     = 0x13,  /* GCM under SK / SK' (fixed inner layout per type) */
    OBTI_TAG_LT_SEALED  = 0x14,  /* 48   AES-CTR + HMAC/128 under the long-term keys */
    OBTI_TAG_HMAC       = 0x7E,  /* 32   HMAC-SHA256, PS-GC key (last) */
    OBTI_TAG_SIG        = 0x7F   /* 64   ECDSA-P256 by KU (last) */
};

/* ---- codes carried on the wire (SETUP_REJ, ERROR, AUTH_RESULT) ----------- */
enum obti_wire_err {
    OBTI_W_OK           = 0,
    OBTI_W_BADMSG       = 1,   /* malformed */
    OBTI_W_AUTH         = 2,   /* envelope/signature failed */
    OBTI_W_REPLAY       = 3,   /* old seq / session / counter */
    OBTI_W_STATE        = 4,   /* unexpected message */
    OBTI_W_NOT_PROV     = 5,   /* GC: number other than 611 from an unprovisioned BTI */
    OBTI_W_UNKNOWN_BTI  = 6,   /* no record for this BTI (REGISTER, signed SETUP) */
    OBTI_W_BUSY         = 7,   /* server overloaded, retry later */
    OBTI_W_INTERNAL     = 8,   /* server error (database) */
    OBTI_W_VERSION      = 9,   /* unsupported protocol version */
    OBTI_W_LOCKED       = 10   /* work order locked after too many wrong codes */
};

/* AUTH_RESULT result byte */
enum obti_auth_result {
    OBTI_AUTH_OK     = 0,   /* code accepted: BTI sends ENROLL */
    OBTI_AUTH_RETRY  = 1,   /* wrong code, tries_left more allowed */
    OBTI_AUTH_LOCKED = 2    /* no tries left: call ends, account unbound */
};

/* Map a negative OBTI_E* to the wire code and back (for ERROR/SETUP_REJ). */
uint16_t obti_err_to_wire(int err);
int      obti_wire_to_err(uint16_t code);
const char *obti_strerror(int err);          /* short static text */
const char *obti_type_name(uint8_t type);    /* "SETUP", ... or "?" */

/* ---- header ---------------------------------------------------------- */
struct obti_hdr {
    uint8_t  version;
    uint8_t  type;
    uint32_t session;
    uint32_t seq;
    uint16_t body_len;
    uint16_t flags;
};

/* Parse and check the 16-byte header of a whole datagram: magic, version,
 * flags == 0, body_len == len - 16, len <= OBTI_MSG_MAX, type known.
 * Does not look at the body. */
int obti_hdr_decode(const uint8_t *buf, size_t len, struct obti_hdr *h);

/* Parse a whole datagram into header and TLVs against the schema of its
 * type (which tags, required/optional, exact or bounded lengths, ascending,
 * once, no bytes left over). The strict checker all decoders use; exposed
 * for tests and the fuzz target. */
struct obti_tlv {
    const uint8_t *val;     /* points into the datagram; NULL if absent */
    uint16_t       len;
    uint16_t       off;     /* offset of the TLV's tag byte in the datagram */
};
#define OBTI_TLV_SLOTS 20
struct obti_parsed {
    struct obti_hdr hdr;
    const uint8_t  *raw;
    size_t          raw_len;
    struct obti_tlv tlv[OBTI_TLV_SLOTS];   /* index by obti_tag_slot() */
};
int obti_msg_parse(const uint8_t *buf, size_t len, struct obti_parsed *p);
int obti_tag_slot(uint8_t tag);            /* 0..OBTI_TLV_SLOTS-1 or -1 */
const struct obti_tlv *obti_parsed_get(const struct obti_parsed *p, uint8_t tag);

/* ---- key derivations (docs/protocol.md "Key derivations") ---------------- */
struct obti_dirkeys {            /* AES-128-GCM keys per direction */
    uint8_t b2p[OBTI_KEY_LEN];   /* HKDF-SHA256(ikm=X, salt="", info="obti b2p") */
    uint8_t p2b[OBTI_KEY_LEN];   /* HKDF-SHA256(ikm=X, salt="", info="obti p2b") */
};
int obti_dirkeys_derive(const uint8_t x[OBTI_KEY_LEN], struct obti_dirkeys *dk);

/* SRTP master key || salt = HKDF-SHA256(ikm=AK, info="obti srtp", L=30). */
int obti_srtp_key_derive(const uint8_t ak[OBTI_KEY_LEN], uint8_t out[OBTI_SRTP_MASTER_LEN]);

/* Long-term secret, 512 bits = HKDF-SHA256(ikm=K||SK||AK, salt=N0||N1||N2,
 * info="obti long-term", L=64), split in this order: */
struct obti_lt_keys {
    uint8_t enc_b2p[OBTI_KEY_LEN];
    uint8_t mac_b2p[OBTI_KEY_LEN];
    uint8_t enc_p2b[OBTI_KEY_LEN];
    uint8_t mac_p2b[OBTI_KEY_LEN];
};
int obti_lt_derive(const uint8_t k[16], const uint8_t sk[16], const uint8_t ak[16],
                   const uint8_t n0[16], const uint8_t n1[16], const uint8_t n2[16],
                   struct obti_lt_keys *lt);
void obti_lt_to_bytes(const struct obti_lt_keys *lt, uint8_t out[OBTI_LT_LEN]);
void obti_lt_from_bytes(const uint8_t in[OBTI_LT_LEN], struct obti_lt_keys *lt);

/* ---- envelopes ----------------------------------------------------------- */
/* AES-128-GCM, IV = u32 dir || u32 0 || u32 seq (from the header),
 * AAD = the datagram from its first byte up to and including the envelope
 * TLV's tag and length (header + earlier TLVs + 3 bytes), tag 16 bytes
 * appended. These are the building blocks of the message encoders. */
int obti_gcm_seal(const uint8_t key[16], uint32_t dir, uint32_t seq,
                  const uint8_t *aad, size_t aad_len,
                  const uint8_t *pt, size_t pt_len, uint8_t *ct_tag /* pt_len+16 */);
int obti_gcm_open(const uint8_t key[16], uint32_t dir, uint32_t seq,
                  const uint8_t *aad, size_t aad_len,
                  const uint8_t *ct_tag, size_t ct_tag_len, uint8_t *pt /* len-16 */);

/* Long-term envelope (REGISTER): AES-128-CTR under enc_b2p with counter
 * block u32 dir || u32 counter || u32 seq || u32 0, then HMAC-SHA256 under
 * mac_b2p over AAD || ciphertext, truncated to 16 bytes (encrypt-then-MAC). */
int obti_lt_seal(const struct obti_lt_keys *lt, uint32_t dir, uint32_t counter, uint32_t seq,
                 const uint8_t *aad, size_t aad_len,
                 const uint8_t *pt, size_t pt_len, uint8_t *ct_mac /* pt_len+16 */);
int obti_lt_open(const struct obti_lt_keys *lt, uint32_t dir, uint32_t counter, uint32_t seq,
                 const uint8_t *aad, size_t aad_len,
                 const uint8_t *ct_mac, size_t len, uint8_t *pt /* len-16 */);

/* RSA-2048 OAEP with SHA-256 (label empty) of K under the PS public key,
 * and its inverse with the PS private key. f_rng: a DRBG (mbedtls signature). */
typedef int (*obti_rng_fn)(void *p_rng, unsigned char *out, size_t len);
int obti_wrap_k(mbedtls_pk_context *ps_pub, const uint8_t k[16],
                obti_rng_fn f_rng, void *p_rng, uint8_t out[OBTI_RSA_LEN]);
int obti_unwrap_k(mbedtls_pk_context *ps_priv, const uint8_t in[OBTI_RSA_LEN],
                  obti_rng_fn f_rng, void *p_rng, uint8_t k[16]);

/* KU: ECDSA P-256. Key pair from the DRBG; sign/verify SHA-256(msg) with a
 * fixed 64-byte r||s signature. */
int obti_ku_generate(mbedtls_ecdsa_context *ku, obti_rng_fn f_rng, void *p_rng);
int obti_ku_export(const mbedtls_ecdsa_context *ku, uint8_t pub[OBTI_KU_PUB_LEN],
                   uint8_t priv[OBTI_KU_PRIV_LEN] /* may be NULL */);
int obti_ku_import(mbedtls_ecdsa_context *ku, const uint8_t pub[OBTI_KU_PUB_LEN],
                   const uint8_t priv[OBTI_KU_PRIV_LEN] /* NULL: public only */);
int obti_ku_sign(mbedtls_ecdsa_context *ku, const uint8_t *msg, size_t len,
                 obti_rng_fn f_rng, void *p_rng, uint8_t sig[OBTI_SIG_LEN]);
int obti_ku_verify(const uint8_t pub[OBTI_KU_PUB_LEN], const uint8_t *msg, size_t len,
                   const uint8_t sig[OBTI_SIG_LEN]);

/* Check the PS certificate (DER) against the SP root public key
 * (DER SubjectPublicKeyInfo, the BTI's ROM copy): RSA signature with SHA-256
 * by the SP key, subject key RSA-2048, not a CA, keyUsage (if present)
 * allows keyEncipherment. On success *ps_pub holds the PS public key
 * (caller inits and frees). No clock on the BTI: validity dates not checked. */
int obti_cert_check(const uint8_t *cert, size_t cert_len,
                    const uint8_t *sp_pub_der, size_t sp_pub_len,
                    mbedtls_pk_context *ps_pub);

/* ---- replay protection and reply cache ----------------------------------- */
/* Receiver state for one peer session: seq must grow; the same seq with the
 * same bytes is a duplicate (answer from the reply cache). */
struct obti_replay {
    uint32_t session;
    uint32_t last_seq;       /* 0: nothing accepted yet */
    uint8_t  last_digest[8]; /* first bytes of SHA-256 of the last accepted datagram */
};
#define OBTI_NEW        0
#define OBTI_DUPLICATE  1
/* Returns OBTI_NEW (caller processes, then calls obti_replay_accept),
 * OBTI_DUPLICATE (resend the cached reply), or OBTI_EREPLAY. */
int  obti_replay_check(const struct obti_replay *r, const uint8_t *buf, size_t len);
void obti_replay_accept(struct obti_replay *r, const uint8_t *buf, size_t len);

/* ---- message codecs -------------------------------------------------------
 * Encoders: (out, cap, session, seq, fields...) -> length or OBTI_E*.
 * Decoders: (buf, len, &hdr, &fields...) -> 0 or OBTI_E*; the header type
 * must match (else OBTI_ESTATE). Sealed parts need the key to decode. */

/* SETUP (step 301): unprovisioned = no auth; provisioned adds
 * ACCOUNT, COUNTER and SIG = ECDSA(KU, header||BTI_ID..COUNTER TLVs). */
struct obti_setup {
    uint8_t  bti_id[OBTI_BTI_ID_LEN];
    char     called[OBTI_CALLED_MAX + 1];   /* NUL-terminated */
    int      has_auth;
    uint32_t account;
    uint32_t counter;
    uint8_t  sig[OBTI_SIG_LEN];
};
int obti_setup_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                      const struct obti_setup *m,
                      mbedtls_ecdsa_context *ku /* non-NULL iff m->has_auth */,
                      obti_rng_fn f_rng, void *p_rng);
int obti_setup_decode(const uint8_t *buf, size_t len, struct obti_hdr *h, struct obti_setup *m);
/* GC: verify the SIG of a decoded authenticated SETUP with the stored KU+. */
int obti_setup_verify(const uint8_t *buf, size_t len, const uint8_t ku_pub[OBTI_KU_PUB_LEN]);

struct obti_setup_ack {
    uint32_t call_id;
    uint32_t ps_ip;          /* host order, e.g. 0x7F000001 */
    uint16_t ps_port;        /* control */
    uint16_t ps_voice_port;
};
int obti_setup_ack_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                          const struct obti_setup_ack *m);
int obti_setup_ack_decode(const uint8_t *buf, size_t len, struct obti_hdr *h,
                          struct obti_setup_ack *m);

/* SETUP_REJ and ERROR share a layout: ERROR code, optional TEXT. */
int obti_error_encode(uint8_t *out, size_t cap, uint8_t type /* SETUP_REJ or ERROR */,
                      uint32_t session, uint32_t seq, uint16_t code, const char *text);
int obti_error_decode(const uint8_t *buf, size_t len, struct obti_hdr *h,
                      uint16_t *code, char text[OBTI_TEXT_MAX + 1]);

/* HELLO (step 302, "yo!"): BTI_ID, CALL_ID in clear. */
int obti_hello_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                      const uint8_t bti_id[6], uint32_t call_id);
int obti_hello_decode(const uint8_t *buf, size_t len, struct obti_hdr *h,
                      uint8_t bti_id[6], uint32_t *call_id);

/* CERT (step 303): the PS certificate DER (holds KPS+). *cert points into buf. */
int obti_cert_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                     const uint8_t *der, size_t der_len);
int obti_cert_decode(const uint8_t *buf, size_t len, struct obti_hdr *h,
                     const uint8_t **der, size_t *der_len);

/* KEYX (step 304): {SK,AK,N0}_K, {info}_SK, {K}_KPS. */
struct obti_info {
    uint8_t  mac[6];
    uint32_t ip;             /* BTI's IPv4, host order */
    uint16_t voice_port;     /* BTI's SRTP port */
    uint32_t fw_version;
};
struct obti_keyx {
    uint8_t k[16], sk[16], ak[16], n0[16];
    struct obti_info info;
};
int obti_keyx_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                     const struct obti_keyx *m, mbedtls_pk_context *ps_pub,
                     obti_rng_fn f_rng, void *p_rng);
/* PS: unwrap K with its private key, open both envelopes. */
int obti_keyx_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                   mbedtls_pk_context *ps_priv, obti_rng_fn f_rng, void *p_rng,
                   struct obti_keyx *m);
/* The same with another implementation of {K}_KPS's decryption (the PS
 * uses OpenSSL's, docs/server.md "RSA"): unwrap returns 0 with K, or
 * OBTI_EAUTH for a block that is not a K wrapped for this key (bad padding,
 * out of range, not 16 bytes), exactly as obti_unwrap_k. */
typedef int (*obti_unwrap_fn)(void *ctx, const uint8_t in[OBTI_RSA_LEN], uint8_t k[16]);
int obti_keyx_open_with(const uint8_t *buf, size_t len, struct obti_hdr *h,
                        obti_unwrap_fn unwrap, void *unwrap_ctx, struct obti_keyx *m);

/* KEYX_ACK (step 305): {N0, N1}_SK (ACK = the type, authenticated as AAD). */
int obti_keyx_ack_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                         const uint8_t sk[16], const uint8_t n0[16], const uint8_t n1[16]);
int obti_keyx_ack_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                       const uint8_t sk[16], uint8_t n0[16], uint8_t n1[16]);

/* AUTH_RESULT: {result, N1, tries_left}_SK. */
int obti_auth_result_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                            const uint8_t sk[16], uint8_t result, const uint8_t n1[16],
                            uint8_t tries_left);
int obti_auth_result_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                          const uint8_t sk[16], uint8_t *result, uint8_t n1[16],
                          uint8_t *tries_left);

/* ENROLL (step 310): {N1, N2, KU+}_SK. */
int obti_enroll_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                       const uint8_t sk[16], const uint8_t n1[16], const uint8_t n2[16],
                       const uint8_t ku_pub[OBTI_KU_PUB_LEN]);
int obti_enroll_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                     const uint8_t sk[16], uint8_t n1[16], uint8_t n2[16],
                     uint8_t ku_pub[OBTI_KU_PUB_LEN]);

/* ENROLL_ACK: {N2, ACCOUNT}_SK. */
int obti_enroll_ack_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                           const uint8_t sk[16], const uint8_t n2[16], uint32_t account);
int obti_enroll_ack_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                         const uint8_t sk[16], uint8_t n2[16], uint32_t *account);

/* REGISTER: BTI_ID, COUNTER in clear; LT_SEALED {SK', N3} under the
 * long-term b2p keys; SIG by KU over everything before it. */
struct obti_register {
    uint8_t  bti_id[6];
    uint32_t counter;
    uint8_t  sk[16];         /* SK' */
    uint8_t  n3[16];
};
int obti_register_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                         const struct obti_register *m, const struct obti_lt_keys *lt,
                         mbedtls_ecdsa_context *ku, obti_rng_fn f_rng, void *p_rng);
/* PS step 1: read BTI_ID and COUNTER (clear) to find the record. */
int obti_register_peek(const uint8_t *buf, size_t len, struct obti_hdr *h,
                       uint8_t bti_id[6], uint32_t *counter);
/* PS step 2: counter > last_counter (else OBTI_EREPLAY), signature, MAC,
 * decrypt. Fills m. */
int obti_register_open(const uint8_t *buf, size_t len, const struct obti_lt_keys *lt,
                       const uint8_t ku_pub[OBTI_KU_PUB_LEN], uint32_t last_counter,
                       struct obti_register *m);

/* REGISTER_ACK: {N3}_SK'. */
int obti_register_ack_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                             const uint8_t sk[16], const uint8_t n3[16]);
int obti_register_ack_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                           const uint8_t sk[16], uint8_t n3[16]);

/* CRED (PS -> GC): BTI_ID, ACCOUNT, KU_PUB, HMAC-SHA256(key, header||TLVs
 * before HMAC). CRED_ACK (GC -> PS): BTI_ID, HMAC. key: PS-GC shared secret. */
int obti_cred_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                     const uint8_t *key, size_t key_len, const uint8_t bti_id[6],
                     uint32_t account, const uint8_t ku_pub[OBTI_KU_PUB_LEN]);
int obti_cred_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                   const uint8_t *key, size_t key_len, uint8_t bti_id[6],
                   uint32_t *account, uint8_t ku_pub[OBTI_KU_PUB_LEN]);
int obti_cred_ack_encode(uint8_t *out, size_t cap, uint32_t session, uint32_t seq,
                         const uint8_t *key, size_t key_len, const uint8_t bti_id[6]);
int obti_cred_ack_open(const uint8_t *buf, size_t len, struct obti_hdr *h,
                       const uint8_t *key, size_t key_len, uint8_t bti_id[6]);

#ifdef __cplusplus
}
#endif
#endif /* OBTI_PROT_H */
