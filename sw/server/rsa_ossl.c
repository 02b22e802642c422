/* {K}_KPS decryption with OpenSSL (rsa_ossl.h). OpenSSL blinds the RSA
 * private operation by default and checks OAEP padding in constant time. */
#include "rsa_ossl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

struct rsa_ossl {
    EVP_PKEY *pkey;
    EVP_PKEY_CTX *ctx;                  /* decrypt_init'ed once, reused */
};

void rsa_ossl_free(struct rsa_ossl *r)
{
    if (r == NULL)
        return;
    EVP_PKEY_CTX_free(r->ctx);
    EVP_PKEY_free(r->pkey);
    free(r);
}

struct rsa_ossl *rsa_ossl_load(const char *path)
{
    struct rsa_ossl *r = calloc(1, sizeof *r);
    FILE *f = fopen(path, "r");
    if (r == NULL || f == NULL) {
        fprintf(stderr, "rsa_ossl: cannot open %s\n", path);
        goto fail;
    }
    r->pkey = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    f = NULL;
    if (r->pkey == NULL || EVP_PKEY_get_base_id(r->pkey) != EVP_PKEY_RSA ||
        EVP_PKEY_get_bits(r->pkey) != 2048) {
        fprintf(stderr, "rsa_ossl: %s is not an RSA-2048 private key\n", path);
        goto fail;
    }
    r->ctx = EVP_PKEY_CTX_new(r->pkey, NULL);
    if (r->ctx == NULL || EVP_PKEY_decrypt_init(r->ctx) <= 0 ||
        EVP_PKEY_CTX_set_rsa_padding(r->ctx, RSA_PKCS1_OAEP_PADDING) <= 0 ||
        EVP_PKEY_CTX_set_rsa_oaep_md(r->ctx, EVP_sha256()) <= 0 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(r->ctx, EVP_sha256()) <= 0) {
        fprintf(stderr, "rsa_ossl: cannot set up OAEP-SHA256 for %s\n", path);
        goto fail;
    }
    return r;
fail:
    if (f != NULL)
        fclose(f);
    ERR_clear_error();
    rsa_ossl_free(r);
    return NULL;
}

int rsa_ossl_unwrap(void *ctx, const uint8_t in[OBTI_RSA_LEN], uint8_t k[16])
{
    struct rsa_ossl *r = ctx;
    uint8_t buf[OBTI_RSA_LEN];
    size_t olen = sizeof buf;
    int rc = OBTI_EAUTH;               /* not a K wrapped for this key */
    if (EVP_PKEY_decrypt(r->ctx, buf, &olen, in, OBTI_RSA_LEN) > 0 && olen == 16) {
        memcpy(k, buf, 16);
        rc = 0;
    } else {
        ERR_clear_error();              /* the queue is per thread; keep it empty */
    }
    OPENSSL_cleanse(buf, sizeof buf);
    return rc;
}
