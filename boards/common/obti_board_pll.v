`default_nettype none
// System clock for every board: one ECP5 EHXPLLL, CLKOP fed back, so
// f_out = f_in * ClkfbDiv / ClkiDiv and f_vco = f_out * ClkopDiv. The
// dividers come from scripts/fpga_pll.py for the SYSCLK_MHZ of the build.
module obti_board_pll #(
  parameter integer ClkiDiv     = 1,
  parameter integer ClkfbDiv    = 4,
  parameter integer ClkopDiv    = 6,
  parameter integer ClkopCphase = 5
) (
  input  wire i_clk_ref,
  output wire o_clk,
  output wire o_locked
);
  // The secondary outputs and the internal feedback are not used.
  wire clkos_nc, clkos2_nc, clkos3_nc, clkintfb_nc, intlock_nc, refclk_nc;
  EHXPLLL #(
    .PLLRST_ENA       ("DISABLED"),
    .INTFB_WAKE       ("DISABLED"),
    .STDBY_ENABLE     ("DISABLED"),
    .DPHASE_SOURCE    ("DISABLED"),
    .OUTDIVIDER_MUXA  ("DIVA"),
    .OUTDIVIDER_MUXB  ("DIVB"),
    .OUTDIVIDER_MUXC  ("DIVC"),
    .OUTDIVIDER_MUXD  ("DIVD"),
    .CLKI_DIV         (ClkiDiv),
    .CLKOP_ENABLE     ("ENABLED"),
    .CLKOP_DIV        (ClkopDiv),
    .CLKOP_CPHASE     (ClkopCphase),
    .CLKOP_FPHASE     (0),
    .FEEDBK_PATH      ("CLKOP"),
    .CLKFB_DIV        (ClkfbDiv)
  ) u_pll (
    .RST       (1'b0),
    .STDBY     (1'b0),
    .CLKI      (i_clk_ref),
    .CLKOP     (o_clk),
    .CLKFB     (o_clk),
    .CLKOS     (clkos_nc),
    .CLKOS2    (clkos2_nc),
    .CLKOS3    (clkos3_nc),
    .CLKINTFB  (clkintfb_nc),
    .INTLOCK   (intlock_nc),
    .REFCLK    (refclk_nc),
    .PHASESEL0 (1'b0),
    .PHASESEL1 (1'b0),
    .PHASEDIR  (1'b1),
    .PHASESTEP (1'b1),
    .PHASELOADREG (1'b1),
    .PLLWAKESYNC  (1'b0),
    .ENCLKOP   (1'b0),
    .ENCLKOS   (1'b0),
    .ENCLKOS2  (1'b0),
    .ENCLKOS3  (1'b0),
    .LOCK      (o_locked)
  );
  wire unused_ok = &{1'b0, clkos_nc, clkos2_nc, clkos3_nc, clkintfb_nc, intlock_nc, refclk_nc};
endmodule
