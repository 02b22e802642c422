/* AES engine through the driver on the SoC: the known answers of FIPS-197,
 * SP 800-38A (ECB, CBC, CTR), RFC 3711 B.2, RFC 7714 16.1.1 and a spread
 * of the NIST CAVP ECB/CBC/CTR/GCM files (table generated at build time by
 * tests/rtl/aes/vectors.py), buffers aligned and unaligned; key clear; and
 * the frame timings with mcycle ("bench NAME VALUE" lines for make bench). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "mbedtls/aes.h"

#include "aes.h"
#include "cpu.h"
#include "aestest_vectors_types.h"

static unsigned passed, failed;

static void result(int ok, const char *what)
{
    if (ok) passed++;
    else { failed++; printf("FAIL %s\n", what); }
}

static uint8_t bufin[512 + 4], bufout[512 + 4];

/* Run one case with the input and output at byte offset `mis` from a word. */
static int run_case(const struct aestv *t, unsigned mis)
{
    uint8_t iv[16], tag[16];
    uint8_t *in = bufin + mis, *out = bufout + mis;
    int rc;

    if (t->len > 512) return 0;
    memcpy(in, t->in, t->len);
    if (aes_set_key((const uint8_t *)t->key, t->keylen)) return 0;
    if (t->ivlen == 16) memcpy(iv, t->iv, 16);
    switch (t->op) {
    case AESTV_ECB_E: rc = aes_ecb(0, in, out, t->len); break;
    case AESTV_ECB_D: rc = aes_ecb(1, in, out, t->len); break;
    case AESTV_CBC_E: rc = aes_cbc_encrypt(iv, in, out, t->len); break;
    case AESTV_CBC_D: rc = aes_cbc_decrypt(iv, in, out, t->len); break;
    case AESTV_CTR:   rc = aes_ctr_xor(iv, in, out, t->len); break;
    case AESTV_GCM_E:
        rc = aes_gcm_encrypt((const uint8_t *)t->iv, t->ivlen, (const uint8_t *)t->aad, t->aadlen,
                             in, out, t->len, tag, t->taglen);
        return rc == 0 && memcmp(out, t->out, t->len) == 0 && memcmp(tag, t->tag, t->taglen) == 0;
    default:
        rc = aes_gcm_decrypt((const uint8_t *)t->iv, t->ivlen, (const uint8_t *)t->aad, t->aadlen,
                             in, out, t->len, (const uint8_t *)t->tag, t->taglen);
        if (t->must_fail) return rc == OBTI_EAUTH;
        return rc == 0 && memcmp(out, t->out, t->len) == 0;
    }
    return rc == 0 && memcmp(out, t->out, t->len) == 0;
}

static void kat(void)
{
    const char *group = "";
    unsigned gp = 0, gf = 0;
    for (unsigned i = 0; i <= aestv_count; i++) {
        if (i == aestv_count || strcmp(group, aestv_cases[i].group)) {
            if (i) printf("%s %s: %u cases\n", gf ? "FAIL" : "PASS", group, gp + gf);
            if (i == aestv_count) break;
            group = aestv_cases[i].group;
            gp = gf = 0;
        }
        int ok = run_case(&aestv_cases[i], 0) && run_case(&aestv_cases[i], (i % 3) + 1);
        result(ok, aestv_cases[i].group);
        if (ok) gp++; else gf++;
    }
}

static void directed(void)
{
    static const uint8_t k[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
                                  0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
    uint8_t b[16] = {0};
    result(aes_set_key(k, 24) == OBTI_EINVAL, "24-byte key refused");
    result(aes_ecb(0, b, b, 15) == OBTI_EINVAL, "ECB length 15 refused");
    aes_set_key(k, 16);
    aes_clear_key();
    result(aes_ecb(0, b, b, 16) == OBTI_EINVAL, "ECB after key clear refused");
    printf("%s key clear\n", failed ? "FAIL" : "PASS");
}

static void bench(void)
{
    static uint8_t frame[160] __attribute__((aligned(4)));
    static uint8_t aad[12] __attribute__((aligned(4)));
    static const uint8_t key[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    uint8_t ctr[16] = {0}, iv[12] = {0}, tag[16];
    for (unsigned i = 0; i < sizeof frame; i++) frame[i] = (uint8_t)i;
    aes_set_key(key, 16);
    aes_ctr_xor(ctr, frame, frame, sizeof frame);          /* warm the caches-free path */
    uint64_t t0 = cpu_cycles();
    int rc = aes_ctr_xor(ctr, frame, frame, sizeof frame);
    uint64_t t1 = cpu_cycles();
    result(rc == 0, "ctr160");
    printf("bench aes.ctr160.hw_cycles %" PRIu64 "\n", t1 - t0);
    aes_gcm_encrypt(iv, 12, aad, 12, frame, frame, sizeof frame, tag, 16);
    t0 = cpu_cycles();
    rc = aes_gcm_encrypt(iv, 12, aad, 12, frame, frame, sizeof frame, tag, 16);
    t1 = cpu_cycles();
    result(rc == 0, "gcm160");
    printf("bench aes.gcm160.hw_cycles %" PRIu64 "\n", t1 - t0);

    /* The same CTR frame with mbedTLS's software AES on the same core;
     * both results must agree (and the hardware matched the vectors). */
    static uint8_t hw[160] __attribute__((aligned(4))), sw[160] __attribute__((aligned(4)));
    uint8_t c1[16] = {0xf0, 1, 2, 3}, c2[16] = {0xf0, 1, 2, 3}, sb[16];
    size_t off = 0;
    mbedtls_aes_context ctx;
    for (unsigned i = 0; i < sizeof hw; i++) hw[i] = sw[i] = (uint8_t)(i * 7);
    aes_ctr_xor(c1, hw, hw, sizeof hw);
    mbedtls_aes_init(&ctx);
    mbedtls_aes_setkey_enc(&ctx, key, 128);
    t0 = cpu_cycles();
    rc = mbedtls_aes_crypt_ctr(&ctx, sizeof sw, &off, c2, sb, sw, sw);
    t1 = cpu_cycles();
    mbedtls_aes_free(&ctx);
    result(rc == 0 && memcmp(hw, sw, sizeof hw) == 0 && memcmp(c1, c2, 16) == 0, "ctr160 hw == sw");
    printf("bench aes.ctr160.sw_cycles %" PRIu64 "\n", t1 - t0);
}

int main(void)
{
    aes_init();
    kat();
    directed();
    bench();
    aes_clear_key();
    printf("aestest: %u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
