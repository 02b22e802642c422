# ULX3S: LFE5U-85F-6BG381C (also 45F/25F: ULX3S_DEVICE=45k|25k), 25 MHz oscillator.
ULX3S_DEVICE       ?= 85k
BOARD_TOP          := obti_ulx3s
BOARD_PNR_DEVICE   := --$(ULX3S_DEVICE) --package CABGA381 --speed 6
BOARD_PART         := LFE5U-$(subst k,F,$(ULX3S_DEVICE))-6BG381C
BOARD_REF_MHZ      := 25
# 25 MHz until the core's fetch loop is fixed: the SoC reaches ~28 MHz (docs/fpga.md).
BOARD_SYSCLK_MHZ   := 25
BOARD_PROG         := openFPGALoader --board ulx3s
