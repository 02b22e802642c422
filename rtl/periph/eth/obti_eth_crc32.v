`default_nettype none
// One byte of the Ethernet CRC-32 (IEEE 802.3 clause 3.2.9): polynomial
// 0x04C11DB7 in its reflected form 0xEDB88320, bits taken LSB first as they
// go on the wire. The caller starts from all-ones and sends the complement.
module obti_eth_crc32 (
  input  wire [31:0] i_crc,
  input  wire [7:0]  i_byte,
  output reg  [31:0] o_crc
);
  localparam [31:0] Poly = 32'hEDB8_8320;
  integer k;
  always @* begin
    o_crc = i_crc;
    for (k = 0; k < 8; k = k + 1)
      o_crc = (o_crc[0] ^ i_byte[k]) ? ((o_crc >> 1) ^ Poly) : (o_crc >> 1);
  end
endmodule
