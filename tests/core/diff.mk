# tests/core/diff: the reference model refsim (an RV32IM + Zicsr + Zifencei
# instruction-set simulator written from the RISC-V specifications) and a
# random differential test of the core against it (tests/core/diff/README.md).
# `make test-diff` writes PASS/FAIL lines to $(RESULTS)/diff.log:
#   - self-checks of the model (known answers from the specs, sanitizers),
#   - the core on the same known-answer programs,
#   - DIFF_SEEDS random programs: core and model commit logs must be identical.

DIFF_DIR        := tests/core/diff
DIFF_BUILD      := $(BUILD)/diff
DIFF_SIM        := $(BUILD)/sim/obti_sim
DIFF_SEEDS      ?= 1-5000
DIFF_JOBS       ?= 2
DIFF_MAX_CYCLES ?= 200000
DIFF_CFLAGS     := -std=c11 -Wall -Wextra -Werror
DIFF_CPROG_FLAGS := -march=rv32im_zicsr_zifencei -mabi=ilp32 -mno-relax -O2 -nostdlib \
                    -ffreestanding -static -Wall -Wextra -Werror -T $(DIFF_DIR)/cprog/link.ld

TEST_GROUPS += diff

.PHONY: test-diff refsim

$(DIFF_BUILD)/refsim: $(DIFF_DIR)/refsim.c
	@mkdir -p $(dir $@)
	$(CC) $(DIFF_CFLAGS) -O2 -o $@ $<

$(DIFF_BUILD)/refsim-san: $(DIFF_DIR)/refsim.c
	@mkdir -p $(dir $@)
	$(CC) $(DIFF_CFLAGS) -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -o $@ $<

$(DIFF_BUILD)/cprog.elf: $(DIFF_DIR)/cprog/crt0.S $(DIFF_DIR)/cprog/prog.c $(DIFF_DIR)/cprog/link.ld
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(DIFF_CPROG_FLAGS) -o $@ $(DIFF_DIR)/cprog/crt0.S $(DIFF_DIR)/cprog/prog.c
	$(CROSS)objdump -d $@ > $(@:.elf=.dis)

refsim: $(DIFF_BUILD)/refsim $(DIFF_BUILD)/refsim-san

# Failing checks are FAIL lines in the log, not a failing make.
test-diff: $(DIFF_SIM) $(DIFF_BUILD)/refsim $(DIFF_BUILD)/refsim-san $(DIFF_BUILD)/cprog.elf
	@mkdir -p $(RESULTS)
	@rm -f $(RESULTS)/diff.log
	@$(PYTHON) $(DIFF_DIR)/selfcheck.py --refsim $(DIFF_BUILD)/refsim-san --sim $(DIFF_SIM) \
	  --cprog $(DIFF_BUILD)/cprog.elf --objdump $(CROSS)objdump --work $(DIFF_BUILD)/selfcheck \
	  --results $(RESULTS)/diff.log
	@rm -rf $(DIFF_BUILD)/work
	@$(PYTHON) $(DIFF_DIR)/run.py --sim $(DIFF_SIM) --refsim $(DIFF_BUILD)/refsim \
	  --seeds $(DIFF_SEEDS) --jobs $(DIFF_JOBS) --max-cycles $(DIFF_MAX_CYCLES) \
	  --work $(DIFF_BUILD)/work --results $(RESULTS)/diff.log
	@echo "diff: $$(grep -c '^PASS ' $(RESULTS)/diff.log) passed, $$(grep -c '^FAIL ' $(RESULTS)/diff.log) failed"
