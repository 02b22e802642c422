# openbti: every entry point. `make help` lists them.
# Each sub-tree contributes a fragment (*.mk) included below; the fragments
# only add rules and append to TEST_GROUPS / BENCH_GROUPS / LINT_MODULES.

SHELL       := /bin/bash
.DEFAULT_GOAL := help

BUILD       := build
GEN         := $(BUILD)/gen
RESULTS     := $(BUILD)/test-results
VENV        := .venv
PYTHON      := python3
CROSS       := riscv64-unknown-elf-
VERILATOR   ?= verilator

# Peripherals with a register description (rtl/periph/<p>/<p>.regs.toml).
PERIPHS     := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard rtl/periph/*/*.regs.toml)))))

TEST_GROUPS  :=
BENCH_GROUPS :=

.PHONY: help deps sim sim-selftest test bench lint clean regs check-regs-docs

help:
	@echo "make deps      install toolchains and sources (idempotent)"
	@echo "make sim       the provisioning demo: servers, the SoC with a phone, re-registration"
	@echo "make sim-selftest  build the SoC simulator and run the firmware self-test"
	@echo "make test      run every test; ends with 'N passed, N failed' (TEST_JOBS=2 groups at a time)"
	@echo "make test-<g>  one group: $(TEST_GROUPS)"
	@echo "make bench     measure the figures into build/bench.json"
	@echo "make lint      verilator --lint-only -Wall on every RTL module and board top"
	@echo "make bitstream BOARD=ulx3s|colorlight-i9|ecpix5   ECP5 bitstream into build/<board>/"
	@echo "make prog BOARD=...        program the board with openFPGALoader"
	@echo "make fpga-report           area and fmax per board into docs/fpga-results.md"
	@echo "make fw        build all firmware into build/fw/"
	@echo "make clean     remove build/"

deps:
	@bash scripts/deps.sh

# --- register descriptions -> C headers, Verilog offsets, Markdown -------
REG_HEADERS := $(foreach p,$(PERIPHS),$(GEN)/include/obti/regs_$(p).h)
REG_VH      := $(foreach p,$(PERIPHS),$(GEN)/rtl/obti_$(p)_regs.vh)
REG_DOCS    := $(foreach p,$(PERIPHS),docs/registers/$(p).md)

define REG_RULES
$(GEN)/include/obti/regs_$(1).h: rtl/periph/$(1)/$(1).regs.toml scripts/regs.py
	@mkdir -p $$(dir $$@)
	$(PYTHON) scripts/regs.py --header $$@ $$<
$(GEN)/rtl/obti_$(1)_regs.vh: rtl/periph/$(1)/$(1).regs.toml scripts/regs.py
	@mkdir -p $$(dir $$@)
	$(PYTHON) scripts/regs.py --verilog $$@ $$<
docs/registers/$(1).md: rtl/periph/$(1)/$(1).regs.toml scripts/regs.py
	$(PYTHON) scripts/regs.py --markdown $$@ $$<
endef
$(foreach p,$(PERIPHS),$(eval $(call REG_RULES,$(p))))

regs: $(REG_HEADERS) $(REG_VH) $(REG_DOCS)

include sim/sim.mk
-include sw/fw/fw.mk
# Firmware crypto library (mbedTLS on the AES engine and TRNG), SRTP.
-include sw/fw/crypto/crypto.mk
-include tests/isa/isa.mk
-include tests/core/diff.mk
-include tests/fw/fwtests.mk
include tests/soc/soc.mk
# Unit test benches of the blocks (docs/adding-a-peripheral.md).
-include $(wildcard tests/rtl/*/*.mk)
# Protocol library, software BTI, host protocol tests, make fuzz (docs/protocol.md).
-include sw/common/common.mk sw/softbti/softbti.mk tests/host/prot/prot.mk tests/host/tel/tel.mk
# Further fragments: boards and the FPGA flow, servers, end-to-end tests.
-include $(wildcard boards/*.mk sw/server/*.mk tests/e2e/*.mk)

# make sim: the simulated BTI's provisioning call and re-registration
# (docs/demo.md; target sim-bti in tests/e2e/bti.mk). make sim-selftest: the
# firmware self-test and banner. (After the fragments, so that the firmware
# variables are defined.)
sim: deps
	@$(MAKE) --no-print-directory sim-bti
sim-selftest: deps
	@$(MAKE) --no-print-directory $(SIM_BIN) $(FW_SELFTEST)
	$(SIM_BIN) $(FW_SELFTEST)

# --- tests ----------------------------------------------------------------
# Each group's target writes PASS/FAIL lines to $(RESULTS)/<group>.log;
# a failing group does not stop the others.
# The groups run TEST_JOBS at a time (scripts/run-tests.sh), the long ones
# first; the products they share are built before, in one make, so that no
# two groups build the same file. `make test TEST_JOBS=1` runs them one by one.
TEST_JOBS  ?= 2
TEST_FIRST ?= bti postsynth phone net keystore crypto diff prov
.PHONY: test-build
test-build: $(SIM_BIN) fw server softbti common
test: deps
	@rm -rf $(RESULTS); mkdir -p $(RESULTS)
	@$(MAKE) --no-print-directory -j$(TEST_JOBS) test-build > $(BUILD)/test-build.log 2>&1 \
	  || { tail -30 $(BUILD)/test-build.log; echo "FAIL build: make test-build (see $(BUILD)/test-build.log)" >> $(RESULTS)/build.log; }
	@bash scripts/run-tests.sh $(RESULTS) $(TEST_JOBS) "$(TEST_FIRST)" $(TEST_GROUPS)
	@bash scripts/test-summary.sh $(RESULTS)

bench: deps
	@mkdir -p $(BUILD)
	@rm -f $(BUILD)/bench.json
	@for g in $(BENCH_GROUPS); do $(MAKE) --no-print-directory bench-$$g || exit 1; done
	@$(PYTHON) scripts/bench.py show $(BUILD)/bench.json

clean:
	rm -rf $(BUILD)

# Header dependencies of every firmware object, last: fragments included
# above add their programs' objects to FW_ALL_OBJS (an include inside fw.mk
# saw only fw.mk's programs, so a changed header did not rebuild e.g. the
# phone app against it).
-include $(FW_BASE_OBJS:.o=.d) $(FW_ALL_OBJS:.o=.d)
