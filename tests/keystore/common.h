/* Shared by the key-store test programs: the test key set of a sequence
 * number (tests/keystore/keyset.py computes the same bytes) and where the
 * key store lives: the last two sectors of the flash, sized from its JEDEC
 * ID, as a board build would place it above the bitstream. */
#ifndef OBTI_TESTS_KEYSTORE_COMMON_H
#define OBTI_TESTS_KEYSTORE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "keystore.h"
#include "obti_err.h"
#include "spiflash.h"

/* Length of the key set with sequence number seq: 300, 450 or 600 bytes,
 * so that sets span two or three flash pages and lengths differ. */
static inline size_t test_keyset_len(uint32_t seq)
{
    return 300u + 150u * (seq % 3u);
}

static inline uint8_t test_keyset_byte(uint32_t seq, size_t i)
{
    return (uint8_t)((i * 7u + seq * 131u + (i >> 5)) ^ (seq >> 8) ^ 0x5Au);
}

/* Initialise the flash (SCK = clk/2) and find the key store. */
static inline int test_keystore_open(struct keystore *ks)
{
    uint32_t id;
    int rc = spiflash_init(1);

    if (rc == 0)
        rc = spiflash_read_id(&id);
    if (rc)
        return rc;
    if ((id & 0xFFu) < 13u || (id & 0xFFu) > 24u)
        return OBTI_EIO;   /* no flash, or not a 25-series capacity code */
    ks->base = (1u << (id & 0xFFu)) - 2u * KEYSTORE_SLOT_SIZE;
    return OBTI_OK;
}

#endif
