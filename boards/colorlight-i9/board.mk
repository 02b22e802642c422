# Colorlight i9 v7.2: LFE5U-45F-6BG381C, 25 MHz oscillator. 108 DP16KD: the
# default memories (256 KiB code + 64 KiB data = 160 DP16KD) do not fit, so
# 128 KiB code (64) + 32 KiB data (16) here, with the blocks' 19 (AES S-boxes
# and FIFOs, Ethernet buffers, PCM): 99. The firmware is linked to match.
BOARD_TOP          := obti_colorlight_i9
BOARD_PNR_DEVICE   := --45k --package CABGA381 --speed 6
BOARD_PART         := LFE5U-45F-6BG381C
BOARD_REF_MHZ      := 25
# 20 MHz, as on the ULX3S (boards/ulx3s/board.mk): the full SoC reaches
# ~25-27 MHz (docs/fpga.md, the execute-stage redirect through the bus grant
# into the code memory's address); 20 MHz is exact from the 25 MHz
# reference (scripts/fpga_pll.py). Back up once that path is cut.
BOARD_SYSCLK_MHZ   := 20
BOARD_CODE_BYTES   := 131072
BOARD_DATA_BYTES   := 32768
BOARD_PROG         := openFPGALoader --board colorlight-i9
