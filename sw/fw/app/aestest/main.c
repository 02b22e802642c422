/* AES engine through the driver on the SoC: the known answers of FIPS-197,
 * SP 800-38A (ECB, CBC, CTR), RFC 3711 B.2, RFC 7714 16.1.1 and a spread
 * of the NIST CAVP ECB/CBC/CTR/GCM files (table generated at build time by
 * tests/rtl/aes/vectors.py), buffers aligned (CTR and GCM then go by the
 * engine's DMA) and unaligned (through the FIFOs); key clear; DMA refusals
 * and the CPU working on the data RAM during a DMA frame; and the frame
 * timings with mcycle ("bench NAME VALUE" lines for make bench). */
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

static uint8_t bufin[512 + 4] __attribute__((aligned(4))), bufout[512 + 4] __attribute__((aligned(4)));
static uint8_t bufaad[512] __attribute__((aligned(4)));

/* Run one case with the input and output at byte offset `mis` from a word. */
static int run_case(const struct aestv *t, unsigned mis)
{
    uint8_t iv[16] __attribute__((aligned(4))), tag[16] __attribute__((aligned(4)));
    uint8_t *in = bufin + mis, *out = bufout + mis;
    const uint8_t *aad = (const uint8_t *)t->aad;
    int rc;

    if (t->len > 512 || t->aadlen > sizeof bufaad) return 0;
    memcpy(in, t->in, t->len);
    if (mis == 0 && t->aadlen) {        /* aligned, in RAM: the DMA path */
        memcpy(bufaad, t->aad, t->aadlen);
        aad = bufaad;
    }
    if (aes_set_key((const uint8_t *)t->key, t->keylen)) return 0;
    if (t->ivlen == 16) memcpy(iv, t->iv, 16);
    switch (t->op) {
    case AESTV_ECB_E: rc = aes_ecb(0, in, out, t->len); break;
    case AESTV_ECB_D: rc = aes_ecb(1, in, out, t->len); break;
    case AESTV_CBC_E: rc = aes_cbc_encrypt(iv, in, out, t->len); break;
    case AESTV_CBC_D: rc = aes_cbc_decrypt(iv, in, out, t->len); break;
    case AESTV_CTR:   rc = aes_ctr_xor(iv, in, out, t->len); break;
    case AESTV_GCM_E:
        rc = aes_gcm_encrypt((const uint8_t *)t->iv, t->ivlen, aad, t->aadlen,
                             in, out, t->len, tag, t->taglen);
        return rc == 0 && memcmp(out, t->out, t->len) == 0 && memcmp(tag, t->tag, t->taglen) == 0;
    default:
        rc = aes_gcm_decrypt((const uint8_t *)t->iv, t->ivlen, aad, t->aadlen,
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

/* DMA through the driver: refused addresses, the fallback, and the CPU
 * using the data RAM while the engine's DMA runs on its second port. */
static const uint8_t rom_frame[64] __attribute__((aligned(4))) = {
    0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96, 0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a,
    0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c, 0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51,
    0x30, 0xc8, 0x1c, 0x46, 0xa3, 0x5c, 0xe4, 0x11, 0xe5, 0xfb, 0xc1, 0x19, 0x1a, 0x0a, 0x52, 0xef,
    0xf6, 0x9f, 0x24, 0x45, 0xdf, 0x4f, 0x9b, 0x17, 0xad, 0x2b, 0x41, 0x7b, 0xe6, 0x6c, 0x37, 0x10};
static const uint8_t f51_ct[64] = {   /* SP 800-38A F.5.1 */
    0x87, 0x4d, 0x61, 0x91, 0xb6, 0x20, 0xe3, 0x26, 0x1b, 0xef, 0x68, 0x64, 0x99, 0x0d, 0xb6, 0xce,
    0x98, 0x06, 0xf6, 0x6b, 0x79, 0x70, 0xfd, 0xff, 0x86, 0x17, 0x18, 0x7b, 0xb9, 0xff, 0xfd, 0xff,
    0x5a, 0xe4, 0xdf, 0x3e, 0xdb, 0xd5, 0xd3, 0x5e, 0x5b, 0x4f, 0x09, 0x02, 0x0d, 0xb0, 0x3e, 0xab,
    0x1e, 0x03, 0x1d, 0xda, 0x2f, 0xbe, 0x03, 0xd1, 0x79, 0x21, 0x70, 0xa0, 0xf3, 0x00, 0x9c, 0xee};

static void dma_tests(void)
{
    static const uint8_t k[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
                                  0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
    static const uint8_t ctr0[16] = {0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
                                     0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff};
    static uint8_t big[4096] __attribute__((aligned(4))), ref[4096] __attribute__((aligned(4)));
    static volatile uint32_t scratch[64];
    uint8_t ctr[16] __attribute__((aligned(4)));
    aes_set_key(k, 16);

    /* A source in the code memory: the engine refuses the DMA (ERRCODE 6,
     * nothing written), the driver falls back to the FIFOs: F.5.1 still. */
    memset(bufout, 0xee, 68);
    int rc = aes_dma_start(2u | (64u << 16), rom_frame, bufout, NULL, NULL);
    int rw = aes_dma_wait();
    int untouched = 1;
    for (unsigned i = 0; i < 68; i++) untouched &= bufout[i] == 0xee;
    result(rc == 0 && rw == OBTI_EINVAL && untouched, "dma: source in code memory refused, nothing written");
    memcpy(ctr, ctr0, 16);
    rc = aes_ctr_xor(ctr, rom_frame, bufout, 64);
    result(rc == 0 && memcmp(bufout, f51_ct, 64) == 0 && ctr[15] == 0x03 && ctr[14] == 0xff &&
           bufout[64] == 0xee, "dma: refused frame falls back to the FIFOs (F.5.1)");
    /* By DMA (RAM, aligned): the counter advances, with and without a
     * carry out of its last byte (F.5.1 ends in ..feff: +4 carries). */
    memcpy(bufin, rom_frame, 64);
    memcpy(ctr, ctr0, 16);
    rc = aes_ctr_xor(ctr, bufin, bufout, 64);
    result(rc == 0 && memcmp(bufout, f51_ct, 64) == 0 && ctr[15] == 0x03 && ctr[14] == 0xff &&
           ctr[13] == 0xfd, "dma: F.5.1 by DMA, counter carried");
    uint8_t ctr2[16] __attribute__((aligned(4))) = {0};
    uint8_t ctr3[16] __attribute__((aligned(4))) = {0};
    ctr2[15] = 0x10;
    ctr3[15] = 0x10;
    rc = aes_ctr_xor(ctr2, bufin, bufout, 33);                 /* 3 blocks, by DMA */
    memcpy(bufout + 64, bufin, 33);
    int rc3 = aes_ctr_xor(ctr3, bufout + 64 + 1, bufout + 128 + 1, 32);  /* unaligned: FIFOs */
    result(rc == 0 && rc3 == 0 && ctr2[15] == 0x13 && ctr3[15] == 0x12 && ctr2[14] == 0,
           "dma: counter without carry; FIFO path for unaligned buffers");
    /* A destination past the end of the data RAM: refused too. */
    memcpy(bufin, rom_frame, 64);
    rc = aes_dma_start(2u | (64u << 16), bufin, (void *)(uintptr_t)(0x10000000u + 65536u - 32u), NULL, NULL);
    result(rc == 0 && aes_dma_wait() == OBTI_EINVAL, "dma: destination past the data RAM refused");

    /* The CPU keeps loading and storing in the data RAM (including the
     * frame's source, read-read on the same words) while a 4 KiB CTR frame
     * runs by DMA; both the frame and the CPU's data come out right. */
    for (unsigned i = 0; i < sizeof big; i++) big[i] = ref[i] = (uint8_t)(i * 13 + 1);
    mbedtls_aes_context ctx;
    uint8_t c2[16], sb[16];
    size_t off = 0;
    memcpy(c2, ctr0, 16);
    mbedtls_aes_init(&ctx);
    mbedtls_aes_setkey_enc(&ctx, k, 128);
    mbedtls_aes_crypt_ctr(&ctx, sizeof ref, &off, c2, sb, ref, ref);
    mbedtls_aes_free(&ctx);
    memcpy(ctr, ctr0, 16);
    aes_set_iv(ctr);
    rc = aes_dma_start(2u | ((uint32_t)sizeof big << 16), big, big, NULL, NULL);
    uint32_t sum = 0, iters = 0;
    const volatile uint32_t *src = (const volatile uint32_t *)(const void *)big;
    while (aes_busy()) {
        sum += src[iters & 1023u];               /* may race the engine's writes: not checked */
        scratch[iters & 63u] = iters;
        iters++;
    }
    rw = aes_dma_wait();
    int sok = 1;
    for (unsigned i = 0; i < 64; i++) sok &= scratch[i] == (iters - 1) - (((iters - 1) - i) & 63u);
    (void)sum;
    result(rc == 0 && rw == 0 && memcmp(big, ref, sizeof big) == 0 && iters > 100 && sok,
           "dma: 4 KiB CTR frame correct while the CPU loads and stores in the data RAM");
    printf("%s dma: the CPU ran %" PRIu32 " loop iterations during the 4 KiB DMA frame\n",
           iters > 100 ? "PASS" : "FAIL", iters);
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
    dma_tests();
    bench();
    aes_clear_key();
    printf("aestest: %u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
