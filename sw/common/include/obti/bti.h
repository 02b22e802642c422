/* The BTI side of the provisioning protocol as a portable state machine.
 * The same code runs in the firmware app and in the software BTI
 * (sw/softbti); everything platform-specific goes through the callbacks
 * below. Event-driven: the platform hands in datagrams (obti_bti_input)
 * and calls obti_bti_tick when obti_bti_deadline() passes; obti_bti_run
 * is a blocking loop on top for platforms with a recv-with-timeout. */
#ifndef OBTI_BTI_H
#define OBTI_BTI_H

#include "obti/prot.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the voice step needs (steps 306-309). The platform runs SRTP
 * AES_CM_128_HMAC_SHA1_80 with this key, PCMU 20 ms packets, and plays the
 * PS audio to the earpiece / sends the microphone (with in-band DTMF). */
struct obti_voice_params {
    uint8_t  srtp_key[OBTI_SRTP_MASTER_LEN];   /* master key (16) || salt (14) */
    uint32_t ssrc_tx;                       /* BTI: session id */
    uint32_t ssrc_rx;                       /* PS: session id ^ 0xFFFFFFFF */
    uint32_t ps_ip;                         /* host order */
    uint16_t ps_voice_port;
    uint16_t local_voice_port;
};

/* Events reported to the platform (UI tones, trace). code: OBTI_E* or 0. */
enum obti_bti_event {
    OBTI_EV_SEND,          /* code = message type just sent (first try) */
    OBTI_EV_RETRANSMIT,    /* code = message type resent */
    OBTI_EV_RECV,          /* code = message type accepted */
    OBTI_EV_DROP,          /* code = OBTI_E* why an incoming datagram was dropped */
    OBTI_EV_CERT_OK,
    OBTI_EV_VOICE_START,
    OBTI_EV_VOICE_STOP,
    OBTI_EV_AUTH_RETRY,    /* code = tries left */
    OBTI_EV_PROVISIONED,   /* keys stored: account in obti_bti_account() */
    OBTI_EV_REGISTERED,
    OBTI_EV_CALL_ACCEPTED, /* SETUP_ACK for a non-provisioning call */
    OBTI_EV_FAILED         /* code = OBTI_E*; phone hears reorder */
};

struct obti_bti_platform {
    void *ctx;
    /* Send one datagram to ip:port (host order). 0 or OBTI_E*. */
    int (*send)(void *ctx, uint32_t ip, uint16_t port, const uint8_t *buf, size_t len);
    /* Optional, for obti_bti_run: wait up to timeout_ms for a datagram;
     * returns its length, 0 on timeout, or OBTI_E*. */
    int (*recv)(void *ctx, uint8_t *buf, size_t cap, uint32_t timeout_ms,
                uint32_t *src_ip, uint16_t *src_port);
    uint32_t (*now_ms)(void *ctx);          /* monotonic milliseconds (wraps) */
    obti_rng_fn random;                     /* DRBG, mbedtls f_rng signature */
    void *rng_ctx;
    /* Key store: load the blob (returns length, OBTI_ENOENT if empty),
     * save it atomically (0 or OBTI_E*). */
    int (*ks_load)(void *ctx, uint8_t *buf, size_t cap);
    int (*ks_save)(void *ctx, const uint8_t *buf, size_t len);
    /* Voice step hooks: start (0 or OBTI_E*), tick (at least every 20 ms
     * while active, from obti_bti_run or the platform loop), stop. */
    int  (*voice_start)(void *ctx, const struct obti_voice_params *p);
    void (*voice_tick)(void *ctx);
    void (*voice_stop)(void *ctx);
    /* Optional: trace / UI. */
    void (*event)(void *ctx, int event, int code);
};

struct obti_bti_config {
    uint8_t  bti_id[OBTI_BTI_ID_LEN];    /* MAC address */
    uint32_t local_ip;                   /* for info (host order) */
    uint16_t local_voice_port;
    uint32_t fw_version;
    uint32_t gc_ip;                      /* host order */
    uint16_t gc_port;
    const uint8_t *sp_pub_der;           /* SP root public key (ROM) */
    size_t   sp_pub_len;
    uint32_t voice_timeout_ms;           /* 0: OBTI_VOICE_TIMEOUT_MS */
};

enum obti_bti_state {
    OBTI_S_IDLE, OBTI_S_SETUP, OBTI_S_HELLO, OBTI_S_KEYX, OBTI_S_VOICE,
    OBTI_S_ENROLL, OBTI_S_REGISTER, OBTI_S_DONE, OBTI_S_FAILED
};

/* The persistent record (key store blob), docs/protocol.md "BTI key store". */
struct obti_bti_record {
    uint8_t  bti_id[OBTI_BTI_ID_LEN];    /* the id it was provisioned under */
    uint32_t account;
    uint32_t counter;                    /* last counter used */
    uint32_t ps_ip;
    uint16_t ps_port;
    struct obti_lt_keys lt;
    uint8_t  ku_pub[OBTI_KU_PUB_LEN];
    uint8_t  ku_priv[OBTI_KU_PRIV_LEN];
};
#define OBTI_RECORD_BLOB_LEN 185u   /* 'OBR1' + fields above, big-endian */
int obti_record_encode(const struct obti_bti_record *r, uint8_t out[OBTI_RECORD_BLOB_LEN]);
int obti_record_decode(const uint8_t *buf, size_t len, struct obti_bti_record *r);

/* Opaque enough: fields are private to bti.c. Size fixed, no heap. */
struct obti_bti {
    struct obti_bti_config cfg;
    struct obti_bti_platform pf;
    int      state;
    int      result;                     /* OBTI_E* once FAILED */
    int      provisioned;
    struct obti_bti_record rec;
    mbedtls_pk_context ps_pub;
    uint32_t session, seq, call_id;
    uint32_t ps_ip;
    uint16_t ps_port, ps_voice_port;
    uint8_t  k[16], sk[16], ak[16], n0[16], n1[16], n2[16], n3[16];
    uint8_t  ku_pub[OBTI_KU_PUB_LEN], ku_priv[OBTI_KU_PRIV_LEN];
    uint32_t pending_account;
    uint32_t rx_seq;                     /* highest peer seq accepted */
    char     called[OBTI_CALLED_MAX + 1];
    /* retransmission of the current request */
    uint8_t  tx[OBTI_MSG_MAX];
    size_t   tx_len;
    uint32_t tx_ip;
    uint16_t tx_port;
    uint8_t  tx_type;
    unsigned tx_tries;
    uint32_t tx_next, tx_interval;
    int      tx_active;
    uint32_t voice_deadline;
    int      voice_active;
    uint8_t  tries_left;
    int      rng_err;                    /* last error of pf.random */
};

/* Init: copies cfg and pf, loads the key store (provisioned or not). */
int  obti_bti_init(struct obti_bti *b, const struct obti_bti_config *cfg,
                   const struct obti_bti_platform *pf);
void obti_bti_free(struct obti_bti *b);     /* wipes secrets */
int  obti_bti_is_provisioned(const struct obti_bti *b);
uint32_t obti_bti_account(const struct obti_bti *b);

/* Start: a call to `called` (611 = provisioning when not provisioned;
 * other numbers send a signed SETUP when provisioned), or a
 * re-registration (provisioned BTI after boot, no user). */
int  obti_bti_dial(struct obti_bti *b, const char *called);
int  obti_bti_register(struct obti_bti *b);

/* Feed one datagram from ip:port. Bad ones are dropped (event DROP). */
void obti_bti_input(struct obti_bti *b, const uint8_t *buf, size_t len,
                    uint32_t src_ip, uint16_t src_port);
/* Retransmissions and timeouts; call when now >= obti_bti_deadline(). */
void obti_bti_tick(struct obti_bti *b);
/* ms from now until the next tick is due (0: now). */
uint32_t obti_bti_deadline(const struct obti_bti *b);
/* Loop with pf.recv until DONE or FAILED. Returns 0 or the failure code. */
int  obti_bti_run(struct obti_bti *b);

int  obti_bti_state(const struct obti_bti *b);
int  obti_bti_result(const struct obti_bti *b);

#ifdef __cplusplus
}
#endif
#endif /* OBTI_BTI_H */
