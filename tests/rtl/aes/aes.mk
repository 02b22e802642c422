# AES engine: unit test bench (Verilator, the block alone, every known-answer
# file), firmware test on the SoC, benchmarks. See docs/aes.md.
#
#   make test-aes    PASS/FAIL lines in $(RESULTS)/aes.log
#   make bench-aes   aes.* figures into build/bench.json

ifndef AES_MK_INCLUDED
AES_MK_INCLUDED := 1

-include sw/fw/crypto/crypto.mk

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
	$(VERILATOR) --cc --exe --build -j 2 -O3 -Wall -Wno-fatal --public-flat-rw --top-module obti_aes \
	  -Irtl/core -I$(GEN)/rtl -CFLAGS "-O2 -std=c++17 -I$(abspath $(GEN)/include/obti)" \
	  -Mdir $(AES_T)/tb $(AES_RTL) $(abspath tests/rtl/aes/tb_aes.cpp) > $(AES_T)/tb-build.log 2>&1 \
	  || { cat $(AES_T)/tb-build.log; exit 1; }

TEST_GROUPS += aes
.PHONY: test-aes
test-aes: $(AES_TB) $(AES_VEC)
	@mkdir -p $(RESULTS)
	@rm -f $(AES_LOG)
	@$(AES_TB) $(AES_VEC) > $(AES_T)/tb.out 2>&1; rc=$$?; \
	 grep -E '^(PASS|FAIL) ' $(AES_T)/tb.out >> $(AES_LOG); \
	 grep -E '^  ' $(AES_T)/tb.out | head -n 20; \
	 if [ $$rc -ne 0 ] && ! grep -q '^FAIL ' $(AES_LOG); then echo "FAIL aes/tb: exit $$rc (see $(AES_T)/tb.out)" >> $(AES_LOG); fi
	@echo "aes: $$(grep -c '^PASS ' $(AES_LOG)) passed, $$(grep -c '^FAIL ' $(AES_LOG)) failed"

endif
