# Firmware: start-up, drivers, the self-test and the core benchmarks.
# Included by the top Makefile; see docs/firmware.md.
#
#   make fw          every firmware image (build/fw/*.elf, .bin, .hex)
#   make bench-core  run the core benchmarks in the simulator -> build/bench.json

FW_DIR      := sw/fw
FW_BUILD    := $(BUILD)/fw
FW_SIM      ?= $(BUILD)/sim/obti_sim

FW_CC       := $(CROSS)gcc
FW_OBJCOPY  := $(CROSS)objcopy
FW_OBJDUMP  := $(CROSS)objdump
FW_SIZE     := $(CROSS)size

SYSCLK_HZ   ?= 100000000

# The core is RV32IM + Zicsr + Zifencei. GCC 12 wants the Z extensions named
# to assemble csr* and fence.i, but its multilib table only knows "rv32im":
# with _zicsr in -march the driver falls back to the default rv64 multilib
# (check: `make fw-multilib`). So compile with the full ISA string and link
# with -march=rv32im, which selects picolibc's rv32im/ilp32 libraries.
FW_MARCH      := rv32im_zicsr_zifencei
FW_LINK_MARCH := rv32im
FW_MABI       := ilp32

FW_INCLUDES := -I$(FW_DIR)/drivers -I$(FW_DIR)/start -I$(GEN)/include
FW_CFLAGS   := -march=$(FW_MARCH) -mabi=$(FW_MABI) --specs=picolibc.specs \
               -std=c11 -O2 -g -Wall -Wextra -Werror \
               -ffunction-sections -fdata-sections -fno-common \
               -DSYSCLK_HZ=$(SYSCLK_HZ)u $(FW_INCLUDES) -MMD -MP
FW_ASFLAGS  := -march=$(FW_MARCH) -mabi=$(FW_MABI) -g $(FW_INCLUDES) -MMD -MP
FW_LDSCRIPT := $(FW_DIR)/link.ld
FW_LDFLAGS  := -march=$(FW_LINK_MARCH) -mabi=$(FW_MABI) --specs=picolibc.specs \
               -nostartfiles -T $(FW_LDSCRIPT) -Wl,--gc-sections \
               -Wl,--no-warn-rwx-segments $(FW_LDEXTRA)

# Start-up and drivers, linked into every program (unused parts are
# dropped by --gc-sections).
FW_BASE_SRCS := $(FW_DIR)/start/crt0.S $(FW_DIR)/start/trap.c \
                $(FW_DIR)/start/init.c $(FW_DIR)/start/stdio.c \
                $(wildcard $(FW_DIR)/drivers/*.c)

# Object of a source path: build/fw/obj/<path>.o (sources may live anywhere
# in the tree: sw/fw, tests/fw, .deps/src).
fw_objs = $(patsubst %,$(FW_BUILD)/obj/%.o,$(basename $(1)))
FW_BASE_OBJS := $(call fw_objs,$(FW_BASE_SRCS))

FW_ALL_OBJS :=
FW_IMAGES   :=

$(FW_BUILD)/obj/%.o: %.c | $(REG_HEADERS)
	@mkdir -p $(dir $@)
	$(FW_CC) $(FW_CFLAGS) $(FW_EXTRA_CFLAGS) -c -o $@ $<

$(FW_BUILD)/obj/%.o: %.S | $(REG_HEADERS)
	@mkdir -p $(dir $@)
	$(FW_CC) $(FW_ASFLAGS) -c -o $@ $<

# FW_PROGRAM: $(1) = output path without .elf, $(2) = its C sources.
# Defines the .elf (with a link map) and adds it to FW_IMAGES. Libraries go
# after the objects from a target-specific FW_LDLIBS (e.g. FW_MBEDTLS_LIB,
# sw/fw/crypto/crypto.mk).
define FW_PROGRAM
$(1).elf: $(FW_BASE_OBJS) $(call fw_objs,$(2)) $(FW_LDSCRIPT)
	@mkdir -p $$(dir $$@)
	$(FW_CC) $(FW_LDFLAGS) -Wl,-Map=$(1).map -o $$@ $(FW_BASE_OBJS) $(call fw_objs,$(2)) $$(FW_LDLIBS)
FW_ALL_OBJS += $(call fw_objs,$(2))
FW_IMAGES   += $(1).elf
endef

# The code memory image as raw bytes from 0 and as `objcopy -O verilog` hex
# (the simulator's hex format); the disassembly for debugging.
$(FW_BUILD)/%.bin: $(FW_BUILD)/%.elf
	$(FW_OBJCOPY) -O binary $< $@
$(FW_BUILD)/%.hex: $(FW_BUILD)/%.elf
	$(FW_OBJCOPY) -O verilog $< $@
$(FW_BUILD)/%.lst: $(FW_BUILD)/%.elf
	$(FW_OBJDUMP) -d -S $< > $@

# --- the self-test ----------------------------------------------------------
FW_SELFTEST := $(FW_BUILD)/selftest.elf
$(eval $(call FW_PROGRAM,$(FW_BUILD)/selftest,$(wildcard $(FW_DIR)/app/selftest/*.c)))

# --- the core benchmarks ----------------------------------------------------
# SHA-256 is mbedTLS's own sha256.c (Debian source, unpacked by `make deps`),
# built with a configuration that enables nothing else.
MBEDTLS_DIR      := .deps/src/mbedtls
FW_MBEDTLS_SRCS  := $(MBEDTLS_DIR)/library/sha256.c $(MBEDTLS_DIR)/library/platform_util.c
FW_BENCH_SRCS    := $(wildcard $(FW_DIR)/app/bench/*.c) $(FW_MBEDTLS_SRCS)
FW_BENCH         := $(FW_BUILD)/bench.elf
$(eval $(call FW_PROGRAM,$(FW_BUILD)/bench,$(FW_BENCH_SRCS)))

$(call fw_objs,$(FW_BENCH_SRCS)): FW_EXTRA_CFLAGS := -I$(FW_DIR)/app/bench \
    -I$(MBEDTLS_DIR)/include -DMBEDTLS_CONFIG_FILE='"bench_mbedtls_config.h"'
# The kernels are measured as written: no loop turned into a memcpy call.
$(call fw_objs,$(wildcard $(FW_DIR)/app/bench/*.c)): FW_EXTRA_CFLAGS += \
    -fno-tree-loop-distribute-patterns

$(FW_MBEDTLS_SRCS):
	@echo "$@ is missing: run 'make deps' (it unpacks mbedTLS into $(MBEDTLS_DIR))" >&2
	@exit 1

BENCH_GROUPS += core
.PHONY: bench-core
bench-core: $(FW_BENCH) $(FW_SIM)
	@bash $(FW_DIR)/app/bench/run-bench.sh $(FW_SIM) $(FW_BENCH) $(BUILD)/bench.json $(PYTHON)

# --- everything -------------------------------------------------------------
.PHONY: fw fw-multilib
fw: $(FW_IMAGES) $(FW_IMAGES:.elf=.bin) $(FW_IMAGES:.elf=.hex)

# Show which picolibc the link uses: must be .../lib/rv32im/ilp32.
fw-multilib:
	@echo "compile -march=$(FW_MARCH): multilib '$$($(FW_CC) -march=$(FW_MARCH) -mabi=$(FW_MABI) --specs=picolibc.specs -print-multi-directory)'"
	@echo "link    -march=$(FW_LINK_MARCH): multilib '$$($(FW_CC) -march=$(FW_LINK_MARCH) -mabi=$(FW_MABI) --specs=picolibc.specs -print-multi-directory)'"
	@$(FW_CC) $(FW_LDFLAGS) -Wl,--trace -o /dev/null $(FW_BASE_OBJS) \
	  $(call fw_objs,$(wildcard $(FW_DIR)/app/selftest/*.c)) 2>&1 | grep -E 'libc\.a|libgcc\.a' | sort -u

# The header dependencies (.d files) of every firmware object are included at
# the end of the top Makefile, once all fragments have defined their programs.
