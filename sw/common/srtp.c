/* SRTP AES_CM_128_HMAC_SHA1_80 (RFC 3711) on mbedTLS's AES and md APIs;
 * see srtp.h and docs/srtp.md. */
#include "srtp.h"

#include <string.h>

#include "mbedtls/platform_util.h"

#define RTP_HDR_MIN 12

static int aes_key(mbedtls_aes_context *aes, const uint8_t key[16])
{
    return mbedtls_aes_setkey_enc(aes, key, 128) == 0 ? 0 : OBTI_SRTP_ECRYPTO;
}

int obti_srtp_aes_cm(mbedtls_aes_context *key, const uint8_t iv[16], uint8_t *buf, size_t len)
{
    /* word aligned: the firmware driver then runs the frame by DMA */
    uint8_t ctr[16] __attribute__((aligned(4))), stream[16];
    size_t off = 0;
    /* The 16-bit block counter cannot wrap: RTP payloads are far shorter
     * than 2^16 blocks, so mbedTLS's 128-bit counter is the same thing. */
    if (len > 0xFFFF * 16u)
        return OBTI_SRTP_EINVAL;
    memcpy(ctr, iv, 16);
    int rc = mbedtls_aes_crypt_ctr(key, len, &off, ctr, stream, buf, buf) == 0 ? 0 : OBTI_SRTP_ECRYPTO;
    mbedtls_platform_zeroize(stream, sizeof stream);
    return rc;
}

int obti_srtp_kdf(const uint8_t master[OBTI_SRTP_MASTER_LEN], uint8_t label, uint8_t *out, size_t len)
{
    mbedtls_aes_context aes;
    uint8_t iv[16] = {0};
    int rc;

    /* x = key_id XOR master_salt, key_id = label || r (r = 0 at rate 0);
     * IV = x * 2^16. */
    memcpy(iv, master + OBTI_SRTP_KEY_LEN, OBTI_SRTP_SALT_LEN);
    iv[7] ^= label;
    memset(out, 0, len);
    mbedtls_aes_init(&aes);
    rc = aes_key(&aes, master);
    if (rc == 0)
        rc = obti_srtp_aes_cm(&aes, iv, out, len);
    mbedtls_aes_free(&aes);
    return rc;
}

/* HMAC-SHA1 with the pads absorbed once per session: per packet, two clones
 * of precomputed SHA-1 states instead of hashing the pads again. */
static int hmac_setup(struct obti_srtp *s, const uint8_t k_a[20])
{
    const mbedtls_md_info_t *sha1 = mbedtls_md_info_from_type(MBEDTLS_MD_SHA1);
    uint8_t pad[64];
    int rc = 0;

    if (sha1 == NULL || mbedtls_md_setup(&s->inner, sha1, 0) != 0 || mbedtls_md_setup(&s->outer, sha1, 0) != 0 ||
        mbedtls_md_setup(&s->work, sha1, 0) != 0)
        return OBTI_SRTP_ECRYPTO;
    memset(pad, 0x36, sizeof pad);
    for (int i = 0; i < 20; i++)
        pad[i] ^= k_a[i];
    if (mbedtls_md_starts(&s->inner) != 0 || mbedtls_md_update(&s->inner, pad, 64) != 0)
        rc = OBTI_SRTP_ECRYPTO;
    memset(pad, 0x5c, sizeof pad);
    for (int i = 0; i < 20; i++)
        pad[i] ^= k_a[i];
    if (rc == 0 && (mbedtls_md_starts(&s->outer) != 0 || mbedtls_md_update(&s->outer, pad, 64) != 0))
        rc = OBTI_SRTP_ECRYPTO;
    mbedtls_platform_zeroize(pad, sizeof pad);
    return rc;
}

/* tag = HMAC-SHA1(k_a, m || ROC)[0..10) */
static int hmac_tag(struct obti_srtp *s, const uint8_t *m, size_t len, uint32_t roc, uint8_t tag[20])
{
    uint8_t r[4] = {(uint8_t)(roc >> 24), (uint8_t)(roc >> 16), (uint8_t)(roc >> 8), (uint8_t)roc};
    if (mbedtls_md_clone(&s->work, &s->inner) != 0 || mbedtls_md_update(&s->work, m, len) != 0 ||
        mbedtls_md_update(&s->work, r, 4) != 0 || mbedtls_md_finish(&s->work, tag) != 0 ||
        mbedtls_md_clone(&s->work, &s->outer) != 0 || mbedtls_md_update(&s->work, tag, 20) != 0 ||
        mbedtls_md_finish(&s->work, tag) != 0)
        return OBTI_SRTP_ECRYPTO;
    return 0;
}

int obti_srtp_init(struct obti_srtp *s, enum obti_srtp_dir dir, const uint8_t master[OBTI_SRTP_MASTER_LEN],
                   uint32_t ssrc)
{
    uint8_t k_e[16], k_a[20];
    int rc;

    if (s == NULL)
        return OBTI_SRTP_EINVAL;
    memset(s, 0, sizeof *s);
    mbedtls_aes_init(&s->aes);
    mbedtls_md_init(&s->inner);
    mbedtls_md_init(&s->outer);
    mbedtls_md_init(&s->work);
    if (master == NULL || (dir != OBTI_SRTP_SEND && dir != OBTI_SRTP_RECV))
        return OBTI_SRTP_EINVAL;
    s->dir = dir;
    s->ssrc = ssrc;
    rc = obti_srtp_kdf(master, 0x00, k_e, sizeof k_e);
    if (rc == 0)
        rc = obti_srtp_kdf(master, 0x01, k_a, sizeof k_a);
    if (rc == 0)
        rc = obti_srtp_kdf(master, 0x02, s->salt, sizeof s->salt);
    if (rc == 0)
        rc = aes_key(&s->aes, k_e);
    if (rc == 0)
        rc = hmac_setup(s, k_a);
    mbedtls_platform_zeroize(k_e, sizeof k_e);
    mbedtls_platform_zeroize(k_a, sizeof k_a);
    return rc;
}

void obti_srtp_free(struct obti_srtp *s)
{
    if (s == NULL)
        return;
    mbedtls_aes_free(&s->aes);
    mbedtls_md_free(&s->inner);
    mbedtls_md_free(&s->outer);
    mbedtls_md_free(&s->work);
    mbedtls_platform_zeroize(s, sizeof *s);
}

/* RTP header length (RFC 3550 5.1, 5.3.1), or 0 if the packet is not
 * version 2 or shorter than its header. */
static size_t rtp_header_len(const uint8_t *p, size_t len)
{
    if (len < RTP_HDR_MIN || (p[0] >> 6) != 2)
        return 0;
    size_t h = RTP_HDR_MIN + 4u * (p[0] & 0x0fu);
    if (p[0] & 0x10u) {                 /* header extension */
        if (len < h + 4)
            return 0;
        h += 4 + 4u * ((size_t)p[h + 2] << 8 | p[h + 3]);
    }
    return h <= len ? h : 0;
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* IV = k_s * 2^16 XOR SSRC * 2^64 XOR index * 2^16 (RFC 3711 4.1.1). */
static void packet_iv(const struct obti_srtp *s, uint64_t index, uint8_t iv[16])
{
    memset(iv, 0, 16);
    memcpy(iv, s->salt, OBTI_SRTP_SALT_LEN);
    for (int i = 0; i < 4; i++)
        iv[4 + i] ^= (uint8_t)(s->ssrc >> (24 - 8 * i));
    for (int i = 0; i < 6; i++)
        iv[8 + i] ^= (uint8_t)(index >> (40 - 8 * i));
}

/* The index of SEQ relative to the highest index so far (RFC 3711 3.3.1,
 * Appendix A): the ROC guess that puts it nearest. Returns 0 and *index, or
 * -1 for a packet from before ROC 0 (it cannot be valid). */
static int estimate_index(const struct obti_srtp *s, uint16_t seq, uint64_t *index)
{
    if (!s->started) {
        *index = seq;                   /* the first packet: ROC 0 */
        return 0;
    }
    uint64_t roc = s->index >> 16;
    uint16_t s_l = (uint16_t)s->index;
    if (s_l < 32768) {
        if (seq > s_l && seq - s_l > 32768) {
            if (roc == 0)
                return -1;
            roc--;
        }
    } else if (seq < s_l - 32768) {
        roc++;
    }
    if (roc > 0xFFFFFFFFull)
        return -1;
    *index = roc << 16 | seq;
    return 0;
}

int obti_srtp_protect(struct obti_srtp *s, uint8_t *pkt, size_t len, size_t cap, size_t *out_len)
{
    uint8_t iv[16], tag[20];
    uint64_t index;
    size_t h;
    int rc;

    if (s == NULL || pkt == NULL || out_len == NULL || s->dir != OBTI_SRTP_SEND)
        return OBTI_SRTP_EINVAL;
    *out_len = 0;
    if ((h = rtp_header_len(pkt, len)) == 0 || get32(pkt + 8) != s->ssrc) {
        s->stats.malformed++;
        return OBTI_SRTP_EINVAL;
    }
    if (cap < len || cap - len < OBTI_SRTP_TAG_LEN)
        return OBTI_SRTP_ESPACE;
    if (estimate_index(s, (uint16_t)(pkt[2] << 8 | pkt[3]), &index) != 0)
        return OBTI_SRTP_EINVAL;
    packet_iv(s, index, iv);
    if ((rc = obti_srtp_aes_cm(&s->aes, iv, pkt + h, len - h)) != 0 ||
        (rc = hmac_tag(s, pkt, len, (uint32_t)(index >> 16), tag)) != 0)
        return rc;
    memcpy(pkt + len, tag, OBTI_SRTP_TAG_LEN);
    if (!s->started || index > s->index)
        s->index = index;
    s->started = 1;
    s->stats.ok++;
    *out_len = len + OBTI_SRTP_TAG_LEN;
    return 0;
}

int obti_srtp_unprotect(struct obti_srtp *s, uint8_t *pkt, size_t len, size_t *out_len)
{
    uint8_t iv[16], tag[20];
    uint64_t index, delta = 0;
    size_t h, rtp_len;
    int rc, newer;

    if (s == NULL || pkt == NULL || out_len == NULL || s->dir != OBTI_SRTP_RECV)
        return OBTI_SRTP_EINVAL;
    *out_len = 0;
    if (len < RTP_HDR_MIN + OBTI_SRTP_TAG_LEN || (h = rtp_header_len(pkt, len - OBTI_SRTP_TAG_LEN)) == 0) {
        s->stats.malformed++;
        return OBTI_SRTP_EINVAL;
    }
    if (get32(pkt + 8) != s->ssrc) {
        s->stats.bad_ssrc++;
        return OBTI_SRTP_ESSRC;
    }
    rtp_len = len - OBTI_SRTP_TAG_LEN;
    if (estimate_index(s, (uint16_t)(pkt[2] << 8 | pkt[3]), &index) != 0) {
        s->stats.replay++;
        return OBTI_SRTP_EREPLAY;
    }
    /* Replay check before the (costlier) authentication, window update only
     * after it (RFC 3711 3.3.2). */
    newer = !s->started || index > s->index;
    if (!newer) {
        delta = s->index - index;
        if (delta >= OBTI_SRTP_WINDOW || (s->window >> delta) & 1u) {
            s->stats.replay++;
            return OBTI_SRTP_EREPLAY;
        }
    }
    if ((rc = hmac_tag(s, pkt, rtp_len, (uint32_t)(index >> 16), tag)) != 0)
        return rc;
    uint8_t diff = 0;                   /* constant time */
    for (int i = 0; i < OBTI_SRTP_TAG_LEN; i++)
        diff |= (uint8_t)(tag[i] ^ pkt[rtp_len + i]);
    if (diff != 0) {
        s->stats.auth_fail++;
        return OBTI_SRTP_EAUTH;
    }
    packet_iv(s, index, iv);
    if ((rc = obti_srtp_aes_cm(&s->aes, iv, pkt + h, rtp_len - h)) != 0)
        return rc;
    if (newer) {
        uint64_t shift = s->started ? index - s->index : 64;
        s->window = shift >= 64 ? 1u : (s->window << shift) | 1u;
        s->index = index;
        s->started = 1;
    } else {
        s->window |= (uint64_t)1 << delta;
    }
    s->stats.ok++;
    *out_len = rtp_len;
    return 0;
}
