/* TRNG conditioning (docs/trng.md): SHA-256 (FIPS 180-4) over 512 raw bits
 * per 256 output bits. Plain C without device access, so the host tool that
 * conditions raw dumps (tests/rtl/trng/condition.c) runs the same code. */
#ifndef OBTI_TRNG_COND_H
#define OBTI_TRNG_COND_H

#include <stddef.h>
#include <stdint.h>

#define TRNG_COND_IN_WORDS 16u   /* 512 raw bits in */
#define TRNG_COND_OUT_BYTES 32u  /* 256 conditioned bits out */

struct trng_sha256 {
    uint32_t h[8];
    uint64_t len;          /* bytes hashed so far */
    uint8_t buf[64];
    size_t fill;
};

void trng_sha256_init(struct trng_sha256 *s);
void trng_sha256_update(struct trng_sha256 *s, const uint8_t *data, size_t len);
void trng_sha256_final(struct trng_sha256 *s, uint8_t digest[32]);

/* out = SHA-256 of the 16 raw words as 64 bytes, each word little-endian
 * (the first sample is bit 0 of byte 0). */
void trng_condition(const uint32_t raw[TRNG_COND_IN_WORDS], uint8_t out[TRNG_COND_OUT_BYTES]);

#endif /* OBTI_TRNG_COND_H */
