/* mbedTLS 2.28 AES (MBEDTLS_AES_ALT) on the AES engine: ECB, CBC and CTR are
 * engine frames (a whole buffer per command), CFB and OFB chain single-block
 * ECB frames in software. AES-192 is not in the engine and reports
 * MBEDTLS_ERR_PLATFORM_FEATURE_UNSUPPORTED, which mbedTLS's self-tests skip.
 * Not reentrant: the engine has one key and one frame at a time. */
#include <string.h>

#include "mbedtls/aes.h"
#include "mbedtls/platform.h"
#include "mbedtls/platform_util.h"

#include "aes.h"
#include "obti_err.h"

/* Frames per driver call: multiples of 16 below the engine's 65535. */
#define CHUNK 65520u

static int engine_ready;
static struct obti_aes_alt_stats stats;

void obti_aes_alt_stats(struct obti_aes_alt_stats *st)
{
    *st = stats;
}

/* Kept for callers written before the driver's key serial: the serial now
 * notices any key change made through the driver. */
void obti_aes_alt_forget(void)
{
}

void obti_aes_alt_count_frame(void)
{
    stats.frames++;
}

static int hw_err(int rc)
{
    return rc == 0 ? 0 : MBEDTLS_ERR_PLATFORM_HW_ACCEL_FAILED;
}

/* ctx->id is the driver's key serial of the load that put ctx's key in the
 * engine: any other load or clear since (by mbedTLS or by code using the
 * driver directly) changes the serial, and the key is loaded again. */
static inline int key_is_loaded(const mbedtls_aes_context *ctx)
{
    return ctx->id != 0 && ctx->id == aes_key_serial();
}

int obti_aes_alt_load(mbedtls_aes_context *ctx)
{
    if (ctx->keybytes == 0)
        return MBEDTLS_ERR_AES_BAD_INPUT_DATA;
    if (!engine_ready) {
        aes_init();
        engine_ready = 1;
    }
    if (key_is_loaded(ctx))
        return 0;
    if (aes_set_key((const uint8_t *)ctx->key, ctx->keybytes) != 0)
        return MBEDTLS_ERR_PLATFORM_HW_ACCEL_FAILED;
    ctx->id = aes_key_serial();
    stats.key_loads++;
    return 0;
}

void mbedtls_aes_init(mbedtls_aes_context *ctx)
{
    memset(ctx, 0, sizeof *ctx);
}

void mbedtls_aes_free(mbedtls_aes_context *ctx)
{
    if (ctx == NULL)
        return;
    if (key_is_loaded(ctx))
        aes_clear_key();             /* the key leaves the engine with its context */
    mbedtls_platform_zeroize(ctx, sizeof *ctx);
}

static int setkey(mbedtls_aes_context *ctx, const unsigned char *key, unsigned int keybits)
{
    if (keybits == 192)
        return MBEDTLS_ERR_PLATFORM_FEATURE_UNSUPPORTED;
    if (keybits != 128 && keybits != 256)
        return MBEDTLS_ERR_AES_INVALID_KEY_LENGTH;
    ctx->id = 0;                     /* the engine's copy, if any, is stale now */
    memcpy(ctx->key, key, keybits / 8);
    ctx->keybytes = keybits / 8;
    return 0;
}

/* The engine derives the decryption key itself: both directions keep the key. */
int mbedtls_aes_setkey_enc(mbedtls_aes_context *ctx, const unsigned char *key, unsigned int keybits)
{
    return setkey(ctx, key, keybits);
}

int mbedtls_aes_setkey_dec(mbedtls_aes_context *ctx, const unsigned char *key, unsigned int keybits)
{
    return setkey(ctx, key, keybits);
}

/* Byte copies for unaligned blocks, kept as loads and stores (not turned
 * into a memcpy call, which costs more than the engine's whole block). */
__attribute__((optimize("no-tree-loop-distribute-patterns")))
static inline void copy16(unsigned char *d, const unsigned char *s)
{
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++)
        d[i] = s[i];
}

__attribute__((optimize("no-tree-loop-distribute-patterns")))
static inline void xor16(unsigned char *d, const unsigned char *a, const unsigned char *b)
{
#pragma GCC unroll 16
    for (int i = 0; i < 16; i++)
        d[i] = (unsigned char)(a[i] ^ b[i]);
}

/* One block: aligned buffers go straight to the engine, others through an
 * aligned copy (the data block is not a secret worth wiping: the caller
 * holds it too). */
static int ecb(mbedtls_aes_context *ctx, int decrypt, const unsigned char in[16], unsigned char out[16])
{
    if (!key_is_loaded(ctx)) {
        int rc = obti_aes_alt_load(ctx);
        if (rc != 0)
            return rc;
    }
    stats.frames++;
    if ((((uintptr_t)in | (uintptr_t)out) & 3u) == 0)
        return hw_err(aes_ecb_block(decrypt, (const uint32_t *)(const void *)in, (uint32_t *)(void *)out));
    uint32_t w[4];
    copy16((unsigned char *)w, in);
    int rc = hw_err(aes_ecb_block(decrypt, w, w));
    copy16(out, (const unsigned char *)w);
    return rc;
}

int mbedtls_internal_aes_encrypt(mbedtls_aes_context *ctx, const unsigned char input[16],
                                 unsigned char output[16])
{
    return ecb(ctx, 0, input, output);
}

int mbedtls_internal_aes_decrypt(mbedtls_aes_context *ctx, const unsigned char input[16],
                                 unsigned char output[16])
{
    return ecb(ctx, 1, input, output);
}

#if !defined(MBEDTLS_DEPRECATED_REMOVED)
void mbedtls_aes_encrypt(mbedtls_aes_context *ctx, const unsigned char input[16], unsigned char output[16])
{
    (void)ecb(ctx, 0, input, output);
}

void mbedtls_aes_decrypt(mbedtls_aes_context *ctx, const unsigned char input[16], unsigned char output[16])
{
    (void)ecb(ctx, 1, input, output);
}
#endif

int mbedtls_aes_crypt_ecb(mbedtls_aes_context *ctx, int mode, const unsigned char input[16],
                          unsigned char output[16])
{
    if (mode != MBEDTLS_AES_ENCRYPT && mode != MBEDTLS_AES_DECRYPT)
        return MBEDTLS_ERR_AES_BAD_INPUT_DATA;
    return ecb(ctx, mode == MBEDTLS_AES_DECRYPT, input, output);
}

#if defined(MBEDTLS_CIPHER_MODE_CBC)
int mbedtls_aes_crypt_cbc(mbedtls_aes_context *ctx, int mode, size_t length, unsigned char iv[16],
                          const unsigned char *input, unsigned char *output)
{
    if (mode != MBEDTLS_AES_ENCRYPT && mode != MBEDTLS_AES_DECRYPT)
        return MBEDTLS_ERR_AES_BAD_INPUT_DATA;
    if (length % 16)
        return MBEDTLS_ERR_AES_INVALID_INPUT_LENGTH;
    if (length == 16) {
        /* one block: an ECB block and the chaining in software, cheaper
         * than a CBC frame (IV registers, chaining copies) */
        unsigned char t[16] __attribute__((aligned(4)));
        int rc;
        if (mode == MBEDTLS_AES_ENCRYPT) {
            xor16(t, input, iv);
            if ((rc = ecb(ctx, 0, t, output)) == 0)
                copy16(iv, output);
        } else {
            copy16(t, input);               /* input may be output */
            if ((rc = ecb(ctx, 1, input, output)) == 0) {
                xor16(output, output, iv);
                copy16(iv, t);
            }
        }
        return rc;
    }
    int rc = obti_aes_alt_load(ctx);
    while (rc == 0 && length > 0) {
        size_t n = length < CHUNK ? length : CHUNK;
        stats.frames++;
        rc = hw_err(mode == MBEDTLS_AES_ENCRYPT ? aes_cbc_encrypt(iv, input, output, n)
                                                : aes_cbc_decrypt(iv, input, output, n));
        input += n;
        output += n;
        length -= n;
    }
    return rc;
}
#endif

#if defined(MBEDTLS_CIPHER_MODE_CFB)
int mbedtls_aes_crypt_cfb128(mbedtls_aes_context *ctx, int mode, size_t length, size_t *iv_off,
                             unsigned char iv[16], const unsigned char *input, unsigned char *output)
{
    size_t n = *iv_off;
    if (mode != MBEDTLS_AES_ENCRYPT && mode != MBEDTLS_AES_DECRYPT)
        return MBEDTLS_ERR_AES_BAD_INPUT_DATA;
    if (n > 15)
        return MBEDTLS_ERR_AES_BAD_INPUT_DATA;
    while (length--) {
        if (n == 0) {
            int rc = ecb(ctx, 0, iv, iv);   /* iv now holds the keystream block */
            if (rc != 0)
                return rc;
        }
        unsigned char c = *input++;
        *output++ = (unsigned char)(c ^ iv[n]);
        iv[n] = mode == MBEDTLS_AES_ENCRYPT ? (unsigned char)(c ^ iv[n]) : c;
        n = (n + 1) & 15;
    }
    *iv_off = n;
    return 0;
}

int mbedtls_aes_crypt_cfb8(mbedtls_aes_context *ctx, int mode, size_t length, unsigned char iv[16],
                           const unsigned char *input, unsigned char *output)
{
    unsigned char ks[16];
    if (mode != MBEDTLS_AES_ENCRYPT && mode != MBEDTLS_AES_DECRYPT)
        return MBEDTLS_ERR_AES_BAD_INPUT_DATA;
    while (length--) {
        int rc = ecb(ctx, 0, iv, ks);
        if (rc != 0)
            return rc;
        unsigned char c = *input++;
        unsigned char o = (unsigned char)(c ^ ks[0]);
        *output++ = o;
        memmove(iv, iv + 1, 15);
        iv[15] = mode == MBEDTLS_AES_ENCRYPT ? o : c;   /* the ciphertext byte shifts in */
    }
    mbedtls_platform_zeroize(ks, sizeof ks);
    return 0;
}
#endif

#if defined(MBEDTLS_CIPHER_MODE_OFB)
int mbedtls_aes_crypt_ofb(mbedtls_aes_context *ctx, size_t length, size_t *iv_off, unsigned char iv[16],
                          const unsigned char *input, unsigned char *output)
{
    size_t n = *iv_off;
    if (n > 15)
        return MBEDTLS_ERR_AES_BAD_INPUT_DATA;
    while (length--) {
        if (n == 0) {
            int rc = ecb(ctx, 0, iv, iv);
            if (rc != 0)
                return rc;
        }
        *output++ = (unsigned char)(*input++ ^ iv[n]);
        n = (n + 1) & 15;
    }
    *iv_off = n;
    return 0;
}
#endif

#if defined(MBEDTLS_CIPHER_MODE_CTR)
static void ctr_inc(unsigned char c[16])
{
    for (int i = 15; i >= 0; i--)
        if (++c[i] != 0)
            break;
}

/* mbedTLS's CTR contract: nc_off bytes of stream_block are used up; the
 * counter is the next block to encrypt. Whole blocks go to the engine as one
 * CTR frame, a tail is one ECB block kept in stream_block. */
int mbedtls_aes_crypt_ctr(mbedtls_aes_context *ctx, size_t length, size_t *nc_off,
                          unsigned char nonce_counter[16], unsigned char stream_block[16],
                          const unsigned char *input, unsigned char *output)
{
    size_t n = *nc_off;
    int rc;
    if (n > 15)
        return MBEDTLS_ERR_AES_BAD_INPUT_DATA;
    while (n != 0 && length > 0) {
        *output++ = (unsigned char)(*input++ ^ stream_block[n]);
        n = (n + 1) & 15;
        length--;
    }
    size_t whole = length & ~(size_t)15;
    if (whole || length) {
        rc = obti_aes_alt_load(ctx);
        if (rc != 0)
            return rc;
    }
    while (whole > 0) {
        size_t c = whole < CHUNK ? whole : CHUNK;
        stats.frames++;
        rc = hw_err(aes_ctr_xor(nonce_counter, input, output, c));   /* advances the counter */
        if (rc != 0)
            return rc;
        input += c;
        output += c;
        whole -= c;
        length -= c;
    }
    if (length > 0) {
        rc = ecb(ctx, 0, nonce_counter, stream_block);
        if (rc != 0)
            return rc;
        ctr_inc(nonce_counter);
        for (; n < length; n++)
            output[n] = (unsigned char)(input[n] ^ stream_block[n]);
    }
    *nc_off = n;
    return 0;
}
#endif
