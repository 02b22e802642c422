/* Key-store writer for the power-cut test and the benchmark: loads the
 * current key set, stores the set of the next sequence number, and prints
 * the mcycle values around keystore_store (the window the power cuts are
 * spread over) and its cost. */
#include <stdio.h>

#include "../common.h"
#include "cpu.h"

static uint8_t buf[KEYSTORE_MAX_PAYLOAD];

int main(void)
{
    struct keystore ks;
    struct keystore_info info;
    size_t len, n;
    uint32_t seq;
    uint64_t t0, t1, t2;
    int rc;

    rc = test_keystore_open(&ks);
    if (rc) {
        printf("writer: no flash (%d)\n", rc);
        return 1;
    }
    t0 = cpu_cycles();
    rc = keystore_load(&ks, buf, sizeof buf, &len, &info);
    t1 = cpu_cycles();
    if (rc == 0) {
        seq = info.seq + 1u;
        printf("writer: current seq %lu\n", (unsigned long)info.seq);
        printf("bench keystore.load_cycles %llu\n", (unsigned long long)(t1 - t0));
    } else if (rc == OBTI_ENOENT || rc == OBTI_EBADMSG) {
        seq = 1;
        printf("writer: no current key set (%d)\n", rc);
    } else {
        printf("writer: load failed (%d)\n", rc);
        return 1;
    }
    n = test_keyset_len(seq);
    for (size_t i = 0; i < n; i++)
        buf[i] = test_keyset_byte(seq, i);
    t1 = cpu_cycles();
    printf("writer: store start %llu\n", (unsigned long long)t1);
    rc = keystore_store(&ks, buf, n);
    t2 = cpu_cycles();
    printf("writer: store end %llu rc %d seq %lu len %u\n", (unsigned long long)t2, rc,
           (unsigned long)seq, (unsigned)n);
    if (rc)
        return 1;
    printf("bench keystore.write_cycles %llu\n", (unsigned long long)(t2 - t1));
    printf("bench keystore.write_bytes %u\n", (unsigned)n);
    return 0;
}
