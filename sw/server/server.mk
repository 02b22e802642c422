# Host servers (docs/server.md): obti-gc, obti-ps, obti-admin, the build-time
# PKI (sw/server/mkcerts.sh) and the spoken prompt. `make server` builds all.
# Uses the protocol library of sw/common (common.mk: $(COMMON_LIB), included
# by the top Makefile before this fragment).

SRV_DIR     := sw/server
SRV_BUILD   := $(BUILD)/server
SRV_CERTS   := $(SRV_BUILD)/certs
OBTI_GC     := $(SRV_BUILD)/obti-gc
OBTI_PS     := $(SRV_BUILD)/obti-ps
OBTI_ADMIN  := $(SRV_BUILD)/obti-admin
SRV_G711ENC := $(SRV_BUILD)/obti-g711enc
SRV_PROMPT  := $(SRV_BUILD)/prompt.ul
SRV_CONFS   := $(SRV_BUILD)/gc.conf $(SRV_BUILD)/ps.conf
SP_PUBKEY_H := $(GEN)/include/obti/sp_pubkey.h
SP_PUBKEY   := $(GEN)/bin/sp_pubkey.der
SRV_PROMPT_TEXT := Welcome to open B T I. Please enter your work order code, then press the pound key.

SRV_CFLAGS  := -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -O2 -g \
               -I$(SRV_DIR) -Isw/common/include -Isw/fw/drivers $(shell pkg-config --cflags spandsp 2>/dev/null)
SRV_LDLIBS  := -lmbedtls -lmbedx509 -lmbedcrypto -lcrypto -lsqlite3 -lsrtp2 -lspandsp -lpthread -lm
SRV_HDRS    := $(wildcard $(SRV_DIR)/*.h sw/common/include/obti/*.h)
SRV_LIB_SRCS := $(SRV_DIR)/srv.c $(SRV_DIR)/store.c $(SRV_DIR)/voice.c $(SRV_DIR)/srtp_mbedtls.c \
                $(SRV_DIR)/rsa_ossl.c
SRV_LIB_OBJS := $(patsubst $(SRV_DIR)/%.c,$(SRV_BUILD)/obj/%.o,$(SRV_LIB_SRCS))

.PHONY: server
server: $(OBTI_GC) $(OBTI_PS) $(OBTI_ADMIN) $(SRV_PROMPT) $(SRV_CERTS)/ps.crt.der $(SP_PUBKEY_H) $(SRV_CONFS)

$(SRV_BUILD)/obj/%.o: $(SRV_DIR)/%.c $(SRV_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(SRV_CFLAGS) -c $< -o $@

$(OBTI_GC): $(SRV_BUILD)/obj/gc.o $(SRV_LIB_OBJS) $(COMMON_LIB)
	$(CC) $^ $(SRV_LDLIBS) -o $@
$(OBTI_PS): $(SRV_BUILD)/obj/ps.o $(SRV_LIB_OBJS) $(COMMON_LIB)
	$(CC) $^ $(SRV_LDLIBS) -o $@
$(OBTI_ADMIN): $(SRV_BUILD)/obj/admin.o $(SRV_LIB_OBJS) $(COMMON_LIB)
	$(CC) $^ $(SRV_LDLIBS) -o $@
$(SRV_G711ENC): $(SRV_BUILD)/obj/g711enc.o $(SRV_LIB_OBJS) $(COMMON_LIB)
	$(CC) $^ $(SRV_LDLIBS) -o $@

# The PKI: made once per build tree (keys never leave build/). Deleting
# build/server/certs makes a new SP key, and firmware must be rebuilt.
$(SRV_CERTS)/ps.crt.der $(SP_PUBKEY_H) $(SP_PUBKEY) &: $(SRV_DIR)/mkcerts.sh
	bash $(SRV_DIR)/mkcerts.sh $(SRV_CERTS) $(GEN)

# The spoken prompt: espeak-ng, resampled to 8 kHz by sox, mu-law by our encoder.
$(SRV_PROMPT): $(SRV_G711ENC) $(SRV_DIR)/server.mk
	@mkdir -p $(dir $@)
	espeak-ng -s 150 -w $(SRV_BUILD)/prompt.wav "$(SRV_PROMPT_TEXT)"
	sox $(SRV_BUILD)/prompt.wav -r 8000 -c 1 -b 16 -e signed-integer -L -t raw $(SRV_BUILD)/prompt.s16
	$(SRV_G711ENC) < $(SRV_BUILD)/prompt.s16 > $@

# Default configuration: a fresh PS-GC key shared by the two config files.
$(SRV_BUILD)/gc.conf $(SRV_BUILD)/ps.conf &:
	@mkdir -p $(SRV_BUILD)
	@umask 077; key=$$(openssl rand -hex 32); \
	printf '# obti-gc defaults (docs/server.md)\ngc-key = %s\ndb = %s/gc.db\n' $$key $(SRV_BUILD) > $(SRV_BUILD)/gc.conf; \
	printf '# obti-ps defaults (docs/server.md)\ngc-key = %s\ndb = %s/ps.db\ncert = %s/ps.crt.der\nkey = %s/ps.key.pem\nprompt = %s\n' \
	  $$key $(SRV_BUILD) $(SRV_CERTS) $(SRV_CERTS) $(SRV_PROMPT) > $(SRV_BUILD)/ps.conf
