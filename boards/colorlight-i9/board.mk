# Colorlight i9 v7.2: LFE5U-45F-6BG381C, 25 MHz oscillator. 108 DP16KD: the
# default memories (256 KiB code + 64 KiB data = 160 DP16KD) do not fit, so
# 128 KiB code (64) + 32 KiB data (16) here, with the blocks' 19 (AES S-boxes
# and FIFOs, Ethernet buffers, PCM): 99. The firmware is linked to match.
BOARD_TOP          := obti_colorlight_i9
BOARD_PNR_DEVICE   := --45k --package CABGA381 --speed 6
BOARD_PART         := LFE5U-45F-6BG381C
BOARD_REF_MHZ      := 25
# 25 MHz until the core's fetch loop is fixed: the SoC reaches ~28 MHz (docs/fpga.md).
BOARD_SYSCLK_MHZ   := 25
BOARD_CODE_BYTES   := 131072
BOARD_DATA_BYTES   := 32768
BOARD_PROG         := openFPGALoader --board colorlight-i9
