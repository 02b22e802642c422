/* libsrtp2's AES-ICM-128 and HMAC-SHA1 on mbedTLS (srtp_mbedtls.h). */
#include "srtp_mbedtls.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/aes.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>
#include <srtp2/auth.h>
#include <srtp2/cipher.h>
#include <srtp2/srtp.h>

/* ---- AES-ICM-128 (RFC 3711 4.1.1) ---------------------------------------
 * Counter block = (salt || 0x0000) XOR iv, where libsrtp2's iv carries the
 * SSRC and packet index; the low 16 bits count the blocks of one packet.
 * The keystream continues across encrypt calls until the next set_iv. */
struct icm {
    mbedtls_aes_context aes;
    uint8_t offset[16];             /* salt, low two bytes zero */
    uint8_t counter[16];
    uint8_t stream[16];
    unsigned used;                  /* bytes of stream already consumed (16: none left) */
};

static const srtp_cipher_type_t icm_type;

static srtp_err_status_t icm_alloc(srtp_cipher_t **c, int key_len, int tag_len)
{
    (void)tag_len;
    if (key_len != SRTP_AES_ICM_128_KEY_LEN_WSALT)
        return srtp_err_status_bad_param;
    srtp_cipher_t *cp = calloc(1, sizeof *cp + sizeof(struct icm));
    if (!cp)
        return srtp_err_status_alloc_fail;
    struct icm *s = (struct icm *)(cp + 1);
    mbedtls_aes_init(&s->aes);
    s->used = 16;
    cp->type = &icm_type;
    cp->state = s;
    cp->key_len = key_len;
    cp->algorithm = SRTP_AES_ICM_128;
    *c = cp;
    return srtp_err_status_ok;
}

static srtp_err_status_t icm_dealloc(srtp_cipher_t *c)
{
    struct icm *s = c->state;
    mbedtls_aes_free(&s->aes);
    mbedtls_platform_zeroize(c, sizeof *c + sizeof *s);
    free(c);
    return srtp_err_status_ok;
}

static srtp_err_status_t icm_init(void *state, const uint8_t *key)
{
    struct icm *s = state;
    memset(s->offset, 0, sizeof s->offset);
    memcpy(s->offset, key + SRTP_AES_128_KEY_LEN, SRTP_SALT_LEN);
    memcpy(s->counter, s->offset, 16);
    s->used = 16;
    return mbedtls_aes_setkey_enc(&s->aes, key, 128) ? srtp_err_status_init_fail
                                                      : srtp_err_status_ok;
}

static srtp_err_status_t icm_set_iv(void *state, uint8_t *iv, srtp_cipher_direction_t dir)
{
    (void)dir;
    struct icm *s = state;
    for (int i = 0; i < 16; i++)
        s->counter[i] = s->offset[i] ^ iv[i];
    s->used = 16;
    return srtp_err_status_ok;
}

static srtp_err_status_t icm_crypt(void *state, uint8_t *buf, unsigned int *len)
{
    struct icm *s = state;
    for (unsigned int i = 0; i < *len; i++) {
        if (s->used == 16) {
            if (mbedtls_aes_crypt_ecb(&s->aes, MBEDTLS_AES_ENCRYPT, s->counter, s->stream))
                return srtp_err_status_cipher_fail;
            /* The block counter is the low 16 bits (a packet is far shorter
             * than 2^16 blocks). */
            if (++s->counter[15] == 0)
                ++s->counter[14];
            s->used = 0;
        }
        buf[i] ^= s->stream[s->used++];
    }
    return srtp_err_status_ok;
}

/* RFC 3711 Appendix B.2: session key, session salt, keystream of the first
 * two blocks for SSRC 0 and packet index 0. */
static const uint8_t icm_key[30] = {
    0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
    0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd};
static uint8_t icm_idx[16];
static const uint8_t icm_zero[32];
static const uint8_t icm_stream[32] = {
    0xe0, 0x3e, 0xad, 0x09, 0x35, 0xc9, 0x5e, 0x80, 0xe1, 0x66, 0xb1, 0x6d, 0xd9, 0x2b, 0x4e, 0xb4,
    0xd2, 0x35, 0x13, 0x16, 0x2b, 0x02, 0xd0, 0xf7, 0x2a, 0x43, 0xa2, 0xfe, 0x4a, 0x5f, 0x97, 0xab};
static const srtp_cipher_test_case_t icm_test = {
    .key_length_octets = 30, .key = icm_key, .idx = icm_idx,
    .plaintext_length_octets = 32, .plaintext = icm_zero,
    .ciphertext_length_octets = 32, .ciphertext = icm_stream,
};

static const srtp_cipher_type_t icm_type = {
    .alloc = icm_alloc, .dealloc = icm_dealloc, .init = icm_init,
    .encrypt = icm_crypt, .decrypt = icm_crypt, .set_iv = icm_set_iv,
    .description = "AES-128 integer counter mode (mbedTLS)",
    .test_data = &icm_test, .id = SRTP_AES_ICM_128,
};

/* ---- HMAC-SHA1 (RFC 2104), tag truncated to out_len ------------------------
 * The context is kept ready for the next message (reset after each tag), so
 * start() costs nothing when the last use ended with compute(). */
struct hmac {
    mbedtls_md_context_t md;
    int fresh;                      /* no data since the last reset */
};

static const srtp_auth_type_t hmac_type;

static srtp_err_status_t hmac_alloc(srtp_auth_t **a, int key_len, int out_len)
{
    if (key_len < 0 || key_len > 20 || out_len < 1 || out_len > 20)
        return srtp_err_status_bad_param;
    srtp_auth_t *ap = calloc(1, sizeof *ap + sizeof(struct hmac));
    if (!ap)
        return srtp_err_status_alloc_fail;
    struct hmac *s = (struct hmac *)(ap + 1);
    mbedtls_md_init(&s->md);
    if (mbedtls_md_setup(&s->md, mbedtls_md_info_from_type(MBEDTLS_MD_SHA1), 1)) {
        free(ap);
        return srtp_err_status_alloc_fail;
    }
    ap->type = &hmac_type;
    ap->state = s;
    ap->out_len = out_len;
    ap->key_len = key_len;
    ap->prefix_len = 0;
    *a = ap;
    return srtp_err_status_ok;
}

static srtp_err_status_t hmac_dealloc(srtp_auth_t *a)
{
    struct hmac *s = a->state;
    mbedtls_md_free(&s->md);
    mbedtls_platform_zeroize(a, sizeof *a + sizeof *s);
    free(a);
    return srtp_err_status_ok;
}

static srtp_err_status_t hmac_init(void *state, const uint8_t *key, int key_len)
{
    struct hmac *s = state;
    s->fresh = 1;
    return mbedtls_md_hmac_starts(&s->md, key, (size_t)key_len) ? srtp_err_status_init_fail
                                                                : srtp_err_status_ok;
}

static srtp_err_status_t hmac_start(void *state)
{
    struct hmac *s = state;
    if (!s->fresh && mbedtls_md_hmac_reset(&s->md))
        return srtp_err_status_auth_fail;
    s->fresh = 1;
    return srtp_err_status_ok;
}

static srtp_err_status_t hmac_update(void *state, const uint8_t *buf, int len)
{
    struct hmac *s = state;
    s->fresh = 0;
    return len < 0 || mbedtls_md_hmac_update(&s->md, buf, (size_t)len) ? srtp_err_status_auth_fail
                                                                        : srtp_err_status_ok;
}

static srtp_err_status_t hmac_compute(void *state, const uint8_t *buf, int len, int tag_len,
                                      uint8_t *tag)
{
    struct hmac *s = state;
    uint8_t full[20];
    if (tag_len < 1 || tag_len > 20 || len < 0 ||
        mbedtls_md_hmac_update(&s->md, buf, (size_t)len) ||
        mbedtls_md_hmac_finish(&s->md, full) || mbedtls_md_hmac_reset(&s->md))
        return srtp_err_status_auth_fail;
    s->fresh = 1;
    memcpy(tag, full, (size_t)tag_len);
    mbedtls_platform_zeroize(full, sizeof full);
    return srtp_err_status_ok;
}

/* RFC 2202 section 3, test case 1. */
static const uint8_t hmac_key[20] = {
    0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
    0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b};
static const uint8_t hmac_data[8] = {'H', 'i', ' ', 'T', 'h', 'e', 'r', 'e'};
static const uint8_t hmac_tag[20] = {
    0xb6, 0x17, 0x31, 0x86, 0x55, 0x05, 0x72, 0x64, 0xe2, 0x8b,
    0xc0, 0xb6, 0xfb, 0x37, 0x8c, 0x8e, 0xf1, 0x46, 0xbe, 0x00};
static const srtp_auth_test_case_t hmac_test = {
    .key_length_octets = 20, .key = hmac_key, .data_length_octets = 8, .data = hmac_data,
    .tag_length_octets = 20, .tag = hmac_tag,
};

static const srtp_auth_type_t hmac_type = {
    .alloc = hmac_alloc, .dealloc = hmac_dealloc, .init = hmac_init,
    .compute = hmac_compute, .update = hmac_update, .start = hmac_start,
    .description = "HMAC-SHA1 (mbedTLS)", .test_data = &hmac_test, .id = SRTP_HMAC_SHA1,
};

int srtp_mbedtls_register(void)
{
    /* libsrtp2 runs the new type's own test and the replaced type's test
     * data on it before it takes it. */
    if (srtp_replace_cipher_type(&icm_type, SRTP_AES_ICM_128) != srtp_err_status_ok ||
        srtp_replace_auth_type(&hmac_type, SRTP_HMAC_SHA1) != srtp_err_status_ok)
        return -1;
    return 0;
}
