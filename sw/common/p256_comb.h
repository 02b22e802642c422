/* The P-256 base point's comb table from ROM (docs/crypto.md, "ECDSA").
 *
 * mbedTLS 2.28 multiplies the base point G by the comb method and builds
 * its table of 2^(w-1) multiples of G on the first multiplication with a
 * group, keeping it in the group (MBEDTLS_ECP_FIXED_POINT_OPTIM): about half
 * of a key generation's cycles on the BTI, and paid again after every boot.
 * p256_comb.c holds the tables for w = 4 and 5, computed at development time
 * by p256_comb_gen.py from the curve parameters (checked by make test);
 * obti_p256_comb_attach() gives a freshly loaded secp256r1 group the table
 * mbedTLS would have built, so the first multiplication skips the build. The
 * result of every multiplication is the same (the table is the same). */
#ifndef OBTI_P256_COMB_H
#define OBTI_P256_COMB_H

#include <stdint.h>

#include "mbedtls/ecp.h"

extern const uint8_t obti_p256_comb_w4[8][64];
extern const uint8_t obti_p256_comb_w5[16][64];

/* grp: loaded with MBEDTLS_ECP_DP_SECP256R1 and no table yet. Returns 0
 * when the table is attached or this configuration of mbedTLS would not use
 * one, MBEDTLS_ERR_ECP_ALLOC_FAILED or MBEDTLS_ERR_ECP_BAD_INPUT_DATA
 * otherwise (the group is left without a table, still usable). */
int obti_p256_comb_attach(mbedtls_ecp_group *grp);

#endif
