# Network tests and figures: the netecho firmware on the simulated SoC,
# bridged to the host through the PHY model's libslirp (sim/models/eth.cpp).
include sw/fw/net/net.mk
