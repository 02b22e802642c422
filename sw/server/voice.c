/* The provisioning call's voice channel: libsrtp2 + G.711 + spandsp DTMF (voice.h). */
#define _POSIX_C_SOURCE 200809L
#include "voice.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/platform_util.h>
#include <spandsp.h>
#include <srtp2/srtp.h>

#include "obti/prot.h"
#include "srtp_mbedtls.h"

struct voice {
    enum voice_role role;
    srtp_t srtp;
    uint32_t ssrc_rx, ssrc_tx;
    uint16_t tx_seq;
    uint32_t tx_ts;
    const uint8_t *prompt;
    size_t prompt_len, prompt_pos;
    dtmf_rx_state_t *dtmf;
    char digits[VOICE_CODE_MAX];
    size_t ndigits;
    int code_ready;
    int have_rx;
    uint16_t last_seq;
    int cur_digit;                  /* key press in progress (0: none) */
    uint32_t cur_seen_ts;           /* RTP time the detector last reported it */
    unsigned quiet_frames;          /* received frames in a row without a tone */
    uint8_t last_frame[VOICE_FRAME];
    struct voice_stats st;
};

static int srtp_ready;

/* libsrtp2 with its AES-ICM and HMAC-SHA1 computed by mbedTLS, not NSS
 * (srtp_mbedtls.h: NSS made a channel cost time linear in the number of
 * channels alive). */
static int srtp_start(void)
{
    if (srtp_ready)
        return 0;
    if (srtp_init() != srtp_err_status_ok || srtp_mbedtls_register())
        return -1;
    srtp_ready = 1;
    return 0;
}

int voice_srtp_key(const uint8_t ak[16], uint8_t out[30])
{
    return obti_srtp_key_derive(ak, out) ? -1 : 0;   /* sw/common, docs/protocol.md */
}

uint8_t voice_ulaw_encode(int16_t s) { return linear_to_ulaw(s); }
int16_t voice_ulaw_decode(uint8_t u) { return ulaw_to_linear(u); }

/* Key presses from the detector's per-frame status, on the RTP clock. A key
 * is released when the detector reports no tone in two received frames in a
 * row; a key reported again after that is a new press. Without that
 * evidence (frames lost and concealed, or a glitch at a concealed frame), a
 * key reported again within VOICE_GAP_TS of its last report is the same
 * press. So lost packets neither split nor merge key presses, and keys
 * 50 ms on / 50 ms off are still told apart on a clean channel. */
#define VOICE_PLC_MAX 3
#define VOICE_GAP_TS (8u * 96u)        /* 96 ms in 8 kHz samples */
#define VOICE_RELEASE_FRAMES 2
/* A code whose '#' got lost ends after this long without a new key. */
#define VOICE_INTERDIGIT_TS (8u * 5000u)

static void on_status(struct voice *v, int s, uint32_t ts, int concealed)
{
    if (s == 0) {
        if (!concealed && v->quiet_frames < 255)
            v->quiet_frames++;
        return;
    }
    if (s == 'x')
        return;
    int released = v->quiet_frames >= VOICE_RELEASE_FRAMES;
    v->quiet_frames = 0;
    if (s == v->cur_digit && !released && ts - v->cur_seen_ts <= VOICE_GAP_TS) {
        v->cur_seen_ts = ts;
        return;
    }
    v->cur_digit = s;
    v->cur_seen_ts = ts;
    if (v->code_ready)
        return;                         /* digits after '#' wait for the take */
    if (s == '#')
        v->code_ready = 1;
    else if (v->ndigits < VOICE_CODE_MAX - 1)
        v->digits[v->ndigits++] = (char)s;
}

struct voice *voice_new(enum voice_role role, const uint8_t ak[16], uint32_t session_id,
                        const uint8_t *prompt, size_t prompt_len)
{
    uint8_t key[30];
    if (voice_srtp_key(ak, key))
        return NULL;
    struct voice *v = voice_new_key(role, key, session_id, prompt, prompt_len);
    mbedtls_platform_zeroize(key, sizeof key);
    return v;
}

struct voice *voice_new_key(enum voice_role role, const uint8_t key[30], uint32_t session_id,
                            const uint8_t *prompt, size_t prompt_len)
{
    if (srtp_start())
        return NULL;
    struct voice *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->role = role;
    uint32_t bti = session_id, ps = session_id ^ 0xFFFFFFFFu;
    v->ssrc_rx = role == VOICE_PS ? bti : ps;
    v->ssrc_tx = role == VOICE_PS ? ps : bti;
    v->prompt = prompt;
    v->prompt_len = prompt_len;
    /* RTP sequence and timestamp start at values derived from the session:
     * both are public in the header; RFC 3550's randomness is not a secret. */
    v->tx_seq = (uint16_t)(v->ssrc_tx * 2654435761u >> 16);
    v->tx_ts = v->ssrc_tx * 40503u;

    uint8_t keycopy[30];
    memcpy(keycopy, key, sizeof keycopy);
    srtp_policy_t pol[2];
    memset(pol, 0, sizeof pol);
    for (int i = 0; i < 2; i++) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&pol[i].rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&pol[i].rtcp);
        pol[i].ssrc.type = ssrc_specific;
        pol[i].key = keycopy;
        pol[i].window_size = 128;
        pol[i].allow_repeat_tx = 0;
    }
    pol[0].ssrc.value = v->ssrc_rx;
    pol[1].ssrc.value = v->ssrc_tx;
    pol[0].next = &pol[1];
    srtp_err_status_t e = srtp_create(&v->srtp, pol);
    mbedtls_platform_zeroize(keycopy, sizeof keycopy);
    if (e != srtp_err_status_ok)
        goto fail;
    if (role == VOICE_PS) {
        v->dtmf = dtmf_rx_init(NULL, NULL, NULL);
        if (!v->dtmf)
            goto fail;
    }
    memset(v->last_frame, 0xFF, sizeof v->last_frame);   /* mu-law silence */
    return v;
fail:
    voice_free(v);
    return NULL;
}

void voice_free(struct voice *v)
{
    if (!v)
        return;
    if (v->srtp)
        srtp_dealloc(v->srtp);
    if (v->dtmf)
        dtmf_rx_free(v->dtmf);
    mbedtls_platform_zeroize(v, sizeof *v);
    free(v);
}

static void feed(struct voice *v, const uint8_t *ulaw, size_t n, uint32_t ts, int concealed)
{
    int16_t lin[VOICE_FRAME * 3];
    if (!v->dtmf)
        return;
    for (size_t i = 0; i < n; i++)
        lin[i] = ulaw_to_linear(ulaw[i]);
    dtmf_rx(v->dtmf, lin, (int)n);
    on_status(v, dtmf_rx_status(v->dtmf), ts, concealed);
    if (!v->code_ready && v->ndigits > 0 && ts - v->cur_seen_ts > VOICE_INTERDIGIT_TS)
        v->code_ready = 1;
}

int voice_rx(struct voice *v, uint8_t *pkt, size_t len)
{
    if (len < 12 || len > VOICE_PKT_MAX || (pkt[0] & 0xC0) != 0x80) {
        v->st.rx_short++;
        return VOICE_DROP_SHORT;
    }
    uint32_t ssrc = (uint32_t)pkt[8] << 24 | (uint32_t)pkt[9] << 16 | (uint32_t)pkt[10] << 8 | pkt[11];
    if (ssrc != v->ssrc_rx) {
        v->st.rx_ssrc++;
        return VOICE_DROP_SSRC;
    }
    int n = (int)len;
    srtp_err_status_t e = srtp_unprotect(v->srtp, pkt, &n);
    if (e == srtp_err_status_replay_fail || e == srtp_err_status_replay_old) {
        v->st.rx_replay++;
        return VOICE_DROP_REPLAY;
    }
    if (e != srtp_err_status_ok) {
        v->st.rx_auth++;
        return VOICE_DROP_AUTH;
    }
    /* Authenticated: header fields are now trusted. No CSRC/extension expected. */
    if ((pkt[0] & 0x3F) != 0 || (pkt[1] & 0x7F) != 0 || n - 12 <= 0 || n - 12 > 3 * VOICE_FRAME) {
        v->st.rx_format++;
        return VOICE_DROP_FORMAT;
    }
    uint16_t seq = (uint16_t)(pkt[2] << 8 | pkt[3]);
    uint32_t ts = (uint32_t)pkt[4] << 24 | (uint32_t)pkt[5] << 16 | (uint32_t)pkt[6] << 8 | pkt[7];
    if (v->have_rx) {
        uint16_t gap = (uint16_t)(seq - v->last_seq);
        if (gap == 0 || gap > 0x8000) {
            v->st.rx_format++;          /* late (reordered) frame: too late to play */
            return VOICE_DROP_FORMAT;
        }
        v->st.rx_lost += (unsigned)gap - 1u;
        /* Lost frames: up to VOICE_PLC_MAX repeat the last one (holds a tone
         * through a short gap), longer gaps let the detector skip the time
         * (spandsp's fill-in). */
        for (uint16_t i = 1; i < gap && i <= 50; i++) {
            if (i <= VOICE_PLC_MAX)
                feed(v, v->last_frame, VOICE_FRAME, ts - (uint32_t)(gap - i) * VOICE_FRAME, 1);
            else if (v->dtmf)
                dtmf_rx_fillin(v->dtmf, VOICE_FRAME);
        }
    }
    v->have_rx = 1;
    v->last_seq = seq;
    size_t pl = (size_t)n - 12;
    feed(v, pkt + 12, pl, ts + (uint32_t)pl, 0);
    memcpy(v->last_frame, pkt + 12 + (pl > VOICE_FRAME ? pl - VOICE_FRAME : 0),
           pl < VOICE_FRAME ? pl : VOICE_FRAME);
    v->st.rx_ok++;
    return 0;
}

int voice_tx_frame(struct voice *v, const uint8_t *ulaw, uint8_t *out, size_t cap)
{
    if (cap < 12 + VOICE_FRAME + SRTP_MAX_TRAILER_LEN)
        return -1;
    out[0] = 0x80;
    out[1] = 0;                         /* PT 0 PCMU */
    out[2] = (uint8_t)(v->tx_seq >> 8);
    out[3] = (uint8_t)v->tx_seq;
    for (int i = 0; i < 4; i++) {
        out[4 + i] = (uint8_t)(v->tx_ts >> (24 - 8 * i));
        out[8 + i] = (uint8_t)(v->ssrc_tx >> (24 - 8 * i));
    }
    memcpy(out + 12, ulaw, VOICE_FRAME);
    int n = 12 + VOICE_FRAME;
    if (srtp_protect(v->srtp, out, &n) != srtp_err_status_ok)
        return -1;
    v->tx_seq++;
    v->tx_ts += VOICE_FRAME;
    v->st.tx++;
    return n;
}

int voice_tx_prompt(struct voice *v, uint8_t *out, size_t cap)
{
    if (!v->prompt)
        return 0;
    if (v->prompt_pos >= v->prompt_len) {
        /* Silence is not sent, but its time passes: the RTP timestamp
         * follows the sampling clock (RFC 3550 5.1), so that a prompt
         * played again later lands at the right place in the BTI's
         * playout buffer instead of in its past. */
        v->tx_ts += VOICE_FRAME;
        return 0;
    }
    uint8_t frame[VOICE_FRAME];
    size_t n = v->prompt_len - v->prompt_pos;
    if (n > VOICE_FRAME)
        n = VOICE_FRAME;
    memset(frame, 0xFF, sizeof frame);
    memcpy(frame, v->prompt + v->prompt_pos, n);
    v->prompt_pos += n;
    return voice_tx_frame(v, frame, out, cap);
}

void voice_prompt_restart(struct voice *v)
{
    v->prompt_pos = 0;
}

int voice_take_code(struct voice *v, char *code)
{
    if (!v->code_ready)
        return -1;
    int n = (int)v->ndigits;
    memcpy(code, v->digits, v->ndigits);
    code[v->ndigits] = 0;
    mbedtls_platform_zeroize(v->digits, sizeof v->digits);
    v->ndigits = 0;
    v->code_ready = 0;
    return n;
}

const uint8_t *voice_last_frame(const struct voice *v) { return v->last_frame; }
const struct voice_stats *voice_stats(const struct voice *v) { return &v->st; }
