# Verilator harness: build/sim/obti_sim runs the whole SoC (docs/simulation.md).

CODE_BYTES ?= 262144
ROM_BYTES  ?= 16384
DATA_BYTES ?= 65536

RTL_INC     := -Irtl/core -Irtl/soc -I$(GEN)/rtl
RTL_CORE    := $(wildcard rtl/core/*.v)
RTL_SOC     := $(wildcard rtl/soc/*.v) $(wildcard rtl/periph/*/*.v)
RTL_ALL     := $(RTL_CORE) $(RTL_SOC)
RTL_HDRS    := $(wildcard rtl/core/*.vh rtl/soc/*.vh) $(REG_VH)

SIM_BIN     := $(BUILD)/sim/obti_sim
SIM_OBJ     := $(BUILD)/sim/obj
SIM_SRCS    := sim/obti_sim.cpp $(wildcard sim/models/*.cpp)
SIM_HDRS    := $(wildcard sim/*.h sim/models/*.h)
SIM_JOBS    ?= 2
# Verilator compiles the model with -Os unless told (OPT_FAST); -O2 runs the
# SoC about 10 % faster (docs/demo.md).
SIM_OPT     ?= OPT_FAST=-O2 OPT_SLOW=-O1 OPT_GLOBAL=-O2

VERILATOR_SIM_FLAGS := --cc --exe --build -j $(SIM_JOBS) -O3 --x-assign fast --x-initial fast \
	--trace-fst -Wall -DOBTI_SIM --top-module obti_soc \
	-GSim=1\'b1 -GCodeBytes=$(CODE_BYTES) -GRomBytes=$(ROM_BYTES) -GDataBytes=$(DATA_BYTES) \
	-CFLAGS "-O2 -std=c++17 -I$(abspath sim) -DOBTI_CODE_BYTES=$(CODE_BYTES)u -DOBTI_DATA_BYTES=$(DATA_BYTES)u" \
	-LDFLAGS "-lz" -MAKEFLAGS "$(SIM_OPT)"

$(SIM_BIN): $(RTL_ALL) $(RTL_HDRS) $(SIM_SRCS) $(SIM_HDRS) sim/sim.mk
	@mkdir -p $(SIM_OBJ)
	$(VERILATOR) $(VERILATOR_SIM_FLAGS) $(RTL_INC) -Mdir $(SIM_OBJ) -o obti_sim \
	  $(RTL_ALL) $(abspath $(SIM_SRCS)) > $(BUILD)/sim/build.log 2>&1 || { cat $(BUILD)/sim/build.log; exit 1; }
	cp $(SIM_OBJ)/obti_sim $@.tmp && mv -f $@.tmp $@   # mv: a running simulator keeps its file

.PHONY: sim-bin
sim-bin: $(SIM_BIN)


# --- lint: every RTL module on its own, with and without the simulation hooks
LINT_FLAGS := --lint-only -Wall $(RTL_INC)
lint: $(REG_VH)
	@set -e; for f in $(RTL_ALL); do \
	  m=$$(basename $$f .v); \
	  $(VERILATOR) $(LINT_FLAGS) --top-module $$m $(RTL_ALL) || { echo "lint: $$m failed"; exit 1; }; \
	  $(VERILATOR) $(LINT_FLAGS) -DOBTI_SIM --top-module $$m $(RTL_ALL) || { echo "lint: $$m (OBTI_SIM) failed"; exit 1; }; \
	done; \
	$(VERILATOR) $(LINT_FLAGS) -GEthRgmii=1 --top-module obti_soc $(RTL_ALL) || { echo "lint: obti_soc (EthRgmii=1) failed"; exit 1; }; \
	echo "lint: $(words $(RTL_ALL)) modules clean (and the SoC with the RGMII MAC)"
