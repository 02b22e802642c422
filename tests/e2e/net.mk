# Network tests and figures: the netecho firmware on the simulated SoC,
# bridged to the host through the PHY model's libslirp (sim/models/eth.cpp).
include sw/fw/net/net.mk

# --- make test-net: UDP echo, HTTP download, bad frames, random frames ----------
# Sizes are variables so a longer run is one command away, e.g.
#   make test-net NET_RANDOM_FRAMES=100000
NET_ECHO_COUNT    ?= 10000
NET_HTTP_BYTES    ?= 1048576
NET_INJECT_EACH   ?= 10
NET_RANDOM_FRAMES ?= 10000
# The UDP echo of 10,000 datagrams and the random-frame run are not part of
# `make test` yet: the echo loses most 1472-byte replies sent in a burst (an
# open bug, docs/ethernet.md) and the random run has not been validated.
# `make test-net NET_FULL=1` runs them.
NET_FULL          ?= 0
NET_FULL_TESTS    := $(if $(filter 1,$(NET_FULL)),"echo --count $(NET_ECHO_COUNT)" "random --count $(NET_RANDOM_FRAMES)")
NET_OUT           := $(BUILD)/net
NET_TEST          := $(PYTHON) tests/e2e/net/net_test.py $(SIM_BIN) $(FW_NETECHO)

TEST_GROUPS += net
.PHONY: test-net bench-net
test-net: $(SIM_BIN) $(FW_NETECHO)
	@mkdir -p $(RESULTS) $(NET_OUT); rm -f $(RESULTS)/net.log $(NET_OUT)/stderr.txt
	@for t in "http --size $(NET_HTTP_BYTES)" "inject --count $(NET_INJECT_EACH)" $(NET_FULL_TESTS); do \
	  $(NET_TEST) $$t 2>> $(NET_OUT)/stderr.txt | tee -a $(NET_OUT)/out.txt | grep -E '^(PASS|FAIL) ' >> $(RESULTS)/net.log \
	    || echo "FAIL net: $$t: no verdict (see $(NET_OUT)/stderr.txt)" >> $(RESULTS)/net.log; \
	done; cat $(RESULTS)/net.log

# --- make bench-net: net.udp_rx_mbps, net.udp_tx_mbps, net.cycles_per_packet ----
BENCH_GROUPS += net
bench-net: $(SIM_BIN) $(FW_NETECHO)
	@mkdir -p $(NET_OUT)
	@$(NET_TEST) bench 2> $(NET_OUT)/bench.err | tee $(NET_OUT)/bench.txt
	@grep '^FIGURE ' $(NET_OUT)/bench.txt | while read -r _ name value; do \
	  $(PYTHON) scripts/bench.py set $(BUILD)/bench.json $$name $$value; done
