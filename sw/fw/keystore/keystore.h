/* Key store in SPI flash (docs/keystore.md): one key set (an opaque byte
 * string) kept in two 4 KiB slots with a sequence number and a SHA-256 over
 * header and payload, written new-then-switch so that a power cut at any
 * instant leaves the old or the new key set readable, never neither. */
#ifndef OBTI_KEYSTORE_H
#define OBTI_KEYSTORE_H

#include <stddef.h>
#include <stdint.h>

#define KEYSTORE_MAGIC       0x534B424Fu   /* "OBKS" as stored, byte 0 first */
#define KEYSTORE_VERSION     1u
#define KEYSTORE_HEADER_SIZE 16u
#define KEYSTORE_HASH_SIZE   32u           /* SHA-256 */
#define KEYSTORE_SLOT_SIZE   4096u         /* one flash sector */
#define KEYSTORE_MAX_PAYLOAD (KEYSTORE_SLOT_SIZE - KEYSTORE_HEADER_SIZE - KEYSTORE_HASH_SIZE)

/* Where the two slots live: sectors at base and base + KEYSTORE_SLOT_SIZE
 * (base a multiple of the sector size). The flash driver must be
 * initialised (spiflash_init). */
struct keystore {
    uint32_t base;
};

/* What keystore_load found, for diagnostics and tests. */
struct keystore_info {
    uint32_t seq;        /* sequence number of the key set returned */
    unsigned slot;       /* 0 or 1: the slot it came from */
    int other;           /* state of the other slot: 0 valid (older),
                            OBTI_ENOENT erased, OBTI_EBADMSG damaged */
};

/* Copy the current key set (the valid slot with the newer sequence number)
 * into buf (cap bytes) and its length into *len; info may be NULL.
 * Returns 0; OBTI_ENOENT when both slots are erased (no keys);
 * OBTI_EBADMSG when no slot is valid but one holds something (damaged:
 * treat as no keys and provision again); OBTI_EINVAL when cap is too small
 * or base unaligned; flash errors (OBTI_ETIMEDOUT). */
int keystore_load(const struct keystore *ks, uint8_t *buf, size_t cap, size_t *len,
                  struct keystore_info *info);

/* Make data (len <= KEYSTORE_MAX_PAYLOAD bytes) the current key set: erase
 * and write the slot that does not hold the current key set, with the next
 * sequence number, and read it back. Until the last byte of its hash is
 * programmed, the previous key set stays the current one. Returns 0,
 * OBTI_EINVAL, OBTI_EIO (read-back differs; the previous set is still
 * current) or a flash error. */
int keystore_store(const struct keystore *ks, const uint8_t *data, size_t len);

/* Erase both slots, the one that is not current first, so that an
 * interrupted erase never brings an older key set back. */
int keystore_erase(const struct keystore *ks);

#endif /* OBTI_KEYSTORE_H */
