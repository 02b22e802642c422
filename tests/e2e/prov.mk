# make test-prov / bench-ps: the provisioning servers end to end on the host
# (tests/e2e/prov/prov_test.py; docs/server.md "Tests"). provload runs the
# BTI engine of sw/common many times over, the software BTI (sw/softbti,
# $(SOFTBTI) from softbti.mk) brings its own SRTP; voice_test checks the
# voice channel (libsrtp2 + G.711 + spandsp DTMF) without the network.

PROV_DIR     := tests/e2e/prov
PROVLOAD     := $(SRV_BUILD)/provload
PROV_RSABENCH := $(SRV_BUILD)/rsabench
PROV_VOICE_TEST := $(SRV_BUILD)/voice_test
PROV_TEST    := $(PYTHON) $(PROV_DIR)/prov_test.py $(SRV_BUILD)
# Bench size: BTIs in all and at once (PS_BENCH_COUNT / PS_BENCH_PARALLEL).
PS_BENCH_COUNT    ?= 4000
PS_BENCH_PARALLEL ?= 1000

# --wrap: provload --pregen-keys hands out KU pairs made before the timed
# window (tests/e2e/prov/provload.c).
PROVLOAD_LDFLAGS := -Wl,--wrap=obti_ku_generate
$(PROVLOAD): $(PROV_DIR)/provload.c $(SRV_LIB_OBJS) $(COMMON_LIB) $(SRV_HDRS)
	$(CC) $(SRV_CFLAGS) $< $(SRV_LIB_OBJS) $(COMMON_LIB) $(PROVLOAD_LDFLAGS) $(SRV_LDLIBS) -o $@
$(PROV_RSABENCH): $(PROV_DIR)/rsabench.c $(SRV_BUILD)/obj/rsa_ossl.o $(COMMON_LIB) $(SRV_HDRS)
	$(CC) $(SRV_CFLAGS) $< $(SRV_BUILD)/obj/rsa_ossl.o $(COMMON_LIB) $(SRV_LDLIBS) -o $@
# The voice test with AddressSanitizer and UBSan (house rule for host code).
PROV_VOICE_SRCS := $(SRV_DIR)/voice.c $(SRV_DIR)/srtp_mbedtls.c
$(PROV_VOICE_TEST): $(PROV_DIR)/voice_test.c $(PROV_VOICE_SRCS) $(COMMON_LIB_SAN) $(SRV_HDRS)
	$(CC) $(SRV_CFLAGS) -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	  $< $(PROV_VOICE_SRCS) $(COMMON_LIB_SAN) $(SRV_LDLIBS) -o $@

# The tests run the servers and provload built with AddressSanitizer and
# UBSan (house rule: no undefined behaviour on the host); PROV_SAN=0 runs the
# optimized build. The bench always uses the optimized build.
PROV_SAN      ?= 1
SRV_SAN_BUILD := $(BUILD)/server-san
SRV_SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
SRV_SAN_BINS  := $(SRV_SAN_BUILD)/obti-gc $(SRV_SAN_BUILD)/obti-ps $(SRV_SAN_BUILD)/obti-admin $(SRV_SAN_BUILD)/provload \
                 $(SRV_SAN_BUILD)/rsabench
$(SRV_SAN_BUILD)/rsabench: $(PROV_DIR)/rsabench.c $(SRV_DIR)/rsa_ossl.c $(COMMON_LIB_SAN) $(SRV_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(SRV_CFLAGS) $(SRV_SAN_FLAGS) $< $(SRV_DIR)/rsa_ossl.c $(COMMON_LIB_SAN) $(SRV_LDLIBS) -o $@
$(SRV_SAN_BUILD)/obti-%: $(SRV_DIR)/%.c $(SRV_LIB_SRCS) $(COMMON_LIB_SAN) $(SRV_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(SRV_CFLAGS) $(SRV_SAN_FLAGS) $< $(SRV_LIB_SRCS) $(COMMON_LIB_SAN) $(SRV_LDLIBS) -o $@
$(SRV_SAN_BUILD)/provload: $(PROV_DIR)/provload.c $(SRV_LIB_SRCS) $(COMMON_LIB_SAN) $(SRV_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(SRV_CFLAGS) $(SRV_SAN_FLAGS) $< $(SRV_LIB_SRCS) $(COMMON_LIB_SAN) $(PROVLOAD_LDFLAGS) $(SRV_LDLIBS) -o $@

PROV_DEPS := server $(PROVLOAD) $(PROV_RSABENCH) $(PROV_VOICE_TEST) $(SOFTBTI) $(if $(filter 1,$(PROV_SAN)),$(SRV_SAN_BINS))
PROV_BIN  := $(if $(filter 1,$(PROV_SAN)),$(SRV_SAN_BUILD),$(SRV_BUILD))

TEST_GROUPS += prov
.PHONY: test-prov bench-ps
test-prov: $(PROV_DEPS)
	@mkdir -p $(RESULTS); rm -f $(RESULTS)/prov.log
	@$(PROV_VOICE_TEST) | tee -a $(RESULTS)/prov.log | grep -q . \
	  || echo "FAIL prov.voice: no verdict" >> $(RESULTS)/prov.log
	@PROV_BIN=$(PROV_BIN) SOFTBTI=$(SOFTBTI) $(PROV_TEST) 2> $(SRV_BUILD)/prov-test.err | grep -E '^(PASS|FAIL) ' >> $(RESULTS)/prov.log \
	  || true
	@grep -q 'prov\.happy' $(RESULTS)/prov.log || echo "FAIL prov: no verdict (see $(SRV_BUILD)/prov-test.err)" >> $(RESULTS)/prov.log
	@cat $(RESULTS)/prov.log

BENCH_GROUPS += ps
bench-ps: server $(PROVLOAD) $(PROV_RSABENCH)
	@PS_BENCH_COUNT=$(PS_BENCH_COUNT) PS_BENCH_PARALLEL=$(PS_BENCH_PARALLEL) \
	  $(PROV_TEST) bench 2> $(SRV_BUILD)/bench-ps.err | tee $(SRV_BUILD)/bench-ps.txt
	@grep '^FIGURE ' $(SRV_BUILD)/bench-ps.txt | while read -r _ name value; do \
	  $(PYTHON) scripts/bench.py set $(BUILD)/bench.json $$name $$value; done
	@grep -q '^FAIL' $(SRV_BUILD)/bench-ps.txt && exit 1 || true
