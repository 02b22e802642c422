/* Key store: two flash slots, the newer valid one is current; a store
 * rewrites the other one and so never touches the current key set. Format
 * and protocol: docs/keystore.md. */
#include "keystore.h"

#include <string.h>

#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#include "obti_err.h"
#include "spiflash.h"

#define CHUNK 256u

/* Slot layout: header | payload | SHA-256(header | payload). Header, all
 * little-endian: magic (4), version (2), reserved 0 (2), sequence (4),
 * payload length (4). */
struct slot_state {
    int rc;           /* 0 valid, OBTI_ENOENT erased, OBTI_EBADMSG damaged, other: flash error */
    uint32_t seq;
    uint32_t len;
};

static uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void make_header(uint8_t h[KEYSTORE_HEADER_SIZE], uint32_t seq, uint32_t len)
{
    put_le32(h, KEYSTORE_MAGIC);
    h[4] = (uint8_t)KEYSTORE_VERSION;
    h[5] = (uint8_t)(KEYSTORE_VERSION >> 8);
    h[6] = 0;
    h[7] = 0;
    put_le32(h + 8, seq);
    put_le32(h + 12, len);
}

/* Sequence numbers compare as serial numbers (RFC 1982 style), so the
 * counter may wrap. */
static int seq_newer(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) > 0;
}

static int digest_equal(const uint8_t *a, const uint8_t *b)
{
    uint8_t d = 0;

    for (unsigned i = 0; i < KEYSTORE_HASH_SIZE; i++)
        d |= a[i] ^ b[i];   /* constant time */
    return d == 0;
}

static uint32_t slot_addr(const struct keystore *ks, unsigned slot)
{
    return ks->base + slot * KEYSTORE_SLOT_SIZE;
}

/* Read and check a slot's header: st->rc 0 (plausible, hash not checked
 * yet), OBTI_ENOENT (erased) or OBTI_EBADMSG, or a flash error. */
static void slot_header(uint32_t addr, struct slot_state *st)
{
    uint8_t h[KEYSTORE_HEADER_SIZE];
    unsigned i;

    st->seq = 0;
    st->len = 0;
    st->rc = spiflash_read(addr, h, sizeof h);
    if (st->rc)
        return;
    if (get_le32(h) == KEYSTORE_MAGIC && get_le32(h + 4) == KEYSTORE_VERSION &&
        get_le32(h + 12) <= KEYSTORE_MAX_PAYLOAD) {
        st->seq = get_le32(h + 8);
        st->len = get_le32(h + 12);
        return;
    }
    for (i = 0; i < sizeof h && h[i] == 0xFF; i++)
        ;
    st->rc = i == sizeof h ? OBTI_ENOENT : OBTI_EBADMSG;
}

/* Check a slot whose header is plausible: SHA-256 over header and payload,
 * read in chunks, against the stored hash. When out is not NULL the payload
 * is copied there too (the caller checked that st->len fits). */
static void slot_check(uint32_t addr, struct slot_state *st, uint8_t *out)
{
    uint8_t h[KEYSTORE_HEADER_SIZE], chunk[CHUNK], want[KEYSTORE_HASH_SIZE], got[KEYSTORE_HASH_SIZE];
    mbedtls_sha256_context sha;
    uint32_t done;
    int rc;

    rc = spiflash_read(addr, h, sizeof h);
    if (rc == 0 && (get_le32(h + 8) != st->seq || get_le32(h + 12) != st->len))
        rc = OBTI_EBADMSG;   /* changed since slot_header */
    mbedtls_sha256_init(&sha);
    if (rc == 0)
        rc = mbedtls_sha256_starts_ret(&sha, 0);
    if (rc == 0)
        rc = mbedtls_sha256_update_ret(&sha, h, sizeof h);
    for (done = 0; rc == 0 && done < st->len; ) {
        uint32_t n = st->len - done < CHUNK ? st->len - done : CHUNK;
        rc = spiflash_read(addr + KEYSTORE_HEADER_SIZE + done, chunk, n);
        if (rc == 0)
            rc = mbedtls_sha256_update_ret(&sha, chunk, n);
        if (rc == 0 && out)
            memcpy(out + done, chunk, n);
        done += n;
    }
    if (rc == 0)
        rc = mbedtls_sha256_finish_ret(&sha, got);
    if (rc == 0)
        rc = spiflash_read(addr + KEYSTORE_HEADER_SIZE + st->len, want, sizeof want);
    mbedtls_sha256_free(&sha);
    mbedtls_platform_zeroize(chunk, sizeof chunk);
    if (rc == 0 && !digest_equal(got, want))
        rc = OBTI_EBADMSG;
    else if (rc > 0)
        rc = OBTI_EIO;   /* mbedTLS error: cannot happen for SHA-256 */
    st->rc = rc;
}

static int flash_error(int rc)
{
    return rc != 0 && rc != OBTI_ENOENT && rc != OBTI_EBADMSG;
}

/* Find the current slot: read both headers, then check the candidates,
 * newest sequence number first; the first whose hash matches is current
 * (its payload copied to out when out is not NULL; it must fit cap).
 * Returns the slot or -1 when none is valid; *err is 0 or a flash error or
 * OBTI_EINVAL. A slot left unchecked keeps rc 0 with a plausible header. */
static int find_current(const struct keystore *ks, struct slot_state st[2], uint8_t *out,
                        size_t cap, int *err)
{
    unsigned order[2] = { 0, 1 };

    *err = OBTI_OK;
    for (unsigned s = 0; s < 2; s++) {
        slot_header(slot_addr(ks, s), &st[s]);
        if (flash_error(st[s].rc)) {
            *err = st[s].rc;
            return -1;
        }
    }
    if (st[0].rc == 0 && st[1].rc == 0 && seq_newer(st[1].seq, st[0].seq)) {
        order[0] = 1;
        order[1] = 0;
    }
    for (unsigned k = 0; k < 2; k++) {
        unsigned s = order[k];
        if (st[s].rc != 0)
            continue;
        if (out && st[s].len > cap) {
            *err = OBTI_EINVAL;
            return -1;
        }
        slot_check(slot_addr(ks, s), &st[s], out);
        if (flash_error(st[s].rc)) {
            *err = st[s].rc;
            return -1;
        }
        if (st[s].rc == 0)
            return (int)s;
    }
    return -1;
}

int keystore_load(const struct keystore *ks, uint8_t *buf, size_t cap, size_t *len,
                  struct keystore_info *info)
{
    struct slot_state st[2];
    int cur, err;

    if (ks->base % KEYSTORE_SLOT_SIZE || ks->base > SPIFLASH_ADDR_LIMIT - 2 * KEYSTORE_SLOT_SIZE)
        return OBTI_EINVAL;
    cur = find_current(ks, st, buf, cap, &err);
    if (err || cur < 0) {
        mbedtls_platform_zeroize(buf, cap);
        if (err)
            return err;
        return (st[0].rc == OBTI_ENOENT && st[1].rc == OBTI_ENOENT) ? OBTI_ENOENT : OBTI_EBADMSG;
    }
    *len = st[cur].len;
    if (info) {
        struct slot_state *o = &st[1 - cur];
        if (o->rc == 0)   /* not checked: the current one was found first */
            slot_check(slot_addr(ks, (unsigned)(1 - cur)), o, NULL);
        info->seq = st[cur].seq;
        info->slot = (unsigned)cur;
        info->other = o->rc;
    }
    return OBTI_OK;
}

/* Bytes [off, off + n) of the slot image header | data | hash. */
static void image_bytes(uint8_t *dst, uint32_t off, uint32_t n, const uint8_t *hdr,
                        const uint8_t *data, uint32_t len, const uint8_t *hash)
{
    for (uint32_t i = 0; i < n; i++, off++) {
        if (off < KEYSTORE_HEADER_SIZE)
            dst[i] = hdr[off];
        else if (off < KEYSTORE_HEADER_SIZE + len)
            dst[i] = data[off - KEYSTORE_HEADER_SIZE];
        else
            dst[i] = hash[off - KEYSTORE_HEADER_SIZE - len];
    }
}

int keystore_store(const struct keystore *ks, const uint8_t *data, size_t len)
{
    struct slot_state st[2];
    uint8_t hdr[KEYSTORE_HEADER_SIZE], hash[KEYSTORE_HASH_SIZE], page[CHUNK], back[CHUNK];
    uint32_t seq, addr, total, off;
    unsigned target;
    int cur, rc;

    if (len > KEYSTORE_MAX_PAYLOAD || (len && !data) || ks->base % KEYSTORE_SLOT_SIZE ||
        ks->base > SPIFLASH_ADDR_LIMIT - 2 * KEYSTORE_SLOT_SIZE)
        return OBTI_EINVAL;
    cur = find_current(ks, st, NULL, 0, &rc);
    if (rc)
        return rc;
    target = cur < 0 ? 0u : (unsigned)(1 - cur);
    seq = cur < 0 ? 1u : st[cur].seq + 1u;

    make_header(hdr, seq, (uint32_t)len);
    {
        mbedtls_sha256_context sha;
        mbedtls_sha256_init(&sha);
        rc = mbedtls_sha256_starts_ret(&sha, 0);
        if (rc == 0)
            rc = mbedtls_sha256_update_ret(&sha, hdr, sizeof hdr);
        if (rc == 0)
            rc = mbedtls_sha256_update_ret(&sha, data, len);
        if (rc == 0)
            rc = mbedtls_sha256_finish_ret(&sha, hash);
        mbedtls_sha256_free(&sha);
        if (rc)
            return OBTI_EIO;
    }

    /* New: erase and program the slot that is not current. The header comes
     * first and the hash last, so the slot validates only once complete. */
    addr = slot_addr(ks, target);
    total = KEYSTORE_HEADER_SIZE + (uint32_t)len + KEYSTORE_HASH_SIZE;
    rc = spiflash_erase_sector(addr);
    for (off = 0; rc == 0 && off < total; off += CHUNK) {
        uint32_t n = total - off < CHUNK ? total - off : CHUNK;
        image_bytes(page, off, n, hdr, data, (uint32_t)len, hash);
        rc = spiflash_program(addr + off, page, n);
    }
    /* Verify byte for byte against the image whose hash was computed. */
    for (off = 0; rc == 0 && off < total; off += CHUNK) {
        uint32_t n = total - off < CHUNK ? total - off : CHUNK;
        image_bytes(page, off, n, hdr, data, (uint32_t)len, hash);
        rc = spiflash_read(addr + off, back, n);
        if (rc == 0 && memcmp(page, back, n) != 0)
            rc = OBTI_EIO;
    }
    /* Switch: nothing to do -- the slot with the newer sequence number is
     * current as soon as it is valid. The old slot stays as the fallback. */
    mbedtls_platform_zeroize(page, sizeof page);
    mbedtls_platform_zeroize(back, sizeof back);
    return rc;
}

int keystore_erase(const struct keystore *ks)
{
    struct slot_state st[2];
    int cur, rc;
    unsigned first;

    if (ks->base % KEYSTORE_SLOT_SIZE || ks->base > SPIFLASH_ADDR_LIMIT - 2 * KEYSTORE_SLOT_SIZE)
        return OBTI_EINVAL;
    cur = find_current(ks, st, NULL, 0, &rc);
    if (rc)
        return rc;
    first = cur < 0 ? 0u : (unsigned)(1 - cur);
    rc = spiflash_erase_sector(slot_addr(ks, first));
    if (rc == 0)
        rc = spiflash_erase_sector(slot_addr(ks, 1u - first));
    return rc;
}
