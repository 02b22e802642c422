# Unit test bench of the SLIC SPI master (rtl/periph/spi/) against the
# ProSLIC control-port model in tb_spi.cpp. Verdicts: $(RESULTS)/spi.log.
TEST_GROUPS += spi

SPI_T := $(BUILD)/tests/rtl/spi

$(SPI_T)/tb_spi: tests/rtl/spi/tb_spi.cpp $(wildcard rtl/periph/spi/*.v) $(GEN)/rtl/obti_spi_regs.vh
	@mkdir -p $(SPI_T)/obj
	$(VERILATOR) --cc --exe --build -j 2 -Wall -O2 $(RTL_INC) --top-module obti_spi -Mdir $(SPI_T)/obj -o tb_spi \
	  $(wildcard rtl/periph/spi/*.v) $(abspath tests/rtl/spi/tb_spi.cpp) > $(SPI_T)/build.log 2>&1 || { cat $(SPI_T)/build.log; exit 1; }
	cp $(SPI_T)/obj/tb_spi $@

.PHONY: test-spi
test-spi: $(SPI_T)/tb_spi
	@mkdir -p $(RESULTS)
	@$(SPI_T)/tb_spi > $(SPI_T)/tb_spi.out 2>&1; rc=$$?; cat $(SPI_T)/tb_spi.out; \
	 grep -E '^(PASS|FAIL) ' $(SPI_T)/tb_spi.out > $(RESULTS)/spi.log; \
	 grep -q '^PASS ' $(SPI_T)/tb_spi.out || echo "FAIL spi: tb_spi checked nothing (exit $$rc)" >> $(RESULTS)/spi.log; \
	 [ $$rc -eq 0 ] || grep -q '^FAIL ' $(SPI_T)/tb_spi.out || echo "FAIL spi: tb_spi exited $$rc" >> $(RESULTS)/spi.log; true
