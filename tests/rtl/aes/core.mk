# AES key store and round engine (obti_aes_keys + obti_aes_core, wired by
# tests/rtl/aes/tb_aes_core_top.v): round keys in the LUT RAMs against
# FIPS-197 Appendix A, encryption and decryption from them, and the wipe on
# a clear.
#
#   make test-aes-core    PASS/FAIL lines in $(RESULTS)/aes-core.log

ifndef AES_CORE_MK_INCLUDED
AES_CORE_MK_INCLUDED := 1

AES_CORE_T   := $(BUILD)/aes/core
AES_CORE_TB  := $(AES_CORE_T)/Vtb_aes_core_top
AES_CORE_RTL := tests/rtl/aes/tb_aes_core_top.v rtl/periph/aes/obti_aes_keys.v rtl/periph/aes/obti_aes_core.v \
                rtl/periph/aes/obti_aes_sbox.v rtl/periph/aes/obti_aes_sbox_rom.v

$(AES_CORE_TB): $(AES_CORE_RTL) tests/rtl/aes/tb_aes_core.cpp tests/rtl/aes/core.mk
	@mkdir -p $(AES_CORE_T)
	$(VERILATOR) --cc --exe --build -j 2 -O2 -Wall -Wno-fatal --public-flat-rw --top-module tb_aes_core_top \
	  -CFLAGS "-O1 -std=c++17" -Mdir $(AES_CORE_T) $(AES_CORE_RTL) $(abspath tests/rtl/aes/tb_aes_core.cpp) \
	  > $(AES_CORE_T)/build.log 2>&1 || { cat $(AES_CORE_T)/build.log; exit 1; }

TEST_GROUPS += aes-core
.PHONY: test-aes-core
test-aes-core: $(AES_CORE_TB)
	@mkdir -p $(RESULTS)
	@$(AES_CORE_TB) > $(AES_CORE_T)/tb.out 2>&1; rc=$$?; \
	 grep -E '^(PASS|FAIL) ' $(AES_CORE_T)/tb.out > $(RESULTS)/aes-core.log; \
	 if [ $$rc -ne 0 ] && ! grep -q '^FAIL ' $(RESULTS)/aes-core.log; then \
	   echo "FAIL aes-core/tb: exit $$rc (see $(AES_CORE_T)/tb.out)" >> $(RESULTS)/aes-core.log; fi
	@echo "aes-core: $$(grep -c '^PASS ' $(RESULTS)/aes-core.log) passed, $$(grep -c '^FAIL ' $(RESULTS)/aes-core.log) failed"

endif
