/* AES accelerator driver (docs/aes.md, docs/registers/aes.md): AES-128/256,
 * ECB, CBC, CTR and GCM, one engine command per call. Buffers may have any
 * alignment and may overlap exactly (in == out). Lengths up to AES_MAX_LEN
 * bytes per call. Functions return 0 or a negative OBTI_E* code.
 * CTR and GCM frames whose buffers are word aligned and in the data RAM go
 * by the engine's DMA (the CPU waits on one load); others through the FIFOs. */
#ifndef OBTI_AES_H
#define OBTI_AES_H

#include <stddef.h>
#include <stdint.h>

#include "obti_err.h"

#define AES_MAX_LEN 65535u

/* Reset the engine to a known state: abort any frame, wipe the key,
 * clear status, disable the interrupt. Returns 0. */
int aes_init(void);

/* Load a 16- or 32-byte key (OBTI_EINVAL otherwise, OBTI_EBUSY while a
 * frame runs). The key registers are write-only. */
int aes_set_key(const uint8_t *key, size_t keylen);

/* Wipe the key, the derived keys and the engine state. Returns 0. */
int aes_clear_key(void);

/* A number that changes with every key load or clear (never 0 after the
 * first load): a user that leaves its key in the engine (the mbedTLS ALT in
 * sw/fw/crypto) checks it to see whether someone else loaded another key. */
uint32_t aes_key_serial(void);

/* ECB over len bytes (a non-zero multiple of 16). */
int aes_ecb(int decrypt, const uint8_t *in, uint8_t *out, size_t len);

/* One ECB block, words in memory order: the fast path for mbedTLS's
 * single-block calls (CTR_DRBG, CFB, OFB), without length or alignment
 * handling. */
int aes_ecb_block(int decrypt, const uint32_t in[4], uint32_t out[4]);

/* CBC over len bytes (a non-zero multiple of 16); iv is updated to the last
 * ciphertext block, so consecutive calls continue the chain. */
int aes_cbc_encrypt(uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len);
int aes_cbc_decrypt(uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len);

/* CTR (SP 800-38A: the counter block advances as a 128-bit big-endian
 * number per 16 bytes). ctr is updated to the next unused counter block. */
int aes_ctr_xor(uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len);

/* GCM (SP 800-38D) with any IV length >= 1 (96 bits is the fast path) and a
 * tag of 4..16 bytes. Decrypt compares the tag in constant time and returns
 * OBTI_EAUTH on mismatch, with out wiped. */
int aes_gcm_encrypt(const uint8_t *iv, size_t ivlen, const uint8_t *aad, size_t aadlen,
                    const uint8_t *in, uint8_t *out, size_t len,
                    uint8_t *tag, size_t taglen);
int aes_gcm_decrypt(const uint8_t *iv, size_t ivlen, const uint8_t *aad, size_t aadlen,
                    const uint8_t *in, uint8_t *out, size_t len,
                    const uint8_t *tag, size_t taglen);

/* GHASH continued over len bytes (zero padded to whole blocks) with the
 * hash key H = E_K(0^128) of the loaded key: state <- GHASH_H(state, in).
 * A zero state starts a new hash. For GCM split over several calls (the
 * mbedTLS GCM_ALT in sw/fw/crypto). len 1..AES_MAX_LEN-16. */
int aes_ghash(uint8_t state[16], const uint8_t *in, size_t len);

/* Raw DMA frame, for callers that overlap work with the engine: cmd is a
 * CMD value (MODE, DECRYPT, LEN; the DMA bit is added), IV/AADLEN/key
 * already set. src, dst, aad, tag: word aligned, in the data RAM (aad used
 * for GCM with AADLEN > 0, tag for GCM and GHASH: 16 bytes). Returns 0;
 * aes_dma_wait() then waits for the end of the frame and returns 0,
 * OBTI_EINVAL (refused: bad address or command, no key), OBTI_EBUSY or
 * OBTI_EIO. Buffers must not be touched by the CPU until then. */
int aes_dma_start(uint32_t cmd, const void *src, void *dst, const void *aad, void *tag);
int aes_dma_wait(void);

/* Load the IV registers (CBC chaining value, CTR counter block, GCM J0) for
 * aes_dma_start(). Returns 0. */
int aes_set_iv(const uint8_t iv[16]);

/* 1 while a frame runs (STATUS.BUSY), else 0. */
int aes_busy(void);

/* Interrupt on frame done (line AES_IRQ of the interrupt controller). */
void aes_irq_enable(int on);

#endif /* OBTI_AES_H */
