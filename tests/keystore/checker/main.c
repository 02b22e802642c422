/* Key-store checker: loads the key set and prints it (sequence number,
 * slot, length and the bytes in hex) or why there is none. The test
 * scripts compare the bytes with tests/keystore/keyset.py. Exit 0 whenever
 * the key store answered (keys, no keys, damaged), 1 on a flash error. */
#include <stdio.h>

#include "../common.h"

static uint8_t buf[KEYSTORE_MAX_PAYLOAD];

int main(void)
{
    struct keystore ks;
    struct keystore_info info;
    size_t len;
    int rc = test_keystore_open(&ks);

    if (rc) {
        printf("checker: no flash (%d)\n", rc);
        return 1;
    }
    rc = keystore_load(&ks, buf, sizeof buf, &len, &info);
    if (rc == OBTI_ENOENT) {
        printf("checker: no keys\n");
        return 0;
    }
    if (rc == OBTI_EBADMSG) {
        printf("checker: damaged, no valid key set\n");
        return 0;
    }
    if (rc) {
        printf("checker: load failed (%d)\n", rc);
        return 1;
    }
    printf("checker: keys seq %lu slot %u other %d len %u\n", (unsigned long)info.seq,
           info.slot, info.other, (unsigned)len);
    for (size_t i = 0; i < len; i++)
        printf("%02x%s", buf[i], (i % 32 == 31 || i + 1 == len) ? "\n" : "");
    printf("checker: end\n");
    return 0;
}
