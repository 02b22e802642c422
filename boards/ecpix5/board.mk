# LambdaConcept ECPIX-5: LFE5UM5G-85F-8BG554I, 100 MHz oscillator.
BOARD_TOP          := obti_ecpix5
BOARD_PNR_DEVICE   := --um5g-85k --package CABGA554 --speed 8
BOARD_PART         := LFE5UM5G-85F-8BG554I
BOARD_REF_MHZ      := 100
# 25 MHz until the core's fetch loop is fixed: the SoC reaches ~28 MHz (docs/fpga.md).
BOARD_SYSCLK_MHZ   := 25
BOARD_PROG         := openFPGALoader --board ecpix5
