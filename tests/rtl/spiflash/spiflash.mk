# SPI flash controller and key store tests (docs/spiflash.md, docs/keystore.md).
#   make test-spiflash   unit test bench of rtl/periph/spiflash against a
#                        behavioural flash (Icarus Verilog)
#   make test-keystore   firmware on the SoC with the flash model: driver,
#                        model rules, key store, 200 power cuts
#   make bench-keystore  keystore.write_cycles into build/bench.json

SPIFLASH_T   := $(BUILD)/spiflash
SPIFLASH_TB  := tests/rtl/spiflash/tb_spiflash.v tests/rtl/spiflash/tb_flash.v \
                rtl/periph/spiflash/obti_spiflash.v

$(SPIFLASH_T)/tb.vvp: $(SPIFLASH_TB) $(GEN)/rtl/obti_spiflash_regs.vh
	@mkdir -p $(dir $@); rm -f $@
	iverilog -g2012 -Wall -I$(GEN)/rtl -o $@ $(SPIFLASH_TB) 2>&1 | grep -v 'timescale' || true
	@test -f $@

TEST_GROUPS += spiflash
.PHONY: test-spiflash
test-spiflash: $(SPIFLASH_T)/tb.vvp
	@mkdir -p $(RESULTS)
	@vvp -n $< > $(SPIFLASH_T)/tb.out 2>&1; \
	 grep -E '^(PASS|FAIL) ' $(SPIFLASH_T)/tb.out > $(RESULTS)/spiflash.log; \
	 grep -q 'spiflash/rtl: [0-9]* passed, 0 failed' $(SPIFLASH_T)/tb.out || \
	   echo "FAIL spiflash/rtl: bench did not finish cleanly (see $(SPIFLASH_T)/tb.out)" >> $(RESULTS)/spiflash.log
	@echo "spiflash: $$(grep -c '^PASS ' $(RESULTS)/spiflash.log) passed, $$(grep -c '^FAIL ' $(RESULTS)/spiflash.log) failed"

# --- key store: firmware on the SoC with the flash model -------------------
KS_TEST_DIR  := tests/keystore
KS_PROGS     := flashops writer checker eraser
KS_FW        := $(FW_BUILD)/keystore
KS_LIB_SRCS  := sw/fw/keystore/keystore.c
KS_ELFS      := $(patsubst %,$(KS_FW)/%.elf,$(KS_PROGS))

# SHA-256 from the firmware crypto library (sw/fw/crypto/crypto.mk)
$(foreach p,$(KS_PROGS),$(eval $(call FW_PROGRAM,$(KS_FW)/$(p),$(KS_TEST_DIR)/$(p)/main.c $(KS_LIB_SRCS) $(if $(filter flashops,$(p)),$(FW_TEST_COMMON)))))
$(KS_ELFS): FW_LDLIBS := $(FW_MBEDTLS_LIB)
$(KS_ELFS): $(FW_MBEDTLS_LIB)
$(call fw_objs,sw/fw/keystore/keystore.c $(wildcard $(KS_TEST_DIR)/*/main.c)): FW_EXTRA_CFLAGS := \
    -Isw/fw/keystore -Itests/fw/common $(FW_CRYPTO_CFLAGS)

TEST_GROUPS += keystore
.PHONY: test-keystore
test-keystore: $(FW_SIM) $(KS_ELFS)
	@mkdir -p $(RESULTS)
	@$(PYTHON) $(KS_TEST_DIR)/run_tests.py --sim $(FW_SIM) --fw $(KS_FW) \
	  --work $(BUILD)/keystore --log $(RESULTS)/keystore.log

# keystore.write_cycles: one key-set store (erase + program + verify) with
# the model's default busy times (0.7 ms page program, 45 ms sector erase at
# 100 MHz), measured with mcycle by the writer.
BENCH_GROUPS += keystore
.PHONY: bench-keystore
bench-keystore: $(FW_SIM) $(KS_ELFS)
	@$(PYTHON) $(KS_TEST_DIR)/run_tests.py --sim $(FW_SIM) --fw $(KS_FW) \
	  --work $(BUILD)/keystore --bench $(BUILD)/bench.json

-include $(patsubst %.o,%.d,$(call fw_objs,sw/fw/keystore/keystore.c $(wildcard $(KS_TEST_DIR)/*/main.c)))
