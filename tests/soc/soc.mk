# SoC-level and simulator tests: lint, UART receive path, cycle limit,
# waveform window, hex loading, register documents up to date.
TEST_GROUPS += soc

SOC_T    := $(BUILD)/soc
SOC_CC   := $(CROSS)gcc -march=rv32im_zicsr_zifencei -mabi=ilp32 -nostdlib -nostartfiles -Wl,-Ttext=0
SOC_LOG  := $(RESULTS)/soc.log

$(SOC_T)/%.elf: tests/soc/%.S
	@mkdir -p $(dir $@)
	$(SOC_CC) -o $@ $<

.PHONY: test-soc
test-soc: $(SIM_BIN) $(SOC_T)/uart_echo.elf $(SOC_T)/spin.elf
	@mkdir -p $(RESULTS)
	@if $(MAKE) --no-print-directory -s lint > $(SOC_T)/lint.txt 2>&1; then echo "PASS soc: verilator --lint-only -Wall clean on every module" >> $(SOC_LOG); \
	 else echo "FAIL soc: lint: $$(grep -m1 -E '%(Warning|Error)' $(SOC_T)/lint.txt)" >> $(SOC_LOG); fi
	@out=$$($(SIM_BIN) --quiet --max-cycles 200000 --uart-in 'hello, soc.' $(SOC_T)/uart_echo.elf); rc=$$?; \
	 if [ $$rc -eq 0 ] && [ "$$out" = "HELLO, SOC." ]; then echo "PASS soc: UART receive and transmit (echo)" >> $(SOC_LOG); \
	 else echo "FAIL soc: UART echo: exit $$rc, output '$$out'" >> $(SOC_LOG); fi
	@$(SIM_BIN) --quiet --max-cycles 1000 $(SOC_T)/spin.elf 2> $(SOC_T)/spin.err; rc=$$?; \
	 if [ $$rc -eq 124 ] && grep -q 'cycle limit 1000 reached' $(SOC_T)/spin.err; then echo "PASS soc: cycle limit ends the run with exit code 124" >> $(SOC_LOG); \
	 else echo "FAIL soc: cycle limit: exit $$rc" >> $(SOC_LOG); fi
	@rm -f $(SOC_T)/w.fst; $(SIM_BIN) --quiet --max-cycles 3000 --fst $(SOC_T)/w.fst --fst-start 1000 --fst-end 1200 $(SOC_T)/spin.elf 2>/dev/null; \
	 if [ -s $(SOC_T)/w.fst ] && [ $$(stat -c %s $(SOC_T)/w.fst) -lt 200000 ]; then echo "PASS soc: FST waveform written for a cycle window" >> $(SOC_LOG); \
	 else echo "FAIL soc: FST window: file missing or too large" >> $(SOC_LOG); fi
	@$(CROSS)objcopy -O verilog $(SOC_T)/uart_echo.elf $(SOC_T)/uart_echo.hex; \
	 out=$$($(SIM_BIN) --quiet --max-cycles 200000 --uart-in 'hex.' $(SOC_T)/uart_echo.hex); rc=$$?; \
	 if [ $$rc -eq 0 ] && [ "$$out" = "HEX." ]; then echo "PASS soc: hex firmware loads like the ELF" >> $(SOC_LOG); \
	 else echo "FAIL soc: hex load: exit $$rc, output '$$out'" >> $(SOC_LOG); fi
	@printf '@20000000\n00\n' > $(SOC_T)/bad.hex; $(SIM_BIN) --quiet $(SOC_T)/bad.hex 2> $(SOC_T)/bad.err; rc=$$?; \
	 if [ $$rc -eq 2 ] && grep -q 'outside the code memory' $(SOC_T)/bad.err; then echo "PASS soc: firmware outside the memories is refused" >> $(SOC_LOG); \
	 else echo "FAIL soc: bad load address: exit $$rc" >> $(SOC_LOG); fi
	@ok=1; for p in $(PERIPHS); do $(PYTHON) scripts/regs.py --markdown $(SOC_T)/$$p.md rtl/periph/$$p/$$p.regs.toml; \
	  cmp -s $(SOC_T)/$$p.md docs/registers/$$p.md || { ok=0; echo "FAIL soc: docs/registers/$$p.md is out of date (make regs)" >> $(SOC_LOG); }; done; \
	 [ $$ok = 1 ] && echo "PASS soc: register documents match their descriptions" >> $(SOC_LOG); true
