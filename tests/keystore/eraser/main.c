/* Key-store eraser: keystore_erase, then a load must report no keys. */
#include <stdio.h>

#include "../common.h"

static uint8_t buf[KEYSTORE_MAX_PAYLOAD];

int main(void)
{
    struct keystore ks;
    size_t len;
    int rc = test_keystore_open(&ks);

    if (rc == 0)
        rc = keystore_erase(&ks);
    if (rc) {
        printf("eraser: failed (%d)\n", rc);
        return 1;
    }
    rc = keystore_load(&ks, buf, sizeof buf, &len, NULL);
    printf("eraser: erased, load gives %d%s\n", rc, rc == OBTI_ENOENT ? " (no keys)" : "");
    return rc == OBTI_ENOENT ? 0 : 1;
}
