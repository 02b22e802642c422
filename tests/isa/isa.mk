# tests/isa: the RV32IM + machine-mode ISA tests (README.md there).
# Every tests/isa/*.S is one self-checking program, linked after crt.S;
# tests/isa/signature/ checks the simulator's --signature dump.
# `make test-isa` writes one PASS/FAIL line per test to $(RESULTS)/isa.log.

ISA_DIR        := tests/isa
ISA_BUILD      := $(BUILD)/isa
ISA_SIM        := $(BUILD)/sim/obti_sim
ISA_MAX_CYCLES ?= 2000000
ISA_CFLAGS     := -march=rv32im_zicsr_zifencei -mabi=ilp32 -mno-relax \
                  -nostdlib -nostartfiles -static -T $(ISA_DIR)/link.ld -I $(ISA_DIR)
ISA_TESTS      := $(sort $(basename $(notdir $(filter-out $(ISA_DIR)/crt.S,$(wildcard $(ISA_DIR)/*.S)))))
ISA_ELFS       := $(ISA_TESTS:%=$(ISA_BUILD)/%.elf) $(ISA_BUILD)/signature.elf
ISA_COMMON     := $(ISA_DIR)/crt.S $(ISA_DIR)/macros.h $(ISA_DIR)/link.ld

TEST_GROUPS += isa

.PHONY: isa-elfs test-isa

$(ISA_BUILD)/%.elf: $(ISA_DIR)/%.S $(ISA_COMMON)
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(ISA_CFLAGS) -o $@ $(ISA_DIR)/crt.S $<
	$(CROSS)objdump -d $@ > $(@:.elf=.dis)

$(ISA_BUILD)/signature.elf: $(ISA_DIR)/signature/signature.S $(ISA_DIR)/macros.h $(ISA_DIR)/link.ld
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(ISA_CFLAGS) -o $@ $<
	$(CROSS)objdump -d $@ > $(@:.elf=.dis)

# Assemble every test without running it (no simulator needed).
isa-elfs: $(ISA_ELFS)

# The group does not fail on failing tests: they are FAIL lines in the log.
test-isa: $(ISA_SIM) $(ISA_ELFS)
	@mkdir -p $(RESULTS)
	@rm -f $(RESULTS)/isa.log
	@for t in $(ISA_TESTS); do \
	  bash $(ISA_DIR)/run.sh $(ISA_SIM) $(ISA_BUILD)/$$t.elf $$t $(ISA_MAX_CYCLES) \
	    | tee -a $(RESULTS)/isa.log; \
	done
	@bash $(ISA_DIR)/run.sh --expect $(ISA_DIR)/signature/signature.expected \
	  $(ISA_SIM) $(ISA_BUILD)/signature.elf signature $(ISA_MAX_CYCLES) | tee -a $(RESULTS)/isa.log
	@echo "isa: $$(grep -c '^PASS ' $(RESULTS)/isa.log) passed, $$(grep -c '^FAIL ' $(RESULTS)/isa.log) failed"
