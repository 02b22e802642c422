`default_nettype none
// AES S-box and inverse S-box as a 512 x 8 table in one ECP5 block RAM
// (DP16KD), read through both of its ports: two lookups per clock. Entry
// {inv, x} is S(x) (inv = 0) or S^-1(x) (inv = 1). The read is synchronous:
// the address registered on the clock edge is the caller's next state, so
// the RAM's own address register holds it (obti_aes_core.v). The table is
// produced and checked against FIPS-197 by obti_aes_sbox_rom_gen.py.
module obti_aes_sbox_rom (
  input  wire       clk,
  input  wire       i_en,      // read enable (the outputs hold while low)
  input  wire [8:0] i_addr_a,  // {inv, x}
  input  wire [8:0] i_addr_b,
  output reg  [7:0] o_data_a,
  output reg  [7:0] o_data_b
);
  localparam [4095:0] Table = {
    256'h7d0c2155631469e126d677ba7e042b17619953833cbbebc8b0f52aae4d3be0a0,
    256'hef9cc9939f7ae52d0d4ab519a97f51605fec8027591012b131c7078833a8dd1f,
    256'hf45acd78fec0db9a2079d2c64b3e56fc1bbe18aa0e62b76f89c5291d711af147,
    256'h6edf751ce837f9e28535ade72274ac9673e6b4f0cecff297eadc674f4111913a,
    256'h6b8a130103bdafc1020f3fca8f1e2cd00645b3b80558e4f70ad3bc8c00abd890,
    256'h849d8da75746155edab9edfd5048706c92b6655dcc5ca4d41698688664f6f872,
    256'h25d18b6d49a25b76b224d92866a12e084ec3fa420b954cee3d23c2a632947b54,
    256'hcbe9dec444438e3487ff2f9b8239e37cfbd7f3819ea340bf38a53630d56a0952,
    256'h16bb54b00f2d99416842e6bf0d89a18cdf2855cee9871e9b948ed9691198f8e1,
    256'h9e1dc186b95735610ef6034866b53e708a8bbd4b1f74dde8c6b4a61c2e2578ba,
    256'h08ae7a65eaf4566ca94ed58d6d37c8e779e4959162acd3c25c2406490a3a32e0,
    256'hdb0b5ede14b8ee4688902a22dc4f816073195d643d7ea7c41744975fec130ccd,
    256'hd2f3ff1021dab6bcf5389d928f40a351a89f3c507f02f94585334d43fbaaefd0,
    256'hcf584c4a39becb6a5bb1fc20ed00d153842fe329b3d63b52a05a6e1b1a2c8309,
    256'h75b227ebe28012079a059618c323c7041531d871f1e5a534ccf73f362693fdb7,
    256'hc072a49cafa2d4adf04759fa7dc982ca76abd7fe2b670130c56f6bf27b777c63
  };

  reg [7:0] rom [0:511];
  integer i;
  initial begin
    for (i = 0; i < 512; i = i + 1)
      rom[i] = Table[8*i +: 8];
  end

  always @(posedge clk) begin
    if (i_en) begin
      o_data_a <= rom[i_addr_a];
      o_data_b <= rom[i_addr_b];
    end
  end
endmodule
