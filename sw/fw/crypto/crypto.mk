# Firmware crypto: mbedTLS 2.28 (Debian's source in .deps/src/mbedtls) built
# once with sw/fw/crypto/obti_mbedtls_config.h, AES and GCM on the AES engine
# (aes_alt.c, gcm_alt.c), entropy from the TRNG, the TRNG-seeded DRBG
# (obti_rng.c) and the project's SRTP (sw/common/srtp.c). See docs/crypto.md.
#
#   A program links it with
#     $(FW_BUILD)/prog.elf: FW_LDLIBS := $(FW_MBEDTLS_LIB)
#     $(FW_BUILD)/prog.elf: $(FW_MBEDTLS_LIB)
#     $(call fw_objs,SRCS): FW_EXTRA_CFLAGS := $(FW_CRYPTO_CFLAGS) ...
#   (every source that includes an mbedTLS header needs FW_CRYPTO_CFLAGS:
#   the configuration decides the contexts' layout).
#
#   make test-crypto   mbedTLS self-tests on the hardware, RSA/OAEP, ECDSA,
#                      X.509, GCM, SRTP on the SoC; SRTP on the host against
#                      libsrtp2 (tests/host/srtp)
#   make bench-prov    prov.cycles.* into build/bench.json

ifndef CRYPTO_MK_INCLUDED
CRYPTO_MK_INCLUDED := 1

FW_CRYPTO_DIR    := sw/fw/crypto
FW_CRYPTO_OUT    := $(FW_BUILD)/crypto
FW_MBEDTLS_LIB   := $(FW_CRYPTO_OUT)/libobti_crypto.a
FW_CRYPTO_CFLAGS := -I$(FW_CRYPTO_DIR) -Isw/common -I$(MBEDTLS_DIR)/include \
                    -DMBEDTLS_CONFIG_FILE='"obti_mbedtls_config.h"'

FW_CRYPTO_MBEDTLS := aes gcm cipher cipher_wrap md sha1 sha256 hkdf \
    entropy entropy_poll ctr_drbg hmac_drbg bignum rsa rsa_internal \
    ecp ecp_curves ecdsa asn1parse asn1write oid pk pk_wrap pkparse pkwrite \
    x509 x509_crt platform platform_util memory_buffer_alloc constant_time
FW_CRYPTO_OWN     := aes_alt gcm_alt obti_rng
FW_CRYPTO_COMMON  := srtp
FW_CRYPTO_OBJS    := $(patsubst %,$(FW_CRYPTO_OUT)/mbedtls/%.o,$(FW_CRYPTO_MBEDTLS)) \
                     $(patsubst %,$(FW_CRYPTO_OUT)/own/%.o,$(FW_CRYPTO_OWN)) \
                     $(patsubst %,$(FW_CRYPTO_OUT)/common/%.o,$(FW_CRYPTO_COMMON))

$(FW_CRYPTO_OUT)/mbedtls/%.o: $(MBEDTLS_DIR)/library/%.c $(FW_CRYPTO_DIR)/obti_mbedtls_config.h | $(REG_HEADERS)
	@mkdir -p $(dir $@)
	$(FW_CC) $(FW_CFLAGS) $(FW_CRYPTO_CFLAGS) -c -o $@ $<
$(FW_CRYPTO_OUT)/own/%.o: $(FW_CRYPTO_DIR)/%.c $(FW_CRYPTO_DIR)/obti_mbedtls_config.h | $(REG_HEADERS)
	@mkdir -p $(dir $@)
	$(FW_CC) $(FW_CFLAGS) $(FW_CRYPTO_CFLAGS) -c -o $@ $<
$(FW_CRYPTO_OUT)/common/%.o: sw/common/%.c $(FW_CRYPTO_DIR)/obti_mbedtls_config.h | $(REG_HEADERS)
	@mkdir -p $(dir $@)
	$(FW_CC) $(FW_CFLAGS) $(FW_CRYPTO_CFLAGS) -c -o $@ $<

$(FW_MBEDTLS_LIB): $(FW_CRYPTO_OBJS)
	@rm -f $@
	$(CROSS)ar rcs $@ $^

.PHONY: fw-crypto
fw-crypto: $(FW_MBEDTLS_LIB)
fw: $(FW_MBEDTLS_LIB)

-include $(FW_CRYPTO_OBJS:.o=.d)

# --- SRTP on the host against libsrtp2 --------------------------------------
include tests/host/srtp/srtp.mk

# --- the crypto test on the SoC: sw/fw/app/cryptotest ----------------------
include $(FW_CRYPTO_DIR)/cryptotest.mk

endif
