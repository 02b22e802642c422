# Network tests and figures: the netecho firmware on the simulated SoC,
# bridged to the host through the PHY model's libslirp (sim/models/eth.cpp).
include sw/fw/net/net.mk

# --- make test-net --------------------------------------------------------------
# make test runs the issue's 1 MiB download and short versions of the echo
# and random-frame runs (in NET_JOBS parallel lanes); NET_FULL=1 gives the
# issue's full sizes (10,000 echoes, 100,000 random frames); each size is also its own
# variable, e.g. `make test-net NET_RANDOM_FRAMES=100000`.
NET_FULL          ?= 0
NET_ECHO_COUNT    ?= $(if $(filter 1,$(NET_FULL)),10000,1000)
NET_HTTP_BYTES    ?= 1048576
NET_RANDOM_FRAMES ?= $(if $(filter 1,$(NET_FULL)),100000,2000)
NET_INJECT_EACH   ?= 10
NET_BURST_COUNT   ?= 200
NET_LOSS_PCT      ?= 20
NET_LOSS_COUNT    ?= 300
NET_TAP_COUNT     ?= 100
NET_JOBS          ?= 2
NET_OUT           := $(BUILD)/net
NET_TEST          := $(PYTHON) tests/e2e/net/net_test.py $(SIM_BIN) $(FW_NETECHO)
NET_SPECS         := "echo --count $(NET_ECHO_COUNT)" "burst --count $(NET_BURST_COUNT)" \
                     "http --size $(NET_HTTP_BYTES)" "inject --count $(NET_INJECT_EACH)" \
                     "random --count $(NET_RANDOM_FRAMES)" \
                     "loss --count $(NET_LOSS_COUNT) --drop $(NET_LOSS_PCT)" \
                     "tap --count $(NET_TAP_COUNT) --size 32768"

# One PASS/FAIL line per test in $(RESULTS)/net.log; the TAP test writes SKIP
# (with the reason) where it cannot make a namespace with a TAP device: the
# summary counts SKIP neither as passed nor as failed. Output of every test
# in $(NET_OUT)/test.log.
TEST_GROUPS += net
.PHONY: test-net bench-net
test-net: $(SIM_BIN) $(FW_NETECHO)
	@mkdir -p $(RESULTS) $(NET_OUT); rm -f $(RESULTS)/net.log $(NET_OUT)/test.log
	@$(NET_TEST) suite --jobs $(NET_JOBS) --log $(NET_OUT)/test.log $(NET_SPECS) > $(RESULTS)/net.log; \
	  grep -q . $(RESULTS)/net.log || echo "FAIL net: the suite printed no verdict" >> $(RESULTS)/net.log; \
	  cat $(RESULTS)/net.log

# --- make bench-net: net.udp_rx_mbps, net.udp_tx_mbps, net.cycles_per_packet ----
BENCH_GROUPS += net
bench-net: $(SIM_BIN) $(FW_NETECHO)
	@mkdir -p $(NET_OUT)
	@$(NET_TEST) bench 2> $(NET_OUT)/bench.err | tee $(NET_OUT)/bench.txt
	@grep '^FIGURE ' $(NET_OUT)/bench.txt | while read -r _ name value; do \
	  $(PYTHON) scripts/bench.py set $(BUILD)/bench.json $$name $$value; done
