/* The provisioning call's voice channel (seed 002 steps 306-309) on the host:
 * RTP/PCMU (PT 0, 160 samples per 20 ms) protected with libsrtp2's
 * AES_CM_128_HMAC_SHA1_80, master key || salt = HKDF-SHA256(ikm=AK,
 * info="obti srtp"). The PS side plays a G.711 mu-law prompt and runs
 * spandsp's DTMF receiver on the decrypted audio; the code ends with '#'.
 * SSRC of the BTI = session id, of the PS = session id ^ 0xFFFFFFFF. */
#ifndef OBTI_VOICE_H
#define OBTI_VOICE_H

#include <stddef.h>
#include <stdint.h>

#define VOICE_FRAME     160         /* samples (= PCMU bytes) per packet */
#define VOICE_PKT_MAX   (12 + 480 + 16)
#define VOICE_CODE_MAX  32

enum voice_role { VOICE_PS, VOICE_BTI };

/* Why voice_rx dropped a packet (negative; counted in struct voice_stats). */
enum voice_drop {
    VOICE_DROP_SHORT = -20,         /* not even an RTP header */
    VOICE_DROP_AUTH = -21,          /* SRTP authentication failed */
    VOICE_DROP_REPLAY = -22,        /* SRTP replay window */
    VOICE_DROP_SSRC = -23,          /* not this session's SSRC */
    VOICE_DROP_FORMAT = -24,        /* not PCMU, or odd payload */
};

struct voice_stats {
    unsigned rx_ok, rx_short, rx_auth, rx_replay, rx_ssrc, rx_format, rx_lost, tx;
};

struct voice;

/* Create the channel; prompt (mu-law bytes, may be NULL) is referenced, not
 * copied. Returns NULL on failure (libsrtp2 or allocation). */
struct voice *voice_new(enum voice_role role, const uint8_t ak[16], uint32_t session_id,
                        const uint8_t *prompt, size_t prompt_len);
/* The same from the 30-byte SRTP master key || salt (struct obti_voice_params). */
struct voice *voice_new_key(enum voice_role role, const uint8_t key[30], uint32_t session_id,
                            const uint8_t *prompt, size_t prompt_len);
void voice_free(struct voice *v);

/* Unprotect and consume one received SRTP packet (buffer is modified).
 * PS role: decoded audio goes to the DTMF receiver. Returns 0 or a voice_drop. */
int voice_rx(struct voice *v, uint8_t *pkt, size_t len);

/* Protect the next 20 ms frame of mu-law audio (len VOICE_FRAME) into out.
 * Returns the packet length or a negative error. */
int voice_tx_frame(struct voice *v, const uint8_t *ulaw, uint8_t *out, size_t cap);

/* PS role: the next prompt frame as an SRTP packet; 0 when the prompt is over
 * (a silent frame's time passes: the RTP timestamp still advances). */
int voice_tx_prompt(struct voice *v, uint8_t *out, size_t cap);

/* PS role: play the prompt again from its start (after a wrong code: the
 * user hears the question again and may retry). */
void voice_prompt_restart(struct voice *v);

/* PS role: the digits before a '#' once one was dialed, or once 5 s passed
 * without a key after some digits (a lost '#'), NUL-terminated into
 * code[VOICE_CODE_MAX]; returns the number of digits, or -1 while not done.
 * Taking the code clears the digit buffer for a retry. */
int voice_take_code(struct voice *v, char *code);

/* BTI role helper for tests and the software BTI: the last frame of audio the
 * channel decoded (mu-law), so a receiver can check what it heard. */
const uint8_t *voice_last_frame(const struct voice *v);

const struct voice_stats *voice_stats(const struct voice *v);

/* Derive the 30-byte SRTP master key || salt from AK. 0 or -1. */
int voice_srtp_key(const uint8_t ak[16], uint8_t out[30]);

/* mu-law (ITU-T G.711) of a 16-bit linear sample and back, through spandsp. */
uint8_t voice_ulaw_encode(int16_t s);
int16_t voice_ulaw_decode(uint8_t u);

#endif /* OBTI_VOICE_H */
