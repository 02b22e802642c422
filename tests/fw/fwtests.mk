# Firmware tests: each tests/fw/<name>/main.c is a self-checking program,
# linked with the firmware base and tests/fw/common, run in the simulator.
# Verdicts: PASS/FAIL lines in $(RESULTS)/fw.log (tests/fw/run-test.sh says
# how a test passes). test-fw exits non-zero only when it cannot run (a build
# fails); failed tests are counted from the log by `make test`, once.
# See docs/firmware.md, "Adding a test".

FW_TEST_DIR    := tests/fw
FW_TEST_NAMES  := $(sort $(patsubst $(FW_TEST_DIR)/%/main.c,%,$(wildcard $(FW_TEST_DIR)/*/main.c)))
FW_TEST_COMMON := $(wildcard $(FW_TEST_DIR)/common/*.c)
FW_TEST_ELFS   := $(patsubst %,$(FW_BUILD)/tests/%.elf,$(FW_TEST_NAMES))
FW_TEST_CYCLES ?= 5000000

$(foreach t,$(FW_TEST_NAMES),$(eval $(call FW_PROGRAM,$(FW_BUILD)/tests/$(t),$(wildcard $(FW_TEST_DIR)/$(t)/*.c) $(FW_TEST_COMMON))))
$(call fw_objs,$(wildcard $(FW_TEST_DIR)/*/*.c)): FW_EXTRA_CFLAGS := -I$(FW_TEST_DIR)/common

fw: $(FW_TEST_ELFS)

# The self-test and the benchmark (its kernels check known answers) run as
# tests too, judged by tests/fw/selftest/expect and tests/fw/bench/expect.
FW_TEST_APPS := selftest:$(FW_SELFTEST) bench:$(FW_BENCH)

TEST_GROUPS += fw
.PHONY: test-fw
test-fw: $(FW_SIM) $(FW_TEST_ELFS) $(FW_SELFTEST) $(FW_BENCH)
	@mkdir -p $(RESULTS)
	@rm -f $(RESULTS)/fw.log
	@# picolibc must come from the rv32im/ilp32 multilib (see fw.mk)
	@if grep -q 'picolibc/riscv64-unknown-elf/lib/rv32im/ilp32/libc.a' $(FW_SELFTEST:.elf=.map) && \
	    ! grep -E 'picolibc/riscv64-unknown-elf/lib/(\./)?libc\.a' $(FW_SELFTEST:.elf=.map) >/dev/null; then \
	  echo "PASS fw/multilib" | tee -a $(RESULTS)/fw.log; \
	else \
	  echo "FAIL fw/multilib: $(FW_SELFTEST:.elf=.map) does not link picolibc's rv32im/ilp32 libc.a" | tee -a $(RESULTS)/fw.log; \
	fi
	@for t in $(FW_TEST_NAMES); do \
	  bash $(FW_TEST_DIR)/run-test.sh $(FW_SIM) $(FW_BUILD)/tests/$$t.elf \
	    $(FW_TEST_DIR)/$$t $$t $(RESULTS)/fw.log $(FW_TEST_CYCLES); \
	done
	@for a in $(FW_TEST_APPS); do \
	  bash $(FW_TEST_DIR)/run-test.sh $(FW_SIM) $${a#*:} \
	    $(FW_TEST_DIR)/$${a%%:*} $${a%%:*} $(RESULTS)/fw.log 50000000; \
	done
	@echo "fw: $$(grep -c '^PASS ' $(RESULTS)/fw.log) passed, $$(grep -c '^FAIL ' $(RESULTS)/fw.log) failed"

FW_TEST_OBJS := $(call fw_objs,$(wildcard $(FW_TEST_DIR)/*/*.c))
-include $(FW_TEST_OBJS:.o=.d)
