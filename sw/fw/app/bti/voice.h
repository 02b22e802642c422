/* The BTI's side of the provisioning voice call (seed 002 steps 306-309):
 * PCMU 20 ms frames in SRTP AES_CM_128_HMAC_SHA1_80 (sw/common/srtp on the
 * AES engine) to and from the PS, and a playout buffer that hands the
 * decrypted prompt to the PCM highway at 8 kHz in RTP-timestamp order.
 * docs/demo.md "Voice". */
#ifndef OBTI_BTI_VOICE_H
#define OBTI_BTI_VOICE_H

#include <stddef.h>
#include <stdint.h>

#include "obti/bti.h"
#include "srtp.h"

/* Playout buffer in mu-law bytes. In the simulator the host's PS sends the
 * prompt in wall-clock time, 50 to 100 times faster than the simulated
 * clock, so the whole prompt arrives at once: the buffer holds it all.
 * Frames further ahead than this are dropped and counted. */
#define VOICE_PLAY_BYTES 8000u        /* 1 s */
#define VOICE_FRAME      160u         /* samples per RTP packet, 20 ms */
#define VOICE_PKT_MAX    (12u + VOICE_FRAME + OBTI_SRTP_TAG_LEN + 64u)
/* Received datagrams wait here, still encrypted, so that the network
 * loop only copies them (a few hundred cycles) and the MAC's receive ring
 * does not overflow while a burst of prompt packets arrives; they are
 * checked and decrypted one per main-loop turn (voice_poll). */
#define VOICE_QUEUE      32u
#define VOICE_QPKT       (12u + VOICE_FRAME + OBTI_SRTP_TAG_LEN)

struct voice_stats {
    uint32_t tx_pkts, rx_pkts;
    uint32_t rx_bad;          /* SRTP rejected (auth, replay, SSRC, format) */
    uint32_t rx_late;         /* behind the playout point */
    uint32_t rx_overflow;     /* too far ahead for the playout buffer */
    uint32_t rx_qdrop;        /* queue full or packet too long for it */
    uint64_t protect_cycles, unprotect_cycles;
};

/* Sends one datagram to the PS's voice port: 0 or OBTI_E*. */
typedef int (*voice_send_fn)(void *ctx, const uint8_t *pkt, size_t len);

struct voice {
    int active;
    struct obti_srtp tx, rx;
    voice_send_fn send;
    void *send_ctx;
    uint32_t ssrc;
    uint16_t seq;
    uint32_t ts;
    uint8_t frame[VOICE_FRAME];   /* mouthpiece, mu-law, being filled */
    unsigned frame_len;
    /* playout: byte i of play[] is sample (play_ts + i - play_pos) mod size */
    uint8_t play[VOICE_PLAY_BYTES];
    int play_started;
    uint32_t play_ts;             /* RTP timestamp of the next sample to play */
    uint32_t play_pos;            /* its index in play[] */
    uint32_t ahead;               /* samples received beyond play_ts (high-water) */
    uint8_t q[VOICE_QUEUE][VOICE_QPKT];
    uint8_t qlen[VOICE_QUEUE];
    uint32_t qhead, qtail;
    struct voice_stats st;
};

/* G.711 mu-law (ITU-T G.711 Table 2a), for the RTP payload. */
uint8_t voice_ulaw_encode(int16_t s);
int16_t voice_ulaw_decode(uint8_t u);

/* Start with the engine's parameters; 0 or OBTI_ECRYPTO. */
int voice_start(struct voice *v, const struct obti_voice_params *p, voice_send_fn send, void *ctx);
void voice_stop(struct voice *v);

/* One SRTP datagram from the PS: queued (or counted as a drop). */
void voice_queue(struct voice *v, const uint8_t *pkt, size_t len);

/* Take one queued datagram: checked, decrypted, put in the playout buffer
 * (or counted as a drop). Returns 1 if there was one. */
int voice_poll(struct voice *v);

/* n mouthpiece samples in (sent as a packet per 160); n earpiece samples
 * out (silence where nothing was received). */
void voice_audio(struct voice *v, const int16_t *mic, int16_t *ear, size_t n);

#endif /* OBTI_BTI_VOICE_H */
