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
