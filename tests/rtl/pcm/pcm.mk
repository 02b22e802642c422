# Unit test benches of the PCM block (rtl/periph/pcm/): the G.711 coders
# exhaustively against tests/rtl/pcm/g711_ref.c, and the PCM highway master
# against the PCM receiver model in tb_pcm.cpp. Verdicts: $(RESULTS)/pcm.log.
TEST_GROUPS += pcm

PCM_T     := $(BUILD)/tests/rtl/pcm
PCM_TDIR  := tests/rtl/pcm
PCM_RTL   := $(wildcard rtl/periph/pcm/*.v)
PCM_VFLAGS := --cc --exe --build -j 2 -Wall -O2 $(RTL_INC) \
              -CFLAGS "-O2 -I$(abspath $(PCM_TDIR))"

$(PCM_T)/tb_g711: $(PCM_TDIR)/tb_g711.v $(PCM_TDIR)/tb_g711.cpp $(PCM_TDIR)/g711_ref.c $(PCM_TDIR)/g711_ref.h $(PCM_RTL)
	@mkdir -p $(PCM_T)/g711
	$(VERILATOR) $(PCM_VFLAGS) --top-module tb_g711 -Mdir $(PCM_T)/g711 -o tb_g711 \
	  $(PCM_TDIR)/tb_g711.v $(wildcard rtl/periph/pcm/obti_pcm_g711_*.v) \
	  $(abspath $(PCM_TDIR)/tb_g711.cpp $(PCM_TDIR)/g711_ref.c) > $(PCM_T)/g711.build.log 2>&1 || { cat $(PCM_T)/g711.build.log; exit 1; }
	cp $(PCM_T)/g711/tb_g711 $@

$(PCM_T)/tb_pcm: $(PCM_TDIR)/tb_pcm.cpp $(PCM_TDIR)/g711_ref.c $(PCM_TDIR)/g711_ref.h $(PCM_RTL) $(GEN)/rtl/obti_pcm_regs.vh
	@mkdir -p $(PCM_T)/pcm
	$(VERILATOR) $(PCM_VFLAGS) --top-module obti_pcm -GNumChannels=2 -Mdir $(PCM_T)/pcm -o tb_pcm \
	  $(PCM_RTL) $(abspath $(PCM_TDIR)/tb_pcm.cpp $(PCM_TDIR)/g711_ref.c) > $(PCM_T)/pcm.build.log 2>&1 || { cat $(PCM_T)/pcm.build.log; exit 1; }
	cp $(PCM_T)/pcm/tb_pcm $@

PCM_TBS := $(PCM_T)/tb_g711 $(PCM_T)/tb_pcm

.PHONY: test-pcm
test-pcm: $(PCM_TBS)
	@mkdir -p $(RESULTS)
	@rm -f $(RESULTS)/pcm.log
	@for tb in $(PCM_TBS); do \
	  $$tb > $$tb.out 2>&1; rc=$$?; cat $$tb.out; grep -E '^(PASS|FAIL) ' $$tb.out >> $(RESULTS)/pcm.log; \
	  grep -q '^PASS ' $$tb.out || echo "FAIL pcm: $$tb checked nothing (exit $$rc)" >> $(RESULTS)/pcm.log; \
	  [ $$rc -eq 0 ] || grep -q '^FAIL ' $$tb.out || echo "FAIL pcm: $$tb exited $$rc" >> $(RESULTS)/pcm.log; \
	done
	@echo "pcm: $$(grep -c '^PASS ' $(RESULTS)/pcm.log) passed, $$(grep -c '^FAIL ' $(RESULTS)/pcm.log) failed"
