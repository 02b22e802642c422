# Unit test benches of the Ethernet MAC: tests/rtl/eth/tb_eth.cpp drives
# obti_eth alone with RMII and MDIO PHY models, tests/rtl/eth/tb_eth_rgmii.cpp
# the RGMII build (Rgmii = 1) with an RGMII PHY model on its own RX clock;
# zlib's crc32 is the independent FCS. `make test-eth` writes PASS/FAIL lines
# to $(RESULTS)/eth.log.
TEST_GROUPS += eth

ETH_TB_DIR := $(BUILD)/tests/rtl/eth
ETH_TB_BIN := $(ETH_TB_DIR)/Vobti_eth

$(ETH_TB_BIN): $(wildcard rtl/periph/eth/*.v) $(GEN)/rtl/obti_eth_regs.vh \
               $(GEN)/include/obti/regs_eth.h tests/rtl/eth/tb_eth.cpp tests/rtl/eth/tb_eth_bus.h tests/rtl/eth/eth.mk
	@mkdir -p $(ETH_TB_DIR)
	$(VERILATOR) --cc --exe --build -j 2 -O2 -Wall --x-assign unique --x-initial unique \
	  --top-module obti_eth -I$(GEN)/rtl -Mdir $(ETH_TB_DIR)/obj \
	  -CFLAGS "-O2 -std=c++17 -I$(abspath $(GEN)/include)" -LDFLAGS "-lz" \
	  $(wildcard rtl/periph/eth/*.v) $(abspath tests/rtl/eth/tb_eth.cpp) \
	  > $(ETH_TB_DIR)/build.log 2>&1 || { cat $(ETH_TB_DIR)/build.log; exit 1; }
	cp $(ETH_TB_DIR)/obj/Vobti_eth $@

ETH_RGMII_TB_BIN := $(ETH_TB_DIR)/Vobti_eth_rgmii
$(ETH_RGMII_TB_BIN): $(wildcard rtl/periph/eth/*.v) $(GEN)/rtl/obti_eth_regs.vh \
               $(GEN)/include/obti/regs_eth.h tests/rtl/eth/tb_eth_rgmii.cpp tests/rtl/eth/tb_eth_bus.h tests/rtl/eth/eth.mk
	@mkdir -p $(ETH_TB_DIR)
	$(VERILATOR) --cc --exe --build -j 2 -O2 -Wall --x-assign unique --x-initial unique \
	  --top-module obti_eth -GRgmii=1 --prefix Vobti_eth_rgmii -I$(GEN)/rtl -Mdir $(ETH_TB_DIR)/obj-rgmii \
	  -CFLAGS "-O2 -std=c++17 -I$(abspath $(GEN)/include)" -LDFLAGS "-lz" \
	  $(wildcard rtl/periph/eth/*.v) $(abspath tests/rtl/eth/tb_eth_rgmii.cpp) \
	  > $(ETH_TB_DIR)/build-rgmii.log 2>&1 || { cat $(ETH_TB_DIR)/build-rgmii.log; exit 1; }
	cp $(ETH_TB_DIR)/obj-rgmii/Vobti_eth_rgmii $@

# The simulator's PHY management model on its own (host C++, no RTL).
ETH_MDIO_TB_BIN := $(ETH_TB_DIR)/tb_mdio_phy
$(ETH_MDIO_TB_BIN): tests/rtl/eth/tb_mdio_phy.cpp sim/models/mdio_phy.h
	@mkdir -p $(ETH_TB_DIR)
	$(CXX) -O1 -g -std=c++17 -Wall -Wextra -Werror -fsanitize=address,undefined -Isim/models -o $@ $<

.PHONY: test-eth
test-eth: $(ETH_TB_BIN) $(ETH_RGMII_TB_BIN) $(ETH_MDIO_TB_BIN)
	@mkdir -p $(RESULTS)
	@rm -f $(RESULTS)/eth.log
	@for tb in $(ETH_TB_BIN) $(ETH_RGMII_TB_BIN) $(ETH_MDIO_TB_BIN); do \
	 $$tb > $$tb.out 2>&1; rc=$$?; \
	 grep -E '^(PASS|FAIL) ' $$tb.out > $$tb.verdicts; cat $$tb.verdicts >> $(RESULTS)/eth.log; \
	 if [ $$rc -ne 0 ] && ! grep -q '^FAIL ' $$tb.verdicts; then \
	   echo "FAIL eth: $$(basename $$tb) exited $$rc: $$(tail -1 $$tb.out)" >> $(RESULTS)/eth.log; fi; \
	 cat $$tb.out; done
