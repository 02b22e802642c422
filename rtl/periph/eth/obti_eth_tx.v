`default_nettype none
// Frame transmitter: preamble, SFD, the frame from the transmit buffer
// (padded with zeros to 60 bytes), the FCS, then the 12-byte inter-frame
// gap. Bytes go out as di-bits (RMII, Width 2) or nibbles (RGMII at 10/100,
// Width 4), least significant first, one per tick.
module obti_eth_tx #(
  parameter integer MinData = 60,   // bytes without FCS
  parameter integer Aw      = 9,    // word address bits of the buffer
  parameter integer Width   = 2     // bits per tick: 2 (RMII) or 4 (RGMII)
) (
  input  wire          clk,
  input  wire          rst,
  input  wire          i_tick,
  input  wire          i_start,
  input  wire [10:0]   i_len,       // 1..buffer size, bytes without FCS
  output wire [Aw-1:0] o_raddr,     // buffer read port (data one cycle later)
  input  wire [31:0]   i_rdata,
  output wire          o_busy,
  output reg           o_done,
  output reg           o_txen,
  output reg  [Width-1:0] o_txd
);
  localparam [1:0] LastPos = (Width == 4) ? 2'd1 : 2'd3;  // ticks per byte - 1
  localparam [2:0] SIdle = 3'd0, SPre = 3'd1, SData = 3'd2, SFcs = 3'd3, SIpg = 3'd4;

  reg [2:0]  state_q;
  reg [1:0]  pos_q;
  reg [7:0]  sh_q;
  reg [10:0] n_q;        // byte index within the phase
  reg [10:0] len_q, flen_q;
  reg [31:0] crc_q;

  // Byte n_q + 1 of the frame (data, or zero padding).
  wire [10:0] nxt      = n_q + 11'd1;
  wire [7:0]  data_nxt = (nxt < len_q) ? i_rdata[{nxt[1:0], 3'b000} +: 8] : 8'h00;
  wire [7:0]  data0    = i_rdata[7:0];
  wire [31:0] crc_byte;
  wire [7:0]  crc_in   = (state_q == SPre) ? data0 : data_nxt;
  wire [31:0] fcs      = ~crc_q;
  obti_eth_crc32 u_crc (.i_crc((state_q == SPre) ? 32'hFFFF_FFFF : crc_q),
                        .i_byte(crc_in), .o_crc(crc_byte));

  assign o_raddr = (state_q == SData) ? nxt[Aw+1:2] : {Aw{1'b0}};
  assign o_busy  = state_q != SIdle;

  always @(posedge clk) begin
    o_done <= 1'b0;
    if (rst) begin
      state_q <= SIdle;
      pos_q   <= 2'd0;
      sh_q    <= 8'd0;
      n_q     <= 11'd0;
      len_q   <= 11'd0;
      flen_q  <= 11'd0;
      crc_q   <= 32'hFFFF_FFFF;
      o_txen  <= 1'b0;
      o_txd   <= {Width{1'b0}};
    end else if (state_q == SIdle) begin
      if (i_start) begin
        state_q <= SPre;
        pos_q   <= 2'd0;
        n_q     <= 11'd0;
        sh_q    <= 8'h55;
        len_q   <= i_len;
        flen_q  <= (i_len < MinData[10:0]) ? MinData[10:0] : i_len;
      end
    end else if (i_tick) begin
      o_txen <= state_q != SIpg;
      o_txd  <= (state_q == SIpg) ? {Width{1'b0}} : sh_q[Width-1:0];
      sh_q   <= sh_q >> Width;
      pos_q  <= (pos_q == LastPos) ? 2'd0 : pos_q + 2'd1;
      if (pos_q == LastPos) begin
        n_q <= nxt;
        case (state_q)
          SPre: begin
            if (n_q == 11'd6) sh_q <= 8'hD5;
            else if (n_q == 11'd7) begin
              state_q <= SData;
              n_q     <= 11'd0;
              sh_q    <= data0;
              crc_q   <= crc_byte;
            end else sh_q <= 8'h55;
          end
          SData: begin
            if (nxt == flen_q) begin
              state_q <= SFcs;
              n_q     <= 11'd0;
              sh_q    <= fcs[7:0];
            end else begin
              sh_q  <= data_nxt;
              crc_q <= crc_byte;
            end
          end
          SFcs: begin
            if (n_q == 11'd3) begin
              state_q <= SIpg;
              n_q     <= 11'd0;
            end else sh_q <= fcs[{nxt[1:0], 3'b000} +: 8];
          end
          default: begin  // SIpg: 12 byte times of silence
            if (n_q == 11'd11) begin
              state_q <= SIdle;
              o_done  <= 1'b1;
            end
          end
        endcase
      end
    end
  end
endmodule
