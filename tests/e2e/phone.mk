# Virtual telephone, end to end: sw/fw/app/phone on the simulated SoC with
# the ProSLIC model and a scripted telephone (sim/models/slic.cpp,
# docs/simulation.md "Virtual telephone"), checked by tests/e2e/phone/phone_test.py.
FW_PHONE_SRCS := $(wildcard sw/fw/app/phone/*.c) $(wildcard sw/fw/tel/*.c)
FW_PHONE      := $(FW_BUILD)/phone.elf
$(eval $(call FW_PROGRAM,$(FW_BUILD)/phone,$(FW_PHONE_SRCS)))
$(call fw_objs,$(FW_PHONE_SRCS)): FW_EXTRA_CFLAGS := -Isw/fw/tel
# fw.mk includes the dependency files of the programs defined before it
# ends; these come later, so rebuild main.o when tel.h changes.
-include $(patsubst %.o,%.d,$(call fw_objs,$(FW_PHONE_SRCS)))

# make test runs the full scenario (ringing, dial tone, "611", hook flash,
# dial tone again, "*72#1234", on-hook; A-law and linear runs): 18 tests, about
# 1.8 s of simulated time. PHONE_FULL=0 runs the short one ("611" only, 12
# tests) when time is short.
PHONE_FULL ?= 1
PHONE_OUT  := $(BUILD)/phone

# The model's G.711 coders against the independent model of the PCM tests.
PHONE_G711 := $(PHONE_OUT)/g711_check
$(PHONE_G711): tests/e2e/phone/g711_check.cpp sim/models/slic_g711.h tests/rtl/pcm/g711_ref.c tests/rtl/pcm/g711_ref.h
	@mkdir -p $(dir $@)
	gcc -O2 -Wall -Wextra -Werror -c -o $@.ref.o tests/rtl/pcm/g711_ref.c
	g++ -std=c++17 -O2 -Wall -Wextra -Werror -o $@ tests/e2e/phone/g711_check.cpp $@.ref.o

TEST_GROUPS += phone
.PHONY: test-phone
test-phone: $(SIM_BIN) $(FW_PHONE) $(PHONE_G711)
	@mkdir -p $(RESULTS) $(PHONE_OUT); rm -f $(RESULTS)/phone.log
	@$(PHONE_G711) >> $(RESULTS)/phone.log || true
	@$(PYTHON) tests/e2e/phone/phone_test.py --sim $(SIM_BIN) --fw $(FW_PHONE) --out $(PHONE_OUT) \
	  $(if $(filter 1,$(PHONE_FULL)),--full) 2> $(PHONE_OUT)/stderr.txt | tee $(PHONE_OUT)/out.txt \
	  | grep -E '^(PASS|FAIL) ' >> $(RESULTS)/phone.log \
	  || echo "FAIL phone: no verdict (see $(PHONE_OUT)/stderr.txt)" >> $(RESULTS)/phone.log; \
	cat $(RESULTS)/phone.log
