/* mbedTLS AES context for MBEDTLS_AES_ALT (sw/fw/crypto/aes_alt.c): the
 * AES engine (docs/aes.md) holds one key at a time, so each context keeps
 * its key and the engine is reloaded when another context's key is loaded.
 * Included by mbedtls/aes.h. */
#ifndef OBTI_AES_ALT_H
#define OBTI_AES_ALT_H

#include <stdint.h>

typedef struct mbedtls_aes_context {
    uint32_t key[8];     /* the key as given (words in memory order) */
    uint32_t keybytes;   /* 16 or 32; 0 = no key */
    uint32_t id;         /* the driver's key serial when this key was loaded (0 = never) */
} mbedtls_aes_context;

/* Engine use since reset, for tests and figures: frames started by the
 * AES/GCM ALT code and key loads. */
struct obti_aes_alt_stats {
    uint32_t frames;
    uint32_t key_loads;
};
void obti_aes_alt_stats(struct obti_aes_alt_stats *st);

/* No longer needed (kept for old callers): the driver's key serial
 * (aes_key_serial) tells the ALT when code using the driver directly
 * loaded another key. */
void obti_aes_alt_forget(void);

/* Internal, for gcm_alt.c: make ctx's key the engine's key. Returns 0 or a
 * negative mbedTLS error. */
int obti_aes_alt_load(mbedtls_aes_context *ctx);
void obti_aes_alt_count_frame(void);

#endif /* OBTI_AES_ALT_H */
