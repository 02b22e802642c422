/* Core benchmarks: memcpy, CRC-32, sort and SHA-256 (mbedTLS, software),
 * each checked against a known answer and measured with mcycle/minstret.
 * Prints one machine-readable line per figure, "bench <name> <value>",
 * which `make bench-core` collects into build/bench.json; exits 0 only if
 * every kernel produced the right answer.
 *
 * Expected values: CRC-32 of "123456789" is the check value 0xCBF43926 of
 * the CRC-32/ISO-HDLC catalogue entry; SHA-256("abc") is FIPS 180-2
 * appendix B.1; the values for the 4 KiB buffer and the sorted array were
 * computed on the host with Python's zlib.crc32, hashlib.sha256 and sorted()
 * (see docs/firmware.md). */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "mbedtls/sha256.h"

#include "cpu.h"
#include "kernels.h"

#define BENCH_BYTES 4096u
#define SORT_N      1024u

static uint32_t src_words[BENCH_BYTES / 4];
static uint32_t dst_words[BENCH_BYTES / 4];
static uint32_t crc_table[256];
static int32_t sort_data[SORT_N];

static int failures;

struct counts {
    uint64_t cycles;
    uint64_t instret;
};

static inline struct counts counts_now(void)
{
    struct counts c;

    c.cycles = cpu_cycles();
    c.instret = cpu_instret();
    return c;
}

static void report(const char *name, struct counts t0, struct counts t1,
                   uint32_t bytes, bool ok)
{
    uint64_t cyc = t1.cycles - t0.cycles;
    uint64_t ins = t1.instret - t0.instret;

    if (!ok) {
        printf("bench-fail %s: wrong result\n", name);
        failures++;
        return;
    }
    printf("bench core.cpi.%s %.4f\n", name, ins ? (double)cyc / (double)ins : 0.0);
    printf("bench core.cycles.%s %" PRIu64 "\n", name, cyc);
    if (bytes)
        printf("bench core.cycles_per_byte.%s %.3f\n", name, (double)cyc / bytes);
}

static void fill_buffer(uint8_t *p)
{
    for (uint32_t i = 0; i < BENCH_BYTES; i++)
        p[i] = (uint8_t)(i * 31u + (i >> 8));
}

static void bench_memcpy(void)
{
    struct counts t0, t1;

    memset(dst_words, 0, sizeof dst_words);
    t0 = counts_now();
    kernel_memcpy(dst_words, src_words, BENCH_BYTES);
    t1 = counts_now();
    report("memcpy", t0, t1, BENCH_BYTES,
           memcmp(dst_words, src_words, BENCH_BYTES) == 0);
}

static void bench_crc32(void)
{
    struct counts t0, t1;
    uint32_t crc;
    bool ok;

    crc32_init(crc_table);
    ok = kernel_crc32(crc_table, (const uint8_t *)"123456789", 9) == 0xcbf43926u;
    t0 = counts_now();
    crc = kernel_crc32(crc_table, (const uint8_t *)src_words, BENCH_BYTES);
    t1 = counts_now();
    report("crc32", t0, t1, BENCH_BYTES, ok && crc == 0x4e30eeb1u);
}

static void bench_sort(void)
{
    struct counts t0, t1;
    uint32_t x = 0x12345678u, sum = 0, sum_after = 0;
    bool ok = true;

    for (uint32_t i = 0; i < SORT_N; i++) {   /* xorshift32 */
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        sort_data[i] = (int32_t)x;
        sum += x;
    }
    t0 = counts_now();
    kernel_sort(sort_data, SORT_N);
    t1 = counts_now();
    for (uint32_t i = 0; i < SORT_N; i++) {
        sum_after += (uint32_t)sort_data[i];
        if (i > 0 && sort_data[i - 1] > sort_data[i])
            ok = false;
    }
    ok = ok && sum == sum_after && sum == 1140473086u;
    ok = ok && sort_data[0] == -2145653833 && sort_data[512] == -37771898 &&
         sort_data[SORT_N - 1] == 2147334913;
    report("sort", t0, t1, 0, ok);
}

static const uint8_t sha256_abc[32] = {   /* FIPS 180-2, B.1 */
    0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde,
    0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
    0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
};
static const uint8_t sha256_buf[32] = {   /* hashlib.sha256(4 KiB buffer) */
    0x47, 0x0d, 0x1b, 0x89, 0xfc, 0x75, 0x29, 0x3c, 0x67, 0x93, 0xec, 0x18,
    0xae, 0x42, 0xd2, 0x9a, 0x06, 0xe4, 0x7c, 0x26, 0xfd, 0xe2, 0x62, 0x72,
    0x99, 0x75, 0xd3, 0x5d, 0xe6, 0x6b, 0xc5, 0xb1,
};

static void bench_sha256(void)
{
    struct counts t0, t1;
    uint8_t digest[32];
    bool ok;

    ok = mbedtls_sha256_ret((const uint8_t *)"abc", 3, digest, 0) == 0 &&
         memcmp(digest, sha256_abc, 32) == 0;
    t0 = counts_now();
    ok = mbedtls_sha256_ret((const uint8_t *)src_words, BENCH_BYTES, digest, 0) == 0 && ok;
    t1 = counts_now();
    report("sha256", t0, t1, BENCH_BYTES, ok && memcmp(digest, sha256_buf, 32) == 0);
}

int main(void)
{
    printf("openbti core benchmarks\n");
    fill_buffer((uint8_t *)src_words);
    bench_memcpy();
    bench_crc32();
    bench_sort();
    bench_sha256();
    printf("bench: %s\n", failures ? "FAIL" : "done");
    return failures ? 1 : 0;
}
