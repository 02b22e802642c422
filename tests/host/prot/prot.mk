# make test-prot: sw/common on the host (docs/protocol.md "Tests").
#  - kat.py: PKI and messages from Python's `cryptography` (independent model),
#    then prot_test (ASan+UBSan): known answers both ways, round trips, a flipped
#    bit at every byte, truncation at every length, replays, the BTI engine
#    against an in-process GC/PS (rogue PS, wrong code, TRNG alarm, loss,
#    re-registration, timeouts);
#  - p256_comb_gen.py --check: the base point comb tables in ROM (p256_comb.c)
#    equal the ones computed from the curve parameters;
#  - a short libFuzzer run over all decoders (PROT_FUZZ_SECONDS, default 20 s)
#    from the encoder-made seed corpus. `make fuzz` is the long run.

PROT_BUILD        := $(BUILD)/host/prot
PROT_TEST_BIN     := $(PROT_BUILD)/prot_test
PROT_GEN_CORPUS   := $(PROT_BUILD)/gen_corpus
PROT_FUZZ_SECONDS ?= 20

$(PROT_TEST_BIN): tests/host/prot/prot_test.c $(COMMON_LIB_SAN) $(COMMON_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COMMON_CFLAGS) $(COMMON_WARN) -O1 -g $(COMMON_SAN) $< $(COMMON_LIB_SAN) \
	  $(COMMON_LDLIBS) -o $@

$(PROT_GEN_CORPUS): tests/host/prot/fuzz_prot.c $(COMMON_LIB) $(COMMON_HDRS)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COMMON_CFLAGS) $(COMMON_WARN) -O2 -DGEN_CORPUS $< $(COMMON_LIB) $(COMMON_LDLIBS) -o $@

TEST_GROUPS += prot
.PHONY: test-prot
test-prot: $(PROT_TEST_BIN) $(PROT_GEN_CORPUS) $(FUZZ_BIN)
	@mkdir -p $(RESULTS) $(PROT_BUILD); rm -f $(RESULTS)/prot.log
	@$(PYTHON) tests/host/prot/kat.py $(PROT_TEST_BIN) 2> $(PROT_BUILD)/kat.err \
	  | grep -E '^(PASS|FAIL) ' >> $(RESULTS)/prot.log \
	  || echo "FAIL prot.kat: no verdict (see $(PROT_BUILD)/kat.err)" >> $(RESULTS)/prot.log
	@$(PYTHON) sw/common/p256_comb_gen.py --check sw/common/p256_comb.c >> $(RESULTS)/prot.log || true
	@d=$$(mktemp -d /tmp/protfuzz.XXXX); mkdir -p $$d/corpus $$d/crash; \
	 if $(PROT_GEN_CORPUS) $$d/corpus && $(FUZZ_BIN) -max_total_time=$(PROT_FUZZ_SECONDS) \
	      -max_len=1400 -artifact_prefix=$$d/crash/ $$d/corpus > $(PROT_BUILD)/fuzz.log 2>&1; then \
	   echo "PASS prot.fuzz_$(PROT_FUZZ_SECONDS)s" >> $(RESULTS)/prot.log; \
	 else echo "FAIL prot.fuzz: crash or error, see $(PROT_BUILD)/fuzz.log" >> $(RESULTS)/prot.log; \
	   cp -r $$d/crash $(PROT_BUILD)/ 2>/dev/null; fi; rm -rf $$d
	@$(MAKE) --no-print-directory test-prot-fw
	@cat $(RESULTS)/prot.log

# sw/common must build for the firmware too (mbedTLS 2.28 API only, the
# firmware's configuration sw/fw/crypto/obti_mbedtls_config.h): compiled with
# the cross compiler as part of test-prot.
PROT_FW_FLAGS := -march=$(FW_MARCH) -mabi=$(FW_MABI) --specs=picolibc.specs -std=c11 -O2 \
                 -Wall -Wextra -Werror -Isw/fw/crypto -I$(COMMON_DIR) -I$(COMMON_DIR)/include \
                 -Isw/fw/drivers -I.deps/src/mbedtls/include \
                 -DMBEDTLS_CONFIG_FILE='"obti_mbedtls_config.h"'
.PHONY: test-prot-fw
test-prot-fw:
	@mkdir -p $(PROT_BUILD)/fw $(RESULTS)
	@ok=1; for f in prot_wire prot_crypto bti p256_comb p256_attach; do \
	  $(CROSS)gcc $(PROT_FW_FLAGS) -c $(COMMON_DIR)/$$f.c -o $(PROT_BUILD)/fw/$$f.o \
	    2>> $(PROT_BUILD)/fw/errors.txt || ok=0; done; \
	if [ $$ok = 1 ]; then echo "PASS prot.firmware_build"; \
	else echo "FAIL prot.firmware_build: see $(PROT_BUILD)/fw/errors.txt"; fi >> $(RESULTS)/prot.log
