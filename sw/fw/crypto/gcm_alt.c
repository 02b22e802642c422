/* mbedTLS 2.28 GCM (MBEDTLS_GCM_ALT) on the AES engine (docs/crypto.md).
 * One-shot encryption and authenticated decryption with a 96-bit IV are one
 * engine GCM frame each (aes_gcm_encrypt/decrypt). The streaming API
 * (starts/update/finish), other IV lengths and crypt_and_tag(DECRYPT) use
 * the engine's CTR and GHASH commands: GHASH is continued across commands
 * (aes_ghash), and the counter is split where its low 32 bits wrap, since
 * the engine's CTR mode carries into the upper 96 bits and GCM's inc32 does
 * not. Not reentrant (one engine). */
#include <string.h>

#include "mbedtls/gcm.h"
#include "mbedtls/platform.h"
#include "mbedtls/platform_util.h"

#include "aes.h"
#include "obti_err.h"

#define MAX_FRAME 65520u      /* bytes per engine frame, a multiple of 16 */

static int hw(int rc)
{
    return rc == 0 ? 0 : MBEDTLS_ERR_PLATFORM_HW_ACCEL_FAILED;
}

static void put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

void mbedtls_gcm_init(mbedtls_gcm_context *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    mbedtls_aes_init(&ctx->aes);
}

void mbedtls_gcm_free(mbedtls_gcm_context *ctx)
{
    if (ctx == NULL)
        return;
    mbedtls_aes_free(&ctx->aes);
    mbedtls_platform_zeroize(ctx, sizeof *ctx);
}

int mbedtls_gcm_setkey(mbedtls_gcm_context *ctx, mbedtls_cipher_id_t cipher, const unsigned char *key,
                       unsigned int keybits)
{
    if (ctx == NULL || key == NULL || cipher != MBEDTLS_CIPHER_ID_AES)
        return MBEDTLS_ERR_GCM_BAD_INPUT;
    if (keybits == 192)
        return MBEDTLS_ERR_PLATFORM_FEATURE_UNSUPPORTED;
    if (keybits != 128 && keybits != 256)
        return MBEDTLS_ERR_GCM_BAD_INPUT;
    ctx->state = 0;
    return mbedtls_aes_setkey_enc(&ctx->aes, key, keybits);
}

/* GHASH in chunks the engine takes. */
static int ghash(uint8_t s[16], const uint8_t *in, size_t len)
{
    while (len > 0) {
        size_t n = len < MAX_FRAME ? len : MAX_FRAME;
        obti_aes_alt_count_frame();
        int rc = hw(aes_ghash(s, in, n));
        if (rc != 0)
            return rc;
        in += n;
        len -= n;
    }
    return 0;
}

int mbedtls_gcm_starts(mbedtls_gcm_context *ctx, int mode, const unsigned char *iv, size_t iv_len,
                       const unsigned char *add, size_t add_len)
{
    uint8_t j0[16];
    int rc;

    if (ctx == NULL || (iv == NULL && iv_len) || (add == NULL && add_len) ||
        (mode != MBEDTLS_GCM_ENCRYPT && mode != MBEDTLS_GCM_DECRYPT))
        return MBEDTLS_ERR_GCM_BAD_INPUT;
    /* SP 800-38D limits, as mbedTLS's own gcm.c checks them */
    if (iv_len == 0 || (uint64_t)iv_len >> 61 != 0 || (uint64_t)add_len >> 61 != 0)
        return MBEDTLS_ERR_GCM_BAD_INPUT;
    if ((rc = obti_aes_alt_load(&ctx->aes)) != 0)
        return rc;
    memset(j0, 0, sizeof j0);
    if (iv_len == 12) {
        memcpy(j0, iv, 12);
        j0[15] = 1;
    } else {
        uint8_t lenblk[16] = {0};
        put_be64(lenblk + 8, (uint64_t)iv_len * 8);
        if ((rc = ghash(j0, iv, iv_len)) != 0 || (rc = ghash(j0, lenblk, 16)) != 0)
            return rc;
    }
    obti_aes_alt_count_frame();
    if ((rc = hw(aes_ecb(0, j0, ctx->ek_j0, 16))) != 0)
        return rc;
    memcpy(ctx->ctr, j0, 16);
    for (int i = 15; i >= 12; i--)          /* inc32 */
        if (++ctx->ctr[i] != 0)
            break;
    memset(ctx->s, 0, 16);
    if (add_len && (rc = ghash(ctx->s, add, add_len)) != 0)
        return rc;
    ctx->mode = mode;
    ctx->len = 0;
    ctx->add_len = add_len;
    ctx->state = 1;
    mbedtls_platform_zeroize(j0, sizeof j0);
    return 0;
}

/* CTR with inc32: frames end where the low 32 bits of the counter wrap. */
static int ctr32(uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len)
{
    while (len > 0) {
        uint32_t low = (uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 | (uint32_t)ctr[14] << 8 | ctr[15];
        uint64_t room = ((uint64_t)1 << 32) - low;   /* blocks before the wrap */
        size_t n = len < MAX_FRAME ? len : MAX_FRAME;
        if ((uint64_t)(n + 15) / 16 > room)
            n = (size_t)room * 16;
        uint8_t hi[12];
        memcpy(hi, ctr, 12);
        obti_aes_alt_count_frame();
        int rc = hw(aes_ctr_xor(ctr, in, out, n));
        if (rc != 0)
            return rc;
        memcpy(ctr, hi, 12);                          /* undo any carry out of the low word */
        in += n;
        out += n;
        len -= n;
    }
    return 0;
}

int mbedtls_gcm_update(mbedtls_gcm_context *ctx, size_t length, const unsigned char *input,
                       unsigned char *output)
{
    if (ctx == NULL || (length && (input == NULL || output == NULL)))
        return MBEDTLS_ERR_GCM_BAD_INPUT;
    if (ctx->state != 1 && !(ctx->state == 2 && length == 0))
        return MBEDTLS_ERR_GCM_BAD_INPUT;   /* not started, or data after a partial block */
    if (length == 0)
        return 0;
    /* at most 2^32 - 2 blocks of data (SP 800-38D) */
    if (ctx->len + length < ctx->len || ctx->len + length > 0xFFFFFFFE0ull)
        return MBEDTLS_ERR_GCM_BAD_INPUT;
    int rc = obti_aes_alt_load(&ctx->aes);
    if (rc != 0)
        return rc;
    /* The hash covers the ciphertext: the input when decrypting, the output
     * when encrypting. For an in-place decryption hash before decrypting. */
    if (ctx->mode == MBEDTLS_GCM_DECRYPT) {
        if ((rc = ghash(ctx->s, input, length)) != 0 || (rc = ctr32(ctx->ctr, input, output, length)) != 0)
            return rc;
    } else {
        if ((rc = ctr32(ctx->ctr, input, output, length)) != 0 || (rc = ghash(ctx->s, output, length)) != 0)
            return rc;
    }
    ctx->len += length;
    if (length % 16)
        ctx->state = 2;
    return 0;
}

int mbedtls_gcm_finish(mbedtls_gcm_context *ctx, unsigned char *tag, size_t tag_len)
{
    uint8_t lenblk[16];
    if (ctx == NULL || tag == NULL || tag_len < 4 || tag_len > 16 || ctx->state == 0)
        return MBEDTLS_ERR_GCM_BAD_INPUT;
    int rc = obti_aes_alt_load(&ctx->aes);
    if (rc != 0)
        return rc;
    put_be64(lenblk, ctx->add_len * 8);
    put_be64(lenblk + 8, ctx->len * 8);
    if ((rc = ghash(ctx->s, lenblk, 16)) != 0)
        return rc;
    for (size_t i = 0; i < tag_len; i++)
        tag[i] = (unsigned char)(ctx->s[i] ^ ctx->ek_j0[i]);
    mbedtls_platform_zeroize(ctx->ek_j0, sizeof ctx->ek_j0);
    mbedtls_platform_zeroize(ctx->s, sizeof ctx->s);
    ctx->state = 0;
    return 0;
}

static int streamed(mbedtls_gcm_context *ctx, int mode, size_t length, const unsigned char *iv,
                    size_t iv_len, const unsigned char *add, size_t add_len, const unsigned char *input,
                    unsigned char *output, size_t tag_len, unsigned char *tag)
{
    int rc = mbedtls_gcm_starts(ctx, mode, iv, iv_len, add, add_len);
    if (rc == 0)
        rc = mbedtls_gcm_update(ctx, length, input, output);
    if (rc == 0)
        rc = mbedtls_gcm_finish(ctx, tag, tag_len);
    return rc;
}

int mbedtls_gcm_crypt_and_tag(mbedtls_gcm_context *ctx, int mode, size_t length, const unsigned char *iv,
                              size_t iv_len, const unsigned char *add, size_t add_len,
                              const unsigned char *input, unsigned char *output, size_t tag_len,
                              unsigned char *tag)
{
    if (ctx == NULL || tag == NULL || tag_len < 4 || tag_len > 16 || (length && (input == NULL || output == NULL)) ||
        (add_len && add == NULL) || (iv_len && iv == NULL))
        return MBEDTLS_ERR_GCM_BAD_INPUT;
    /* The common case: one engine frame. */
    if (mode == MBEDTLS_GCM_ENCRYPT && iv_len == 12 && length <= AES_MAX_LEN && add_len <= AES_MAX_LEN) {
        int rc = obti_aes_alt_load(&ctx->aes);
        if (rc != 0)
            return rc;
        obti_aes_alt_count_frame();
        return hw(aes_gcm_encrypt(iv, iv_len, add, add_len, input, output, length, tag, tag_len));
    }
    return streamed(ctx, mode, length, iv, iv_len, add, add_len, input, output, tag_len, tag);
}

int mbedtls_gcm_auth_decrypt(mbedtls_gcm_context *ctx, size_t length, const unsigned char *iv, size_t iv_len,
                             const unsigned char *add, size_t add_len, const unsigned char *tag, size_t tag_len,
                             const unsigned char *input, unsigned char *output)
{
    unsigned char check[16];
    int rc;

    if (ctx == NULL || tag == NULL || tag_len < 4 || tag_len > 16 || (length && (input == NULL || output == NULL)) ||
        (add_len && add == NULL) || (iv_len && iv == NULL))
        return MBEDTLS_ERR_GCM_BAD_INPUT;
    if (iv_len == 12 && length <= AES_MAX_LEN && add_len <= AES_MAX_LEN) {
        if ((rc = obti_aes_alt_load(&ctx->aes)) != 0)
            return rc;
        obti_aes_alt_count_frame();
        rc = aes_gcm_decrypt(iv, iv_len, add, add_len, input, output, length, tag, tag_len);
        if (rc == OBTI_EAUTH)
            return MBEDTLS_ERR_GCM_AUTH_FAILED;   /* the driver wiped the output */
        return hw(rc);
    }
    rc = streamed(ctx, MBEDTLS_GCM_DECRYPT, length, iv, iv_len, add, add_len, input, output, tag_len, check);
    if (rc != 0)
        return rc;
    unsigned char diff = 0;                      /* constant time */
    for (size_t i = 0; i < tag_len; i++)
        diff |= (unsigned char)(check[i] ^ tag[i]);
    mbedtls_platform_zeroize(check, sizeof check);
    if (diff != 0) {
        mbedtls_platform_zeroize(output, length);
        return MBEDTLS_ERR_GCM_AUTH_FAILED;
    }
    return 0;
}
