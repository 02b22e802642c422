`default_nettype none
// The ECP5's configuration flash clock pin (CCLK) is not a user I/O: after
// configuration the design drives it through the USRMCLK primitive
// (Lattice TN1260, "SPI flash access after configuration").
module obti_board_flash_clk (
  input  wire i_sck
);
  USRMCLK u_usrmclk (
    .USRMCLKI  (i_sck),
    .USRMCLKTS (1'b0)
  );
endmodule
