# LambdaConcept ECPIX-5: LFE5UM5G-85F-8BG554I, 100 MHz oscillator.
BOARD_TOP          := obti_ecpix5
BOARD_PNR_DEVICE   := --um5g-85k --package CABGA554 --speed 8
BOARD_PART         := LFE5UM5G-85F-8BG554I
BOARD_REF_MHZ      := 100
BOARD_SYSCLK_MHZ   := 75
BOARD_PROG         := openFPGALoader --board ecpix5
