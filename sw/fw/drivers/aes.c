/* AES accelerator driver: one engine frame per call. Word-aligned buffers
 * in the data RAM go by the engine's DMA (addresses, one command, one load
 * of WAIT); anything else is pushed and popped through the word FIFOs with
 * plain loads and stores (docs/aes.md). */
#include "aes.h"

#include <string.h>

#include <obti/regs_aes.h>

#include "cpu.h"

#define REG(off) (*(volatile uint32_t *)(uintptr_t)(AES_BASE + (off)))
#define FIFO_WORDS 64u   /* obti_aes FifoDepth */

enum { MODE_ECB = 0, MODE_CBC = 1, MODE_CTR = 2, MODE_GCM = 3, MODE_GHASH = 4 };

/* Words in memory order without a memcpy call (which costs more than the
 * engine's whole block time). */
static inline uint32_t get_word(const uint8_t *p, size_t n)   /* n: bytes left (>= 1) */
{
    if (n >= 4 && ((uintptr_t)p & 3u) == 0)
        return *(const uint32_t *)(const void *)p;
    uint32_t w = 0;
    if (n > 4) n = 4;
    for (size_t i = 0; i < n; i++) w |= (uint32_t)p[i] << (8 * i);
    return w;
}

static inline void put_word(uint8_t *p, size_t n, uint32_t w)
{
    if (n >= 4 && ((uintptr_t)p & 3u) == 0) {
        *(uint32_t *)(void *)p = w;
        return;
    }
    if (n > 4) n = 4;
    for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(w >> (8 * i));
}

static void push(const uint8_t *p, size_t len)
{
    volatile uint32_t *din = &REG(AES_DIN);
    if (((uintptr_t)p & 3u) == 0) {
        const uint32_t *w = (const uint32_t *)(const void *)p;
        size_t n = len / 4;
        /* loads grouped before the stores: no load-use stall */
        for (; n >= 8; n -= 8, w += 8) {
            uint32_t a = w[0], b = w[1], c = w[2], d = w[3];
            uint32_t e = w[4], f = w[5], g = w[6], h = w[7];
            *din = a; *din = b; *din = c; *din = d;
            *din = e; *din = f; *din = g; *din = h;
        }
        for (; n; n--) *din = *w++;
        p = (const uint8_t *)w;
        len &= 3u;
        if (len) *din = get_word(p, len);
        return;
    }
    for (size_t i = 0; i < len; i += 4) *din = get_word(p + i, len - i);
}

static void pop(uint8_t *p, size_t len)
{
    volatile uint32_t *dout = &REG(AES_DOUT);
    if (((uintptr_t)p & 3u) == 0) {
        uint32_t *w = (uint32_t *)(void *)p;
        size_t n = len / 4;
        for (; n >= 8; n -= 8, w += 8) {
            uint32_t a = *dout, b = *dout, c = *dout, d = *dout;
            uint32_t e = *dout, f = *dout, g = *dout, h = *dout;
            w[0] = a; w[1] = b; w[2] = c; w[3] = d;
            w[4] = e; w[5] = f; w[6] = g; w[7] = h;
        }
        for (; n; n--) *w++ = *dout;
        p = (uint8_t *)w;
        len &= 3u;
        if (len) put_word(p, len, *dout);
        return;
    }
    for (size_t i = 0; i < len; i += 4) put_word(p + i, len - i, *dout);
}

static inline void set_iv(const uint8_t iv[16])
{
    if (((uintptr_t)iv & 3u) == 0) {
        const uint32_t *w = (const uint32_t *)(const void *)iv;
        uint32_t a = w[0], b = w[1], c = w[2], d = w[3];
        REG(AES_IV0) = a; REG(AES_IV1) = b; REG(AES_IV2) = c; REG(AES_IV3) = d;
        return;
    }
    for (unsigned i = 0; i < 4; i++) REG(AES_IV0 + 4 * i) = get_word(iv + 4 * i, 4);
}

/* A DMA command the engine refused because an address is unaligned or
 * outside the data RAM (ERRCODE 6): the caller takes the FIFO path. */
#define DMA_REFUSED 1

/* STATUS (or WAIT) after a frame -> return code; the error is cleared. */
static int status_rc(uint32_t st)
{
    if (!(st & AES_STATUS_ERR_MASK)) return 0;
    REG(AES_STATUS) = AES_STATUS_ERR_MASK;
    switch ((st & AES_STATUS_ERRCODE_MASK) >> AES_STATUS_ERRCODE_SHIFT) {
    case 2:  return OBTI_EINVAL;   /* no key loaded */
    case 3:  return OBTI_EBUSY;
    case 6:  return DMA_REFUSED;
    default: return OBTI_EIO;
    }
}

static int frame_status(void)
{
    return status_rc(REG(AES_STATUS));
}

static inline int aligned(const void *p)
{
    return ((uintptr_t)p & 3u) == 0;
}

/* One frame: command, AAD, data in chunks the output FIFO can hold, then
 * nextra extra output bytes (tag or hash). A refused command leaves the
 * engine idle: the pushes are dropped and the pops return at once, and the
 * status says why. */
static inline int run(uint32_t mode, int dec, const uint8_t *aad, size_t aadlen,
                      const uint8_t *in, uint8_t *out, size_t len, uint8_t *extra, size_t nextra)
{
    if (len > AES_MAX_LEN || aadlen > AES_MAX_LEN) return OBTI_EINVAL;
    REG(AES_CMD) = mode | (dec ? AES_CMD_DECRYPT_MASK : 0) | ((uint32_t)len << AES_CMD_LEN_SHIFT);
    if (aadlen) push(aad, aadlen);   /* the engine absorbs it: writes only wait */
    const size_t chunk = FIFO_WORDS * 4;
    if (len <= chunk) {                /* a voice frame: one push, one pop */
        push(in, len);
        pop(out, len);
    } else for (size_t off = 0; off < len; off += chunk) {
        size_t n = len - off < chunk ? len - off : chunk;
        push(in + off, n);
        pop(out + off, n);
    }
    if (nextra) pop(extra, nextra);
    return frame_status();
}

/* The counter block after n blocks: a 128-bit big-endian add, in software
 * (cheaper than reading the IV registers back). */
static void ctr_add(uint8_t ctr[16], uint32_t n)
{
    for (int i = 15; i >= 0 && n; i--) {
        uint32_t s = ctr[i] + (n & 0xffu);
        ctr[i] = (uint8_t)s;
        n = (n >> 8) + (s >> 8);
    }
}

/* The driver's one piece of state: which key load the engine holds. */
static uint32_t key_serial;

static void key_changed(void)
{
    if (++key_serial == 0)
        key_serial = 1;
}

uint32_t aes_key_serial(void)
{
    return key_serial;
}

int aes_init(void)
{
    key_changed();
    REG(AES_KEYCTRL) = AES_KEYCTRL_CLEAR_MASK;
    REG(AES_IE) = 0;
    REG(AES_AADLEN) = 0;
    REG(AES_STATUS) = AES_STATUS_DONE_MASK | AES_STATUS_ERR_MASK;
    return 0;
}

int aes_set_key(const uint8_t *key, size_t keylen)
{
    if (keylen != 16 && keylen != 32) return OBTI_EINVAL;
    if (REG(AES_STATUS) & AES_STATUS_BUSY_MASK) return OBTI_EBUSY;
    for (unsigned i = 0; i < keylen; i += 4) REG(AES_KEY0 + i) = get_word(key + i, 4);
    REG(AES_KEYCTRL) = AES_KEYCTRL_LOAD_MASK | (keylen == 32 ? AES_KEYCTRL_KEY256_MASK : 0);
    key_changed();
    return 0;
}

int aes_clear_key(void)
{
    key_changed();
    REG(AES_KEYCTRL) = AES_KEYCTRL_CLEAR_MASK;
    return 0;
}

int aes_ecb(int decrypt, const uint8_t *in, uint8_t *out, size_t len)
{
    if (len == 0 || len % 16) return OBTI_EINVAL;
    return run(MODE_ECB, decrypt, NULL, 0, in, out, len, NULL, 0);
}

int aes_ecb_block(int decrypt, const uint32_t in[4], uint32_t out[4])
{
    volatile uint32_t *din = &REG(AES_DIN), *dout = &REG(AES_DOUT);
    uint32_t a = in[0], b = in[1], c = in[2], d = in[3];
    REG(AES_CMD) = MODE_ECB | (decrypt ? AES_CMD_DECRYPT_MASK : 0) | (16u << AES_CMD_LEN_SHIFT);
    *din = a; *din = b; *din = c; *din = d;
    a = *dout; b = *dout; c = *dout; d = *dout;
    out[0] = a; out[1] = b; out[2] = c; out[3] = d;
    return frame_status();
}

static int cbc(int dec, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len)
{
    if (len == 0 || len % 16) return OBTI_EINVAL;
    uint8_t last[16];
    if (dec) memcpy(last, in + len - 16, 16);   /* in may be out */
    set_iv(iv);
    int rc = run(MODE_CBC, dec, NULL, 0, in, out, len, NULL, 0);
    if (rc == 0) memcpy(iv, dec ? last : out + len - 16, 16);
    return rc;
}

int aes_cbc_encrypt(uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len)
{
    return cbc(0, iv, in, out, len);
}

int aes_cbc_decrypt(uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t len)
{
    return cbc(1, iv, in, out, len);
}

int aes_dma_start(uint32_t cmd, const void *src, void *dst, const void *aad, void *tag)
{
    REG(AES_DMASRC) = (uint32_t)(uintptr_t)src;
    REG(AES_DMADST) = (uint32_t)(uintptr_t)dst;
    REG(AES_DMAAAD) = (uint32_t)(uintptr_t)aad;
    REG(AES_DMATAG) = (uint32_t)(uintptr_t)tag;
    REG(AES_CMD) = cmd | AES_CMD_DMA_MASK;
    return 0;
}

int aes_set_iv(const uint8_t iv[16])
{
    set_iv(iv);
    return 0;
}

int aes_busy(void)
{
    return (REG(AES_STATUS) & AES_STATUS_BUSY_MASK) != 0;
}

int aes_dma_wait(void)
{
    int rc = status_rc(REG(AES_WAIT));
    return rc == DMA_REFUSED ? OBTI_EINVAL : rc;
}

/* CTR through the FIFOs (unaligned buffers, or outside the data RAM). */
static int __attribute__((noinline)) ctr_fifo(uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                                              size_t len)
{
    set_iv(ctr);
    int rc = run(MODE_CTR, 0, NULL, 0, in, out, len, NULL, 0);
    if (rc == 0) ctr_add(ctr, (uint32_t)((len + 15) / 16));
    return rc;
}

/* A refused or failed CTR DMA frame (the counter is untouched): a refusal
 * (address) goes through the FIFOs instead. */
static int __attribute__((noinline)) ctr_dma_failed(uint8_t ctr[16], const uint8_t *in,
                                                    uint8_t *out, size_t len, uint32_t st,
                                                    uint32_t w3)
{
    ((uint32_t *)(void *)ctr)[3] = w3;           /* the counter as it was */
    int rc = status_rc(st);
    return rc == DMA_REFUSED ? ctr_fifo(ctr, in, out, len) : rc;
}

static int __attribute__((noinline)) ctr_add_ok(uint8_t ctr[16], uint32_t n)
{
    ctr_add(ctr, n);
    return 0;
}

/* The fast path (the 160-byte voice frame): IV, addresses, command, one
 * load of WAIT that waits for the end and gives the status. Leaf code with
 * tail calls only, so no stack frame. */
int aes_ctr_xor(uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len)
{
    if (len == 0) return 0;
    if (len > AES_MAX_LEN || !aligned((const void *)((uintptr_t)in | (uintptr_t)out | (uintptr_t)ctr)))
        return ctr_fifo(ctr, in, out, len);
    uint32_t *c = (uint32_t *)(void *)ctr;
    uint32_t w0 = c[0], w1 = c[1], w2 = c[2], w3 = c[3];
    REG(AES_IV0) = w0; REG(AES_IV1) = w1; REG(AES_IV2) = w2; REG(AES_IV3) = w3;
    REG(AES_DMASRC) = (uint32_t)(uintptr_t)in;
    REG(AES_DMADST) = (uint32_t)(uintptr_t)out;
    REG(AES_CMD) = MODE_CTR | AES_CMD_DMA_MASK | ((uint32_t)len << AES_CMD_LEN_SHIFT);
    /* while the engine runs: the counter's last byte (bits 31:24 of the
     * last word) plus the block count, when that does not carry (put back
     * if the frame fails) */
    uint32_t n = (uint32_t)((len + 15) / 16);
    int carry = (w3 >> 24) + n > 255u;
    if (!carry) c[3] = w3 + (n << 24);
    __asm__ volatile("" ::: "memory");
    uint32_t st = REG(AES_WAIT);
    if (st & AES_STATUS_ERR_MASK) return ctr_dma_failed(ctr, in, out, len, st, w3);
    if (carry) return ctr_add_ok(ctr, n);
    return 0;
}

/* J0 (SP 800-38D 7.1): IV || 0^31 || 1, or GHASH(IV || 0^s || 0^64 || [len(IV)]64)
 * on the engine for other IV lengths. */
static int gcm_j0(const uint8_t *iv, size_t ivlen, uint8_t j0[16])
{
    if (ivlen == 12) {
        memcpy(j0, iv, 12);
        j0[12] = 0; j0[13] = 0; j0[14] = 0; j0[15] = 1;
        return 0;
    }
    if (ivlen == 0 || ivlen > AES_MAX_LEN - 32) return OBTI_EINVAL;
    /* the IV (zero padded) goes in as data, then the length block */
    size_t padded = (ivlen + 15) & ~(size_t)15;
    uint8_t lenblk[16] = {0};
    uint64_t bits = (uint64_t)ivlen * 8;
    for (int i = 0; i < 8; i++) lenblk[15 - i] = (uint8_t)(bits >> (8 * i));
    REG(AES_CMD) = MODE_GHASH | ((uint32_t)(padded + 16) << AES_CMD_LEN_SHIFT);
    push(iv, ivlen);                       /* last word zero padded */
    for (size_t i = (ivlen + 3) & ~(size_t)3; i < padded; i += 4) REG(AES_DIN) = 0;
    push(lenblk, 16);
    pop(j0, 16);
    return frame_status();
}

int aes_ghash(uint8_t state[16], const uint8_t *in, size_t len)
{
    if (len == 0 || len > AES_MAX_LEN - 16) return OBTI_EINVAL;
    /* GHASH is linear: continuing from S is hashing (S xor X1), X2, ... */
    uint8_t first[16] = {0};
    size_t n1 = len < 16 ? len : 16;
    memcpy(first, in, n1);
    for (unsigned i = 0; i < 16; i++) first[i] ^= state[i];
    size_t padded = (len + 15) & ~(size_t)15;
    REG(AES_CMD) = MODE_GHASH | ((uint32_t)padded << AES_CMD_LEN_SHIFT);
    push(first, 16);
    if (len > 16) {
        size_t rest = len - 16;
        push(in + 16, rest);                       /* last word zero padded */
        for (size_t i = 16 + ((rest + 3) & ~(size_t)3); i < padded; i += 4) REG(AES_DIN) = 0;
    }
    pop(state, 16);
    return frame_status();
}

static int gcm(int dec, const uint8_t *iv, size_t ivlen, const uint8_t *aad, size_t aadlen,
               const uint8_t *in, uint8_t *out, size_t len, uint8_t tag[16])
{
    int rc;
    if (ivlen == 12 && aligned(iv)) {      /* J0 = IV || 0^31 || 1, straight in */
        const uint32_t *w = (const uint32_t *)(const void *)iv;
        uint32_t a = w[0], b = w[1], c = w[2];
        REG(AES_IV0) = a; REG(AES_IV1) = b; REG(AES_IV2) = c; REG(AES_IV3) = 0x01000000u;
    } else {
        uint32_t j0w[4];
        uint8_t *j0 = (uint8_t *)j0w;
        rc = gcm_j0(iv, ivlen, j0);
        if (rc) return rc;
        set_iv(j0);
    }
    REG(AES_AADLEN) = (uint32_t)aadlen;
    if (len <= AES_MAX_LEN && aadlen <= AES_MAX_LEN &&
        aligned((const void *)((uintptr_t)in | (uintptr_t)out | (uintptr_t)tag |
                               (aadlen ? (uintptr_t)aad : 0)))) {
        aes_dma_start(MODE_GCM | (dec ? AES_CMD_DECRYPT_MASK : 0) | ((uint32_t)len << AES_CMD_LEN_SHIFT),
                      in, out, aad, tag);
        rc = status_rc(REG(AES_WAIT));
        if (rc != DMA_REFUSED) {
            if (aadlen) REG(AES_AADLEN) = 0;
            return rc;
        }
    }
    rc = run(MODE_GCM, dec, aad, aadlen, in, out, len, tag, 16);
    if (aadlen) REG(AES_AADLEN) = 0;   /* the other modes want 0 */
    return rc;
}

int aes_gcm_encrypt(const uint8_t *iv, size_t ivlen, const uint8_t *aad, size_t aadlen,
                    const uint8_t *in, uint8_t *out, size_t len,
                    uint8_t *tag, size_t taglen)
{
    uint8_t t[16] __attribute__((aligned(4)));
    if (taglen < 4 || taglen > 16) return OBTI_EINVAL;
    if (taglen == 16 && aligned(tag))      /* the engine writes the tag in place */
        return gcm(0, iv, ivlen, aad, aadlen, in, out, len, tag);
    int rc = gcm(0, iv, ivlen, aad, aadlen, in, out, len, t);
    if (rc == 0) memcpy(tag, t, taglen);
    return rc;
}

int aes_gcm_decrypt(const uint8_t *iv, size_t ivlen, const uint8_t *aad, size_t aadlen,
                    const uint8_t *in, uint8_t *out, size_t len,
                    const uint8_t *tag, size_t taglen)
{
    uint8_t t[16] __attribute__((aligned(4)));
    if (taglen < 4 || taglen > 16) return OBTI_EINVAL;
    int rc = gcm(1, iv, ivlen, aad, aadlen, in, out, len, t);
    if (rc) return rc;
    uint8_t diff = 0;                      /* constant time over taglen */
    for (size_t i = 0; i < taglen; i++) diff |= (uint8_t)(t[i] ^ tag[i]);
    volatile uint8_t *wipe = t;
    for (size_t i = 0; i < sizeof t; i++) wipe[i] = 0;
    if (diff) {
        volatile uint8_t *o = out;
        for (size_t i = 0; i < len; i++) o[i] = 0;
        return OBTI_EAUTH;
    }
    return 0;
}

void aes_irq_enable(int on)
{
    REG(AES_IE) = on ? AES_IE_DONE_MASK : 0;
}
