# TRNG tests (docs/trng.md): the unit test bench of obti_trng alone against
# the SP 800-90B health-test model, the firmware on the SoC with the noise
# model (DRBG, alarm and key refusal), and a conditioned dump through ent and
# rngtest. PASS/FAIL lines in $(RESULTS)/trng.log.
TEST_GROUPS += trng

TRNG_T      := $(BUILD)/trng
TRNG_TB_DIR := $(TRNG_T)/tb
TRNG_TB     := $(TRNG_TB_DIR)/Vobti_trng
TRNG_RTL    := rtl/soc/obti_fifo.v $(wildcard rtl/periph/trng/*.v)
TRNG_LOG    := $(RESULTS)/trng.log

$(TRNG_TB): $(TRNG_RTL) $(GEN)/rtl/obti_trng_regs.vh $(GEN)/include/obti/regs_trng.h \
            tests/rtl/trng/tb_trng.cpp tests/rtl/trng/health_model.h sim/models/noise_model.h tests/rtl/trng/trng.mk
	@mkdir -p $(TRNG_TB_DIR)
	$(VERILATOR) --cc --exe --build -j 2 -O3 -Wall -DOBTI_SIM --top-module obti_trng \
	  -Irtl/core -I$(GEN)/rtl -Mdir $(TRNG_TB_DIR) -o Vobti_trng \
	  -CFLAGS "-O2 -std=c++17 -I$(abspath $(GEN)/include) -I$(abspath tests/rtl/trng) -I$(abspath sim/models)" \
	  $(TRNG_RTL) $(abspath tests/rtl/trng/tb_trng.cpp) > $(TRNG_TB_DIR)/build.log 2>&1 || { cat $(TRNG_TB_DIR)/build.log; exit 1; }

.PHONY: test-trng test-trng-rtl
test-trng-rtl: $(TRNG_TB)
	@mkdir -p $(RESULTS)
	@$(TRNG_TB) > $(TRNG_T)/tb.out 2>&1; rc=$$?; \
	 grep -E '^(PASS|FAIL) ' $(TRNG_T)/tb.out >> $(TRNG_LOG); \
	 [ $$rc -eq 0 ] || grep -q '^FAIL ' $(TRNG_T)/tb.out || echo "FAIL trng: test bench exited $$rc" >> $(TRNG_LOG); \
	 tail -n 1 $(TRNG_T)/tb.out

test-trng: test-trng-rtl

# --- firmware on the SoC: sw/fw/app/trngtest ------------------------------
# mbedTLS (CTR_DRBG on the AES engine, entropy from the TRNG) comes from the
# firmware crypto library (sw/fw/crypto/crypto.mk, docs/crypto.md).
TRNG_FW_DIR  := $(FW_DIR)/app/trngtest
TRNG_FW_SRCS := $(wildcard $(TRNG_FW_DIR)/*.c)
TRNG_FW      := $(FW_BUILD)/trngtest.elf
$(eval $(call FW_PROGRAM,$(FW_BUILD)/trngtest,$(TRNG_FW_SRCS)))
$(TRNG_FW): FW_LDLIBS := $(FW_MBEDTLS_LIB)
$(TRNG_FW): $(FW_MBEDTLS_LIB)
$(call fw_objs,$(TRNG_FW_SRCS)): FW_EXTRA_CFLAGS := -I$(TRNG_FW_DIR) $(FW_CRYPTO_CFLAGS)

# Each tests/rtl/trng/fw/<case>/ holds the simulator arguments (noise-model
# faults) and the lines the run must print (tests/fw/run-test.sh).
TRNG_FW_CASES := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard tests/rtl/trng/fw/*/expect)))))

.PHONY: test-trng-fw
test-trng-fw: $(SIM_BIN) $(TRNG_FW)
	@mkdir -p $(RESULTS) $(TRNG_T)/fw
	@for c in $(TRNG_FW_CASES); do \
	  cp $(TRNG_FW) $(TRNG_T)/fw/$$c.elf; \
	  bash tests/fw/run-test.sh $(SIM_BIN) $(TRNG_T)/fw/$$c.elf tests/rtl/trng/fw/$$c \
	    trngtest-$$c $(TRNG_LOG).fw 20000000 >/dev/null; \
	done; sed 's/^\(PASS\|FAIL\) fw\//\1 trng: firmware /' $(TRNG_LOG).fw >> $(TRNG_LOG); rm -f $(TRNG_LOG).fw

test-trng: test-trng-fw

BENCH_GROUPS += trng
.PHONY: bench-trng
bench-trng: $(SIM_BIN) $(TRNG_FW)
	@mkdir -p $(TRNG_T)
	@$(SIM_BIN) --max-cycles 20000000 $(TRNG_FW) > $(TRNG_T)/bench.out 2>&1 || { cat $(TRNG_T)/bench.out; exit 1; }
	@set -- $$(awk '$$1 == "bench" { print $$2, $$3 }' $(TRNG_T)/bench.out); \
	 [ $$# -eq 6 ] || { echo "bench-trng: expected 3 figures in $(TRNG_T)/bench.out"; exit 1; }; \
	 $(PYTHON) scripts/bench.py set $(BUILD)/bench.json "$$@"
	@grep '^bench ' $(TRNG_T)/bench.out | sed 's/^bench /  /'

# 1 MiB conditioned dump: health-tested words from the RTL (unit bench,
# driven by the harness' noise-diode model), conditioned on the host by the
# firmware's trng_cond.c, judged by hashlib, ent and rngtest (docs/trng.md).
TRNG_DUMP_WORDS ?= 524288
$(TRNG_T)/condition: tests/rtl/trng/condition.c $(FW_DIR)/drivers/trng_cond.c $(FW_DIR)/drivers/trng_cond.h
	@mkdir -p $(dir $@)
	gcc -std=c11 -O2 -Wall -Wextra -Werror -fsanitize=address,undefined -I$(FW_DIR)/drivers -o $@ \
	  tests/rtl/trng/condition.c $(FW_DIR)/drivers/trng_cond.c

.PHONY: test-trng-dump
test-trng-dump: $(TRNG_TB) $(TRNG_T)/condition
	@mkdir -p $(RESULTS)
	@$(TRNG_TB) --dump $(TRNG_T)/raw.bin $(TRNG_DUMP_WORDS) > $(TRNG_T)/dump.out
	@$(TRNG_T)/condition $(TRNG_T)/raw.bin $(TRNG_T)/cond.bin >> $(TRNG_T)/dump.out
	@ent $(TRNG_T)/cond.bin > $(TRNG_T)/ent.out
	@rngtest < $(TRNG_T)/cond.bin > $(TRNG_T)/rngtest.out 2>&1 || true
	@$(PYTHON) tests/rtl/trng/check_dump.py $(TRNG_T)/raw.bin $(TRNG_T)/cond.bin \
	  $(TRNG_T)/ent.out $(TRNG_T)/rngtest.out | tee -a $(TRNG_LOG)
	@cat $(TRNG_T)/dump.out

test-trng: test-trng-dump

# The register defaults are the cutoffs SP 800-90B gives for H = 1, 2^-20.
.PHONY: test-trng-cutoffs
test-trng-cutoffs:
	@mkdir -p $(RESULTS)
	@$(PYTHON) tests/rtl/trng/cutoffs.py --check rtl/periph/trng/trng.regs.toml | grep -E '^(PASS|FAIL) ' | tee -a $(TRNG_LOG)

test-trng: test-trng-cutoffs
