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
            tests/rtl/trng/tb_trng.cpp tests/rtl/trng/health_model.h tests/rtl/trng/trng.mk
	@mkdir -p $(TRNG_TB_DIR)
	$(VERILATOR) --cc --exe --build -j 2 -O3 -Wall -DOBTI_SIM --top-module obti_trng \
	  -Irtl/core -I$(GEN)/rtl -Mdir $(TRNG_TB_DIR) -o Vobti_trng \
	  -CFLAGS "-O2 -std=c++17 -I$(abspath $(GEN)/include) -I$(abspath tests/rtl/trng)" \
	  $(TRNG_RTL) $(abspath tests/rtl/trng/tb_trng.cpp) > $(TRNG_TB_DIR)/build.log 2>&1 || { cat $(TRNG_TB_DIR)/build.log; exit 1; }

.PHONY: test-trng test-trng-rtl
test-trng-rtl: $(TRNG_TB)
	@mkdir -p $(RESULTS)
	@$(TRNG_TB) > $(TRNG_T)/tb.out 2>&1; rc=$$?; \
	 grep -E '^(PASS|FAIL) ' $(TRNG_T)/tb.out >> $(TRNG_LOG); \
	 [ $$rc -eq 0 ] || grep -q '^FAIL ' $(TRNG_T)/tb.out || echo "FAIL trng: test bench exited $$rc" >> $(TRNG_LOG); \
	 tail -n 1 $(TRNG_T)/tb.out

test-trng: test-trng-rtl
