/* Crypto of the provisioning protocol (docs/protocol.md "Envelopes" and
 * "Key derivations"): HKDF derivations, the GCM and long-term envelopes,
 * RSA-OAEP wrap of K, the KU signature and the PS certificate check.
 * mbedTLS 2.28 API only, so the firmware builds the same file. */
#include <string.h>

#include "obti/prot.h"
#include "p256_comb.h"

#include "mbedtls/aes.h"
#include "mbedtls/bignum.h"
#include "mbedtls/ecp.h"
#include "mbedtls/gcm.h"
#include "mbedtls/hkdf.h"
#include "mbedtls/oid.h"
#include "mbedtls/md.h"
#include "mbedtls/platform_util.h"
#include "mbedtls/rsa.h"
#include "mbedtls/sha256.h"
#include "mbedtls/x509_crt.h"

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);  p[3] = (uint8_t)v;
}

static int hkdf(const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
                const char *info, uint8_t *out, size_t out_len)
{
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    if (md == NULL)
        return OBTI_ECRYPTO;
    if (mbedtls_hkdf(md, salt, salt_len, ikm, ikm_len, (const unsigned char *)info,
                     strlen(info), out, out_len) != 0)
        return OBTI_ECRYPTO;
    return 0;
}

int obti_dirkeys_derive(const uint8_t x[OBTI_KEY_LEN], struct obti_dirkeys *dk)
{
    int rc = hkdf(NULL, 0, x, OBTI_KEY_LEN, "obti b2p", dk->b2p, OBTI_KEY_LEN);
    if (rc == 0)
        rc = hkdf(NULL, 0, x, OBTI_KEY_LEN, "obti p2b", dk->p2b, OBTI_KEY_LEN);
    if (rc != 0)
        mbedtls_platform_zeroize(dk, sizeof(*dk));
    return rc;
}

int obti_srtp_key_derive(const uint8_t ak[OBTI_KEY_LEN], uint8_t out[OBTI_SRTP_MASTER_LEN])
{
    return hkdf(NULL, 0, ak, OBTI_KEY_LEN, "obti srtp", out, OBTI_SRTP_MASTER_LEN);
}

int obti_lt_derive(const uint8_t k[16], const uint8_t sk[16], const uint8_t ak[16],
                   const uint8_t n0[16], const uint8_t n1[16], const uint8_t n2[16],
                   struct obti_lt_keys *lt)
{
    uint8_t ikm[48], salt[48], okm[OBTI_LT_LEN];
    memcpy(ikm, k, 16); memcpy(ikm + 16, sk, 16); memcpy(ikm + 32, ak, 16);
    memcpy(salt, n0, 16); memcpy(salt + 16, n1, 16); memcpy(salt + 32, n2, 16);
    int rc = hkdf(salt, sizeof(salt), ikm, sizeof(ikm), "obti long-term", okm, sizeof(okm));
    if (rc == 0)
        obti_lt_from_bytes(okm, lt);
    mbedtls_platform_zeroize(ikm, sizeof(ikm));
    mbedtls_platform_zeroize(okm, sizeof(okm));
    return rc;
}

void obti_lt_to_bytes(const struct obti_lt_keys *lt, uint8_t out[OBTI_LT_LEN])
{
    memcpy(out, lt->enc_b2p, 16);
    memcpy(out + 16, lt->mac_b2p, 16);
    memcpy(out + 32, lt->enc_p2b, 16);
    memcpy(out + 48, lt->mac_p2b, 16);
}

void obti_lt_from_bytes(const uint8_t in[OBTI_LT_LEN], struct obti_lt_keys *lt)
{
    memcpy(lt->enc_b2p, in, 16);
    memcpy(lt->mac_b2p, in + 16, 16);
    memcpy(lt->enc_p2b, in + 32, 16);
    memcpy(lt->mac_p2b, in + 48, 16);
}

/* ---- AES-128-GCM envelope -------------------------------------------------- */
static void gcm_iv(uint8_t iv[12], uint32_t dir, uint32_t seq)
{
    put32(iv, dir);
    put32(iv + 4, 0);
    put32(iv + 8, seq);
}

int obti_gcm_seal(const uint8_t key[16], uint32_t dir, uint32_t seq,
                  const uint8_t *aad, size_t aad_len,
                  const uint8_t *pt, size_t pt_len, uint8_t *ct_tag)
{
    mbedtls_gcm_context g;
    uint8_t iv[12];
    int rc = OBTI_ECRYPTO;
    gcm_iv(iv, dir, seq);
    mbedtls_gcm_init(&g);
    if (mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, key, 128) == 0 &&
        mbedtls_gcm_crypt_and_tag(&g, MBEDTLS_GCM_ENCRYPT, pt_len, iv, sizeof(iv), aad,
                                  aad_len, pt, ct_tag, OBTI_TAG_LEN, ct_tag + pt_len) == 0)
        rc = 0;
    mbedtls_gcm_free(&g);
    return rc;
}

int obti_gcm_open(const uint8_t key[16], uint32_t dir, uint32_t seq,
                  const uint8_t *aad, size_t aad_len,
                  const uint8_t *ct_tag, size_t ct_tag_len, uint8_t *pt)
{
    mbedtls_gcm_context g;
    uint8_t iv[12];
    int rc;
    if (ct_tag_len < OBTI_TAG_LEN)
        return OBTI_EBADMSG;
    size_t n = ct_tag_len - OBTI_TAG_LEN;
    gcm_iv(iv, dir, seq);
    mbedtls_gcm_init(&g);
    if (mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, key, 128) != 0) {
        rc = OBTI_ECRYPTO;
    } else {
        int r = mbedtls_gcm_auth_decrypt(&g, n, iv, sizeof(iv), aad, aad_len, ct_tag + n,
                                         OBTI_TAG_LEN, ct_tag, pt);
        rc = r == 0 ? 0 : r == MBEDTLS_ERR_GCM_AUTH_FAILED ? OBTI_EAUTH : OBTI_ECRYPTO;
    }
    if (rc != 0)
        mbedtls_platform_zeroize(pt, n);
    mbedtls_gcm_free(&g);
    return rc;
}

/* ---- long-term envelope: AES-CTR then HMAC-SHA256/128 ---------------------- */
static int lt_ctr(const uint8_t key[16], uint32_t dir, uint32_t counter, uint32_t seq,
                  const uint8_t *in, size_t len, uint8_t *out)
{
    mbedtls_aes_context a;
    uint8_t nc[16], stream[16];
    size_t off = 0;
    int rc = OBTI_ECRYPTO;
    put32(nc, dir); put32(nc + 4, counter); put32(nc + 8, seq); put32(nc + 12, 0);
    mbedtls_aes_init(&a);
    if (mbedtls_aes_setkey_enc(&a, key, 128) == 0 &&
        mbedtls_aes_crypt_ctr(&a, len, &off, nc, stream, in, out) == 0)
        rc = 0;
    mbedtls_aes_free(&a);
    mbedtls_platform_zeroize(stream, sizeof(stream));
    return rc;
}

static int lt_mac(const uint8_t key[16], const uint8_t *aad, size_t aad_len,
                  const uint8_t *ct, size_t ct_len, uint8_t mac[32])
{
    mbedtls_md_context_t md;
    int rc = OBTI_ECRYPTO;
    mbedtls_md_init(&md);
    if (mbedtls_md_setup(&md, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 1) == 0 &&
        mbedtls_md_hmac_starts(&md, key, 16) == 0 &&
        mbedtls_md_hmac_update(&md, aad, aad_len) == 0 &&
        mbedtls_md_hmac_update(&md, ct, ct_len) == 0 &&
        mbedtls_md_hmac_finish(&md, mac) == 0)
        rc = 0;
    mbedtls_md_free(&md);
    return rc;
}

/* Constant-time comparison: no early exit on the first differing byte. */
static int ct_diff(const uint8_t *a, const uint8_t *b, size_t n)
{
    uint8_t d = 0;
    for (size_t i = 0; i < n; i++)
        d |= (uint8_t)(a[i] ^ b[i]);
    return d != 0;
}

int obti_lt_seal(const struct obti_lt_keys *lt, uint32_t dir, uint32_t counter, uint32_t seq,
                 const uint8_t *aad, size_t aad_len,
                 const uint8_t *pt, size_t pt_len, uint8_t *ct_mac)
{
    uint8_t mac[32];
    const uint8_t *ek = dir == OBTI_DIR_B2P ? lt->enc_b2p : lt->enc_p2b;
    const uint8_t *mk = dir == OBTI_DIR_B2P ? lt->mac_b2p : lt->mac_p2b;
    int rc = lt_ctr(ek, dir, counter, seq, pt, pt_len, ct_mac);
    if (rc == 0)
        rc = lt_mac(mk, aad, aad_len, ct_mac, pt_len, mac);
    if (rc == 0)
        memcpy(ct_mac + pt_len, mac, OBTI_TAG_LEN);
    return rc;
}

int obti_lt_open(const struct obti_lt_keys *lt, uint32_t dir, uint32_t counter, uint32_t seq,
                 const uint8_t *aad, size_t aad_len,
                 const uint8_t *ct_mac, size_t len, uint8_t *pt)
{
    uint8_t mac[32];
    const uint8_t *ek = dir == OBTI_DIR_B2P ? lt->enc_b2p : lt->enc_p2b;
    const uint8_t *mk = dir == OBTI_DIR_B2P ? lt->mac_b2p : lt->mac_p2b;
    if (len < OBTI_TAG_LEN)
        return OBTI_EBADMSG;
    size_t n = len - OBTI_TAG_LEN;
    int rc = lt_mac(mk, aad, aad_len, ct_mac, n, mac);
    if (rc != 0)
        return rc;
    if (ct_diff(mac, ct_mac + n, OBTI_TAG_LEN))
        return OBTI_EAUTH;              /* MAC first: nothing decrypted */
    return lt_ctr(ek, dir, counter, seq, ct_mac, n, pt);
}

/* ---- RSA-OAEP (SHA-256) wrap of K ------------------------------------------- */
static mbedtls_rsa_context *rsa2048(mbedtls_pk_context *pk)
{
    if (mbedtls_pk_get_type(pk) != MBEDTLS_PK_RSA || mbedtls_pk_get_bitlen(pk) != 2048)
        return NULL;
    mbedtls_rsa_context *rsa = mbedtls_pk_rsa(*pk);
    mbedtls_rsa_set_padding(rsa, MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA256);
    return rsa;
}

int obti_wrap_k(mbedtls_pk_context *ps_pub, const uint8_t k[16],
                obti_rng_fn f_rng, void *p_rng, uint8_t out[OBTI_RSA_LEN])
{
    mbedtls_rsa_context *rsa = rsa2048(ps_pub);
    if (rsa == NULL)
        return OBTI_ECERT;
    if (mbedtls_rsa_rsaes_oaep_encrypt(rsa, f_rng, p_rng, MBEDTLS_RSA_PUBLIC, NULL, 0, 16, k,
                                       out) != 0)
        return OBTI_ECRYPTO;
    return 0;
}

int obti_unwrap_k(mbedtls_pk_context *ps_priv, const uint8_t in[OBTI_RSA_LEN],
                  obti_rng_fn f_rng, void *p_rng, uint8_t k[16])
{
    mbedtls_rsa_context *rsa = rsa2048(ps_priv);
    uint8_t buf[OBTI_RSA_LEN];
    size_t olen = 0;
    if (rsa == NULL)
        return OBTI_EINVAL;
    int r = mbedtls_rsa_rsaes_oaep_decrypt(rsa, f_rng, p_rng, MBEDTLS_RSA_PRIVATE, NULL, 0,
                                           &olen, in, buf, sizeof(buf));
    int rc;
    if (r == 0 && olen == 16) {
        memcpy(k, buf, 16);
        rc = 0;
    } else {
        rc = OBTI_EAUTH;                /* not a K wrapped for this key (padding, range) */
    }
    mbedtls_platform_zeroize(buf, sizeof(buf));
    return rc;
}

/* ---- KU: ECDSA P-256 ------------------------------------------------------ */
/* The group with the base point's comb table from ROM (p256_comb.h): a
 * table that cannot be attached (no memory) only costs the time to build it. */
static int p256_load(mbedtls_ecp_group *grp)
{
    if (mbedtls_ecp_group_load(grp, MBEDTLS_ECP_DP_SECP256R1) != 0)
        return OBTI_ECRYPTO;
    (void)obti_p256_comb_attach(grp);
    return 0;
}

/* mbedtls_ecdsa_genkey() is group load + mbedtls_ecp_gen_keypair(). */
int obti_ku_generate(mbedtls_ecdsa_context *ku, obti_rng_fn f_rng, void *p_rng)
{
    if (p256_load(&ku->grp) != 0 ||
        mbedtls_ecp_gen_keypair(&ku->grp, &ku->d, &ku->Q, f_rng, p_rng) != 0)
        return OBTI_ECRYPTO;
    return 0;
}

int obti_ku_export(const mbedtls_ecdsa_context *ku, uint8_t pub[OBTI_KU_PUB_LEN],
                   uint8_t priv[OBTI_KU_PRIV_LEN])
{
    size_t olen = 0;
    if (ku->grp.id != MBEDTLS_ECP_DP_SECP256R1)
        return OBTI_EINVAL;
    if (mbedtls_ecp_point_write_binary(&ku->grp, &ku->Q, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen,
                                       pub, OBTI_KU_PUB_LEN) != 0 || olen != OBTI_KU_PUB_LEN)
        return OBTI_ECRYPTO;
    if (priv != NULL && mbedtls_mpi_write_binary(&ku->d, priv, OBTI_KU_PRIV_LEN) != 0)
        return OBTI_ECRYPTO;
    return 0;
}

int obti_ku_import(mbedtls_ecdsa_context *ku, const uint8_t pub[OBTI_KU_PUB_LEN],
                   const uint8_t priv[OBTI_KU_PRIV_LEN])
{
    if (p256_load(&ku->grp) != 0)
        return OBTI_ECRYPTO;
    if (pub[0] != 0x04 ||
        mbedtls_ecp_point_read_binary(&ku->grp, &ku->Q, pub, OBTI_KU_PUB_LEN) != 0 ||
        mbedtls_ecp_check_pubkey(&ku->grp, &ku->Q) != 0)
        return OBTI_EBADMSG;
    if (priv != NULL) {
        if (mbedtls_mpi_read_binary(&ku->d, priv, OBTI_KU_PRIV_LEN) != 0 ||
            mbedtls_ecp_check_privkey(&ku->grp, &ku->d) != 0)
            return OBTI_EBADMSG;
    }
    return 0;
}

int obti_ku_sign(mbedtls_ecdsa_context *ku, const uint8_t *msg, size_t len,
                 obti_rng_fn f_rng, void *p_rng, uint8_t sig[OBTI_SIG_LEN])
{
    uint8_t h[32];
    mbedtls_mpi r, s;
    int rc = OBTI_ECRYPTO;
    if (mbedtls_sha256_ret(msg, len, h, 0) != 0)
        return OBTI_ECRYPTO;
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    if (mbedtls_ecdsa_sign(&ku->grp, &r, &s, &ku->d, h, sizeof(h), f_rng, p_rng) == 0 &&
        mbedtls_mpi_write_binary(&r, sig, 32) == 0 &&
        mbedtls_mpi_write_binary(&s, sig + 32, 32) == 0)
        rc = 0;
    mbedtls_mpi_free(&r);
    mbedtls_mpi_free(&s);
    return rc;
}

int obti_ku_verify(const uint8_t pub[OBTI_KU_PUB_LEN], const uint8_t *msg, size_t len,
                   const uint8_t sig[OBTI_SIG_LEN])
{
    mbedtls_ecdsa_context ku;
    mbedtls_mpi r, s;
    uint8_t h[32];
    int rc;
    mbedtls_ecdsa_init(&ku);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    rc = obti_ku_import(&ku, pub, NULL);
    if (rc == 0 && mbedtls_sha256_ret(msg, len, h, 0) != 0)
        rc = OBTI_ECRYPTO;
    if (rc == 0 && (mbedtls_mpi_read_binary(&r, sig, 32) != 0 ||
                    mbedtls_mpi_read_binary(&s, sig + 32, 32) != 0))
        rc = OBTI_ECRYPTO;
    if (rc == 0 && mbedtls_ecdsa_verify(&ku.grp, h, sizeof(h), &ku.Q, &r, &s) != 0)
        rc = OBTI_EAUTH;
    mbedtls_mpi_free(&r);
    mbedtls_mpi_free(&s);
    mbedtls_ecdsa_free(&ku);
    return rc;
}

/* ---- the PS certificate against the SP root key ----------------------------- */
int obti_cert_check(const uint8_t *cert, size_t cert_len,
                    const uint8_t *sp_pub_der, size_t sp_pub_len,
                    mbedtls_pk_context *ps_pub)
{
    mbedtls_x509_crt crt;
    mbedtls_pk_context sp;
    uint8_t h[32];
    int rc = 0;

    mbedtls_x509_crt_init(&crt);
    mbedtls_pk_init(&sp);
    if (mbedtls_pk_parse_public_key(&sp, sp_pub_der, sp_pub_len) != 0)
        rc = OBTI_EINVAL;                               /* the ROM key itself */
    else if (mbedtls_x509_crt_parse_der(&crt, cert, cert_len) != 0)
        rc = OBTI_ECERT;
    else if (crt.sig_md != MBEDTLS_MD_SHA256 || crt.sig_pk != MBEDTLS_PK_RSA)
        rc = OBTI_ECERT;
    else if (mbedtls_sha256_ret(crt.tbs.p, crt.tbs.len, h, 0) != 0)
        rc = OBTI_ECRYPTO;
    else if (mbedtls_pk_verify(&sp, MBEDTLS_MD_SHA256, h, sizeof(h), crt.sig.p, crt.sig.len) != 0)
        rc = OBTI_ECERT;                                /* not signed by the SP */
    else if (mbedtls_pk_get_type(&crt.pk) != MBEDTLS_PK_RSA ||
             mbedtls_pk_get_bitlen(&crt.pk) != 2048 || crt.ca_istrue ||
             ((crt.ext_types & MBEDTLS_X509_EXT_KEY_USAGE) != 0 &&
              (crt.key_usage & MBEDTLS_X509_KU_KEY_ENCIPHERMENT) == 0))
        /* keyUsage read from the parsed fields: the firmware configuration
         * has no MBEDTLS_X509_CHECK_KEY_USAGE. */
        rc = OBTI_ECERT;                                /* signed, but not a PS key */
    if (rc == 0) {
        /* Move the parsed key out of the certificate (no copy needed). */
        *ps_pub = crt.pk;
        mbedtls_pk_init(&crt.pk);
    }
    mbedtls_x509_crt_free(&crt);
    mbedtls_pk_free(&sp);
    return rc;
}
