/* Firmware crypto on the SoC (docs/crypto.md): mbedTLS's own AES, GCM,
 * CTR_DRBG self-tests running on the AES engine (checked by the engine-use
 * counters of aes_alt.c; the build checks that no software AES or GHASH is
 * linked), SHA-256/HMAC/HKDF known answers, RSA-2048 OAEP known answer,
 * X.509 chain verification with certificates made for this run by openssl,
 * ECDSA P-256 key generation, signing and verification, SRTP against
 * libsrtp2's packets, the TRNG alarm refusing keys; the provisioning step
 * figures prov.cycles.* (mcycle), peak heap and stack.
 * With the TRNG in alarm (a simulator noise fault) the run checks that no
 * key can be made and stops there. */
#include <stdio.h>
#include <string.h>

#include "cpu.h"
#include "obti_err.h"
#include "trng.h"

#include "mbedtls/aes.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/ecdsa.h"
#include "mbedtls/gcm.h"
#include "mbedtls/hkdf.h"
#include "mbedtls/md.h"
#include "mbedtls/memory_buffer_alloc.h"
#include "mbedtls/platform_util.h"
#include "mbedtls/rsa.h"
#include "mbedtls/sha256.h"
#include "mbedtls/x509_crt.h"

#include "aes.h"
#include "aes_alt.h"
#include "p256_comb.h"
#include "cryptotest_data.h"
#include "obti_rng.h"
#include "srtp.h"

#ifndef CRYPTOTEST_FULL
#define CRYPTOTEST_FULL 0   /* 1: also mbedTLS's SHA-256 self-test (2 MB hashed: minutes of simulation) */
#endif
#define HEAP_BYTES (24 * 1024)
#define TRNG_DIV 10u

static int fails, passes;

static void check(int ok, const char *what)
{
    printf("%s cryptotest: %s\n", ok ? "PASS" : "FAIL", what);
    if (ok)
        passes++;
    else
        fails++;
}

static void figure(const char *name, uint64_t v)
{
    printf("bench %s %llu\n", name, (unsigned long long)v);
}

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t a = 0;
    for (size_t i = 0; i < n; i++)
        a |= p[i];
    return a == 0;
}

static void hexline(const char *tag, const uint8_t *p, size_t n)
{
    printf("%s ", tag);
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

/* --- heap and stack high-water marks ------------------------------------- */
static unsigned char heap[HEAP_BYTES] __attribute__((aligned(8)));
extern char __heap_end[], __stack[];
#define STACK_PAINT 0x5au

static void stack_paint(void)
{
    volatile char *sp = (volatile char *)__builtin_frame_address(0) - 128;
    for (volatile char *p = __heap_end; p < sp; p++)
        *p = STACK_PAINT;
}

static size_t stack_used(void)
{
    const char *p = __heap_end;
    while (p < __stack && *(const volatile char *)p == STACK_PAINT)
        p++;
    return (size_t)(__stack - p);
}

static size_t heap_peak_all;

/* Peak since the last mbedtls_memory_buffer_alloc_max_reset (blocks live
 * before it included). */
static size_t heap_peak(void)
{
    size_t used, blocks;
    mbedtls_memory_buffer_alloc_max_get(&used, &blocks);
    if (used > heap_peak_all)
        heap_peak_all = used;
    return used;
}

/* --- mbedTLS self-tests on the engine ------------------------------------ */
static void self_tests(void)
{
    struct obti_aes_alt_stats a, b;
    static uint8_t blk[20] __attribute__((aligned(4)));
    mbedtls_aes_context ctx;

    mbedtls_aes_init(&ctx);
    mbedtls_aes_setkey_enc(&ctx, blk, 128);
    mbedtls_aes_crypt_ecb(&ctx, MBEDTLS_AES_ENCRYPT, blk, blk);
    uint64_t m0 = cpu_cycles();
    for (int i = 0; i < 64; i++)
        mbedtls_aes_crypt_ecb(&ctx, MBEDTLS_AES_ENCRYPT, blk, blk);
    uint64_t m1 = cpu_cycles();
    for (int i = 0; i < 64; i++)
        mbedtls_aes_crypt_ecb(&ctx, MBEDTLS_AES_ENCRYPT, blk + 1, blk + 1);
    uint64_t m2 = cpu_cycles();
    for (int i = 0; i < 64; i++)
        aes_ecb(0, blk, blk, 16);
    uint64_t m3 = cpu_cycles();
    printf("cryptotest: one-block ECB: %llu cycles aligned, %llu unaligned, driver alone %llu\n",
           (unsigned long long)(m1 - m0) / 64, (unsigned long long)(m2 - m1) / 64, (unsigned long long)(m3 - m2) / 64);
    /* FIPS-197 C.1, and again after a key load through the driver behind
     * mbedTLS's back: the ALT must notice (driver key serial) and reload. */
    static const uint8_t k1[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    static const uint8_t p1[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                   0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
    static const uint8_t c1[16] = {0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
                                   0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a};
    uint8_t o1[16], o2[16];
    int ok = mbedtls_aes_setkey_enc(&ctx, k1, 128) == 0 && mbedtls_aes_crypt_ecb(&ctx, MBEDTLS_AES_ENCRYPT, p1, o1) == 0;
    ok &= aes_set_key(c1, 16) == 0;
    ok &= mbedtls_aes_crypt_ecb(&ctx, MBEDTLS_AES_ENCRYPT, p1, o2) == 0;
    check(ok && memcmp(o1, c1, 16) == 0 && memcmp(o2, c1, 16) == 0,
          "FIPS-197 C.1 through mbedTLS, also after another key was loaded through the driver");
    mbedtls_aes_free(&ctx);

    obti_aes_alt_stats(&a);
    uint64_t t0 = cpu_cycles();
    int rc = mbedtls_aes_self_test(0);
    uint64_t t1 = cpu_cycles();
    obti_aes_alt_stats(&b);
    printf("cryptotest: aes self-test %llu cycles, %lu engine frames\n", (unsigned long long)(t1 - t0),
           (unsigned long)(b.frames - a.frames));
    check(rc == 0, "mbedtls_aes_self_test");
    /* ECB and CBC alone are 80,000 block operations (AES-192 is skipped) */
    check(b.frames - a.frames >= 80000, "mbedtls_aes_self_test ran on the AES engine");

    obti_aes_alt_stats(&a);
    rc = mbedtls_gcm_self_test(0);
    obti_aes_alt_stats(&b);
    check(rc == 0, "mbedtls_gcm_self_test");
    check(b.frames - a.frames >= 48, "mbedtls_gcm_self_test ran on the AES engine (GCM and GHASH frames)");

    obti_aes_alt_stats(&a);
    rc = mbedtls_ctr_drbg_self_test(0);
    obti_aes_alt_stats(&b);
    check(rc == 0 && b.frames != a.frames, "mbedtls_ctr_drbg_self_test (AES-256 on the engine)");
#if CRYPTOTEST_FULL
    check(mbedtls_sha256_self_test(0) == 0, "mbedtls_sha256_self_test");
#endif
}

/* FIPS 180-2 B.1/B.2 (SHA-256), RFC 4231 4.3 (HMAC-SHA-256 test case 2),
 * RFC 5869 A.1 (HKDF-SHA-256 test case 1): the hashes the protocol uses, at
 * the cost of a few blocks instead of the self-test's two megabytes. */
static void hash_kats(void)
{
    uint8_t d[42], want[42];
    static const uint8_t abc[32] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    static const uint8_t two[32] = {
        0x24, 0x8d, 0x6a, 0x61, 0xd2, 0x06, 0x38, 0xb8, 0xe5, 0xc0, 0x26, 0x93, 0x0c, 0x3e, 0x60, 0x39,
        0xa3, 0x3c, 0xe4, 0x59, 0x64, 0xff, 0x21, 0x67, 0xf6, 0xec, 0xed, 0xd4, 0x19, 0xdb, 0x06, 0xc1};
    static const uint8_t hmac2[32] = {
        0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
        0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43};
    static const uint8_t okm1[42] = {
        0x3c, 0xb2, 0x5f, 0x25, 0xfa, 0xac, 0xd5, 0x7a, 0x90, 0x43, 0x4f, 0x64, 0xd0, 0x36, 0x2f, 0x2a,
        0x2d, 0x2d, 0x0a, 0x90, 0xcf, 0x1a, 0x5a, 0x4c, 0x5d, 0xb0, 0x2d, 0x56, 0xec, 0xc4, 0xc5, 0xbf,
        0x34, 0x00, 0x72, 0x08, 0xd5, 0xb8, 0x87, 0x18, 0x58, 0x65};
    const char *m2 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    const mbedtls_md_info_t *sha256 = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    int ok = mbedtls_sha256_ret((const uint8_t *)"abc", 3, d, 0) == 0 && memcmp(d, abc, 32) == 0;
    ok &= mbedtls_sha256_ret((const uint8_t *)m2, strlen(m2), d, 0) == 0 && memcmp(d, two, 32) == 0;
    check(ok, "SHA-256 FIPS 180-2 B.1, B.2");
    ok = mbedtls_md_hmac(sha256, (const uint8_t *)"Jefe", 4, (const uint8_t *)"what do ya want for nothing?", 28,
                         d) == 0 &&
         memcmp(d, hmac2, 32) == 0;
    check(ok, "HMAC-SHA-256 RFC 4231 test case 2");
    uint8_t ikm[22], salt[13], info[10];
    memset(ikm, 0x0b, sizeof ikm);
    for (int i = 0; i < 13; i++)
        salt[i] = (uint8_t)i;
    for (int i = 0; i < 10; i++)
        info[i] = (uint8_t)(0xf0 + i);
    memcpy(want, okm1, 42);
    ok = mbedtls_hkdf(sha256, salt, sizeof salt, ikm, sizeof ikm, info, sizeof info, d, 42) == 0 &&
         memcmp(d, want, 42) == 0;
    check(ok, "HKDF-SHA-256 RFC 5869 A.1");
}

/* --- RSA ------------------------------------------------------------------- */
struct fixed_rng {
    const uint8_t *p;
    size_t len;
};

/* Hands out the vector's seed: OAEP asks for exactly hLen = 32 bytes. */
static int fixed_random(void *ctx, unsigned char *out, size_t len)
{
    struct fixed_rng *f = ctx;
    if (len > f->len)
        return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    memcpy(out, f->p, len);
    f->p += len;
    f->len -= len;
    return 0;
}

static void rsa_oaep_kat(void)
{
    mbedtls_rsa_context rsa;
    uint8_t out[256];
    struct fixed_rng seed = {ct_oaep_seed.p, ct_oaep_seed.len};

    mbedtls_rsa_init(&rsa, MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA256);
    int rc = mbedtls_rsa_import_raw(&rsa, ct_oaep_n.p, ct_oaep_n.len, NULL, 0, NULL, 0, NULL, 0, ct_oaep_e.p,
                                    ct_oaep_e.len);
    if (rc == 0)
        rc = mbedtls_rsa_complete(&rsa);
    if (rc == 0)
        rc = mbedtls_rsa_check_pubkey(&rsa);
    uint64_t t0 = cpu_cycles();
    if (rc == 0)
        rc = mbedtls_rsa_rsaes_oaep_encrypt(&rsa, fixed_random, &seed, MBEDTLS_RSA_PUBLIC, NULL, 0,
                                            ct_oaep_msg.len, ct_oaep_msg.p, out);
    uint64_t t1 = cpu_cycles();
    check(rc == 0 && ct_oaep_ct.len == 256 && memcmp(out, ct_oaep_ct.p, 256) == 0,
          "RSA-2048 public operation + OAEP SHA-256 known answer (pyca oaep-sha256-sha256 example 1)");
    printf("cryptotest: OAEP known answer %llu cycles\n", (unsigned long long)(t1 - t0));
    mbedtls_rsa_free(&rsa);
}

/* --- X.509: the PS certificate against the SP root ------------------------ */
static mbedtls_x509_crt root;

static void x509_tests(struct obti_rng *rng)
{
    mbedtls_x509_crt ps;
    uint32_t flags = 0;
    int rc;

    mbedtls_x509_crt_init(&root);
    check(mbedtls_x509_crt_parse_der(&root, ct_root_der.p, ct_root_der.len) == 0, "SP root certificate parses");

    mbedtls_memory_buffer_alloc_max_reset();
    mbedtls_x509_crt_init(&ps);
    uint64_t t0 = cpu_cycles();
    rc = mbedtls_x509_crt_parse_der(&ps, ct_ps_der.p, ct_ps_der.len);
    if (rc == 0)
        rc = mbedtls_x509_crt_verify(&ps, &root, NULL, ct_ps_cn, &flags, NULL, NULL);
    uint64_t t1 = cpu_cycles();
    check(rc == 0 && flags == 0, "PS certificate verifies against the SP root (signature, CN, CA bit)");
    figure("prov.cycles.cert_verify", t1 - t0);
    printf("cryptotest: cert_verify peak heap %u bytes\n", (unsigned)heap_peak());

    /* OAEP of a 16-byte K under the PS key from the certificate */
    uint8_t k[16], c[256];
    mbedtls_rsa_context *rsa = mbedtls_pk_rsa(ps.pk);
    rc = obti_rng_keygen(rng, k, sizeof k);
    mbedtls_rsa_set_padding(rsa, MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA256);
    mbedtls_memory_buffer_alloc_max_reset();
    t0 = cpu_cycles();
    if (rc == 0)
        rc = mbedtls_rsa_rsaes_oaep_encrypt(rsa, obti_rng_random, rng, MBEDTLS_RSA_PUBLIC, NULL, 0, sizeof k, k, c);
    t1 = cpu_cycles();
    check(rc == 0, "OAEP of K under the certificate's key");
    figure("prov.cycles.oaep_encrypt", t1 - t0);
    printf("cryptotest: oaep_encrypt peak heap %u bytes\n", (unsigned)heap_peak());
    /* For the host to decrypt with the PS key (tests/fw/crypto/check.py):
     * a test key, printed only by this test program. */
    hexline("oaep-k", k, sizeof k);
    hexline("oaep-c", c, sizeof c);
    mbedtls_platform_zeroize(k, sizeof k);
    mbedtls_x509_crt_free(&ps);

    /* A certificate whose issuer has the root's name but another key */
    mbedtls_x509_crt_init(&ps);
    flags = 0;
    rc = mbedtls_x509_crt_parse_der(&ps, ct_rogue_ps_der.p, ct_rogue_ps_der.len);
    int vr = rc == 0 ? mbedtls_x509_crt_verify(&ps, &root, NULL, ct_ps_cn, &flags, NULL, NULL) : rc;
    check(rc == 0 && vr == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED && (flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED),
          "rogue PS certificate (same issuer name, other key) is not trusted");
    mbedtls_x509_crt_free(&ps);

    /* The genuine certificate with one signature bit flipped */
    static uint8_t bad[2048];
    int ok = ct_ps_der.len <= sizeof bad;
    if (ok) {
        memcpy(bad, ct_ps_der.p, ct_ps_der.len);
        bad[ct_ps_der.len - 5] ^= 0x10;   /* inside the signature BIT STRING at the end */
        mbedtls_x509_crt_init(&ps);
        flags = 0;
        rc = mbedtls_x509_crt_parse_der(&ps, bad, ct_ps_der.len);
        vr = rc == 0 ? mbedtls_x509_crt_verify(&ps, &root, NULL, ct_ps_cn, &flags, NULL, NULL) : rc;
        ok = vr != 0 && (rc != 0 || (flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED));
        mbedtls_x509_crt_free(&ps);
    }
    check(ok, "PS certificate with a flipped signature bit is refused");

    /* The genuine certificate with the wrong expected name */
    mbedtls_x509_crt_init(&ps);
    flags = 0;
    rc = mbedtls_x509_crt_parse_der(&ps, ct_ps_der.p, ct_ps_der.len);
    vr = rc == 0 ? mbedtls_x509_crt_verify(&ps, &root, NULL, "another-ps", &flags, NULL, NULL) : rc;
    check(vr != 0 && (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH), "PS certificate for another name is refused");
    mbedtls_x509_crt_free(&ps);
}

/* --- ECDSA P-256 ----------------------------------------------------------- */
static void ecdsa_tests(struct obti_rng *rng)
{
    mbedtls_ecdsa_context key;
    uint8_t hash[32], sig[MBEDTLS_ECDSA_MAX_LEN], pub[65];
    size_t slen = 0, plen = 0;
    static const char msg[] = "openbti REGISTER: header || TLVs";

    mbedtls_ecdsa_init(&key);
    mbedtls_memory_buffer_alloc_max_reset();
    uint64_t t0 = cpu_cycles();
    /* As the BTI does it (sw/common/prot_crypto.c, obti_ku_generate): the
     * group with the base point's comb table from ROM (p256_comb.h), then
     * mbedtls_ecp_gen_keypair (what mbedtls_ecdsa_genkey does after its
     * group load). */
    int rc = mbedtls_ecp_group_load(&key.grp, MBEDTLS_ECP_DP_SECP256R1);
    if (rc == 0)
        rc = obti_p256_comb_attach(&key.grp);
    check(rc == 0 && key.grp.T != NULL, "P-256 base point comb table attached from ROM");
    if (rc == 0)
        rc = mbedtls_ecp_gen_keypair(&key.grp, &key.d, &key.Q, obti_rng_random, rng);
    uint64_t t1 = cpu_cycles();
    check(rc == 0 && mbedtls_ecp_check_pubkey(&key.grp, &key.Q) == 0, "ECDSA P-256 key generation");
    figure("prov.cycles.ecdsa_keygen", t1 - t0);
    printf("cryptotest: ecdsa_keygen peak heap %u bytes\n", (unsigned)heap_peak());
    rc = mbedtls_ecp_point_write_binary(&key.grp, &key.Q, MBEDTLS_ECP_PF_UNCOMPRESSED, &plen, pub, sizeof pub);
    check(rc == 0 && plen == 65 && pub[0] == 4, "KU+ as a 65-byte uncompressed point");

    mbedtls_sha256_ret((const uint8_t *)msg, sizeof msg - 1, hash, 0);
    mbedtls_memory_buffer_alloc_max_reset();
    t0 = cpu_cycles();
    rc = mbedtls_ecdsa_write_signature(&key, MBEDTLS_MD_SHA256, hash, sizeof hash, sig, &slen, obti_rng_random, rng);
    t1 = cpu_cycles();
    check(rc == 0, "ECDSA P-256 signature (RFC 6979 k, SHA-256)");
    figure("prov.cycles.ecdsa_sign", t1 - t0);
    printf("cryptotest: ecdsa_sign peak heap %u bytes\n", (unsigned)heap_peak());
    /* for the host to verify with an independent implementation */
    hexline("ecdsa-pub", pub, plen);
    hexline("ecdsa-sig", sig, slen);
    printf("ecdsa-msg %s\n", msg);

#if CRYPTOTEST_FULL
    /* The BTI never verifies ECDSA (the PS does); the host checks this
     * signature with pyca/cryptography (tests/fw/crypto/check.py), so the
     * 25 M-cycle verification on the SoC runs only in the full test. */
    t0 = cpu_cycles();
    rc = mbedtls_ecdsa_read_signature(&key, hash, sizeof hash, sig, slen);
    t1 = cpu_cycles();
    check(rc == 0, "ECDSA P-256 signature verifies on the SoC");
    printf("cryptotest: ecdsa verify %llu cycles\n", (unsigned long long)(t1 - t0));
    hash[0] ^= 1;
    check(mbedtls_ecdsa_read_signature(&key, hash, sizeof hash, sig, slen) == MBEDTLS_ERR_ECP_VERIFY_FAILED,
          "ECDSA signature over another hash is refused");
#endif
    mbedtls_ecdsa_free(&key);
}

/* --- GCM envelope (the protocol's ENV: 16-byte header as AAD) -------------- */
static void gcm_env(struct obti_rng *rng)
{
    mbedtls_gcm_context g;
    uint8_t key[16], iv[12] = {'B', '2', 'P', '1', 0, 0, 0, 0, 0, 0, 0, 7}, hdr[16] = {0x4f, 0x42, 1, 0x12};
    uint8_t in[64], out[64], back[64], tag[16];

    obti_rng_keygen(rng, key, sizeof key);
    for (int i = 0; i < 64; i++)
        in[i] = (uint8_t)i;
    mbedtls_gcm_init(&g);
    int rc = mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, key, 128);
    uint64_t t0 = cpu_cycles();
    if (rc == 0)
        rc = mbedtls_gcm_crypt_and_tag(&g, MBEDTLS_GCM_ENCRYPT, sizeof in, iv, sizeof iv, hdr, sizeof hdr, in, out,
                                       sizeof tag, tag);
    uint64_t t1 = cpu_cycles();
    figure("prov.cycles.gcm_env", t1 - t0);
    int ok = rc == 0 && mbedtls_gcm_auth_decrypt(&g, sizeof out, iv, sizeof iv, hdr, sizeof hdr, tag, sizeof tag, out,
                                                 back) == 0 && memcmp(back, in, 64) == 0;
    /* the same through the streaming path (CTR + GHASH frames) must agree */
    uint8_t out2[64], tag2[16];
    ok &= mbedtls_gcm_starts(&g, MBEDTLS_GCM_ENCRYPT, iv, sizeof iv, hdr, sizeof hdr) == 0 &&
          mbedtls_gcm_update(&g, 48, in, out2) == 0 && mbedtls_gcm_update(&g, 16, in + 48, out2 + 48) == 0 &&
          mbedtls_gcm_finish(&g, tag2, 16) == 0 && memcmp(out, out2, 64) == 0 && memcmp(tag, tag2, 16) == 0;
    check(ok, "GCM envelope: one-frame and streamed encryption agree, decryption returns the plaintext");
    hdr[5] ^= 1;
    rc = mbedtls_gcm_auth_decrypt(&g, sizeof out, iv, sizeof iv, hdr, sizeof hdr, tag, sizeof tag, out, back);
    check(rc == MBEDTLS_ERR_GCM_AUTH_FAILED && all_zero(back, sizeof back), "GCM envelope with a changed header is refused, output wiped");
    mbedtls_gcm_free(&g);
    mbedtls_platform_zeroize(key, sizeof key);
}

/* --- SRTP against libsrtp2 ------------------------------------------------- */
static void srtp_tests(void)
{
    static struct obti_srtp tx, rx;
    static uint8_t buf[256];
    size_t out = 0;
    int ok_tx = 1, ok_rx = 1;
    uint64_t tp = 0, tu = 0;

    int rc = obti_srtp_init(&tx, OBTI_SRTP_SEND, ct_srtp_master, ct_srtp_ssrc);
    rc |= obti_srtp_init(&rx, OBTI_SRTP_RECV, ct_srtp_master, ct_srtp_ssrc);
    check(rc == 0, "SRTP contexts (session keys derived on the engine)");
    for (size_t i = 0; i < ct_srtp_ncases; i++) {
        const struct ct_srtp_case *c = &ct_srtp_cases[i];
        memcpy(buf, c->plain, c->plain_len);
        uint64_t t0 = cpu_cycles();
        rc = obti_srtp_protect(&tx, buf, c->plain_len, sizeof buf, &out);
        uint64_t t1 = cpu_cycles();
        ok_tx &= rc == 0 && out == c->prot_len && memcmp(buf, c->prot, out) == 0;
        tp = t1 - t0;
        memcpy(buf, c->prot, c->prot_len);
        t0 = cpu_cycles();
        rc = obti_srtp_unprotect(&rx, buf, c->prot_len, &out);
        t1 = cpu_cycles();
        ok_rx &= rc == 0 && out == c->plain_len && memcmp(buf, c->plain, out) == 0;
        tu = t1 - t0;
    }
    check(ok_tx && ct_srtp_ncases == 4, "SRTP protect equals libsrtp2 byte for byte (seq 65534..1, ROC wrap)");
    check(ok_rx, "SRTP unprotect of libsrtp2's packets");
    figure("prov.cycles.srtp_protect", tp);
    figure("prov.cycles.srtp_unprotect", tu);
    memcpy(buf, ct_srtp_cases[3].prot, ct_srtp_cases[3].prot_len);
    check(obti_srtp_unprotect(&rx, buf, ct_srtp_cases[3].prot_len, &out) == OBTI_SRTP_EREPLAY, "SRTP replay refused");
    memcpy(buf, ct_srtp_cases[2].prot, ct_srtp_cases[2].prot_len);
    buf[ct_srtp_cases[2].prot_len - 1] ^= 1;
    obti_srtp_free(&rx);
    obti_srtp_init(&rx, OBTI_SRTP_RECV, ct_srtp_master, ct_srtp_ssrc);
    check(obti_srtp_unprotect(&rx, buf, ct_srtp_cases[2].prot_len, &out) == OBTI_SRTP_EAUTH, "SRTP tampered tag refused");
    obti_srtp_free(&tx);
    obti_srtp_free(&rx);
}

/* --- the TRNG in alarm ------------------------------------------------------ */
static void alarm_tests(struct obti_rng *rng)
{
    uint8_t key[32];
    mbedtls_ecdsa_context ec;

    memset(key, 0xee, sizeof key);
    int rc = obti_rng_keygen(rng, key, sizeof key);
    check(rc == OBTI_EALARM && all_zero(key, sizeof key), "TRNG alarm: key generation returns OBTI_EALARM, no key");
    mbedtls_ecdsa_init(&ec);
    rc = mbedtls_ecdsa_genkey(&ec, MBEDTLS_ECP_DP_SECP256R1, obti_rng_random, rng);
    check(rc != 0, "TRNG alarm: ECDSA key generation fails");
    printf("cryptotest: ECDSA keygen in alarm: mbedTLS -0x%04x\n", (unsigned)-rc);
    mbedtls_ecdsa_free(&ec);
}

int main(void)
{
    static struct obti_rng rng;

    stack_paint();
    mbedtls_memory_buffer_alloc_init(heap, sizeof heap);
    trng_init(TRNG_DIV);
    uint64_t t0 = cpu_cycles();
    int rc = obti_rng_init(&rng, "openbti cryptotest");
    uint64_t t1 = cpu_cycles();
    if (rc != 0) {
        printf("cryptotest: DRBG seeding refused: TRNG alarm\n");
        check(rc == OBTI_EALARM, "TRNG alarm: DRBG seeding returns OBTI_EALARM");
        alarm_tests(&rng);
        printf("cryptotest: %d passed, %d failed\n", passes, fails);
        return fails ? 1 : 0;
    }
    printf("cryptotest: DRBG seeded from the TRNG in %llu cycles\n", (unsigned long long)(t1 - t0));
    self_tests();
    hash_kats();
    rsa_oaep_kat();
    x509_tests(&rng);
    ecdsa_tests(&rng);
    gcm_env(&rng);
    srtp_tests();
    mbedtls_x509_crt_free(&root);
    obti_rng_free(&rng);
    size_t used, blocks;
    mbedtls_memory_buffer_alloc_cur_get(&used, &blocks);
    check(used == 0 && blocks == 0, "no heap block left allocated");
    heap_peak();
    printf("cryptotest: peak heap %u of %u bytes, peak stack %u bytes\n", (unsigned)heap_peak_all,
           (unsigned)HEAP_BYTES, (unsigned)stack_used());
    printf("cryptotest: %d passed, %d failed\n", passes, fails);
    return fails ? 1 : 0;
}
