# LambdaConcept ECPIX-5: LFE5UM5G-85F-8BG554I, 100 MHz oscillator.
BOARD_TOP          := obti_ecpix5
BOARD_PNR_DEVICE   := --um5g-85k --package CABGA554 --speed 8
BOARD_PART         := LFE5UM5G-85F-8BG554I
BOARD_REF_MHZ      := 100
# 20 MHz, as on the ULX3S (boards/ulx3s/board.mk): the full SoC reaches
# ~25-27 MHz (docs/fpga.md, the execute-stage redirect through the bus grant
# into the code memory's address); 20 MHz is exact from the 100 MHz
# reference (scripts/fpga_pll.py). Back up once that path is cut.
BOARD_SYSCLK_MHZ   := 20
BOARD_PROG         := openFPGALoader --board ecpix5
