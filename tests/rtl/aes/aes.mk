# AES engine: unit test bench (Verilator, the block alone, every known-answer
# file), firmware test on the SoC, benchmarks. See docs/aes.md.
#
#   make test-aes    PASS/FAIL lines in $(RESULTS)/aes.log
#   make bench-aes   aes.* figures into build/bench.json

ifndef AES_MK_INCLUDED
AES_MK_INCLUDED := 1


AES_T      := $(BUILD)/aes
AES_TB     := $(AES_T)/tb/Vobti_aes
AES_RTL    := $(wildcard rtl/periph/aes/*.v) rtl/soc/obti_fifo.v
AES_VEC    := $(AES_T)/vectors.txt
AES_LOG    := $(RESULTS)/aes.log

$(AES_VEC): tests/rtl/aes/vectors.py
	@mkdir -p $(dir $@)
	$(PYTHON) $< --txt $@

$(AES_TB): $(AES_RTL) $(GEN)/rtl/obti_aes_regs.vh $(GEN)/include/obti/regs_aes.h tests/rtl/aes/tb_aes.cpp tests/rtl/aes/aes.mk
	@mkdir -p $(AES_T)/tb
	$(VERILATOR) --cc --exe --build -j 2 -O3 -Wall -Wno-fatal --public-flat-rw --top-module obti_aes -GKsCores=2 \
	  -Irtl/core -I$(GEN)/rtl -CFLAGS "-O2 -std=c++17 -I$(abspath $(GEN)/include/obti)" \
	  -Mdir $(AES_T)/tb $(AES_RTL) $(abspath tests/rtl/aes/tb_aes.cpp) > $(AES_T)/tb-build.log 2>&1 \
	  || { cat $(AES_T)/tb-build.log; exit 1; }

# --- the data RAM's two ports (CPU and AES DMA): arbitration against a model ---
AES_RAMTB := $(AES_T)/ramtb/Vobti_soc_ram
$(AES_RAMTB): rtl/soc/obti_soc_ram.v rtl/soc/obti_soc_mem_load.vh tests/rtl/aes/tb_dma_ram.cpp tests/rtl/aes/aes.mk
	@mkdir -p $(AES_T)/ramtb
	$(VERILATOR) --cc --exe --build -j 2 -O2 -Wall -Wno-fatal --top-module obti_soc_ram \
	  -Irtl/soc -CFLAGS "-O2 -std=c++17" -Mdir $(AES_T)/ramtb rtl/soc/obti_soc_ram.v \
	  $(abspath tests/rtl/aes/tb_dma_ram.cpp) > $(AES_T)/ramtb-build.log 2>&1 \
	  || { cat $(AES_T)/ramtb-build.log; exit 1; }

# --- firmware test on the SoC: the driver against a spread of the vectors ---
AES_FW_HDR := $(AES_T)/aestest_vectors.c
$(AES_FW_HDR): tests/rtl/aes/vectors.py
	@mkdir -p $(dir $@)
	$(PYTHON) $< --header $@ --max 8
AES_MBEDTLS_SW := $(MBEDTLS_DIR)/library/aes.c $(MBEDTLS_DIR)/library/platform_util.c
AES_FW_SRCS := $(wildcard sw/fw/app/aestest/*.c) $(AES_FW_HDR) $(AES_MBEDTLS_SW)
AES_FW      := $(FW_BUILD)/aestest.elf
$(eval $(call FW_PROGRAM,$(FW_BUILD)/aestest,$(AES_FW_SRCS)))
$(call fw_objs,$(AES_FW_SRCS)): FW_EXTRA_CFLAGS := -Isw/fw/app/aestest \
    -I$(MBEDTLS_DIR)/include -DMBEDTLS_CONFIG_FILE='"aestest_mbedtls_config.h"'
$(call fw_objs,$(AES_FW_HDR)): $(AES_FW_HDR)

TEST_GROUPS += aes
.PHONY: test-aes
test-aes: $(AES_TB) $(AES_RAMTB) $(AES_VEC) $(AES_FW) $(FW_SIM)
	@mkdir -p $(RESULTS)
	@rm -f $(AES_LOG)
	@$(AES_RAMTB) > $(AES_T)/ramtb.out 2>&1; rc=$$?; \
	 grep -E '^(PASS|FAIL) ' $(AES_T)/ramtb.out >> $(AES_LOG); \
	 if [ $$rc -ne 0 ] && ! grep -q '^FAIL ' $(AES_T)/ramtb.out; then echo "FAIL aes/dma-ram: exit $$rc" >> $(AES_LOG); fi
	@$(AES_TB) $(AES_VEC) > $(AES_T)/tb.out 2>&1; rc=$$?; \
	 grep -E '^(PASS|FAIL) ' $(AES_T)/tb.out >> $(AES_LOG); \
	 grep -E '^  ' $(AES_T)/tb.out | head -n 20; \
	 if [ $$rc -ne 0 ] && ! grep -q '^FAIL ' $(AES_LOG); then echo "FAIL aes/tb: exit $$rc (see $(AES_T)/tb.out)" >> $(AES_LOG); fi
	@$(FW_SIM) --max-cycles 20000000 $(AES_FW) > $(AES_T)/aestest.out 2> $(AES_T)/aestest.err; rc=$$?; \
	 grep -E '^(PASS|FAIL) ' $(AES_T)/aestest.out | sed 's/^\(PASS\|FAIL\) /\1 aes\/fw /' >> $(AES_LOG); \
	 if [ $$rc -ne 0 ] || ! grep -q '^aestest: [0-9]* passed, 0 failed' $(AES_T)/aestest.out; then \
	   echo "FAIL aes/fw: aestest exit $$rc (see $(AES_T)/aestest.out)" >> $(AES_LOG); fi
	@echo "aes: $$(grep -c '^PASS ' $(AES_LOG)) passed, $$(grep -c '^FAIL ' $(AES_LOG)) failed"

# --- figures ------------------------------------------------------------------
# aes.cycles_per_block.*: engine latency from the unit bench; aes.ctr160.* and
# aes.gcm160.*: mcycle around the driver call on the SoC (sw/fw/app/aestest).
BENCH_GROUPS += aes
.PHONY: bench-aes
bench-aes: $(AES_TB) $(AES_VEC) $(AES_FW) $(FW_SIM)
	@mkdir -p $(AES_T)
	@$(AES_TB) /dev/null > $(AES_T)/bench-tb.out 2>&1 || true
	@$(FW_SIM) --max-cycles 20000000 $(AES_FW) > $(AES_T)/bench-fw.out 2>&1 || { cat $(AES_T)/bench-fw.out; exit 1; }
	@set -e; figs=$$(grep -h '^bench aes\.' $(AES_T)/bench-tb.out $(AES_T)/bench-fw.out | grep -v '\.tb\.' | awk '{print $$2, $$3}'); \
	 hw=$$(echo "$$figs" | awk '$$1=="aes.ctr160.hw_cycles"{print $$2}'); sw=$$(echo "$$figs" | awk '$$1=="aes.ctr160.sw_cycles"{print $$2}'); \
	 sp=$$(awk -v h=$$hw -v s=$$sw 'BEGIN{printf "%.1f", s/h}'); \
	 $(PYTHON) scripts/bench.py set $(BUILD)/bench.json $$figs aes.ctr160.speedup $$sp; \
	 echo "$$figs" | sed 's/^/  /'; echo "  aes.ctr160.speedup $$sp"

endif
