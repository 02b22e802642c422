/* TRNG on the SoC with the noise model (tests/rtl/trng/trng.mk runs it with
 * and without injected faults): conditioning known answers (FIPS 180-2
 * SHA-256 examples), CTR_DRBG seeded from the TRNG, key generation that
 * refuses keys in alarm, and the figures trng.raw_bits_per_s,
 * trng.cond_bytes_per_s and trng.drbg_bytes_per_s at SYSCLK_HZ. */
#include <stdio.h>
#include <string.h>

#include <obti/regs_trng.h>

#include "cpu.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "obti_err.h"
#include "trng.h"
#include "trng_cond.h"
#include "trng_keygen.h"

#define APP_TRNG_DIV 10u   /* 10 Msample/s at 100 MHz */

static int fails;

static void check(int ok, const char *what)
{
    printf("%s trngtest: %s\n", ok ? "PASS" : "FAIL", what);
    if (!ok)
        fails++;
}

static void sha_kat(void)
{
    /* FIPS 180-2 Appendix B.1 and B.2. */
    static const uint8_t abc[32] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    static const uint8_t two[32] = {
        0x24, 0x8d, 0x6a, 0x61, 0xd2, 0x06, 0x38, 0xb8, 0xe5, 0xc0, 0x26, 0x93, 0x0c, 0x3e, 0x60, 0x39,
        0xa3, 0x3c, 0xe4, 0x59, 0x64, 0xff, 0x21, 0x67, 0xf6, 0xec, 0xed, 0xd4, 0x19, 0xdb, 0x06, 0xc1};
    const char *m2 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    struct trng_sha256 s;
    uint8_t d[32];

    trng_sha256_init(&s);
    trng_sha256_update(&s, (const uint8_t *)"abc", 3);
    trng_sha256_final(&s, d);
    int ok = memcmp(d, abc, 32) == 0;
    trng_sha256_init(&s);
    trng_sha256_update(&s, (const uint8_t *)m2, strlen(m2));
    trng_sha256_final(&s, d);
    check(ok && memcmp(d, two, 32) == 0, "conditioning SHA-256 matches FIPS 180-2 B.1 and B.2");
}

static void print_state(const char *when)
{
    struct trng_state st;
    int rc = trng_status(&st);

    printf("trngtest: %s: %s%s%s, samples %lu, rct fails %lu, apt fails %lu, alarm at sample %lu, "
           "longest run %lu, max apt count %lu\n",
           when, rc == OBTI_EALARM ? "ALARM" : "ok",
           (st.status & TRNG_STATUS_RCTFAIL_MASK) ? " RCT" : "",
           (st.status & TRNG_STATUS_APTFAIL_MASK) ? " APT" : "", (unsigned long)st.samples,
           (unsigned long)st.rct_fails, (unsigned long)st.apt_fails, (unsigned long)st.alarm_at,
           (unsigned long)st.max_run, (unsigned long)st.max_apt);
}

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

static void bench(mbedtls_ctr_drbg_context *drbg)
{
    static uint32_t words[512];
    static uint8_t buf[4096];
    uint64_t t0, t1;

    /* Raw health-tested words in steady state (the start-up test done): the
     * FIFO is drained as fast as it fills. */
    trng_run(1);
    trng_read(words, 16);
    t0 = cpu_cycles();
    int rc = trng_read(words, 512);
    t1 = cpu_cycles();
    if (rc == OBTI_OK)
        printf("bench trng.raw_bits_per_s %llu\n",
               (unsigned long long)(512ull * 32 * SYSCLK_HZ / (t1 - t0)));
    t0 = cpu_cycles();
    rc = trng_read_conditioned(buf, 1024);
    t1 = cpu_cycles();
    trng_run(0);
    if (rc == OBTI_OK)
        printf("bench trng.cond_bytes_per_s %llu\n",
               (unsigned long long)(1024ull * SYSCLK_HZ / (t1 - t0)));
    t0 = cpu_cycles();
    for (int i = 0; i < 4 && rc == OBTI_OK; i++)
        rc = mbedtls_ctr_drbg_random(drbg, buf + 1024 * i, 1024);
    t1 = cpu_cycles();
    if (rc == OBTI_OK)
        printf("bench trng.drbg_bytes_per_s %llu\n",
               (unsigned long long)(4096ull * SYSCLK_HZ / (t1 - t0)));
    mbedtls_platform_zeroize(buf, sizeof buf);
}

int main(void)
{
    static mbedtls_entropy_context entropy;
    static mbedtls_ctr_drbg_context drbg;
    static const char pers[] = "openbti trngtest";
    uint8_t out[64], out2[64], key[32];
    int rc;

    sha_kat();
    check(trng_init(APP_TRNG_DIV) == OBTI_OK && trng_init(0) == OBTI_EINVAL, "trng_init");
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    rc = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                               (const unsigned char *)pers, sizeof pers - 1);
    print_state("after seeding");
    if (rc != 0) {
        printf("trngtest: DRBG seed refused (mbedTLS -0x%04x): TRNG alarm\n", (unsigned)-rc);
        rc = trng_keygen(&drbg, key, sizeof key);
        check(rc == OBTI_EALARM && all_zero(key, sizeof key), "key refused in alarm (OBTI_EALARM, no key)");
        printf("trngtest: key refused: %s\n", rc == OBTI_EALARM ? "OBTI_EALARM" : "?");
        /* Clearing with the source still bad: the tests alarm again (8192
         * samples: eight APT windows for a biased source). */
        static uint32_t words[256];
        trng_clear_alarm();
        rc = trng_read(words, 256);
        check(rc == OBTI_EALARM, "after clear the start-up test alarms again");
        print_state("after clear");
        printf("trngtest: %d failed\n", fails);
        return fails ? 1 : 0;
    }
    check(mbedtls_ctr_drbg_random(&drbg, out, sizeof out) == 0 &&
              mbedtls_ctr_drbg_random(&drbg, out2, sizeof out2) == 0 && !all_zero(out, 64) &&
              memcmp(out, out2, sizeof out) != 0,
          "DRBG seeded from the TRNG produces output");
    printf("trngtest: drbg ");
    for (unsigned i = 0; i < 16; i++)
        printf("%02x", out[i]);
    printf("...\n");
    rc = trng_keygen(&drbg, key, sizeof key);
    check(rc == OBTI_OK && !all_zero(key, sizeof key), "key generated");
    mbedtls_platform_zeroize(key, sizeof key);
    bench(&drbg);
    printf("trngtest: first part done at cycle %llu\n", (unsigned long long)cpu_cycles());
    /* Later in the run (a fault injected meanwhile shows here). */
    while (cpu_cycles() < 3000000)
        ;
    rc = trng_keygen(&drbg, key, sizeof key);
    print_state("second key");
    if (rc == OBTI_OK) {
        printf("trngtest: second key generated\n");
    } else {
        check(rc == OBTI_EALARM && all_zero(key, sizeof key), "second key refused in alarm (no key)");
        printf("trngtest: key refused: %s\n", rc == OBTI_EALARM ? "OBTI_EALARM" : "?");
    }
    mbedtls_platform_zeroize(key, sizeof key);
    if (rc == OBTI_OK) {
        /* The ring-oscillator source (its model in the simulation). */
        check(trng_select_source(TRNG_SRC_RING) == OBTI_OK &&
                  trng_read_conditioned(out, sizeof out) == OBTI_OK && !all_zero(out, sizeof out),
              "ring-oscillator source passes the start-up test and delivers");
        print_state("ring source");
    }
    printf("trngtest: %d failed\n", fails);
    return fails ? 1 : 0;
}
