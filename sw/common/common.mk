# sw/common on the host: the protocol library (docs/protocol.md) as a static
# library for the servers, the software BTI and the tests; and `make fuzz`.
# The firmware compiles the same sources with its own flags (sw/fw/fw.mk).
#
# Users:  $(COMMON_LIB) as a prerequisite, CFLAGS += $(COMMON_CFLAGS),
#         link with $(COMMON_LIB) $(COMMON_LDLIBS).

HOST_CC        ?= cc
COMMON_DIR     := sw/common
COMMON_BUILD   := $(BUILD)/host/common
# srtp.c (owned by fwcrypto) joins the library when it exists.
COMMON_SRCS    := $(COMMON_DIR)/prot_wire.c $(COMMON_DIR)/prot_crypto.c $(COMMON_DIR)/bti.c \
                  $(COMMON_DIR)/p256_comb.c $(COMMON_DIR)/p256_attach.c \
                  $(wildcard $(COMMON_DIR)/srtp.c)
COMMON_HDRS    := $(wildcard $(COMMON_DIR)/include/obti/*.h $(COMMON_DIR)/*.h) sw/fw/drivers/obti_err.h
COMMON_CFLAGS  := -std=c11 -D_DEFAULT_SOURCE -I$(COMMON_DIR)/include -I$(COMMON_DIR) -Isw/fw/drivers
COMMON_WARN    := -Wall -Wextra -Werror
COMMON_LDLIBS  := -lmbedx509 -lmbedcrypto
COMMON_LIB     := $(COMMON_BUILD)/libobticommon.a
# The same library with AddressSanitizer and UBSan, for tests and softbti --asan builds.
COMMON_SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
COMMON_LIB_SAN := $(COMMON_BUILD)/libobticommon-san.a

$(COMMON_BUILD)/%.o: $(COMMON_DIR)/%.c $(COMMON_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COMMON_CFLAGS) $(COMMON_WARN) -O2 -g -c $< -o $@

$(COMMON_BUILD)/san/%.o: $(COMMON_DIR)/%.c $(COMMON_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COMMON_CFLAGS) $(COMMON_WARN) -O1 -g $(COMMON_SAN) -c $< -o $@

$(COMMON_LIB): $(patsubst $(COMMON_DIR)/%.c,$(COMMON_BUILD)/%.o,$(COMMON_SRCS))
	@rm -f $@
	ar rcs $@ $^

$(COMMON_LIB_SAN): $(patsubst $(COMMON_DIR)/%.c,$(COMMON_BUILD)/san/%.o,$(COMMON_SRCS))
	@rm -f $@
	ar rcs $@ $^

.PHONY: common
common: $(COMMON_LIB)

# --- make fuzz: libFuzzer over every decoder ------------------------------------
# tests/host/prot/fuzz_prot.c; corpus seeded by the encoder (gen_corpus).
# FUZZ_SECONDS per target for `make fuzz`; `make test-prot` runs a short one.
FUZZ_CC        ?= clang-14
FUZZ_SECONDS   ?= 600
FUZZ_BUILD     := $(BUILD)/host/fuzz
FUZZ_BIN       := $(FUZZ_BUILD)/fuzz_prot
FUZZ_CORPUS    := $(FUZZ_BUILD)/corpus
FUZZ_FLAGS     := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -g -O1

$(FUZZ_BIN): tests/host/prot/fuzz_prot.c $(COMMON_SRCS) $(COMMON_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(COMMON_CFLAGS) $(COMMON_WARN) $(FUZZ_FLAGS) tests/host/prot/fuzz_prot.c \
	  $(COMMON_SRCS) $(COMMON_LDLIBS) -o $@

.PHONY: fuzz
fuzz: $(FUZZ_BIN) $(BUILD)/host/prot/gen_corpus
	@rm -rf $(FUZZ_CORPUS); mkdir -p $(FUZZ_CORPUS) $(FUZZ_BUILD)/crashes
	$(BUILD)/host/prot/gen_corpus $(FUZZ_CORPUS)
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=1400 -print_final_stats=1 \
	  -artifact_prefix=$(FUZZ_BUILD)/crashes/ $(FUZZ_CORPUS)
