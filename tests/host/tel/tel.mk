# Telephony DSP (sw/fw/tel): host tests, the firmware benchmark and its
# known-answer run on the simulated SoC. See docs/telephone.md, "Telephony DSP".
#
#   make test-tel    host tests (PASS/FAIL lines in $(RESULTS)/tel.log),
#                    the espeak-ng talk-off run and the firmware telbench
#   make bench-tel   tel.dtmf.cycles_per_frame, tel.tone.cycles_per_frame
#                    (and the worst frames) into build/bench.json
# TEL_TALKOFF_MIN: seconds of speech the talk-off run must cover;
# TEL_FULL=1: a longer talk-off corpus (tests/host/tel/talkoff.sh).

TEL_DIR       := sw/fw/tel
TEL_SRCS      := $(wildcard $(TEL_DIR)/*.c)
TEL_HOST_DIR  := $(BUILD)/host/tel
TEL_HOST_TEST := $(TEL_HOST_DIR)/test_tel
TEL_TALKOFF_MIN ?= 180

TEL_HOST_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror -D_DEFAULT_SOURCE \
                   -fsanitize=address,undefined -fno-sanitize-recover=all \
                   -I$(TEL_DIR) -I$(FW_DIR)/drivers -I$(FW_DIR)/app/telbench

$(TEL_HOST_TEST): $(TEL_SRCS) $(wildcard $(TEL_DIR)/*.h) tests/host/tel/test_tel.c \
                  $(FW_DIR)/app/telbench/telbench_kat.c $(FW_DIR)/app/telbench/telbench_kat.h
	@mkdir -p $(dir $@)
	gcc $(TEL_HOST_CFLAGS) -o $@ $(TEL_SRCS) $(FW_DIR)/app/telbench/telbench_kat.c \
	    tests/host/tel/test_tel.c -lm

# The firmware: the DSP sources and the benchmark, a normal FW_PROGRAM.
FW_TELBENCH_SRCS := $(TEL_SRCS) $(wildcard $(FW_DIR)/app/telbench/*.c)
FW_TELBENCH      := $(FW_BUILD)/telbench.elf
$(eval $(call FW_PROGRAM,$(FW_BUILD)/telbench,$(FW_TELBENCH_SRCS)))
# The DSP sources need no flags of their own (other programs link them too
# and may set theirs); the benchmark finds tel.h and its KAT header.
$(call fw_objs,$(wildcard $(FW_DIR)/app/telbench/*.c)): FW_EXTRA_CFLAGS := -I$(TEL_DIR) -I$(FW_DIR)/app/telbench
fw: $(FW_TELBENCH)

TEST_GROUPS += tel
.PHONY: test-tel bench-tel
test-tel: $(TEL_HOST_TEST) $(FW_TELBENCH) $(FW_SIM)
	@mkdir -p $(RESULTS)
	@rm -f $(RESULTS)/tel.log
	@$(TEL_HOST_TEST) | tee -a $(RESULTS)/tel.log; \
	  test $${PIPESTATUS[0]} -eq 0 || echo "FAIL tel/host: test_tel exited $${PIPESTATUS[0]}" | tee -a $(RESULTS)/tel.log
	@TEL_FULL=$(TEL_FULL) bash tests/host/tel/talkoff.sh $(TEL_HOST_TEST) $(RESULTS)/tel.log $(TEL_TALKOFF_MIN)
	@# The DSP built for RV32IM on the SoC: same checksum, same digits.
	@bash $(FW_TEST_DIR)/run-test.sh $(FW_SIM) $(FW_TELBENCH) tests/host/tel/fw telbench \
	  $(RESULTS)/tel.log 20000000
	@# No floating point in the DSP objects (the core has no FPU): no
	@# soft-float helper may be referenced.
	@if $(CROSS)nm -u $(call fw_objs,$(TEL_SRCS)) | grep -Eq '__(add|sub|mul|div|neg|cmp|eq|ne|lt|le|gt|ge|float|fix|extend|trunc)[a-z]*[sdt]f[0-9]?$$'; then \
	  echo "FAIL tel/fw_no_float: soft-float helpers referenced by sw/fw/tel objects" | tee -a $(RESULTS)/tel.log; \
	else echo "PASS tel/fw_no_float" | tee -a $(RESULTS)/tel.log; fi
	@echo "tel: $$(grep -c '^PASS ' $(RESULTS)/tel.log) passed, $$(grep -c '^FAIL ' $(RESULTS)/tel.log) failed"

BENCH_GROUPS += tel
bench-tel: $(FW_TELBENCH) $(FW_SIM)
	@mkdir -p $(BUILD)
	@out=$$($(FW_SIM) --max-cycles 20000000 $(FW_TELBENCH)) || { echo "bench-tel: telbench failed"; echo "$$out"; exit 1; }; \
	  echo "$$out" | grep -q '^telbench: ok' || { echo "bench-tel: no 'telbench: ok'"; echo "$$out"; exit 1; }; \
	  figs=$$(echo "$$out" | awk '$$1 == "bench" { print $$2, $$3 }'); \
	  $(PYTHON) scripts/bench.py set $(BUILD)/bench.json $$figs && echo "$$figs" | sed 's/^/  /'
