/* Provisioning voice call of the BTI: SRTP PCMU both ways and the playout
 * buffer (voice.h). */
#include "voice.h"

#include <string.h>

#include "cpu.h"
#include "obti_err.h"

#define RTP_HDR      12u
#define ULAW_SILENCE 0xFFu

/* G.711 mu-law: bias 0x84, eight segments, the code inverted (ITU-T G.711
 * section 3, Table 2a); decode(encode(x)) is what the PCM block's hardware
 * coder gives, so the prompt reaches the highway bit-exact. */
uint8_t voice_ulaw_encode(int16_t s)
{
    int x = s, sign = 0;
    if (x < 0) {
        x = -x;
        sign = 0x80;
    }
    if (x > 32635)
        x = 32635;
    x += 0x84;
    int seg = 7;
    for (int m = 0x4000; (x & m) == 0 && seg > 0; m >>= 1)
        seg--;
    return (uint8_t)~(sign | (seg << 4) | ((x >> (seg + 3)) & 0x0F));
}

int16_t voice_ulaw_decode(uint8_t u)
{
    u = (uint8_t)~u;
    int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
    return (int16_t)((u & 0x80) ? 0x84 - t : t - 0x84);
}

int voice_start(struct voice *v, const struct obti_voice_params *p, voice_send_fn send, void *ctx)
{
    memset(v, 0, sizeof *v);
    memset(v->play, ULAW_SILENCE, sizeof v->play);
    if (obti_srtp_init(&v->tx, OBTI_SRTP_SEND, p->srtp_key, p->ssrc_tx) != 0 ||
        obti_srtp_init(&v->rx, OBTI_SRTP_RECV, p->srtp_key, p->ssrc_rx) != 0) {
        obti_srtp_free(&v->tx);
        obti_srtp_free(&v->rx);
        return OBTI_ECRYPTO;
    }
    v->send = send;
    v->send_ctx = ctx;
    v->ssrc = p->ssrc_tx;
    /* RFC 3550 5.1: random initial sequence number and timestamp; the
     * session id is itself random, so derive both from it. */
    v->seq = (uint16_t)(p->ssrc_tx >> 7);
    v->ts = p->ssrc_tx * 3u;
    v->active = 1;
    return 0;
}

void voice_stop(struct voice *v)
{
    if (!v->active)
        return;
    v->active = 0;
    obti_srtp_free(&v->tx);
    obti_srtp_free(&v->rx);
}

void voice_queue(struct voice *v, const uint8_t *pkt, size_t len)
{
    if (!v->active)
        return;
    if (len > VOICE_QPKT || v->qhead - v->qtail >= VOICE_QUEUE) {
        v->st.rx_qdrop++;
        return;
    }
    memcpy(v->q[v->qhead % VOICE_QUEUE], pkt, len);
    v->qlen[v->qhead % VOICE_QUEUE] = (uint8_t)len;
    v->qhead++;
}

int voice_poll(struct voice *v)
{
    uint8_t buf[VOICE_QPKT];
    size_t rtp_len;
    if (!v->active || v->qtail == v->qhead)
        return 0;
    size_t len = v->qlen[v->qtail % VOICE_QUEUE];
    memcpy(buf, v->q[v->qtail % VOICE_QUEUE], len);
    v->qtail++;
    uint64_t t0 = cpu_cycles();
    int rc = obti_srtp_unprotect(&v->rx, buf, len, &rtp_len);
    v->st.unprotect_cycles += cpu_cycles() - t0;
    /* RTP header: CSRCs and an extension header are skipped; PT must be 0. */
    size_t hl = RTP_HDR + 4u * (buf[0] & 0x0Fu);
    if (rc == 0 && (buf[0] & 0x10u) && rtp_len >= hl + 4)
        hl += 4u + 4u * (((size_t)buf[hl + 2] << 8) | buf[hl + 3]);
    if (rc != 0 || rtp_len < hl || (buf[1] & 0x7Fu) != 0) {
        v->st.rx_bad++;
        return 1;
    }
    v->st.rx_pkts++;
    uint32_t ts = ((uint32_t)buf[4] << 24) | ((uint32_t)buf[5] << 16) | ((uint32_t)buf[6] << 8) | buf[7];
    size_t n = rtp_len - hl;
    if (!v->play_started) {
        v->play_started = 1;
        v->play_ts = ts;
        v->play_pos = 0;
    }
    int32_t off = (int32_t)(ts - v->play_ts);
    if (off < 0) {
        v->st.rx_late++;
        return 1;
    }
    if ((uint32_t)off + n > VOICE_PLAY_BYTES) {
        v->st.rx_overflow++;
        return 1;
    }
    for (size_t i = 0; i < n; i++)
        v->play[(v->play_pos + (uint32_t)off + i) % VOICE_PLAY_BYTES] = buf[hl + i];
    if ((uint32_t)off + n > v->ahead)
        v->ahead = (uint32_t)off + (uint32_t)n;
    return 1;
}

static void send_frame(struct voice *v)
{
    uint8_t pkt[VOICE_PKT_MAX];
    size_t out;
    pkt[0] = 0x80;                        /* V=2, no padding, extension or CSRC */
    pkt[1] = 0;                           /* PT 0: PCMU */
    pkt[2] = (uint8_t)(v->seq >> 8);
    pkt[3] = (uint8_t)v->seq;
    pkt[4] = (uint8_t)(v->ts >> 24);
    pkt[5] = (uint8_t)(v->ts >> 16);
    pkt[6] = (uint8_t)(v->ts >> 8);
    pkt[7] = (uint8_t)v->ts;
    pkt[8] = (uint8_t)(v->ssrc >> 24);
    pkt[9] = (uint8_t)(v->ssrc >> 16);
    pkt[10] = (uint8_t)(v->ssrc >> 8);
    pkt[11] = (uint8_t)v->ssrc;
    memcpy(pkt + RTP_HDR, v->frame, VOICE_FRAME);
    uint64_t t0 = cpu_cycles();
    int rc = obti_srtp_protect(&v->tx, pkt, RTP_HDR + VOICE_FRAME, sizeof pkt, &out);
    v->st.protect_cycles += cpu_cycles() - t0;
    if (rc == 0 && v->send(v->send_ctx, pkt, out) == 0)
        v->st.tx_pkts++;
    v->seq++;
    v->ts += VOICE_FRAME;
}

void voice_audio(struct voice *v, const int16_t *mic, int16_t *ear, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (v->active) {
            v->frame[v->frame_len++] = voice_ulaw_encode(mic[i]);
            if (v->frame_len == VOICE_FRAME) {
                send_frame(v);
                v->frame_len = 0;
            }
        }
        if (v->active && v->play_started) {
            /* Play the slot and free it for the sample VOICE_PLAY_BYTES later. */
            ear[i] = voice_ulaw_decode(v->play[v->play_pos]);
            v->play[v->play_pos] = ULAW_SILENCE;
            v->play_pos = (v->play_pos + 1) % VOICE_PLAY_BYTES;
            v->play_ts++;
            if (v->ahead)
                v->ahead--;
        } else {
            ear[i] = 0;
        }
    }
}
