# The firmware crypto test (sw/fw/app/cryptotest) and the provisioning step
# figures. Included by sw/fw/crypto/crypto.mk; docs/crypto.md.
#
#   make test-crypto          PASS/FAIL lines in $(RESULTS)/crypto.log
#   make bench-prov           prov.cycles.* into build/bench.json
#   CRYPTOTEST_FULL=1         also mbedTLS's SHA-256 self-test (minutes)

CRYPTOTEST_FULL ?= 0
CT_DIR    := sw/fw/app/cryptotest
CT_T      := $(FW_CRYPTO_OUT)/test
CT_CERTS  := $(CT_T)/certs
CT_DATA   := $(CT_T)/cryptotest_data.c
CT_SRCS   := $(CT_DIR)/main.c $(CT_DATA) sw/common/p256_comb.c sw/common/p256_attach.c
CT_ELF    := $(FW_BUILD)/cryptotest.elf
CT_CYCLES ?= 90000000

$(CT_CERTS)/ps.der: tests/fw/crypto/mkcerts.sh
	@rm -rf $(CT_CERTS)
	bash $< $(CT_CERTS)

$(CT_DATA): tests/fw/crypto/gen_data.py $(CT_CERTS)/ps.der $(SRTP_T)/fw_cases.txt
	$(PYTHON) $< $(CT_CERTS) $(SRTP_T)/fw_cases.txt $@

$(eval $(call FW_PROGRAM,$(FW_BUILD)/cryptotest,$(CT_SRCS)))
$(CT_ELF): FW_LDLIBS := $(FW_MBEDTLS_LIB)
$(CT_ELF): $(FW_MBEDTLS_LIB)
$(call fw_objs,$(CT_SRCS)): FW_EXTRA_CFLAGS := $(FW_CRYPTO_CFLAGS) -I$(CT_DIR) -Isw/common \
    -DCRYPTOTEST_FULL=$(CRYPTOTEST_FULL)
$(call fw_objs,$(CT_DATA)): $(CT_DATA)
-include $(patsubst %.o,%.d,$(call fw_objs,$(CT_SRCS)))

# Runs: good (normal noise source) and alarm (stuck-at-1 noise pin), judged
# by tests/fw/run-test.sh with tests/fw/crypto/<case>/{expect,sim-args};
# then the host checks of the good run's output (tests/fw/crypto/check.py:
# openssl-independent ECDSA verification and OAEP decryption with the PS key
# by pyca/cryptography) and of the image (no software AES tables, no
# software GHASH linked).
CT_CASES := good alarm
TEST_GROUPS += crypto
.PHONY: test-crypto
test-crypto: $(FW_SIM) $(CT_ELF)
	@mkdir -p $(RESULTS) $(CT_T)
	@rm -f $(RESULTS)/crypto.log $(CT_T)/runs.log
	@for c in $(CT_CASES); do \
	  cp $(CT_ELF) $(CT_T)/$$c.elf; \
	  bash tests/fw/run-test.sh $(FW_SIM) $(CT_T)/$$c.elf tests/fw/crypto/$$c crypto-$$c \
	    $(CT_T)/runs.log $(CT_CYCLES) > /dev/null; \
	  grep -E '^(PASS|FAIL) cryptotest: ' $(CT_T)/$$c.out | sed "s/^\(PASS\|FAIL\) cryptotest: /\1 crypto\/$$c: /" >> $(RESULTS)/crypto.log; \
	done
	@sed 's/^\(PASS\|FAIL\) fw\//\1 crypto\/run /' $(CT_T)/runs.log >> $(RESULTS)/crypto.log; rm -f $(CT_T)/runs.log
	@$(PYTHON) tests/fw/crypto/check.py $(CT_T)/good.out $(CT_CERTS) $(CT_ELF) $(CROSS)nm >> $(RESULTS)/crypto.log
	@echo "crypto: $$(grep -c '^PASS ' $(RESULTS)/crypto.log) passed, $$(grep -c '^FAIL ' $(RESULTS)/crypto.log) failed"

BENCH_GROUPS += prov
.PHONY: bench-prov
bench-prov: $(FW_SIM) $(CT_ELF)
	@mkdir -p $(CT_T)
	@$(FW_SIM) --max-cycles $(CT_CYCLES) $(CT_ELF) > $(CT_T)/bench.out 2>&1 || { tail -n 30 $(CT_T)/bench.out; exit 1; }
	@set -e; figs=$$(awk '$$1 == "bench" && $$2 ~ /^prov\./ { print $$2, $$3 }' $(CT_T)/bench.out); \
	 [ $$(echo "$$figs" | wc -l) -eq 7 ] || { echo "bench-prov: expected 7 figures in $(CT_T)/bench.out"; exit 1; }; \
	 $(PYTHON) scripts/bench.py set $(BUILD)/bench.json $$figs; echo "$$figs" | sed 's/^/  /'
