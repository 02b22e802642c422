`default_nettype none
// Frame receiver: finds preamble and SFD, assembles di-bits (RMII, Width
// 2) or nibbles (RGMII at 10/100, Width 4), least significant first, into
// bytes and bytes into words for the slot RAM, checks the FCS, the length
// and the destination address, and reports each frame once at its end.
// RMII: CRS_DV may toggle at the end of a frame (RMII 1.2 5.3.2): it is then
// low on the first di-bit of a nibble and high on the second, and the frame
// ends when it is low on a second di-bit. RGMII: the frame ends on the first
// nibble with RX_DV low; a nibble with RX_ER marks the frame bad (counted
// with the CRC errors).
module obti_eth_rx #(
  parameter integer MinFrame = 64,     // bytes with FCS
  parameter integer MaxFrame = 1522,   // bytes with FCS (one VLAN tag)
  parameter integer SlotAw   = 9,      // word address bits inside a slot
  parameter integer Width    = 2       // bits per tick: 2 (RMII) or 4 (RGMII)
) (
  input  wire              clk,
  input  wire              rst,
  input  wire              i_tick,     // one di-bit (nibble) period has passed
  input  wire              i_en,
  input  wire              i_crs_dv,   // RMII CRS_DV, RGMII RX_DV
  input  wire              i_er,       // RGMII RX_ER (0 for RMII)
  input  wire [Width-1:0]  i_rxd,
  input  wire [47:0]       i_mac,      // byte 0 (first on the wire) in bits 7:0
  input  wire [63:0]       i_hash,
  input  wire              i_promisc,
  input  wire              i_allmulti,
  input  wire              i_slot_free,
  // slot RAM write port (word address inside the slot)
  output reg               o_we,
  output reg  [SlotAw-1:0] o_waddr,
  output reg  [31:0]       o_wdata,
  // end of frame: exactly one of the outcomes is set with o_done
  output reg               o_done,
  output reg  [10:0]       o_len,      // without FCS, with o_good
  output reg               o_good,
  output reg               o_crcerr,
  output reg               o_runt,
  output reg               o_oversize,
  output reg               o_overrun,
  output reg               o_filtered
);
  localparam [31:0] Residue = 32'hDEBB_20E3;  // CRC register after a good FCS
  localparam [10:0] CntMax  = 11'h7FF;
  localparam [1:0] SIdle = 2'd0, SPre = 2'd1, SData = 2'd2, SDrain = 2'd3;
  localparam integer ShW = 8 - Width;                    // bits kept of a byte
  localparam [1:0] LastPos = (Width == 4) ? 2'd1 : 2'd3;  // ticks per byte - 1
  // Last tick of the SFD (RMII 11, RGMII D) and the preamble symbol (5).
  localparam [3:0] SfdSym = (Width == 4) ? 4'hD : 4'h3;
  localparam [3:0] PreSym = 4'h5;
  localparam [3:0] FcSym  = 4'h2;

  reg [1:0]  state_q;
  reg        armed_q;        // CRS_DV was seen low: the next high starts a frame
  reg [1:0]  pos_q;          // di-bit (nibble) within the byte
  reg [ShW-1:0] sh_q;        // the byte's bits before this tick
  reg        err_q;          // RX_ER seen in this frame
  reg [10:0] cnt_q;          // bytes so far, saturating
  reg [31:0] crc_q;
  reg [23:0] word_q;         // bytes 0..2 of the current word
  reg        own_q, bcast_q, group_q, hash_q, slot_q;

  wire [7:0]  byte_in = {i_rxd, sh_q};   // the byte when this tick completes it
  wire [31:0] crc_next;
  obti_eth_crc32 u_crc (.i_crc(crc_q), .i_byte(byte_in), .o_crc(crc_next));

  wire [7:0]  mac_byte  = i_mac[{cnt_q[2:0], 3'b000} +: 8];
  wire [5:0]  hash_idx  = ~crc_next[5:0];  // zlib's crc32 after the 6th byte, low bits
  wire        frame_end = !i_crs_dv && (Width == 4 || pos_q[0]);
  wire        byte_done = pos_q == LastPos && i_crs_dv;

  // Outcome of a frame that ends now with cnt_q whole bytes.
  wire accept = i_promisc || own_q || bcast_q || (group_q && (i_allmulti || hash_q));
  wire bad_oversize = cnt_q > MaxFrame[10:0];
  wire bad_runt     = cnt_q < MinFrame[10:0];
  wire bad_crc      = crc_q != Residue || err_q;
  // In the preamble: RMII 10 is a false carrier (RMII 1.2 5.3.3); RGMII
  // signals that with RX_DV low, so anything but 5 is a bad preamble here.
  wire pre_bad = (Width == 4) ? (i_rxd != PreSym[Width-1:0])
                                : (i_rxd == FcSym[Width-1:0]);

  always @(posedge clk) begin
    o_we       <= 1'b0;
    o_done     <= 1'b0;
    o_good     <= 1'b0;
    o_crcerr   <= 1'b0;
    o_runt     <= 1'b0;
    o_oversize <= 1'b0;
    o_overrun  <= 1'b0;
    o_filtered <= 1'b0;
    if (rst) begin
      state_q <= SIdle;
      armed_q <= 1'b0;
      pos_q   <= 2'd0;
      sh_q    <= {ShW{1'b0}};
      err_q   <= 1'b0;
      cnt_q   <= 11'd0;
      crc_q   <= 32'hFFFF_FFFF;
      word_q  <= 24'd0;
      own_q   <= 1'b0;
      bcast_q <= 1'b0;
      group_q <= 1'b0;
      hash_q  <= 1'b0;
      slot_q  <= 1'b0;
      o_waddr <= {SlotAw{1'b0}};
      o_wdata <= 32'd0;
      o_len   <= 11'd0;
    end else if (i_tick) begin
      case (state_q)
        SIdle: begin
          if (!i_crs_dv) armed_q <= 1'b1;
          else if (armed_q && i_en) begin
            state_q <= SPre;
            armed_q <= 1'b0;
          end
        end
        SPre: begin
          // RMII: 00 until the PHY has recovered the preamble, then
          // 01..01 11; RGMII: 5..5 D
          if (!i_crs_dv) begin
            state_q <= SIdle;
            armed_q <= 1'b1;
          end else if (i_rxd == SfdSym[Width-1:0]) begin
            state_q <= SData;
            pos_q   <= 2'd0;
            err_q   <= i_er;
            cnt_q   <= 11'd0;
            crc_q   <= 32'hFFFF_FFFF;
            own_q   <= 1'b1;
            bcast_q <= 1'b1;
            group_q <= 1'b0;
            hash_q  <= 1'b0;
            slot_q  <= i_slot_free;
          end else if (pre_bad) begin
            state_q <= SDrain;
          end
        end
        SData: begin
          sh_q  <= byte_in[7:Width];
          pos_q <= (pos_q == LastPos) ? 2'd0 : pos_q + 2'd1;
          if (i_crs_dv && i_er) err_q <= 1'b1;
          if (frame_end) begin
            state_q <= SIdle;
            armed_q <= 1'b1;
            o_done  <= 1'b1;
            // the last partial word (bytes beyond the slot are not written)
            if (cnt_q[1:0] != 2'd0 && slot_q && {1'b0, cnt_q} < (12'd4 << SlotAw)) begin
              o_we    <= 1'b1;
              o_waddr <= cnt_q[SlotAw+1:2];
              o_wdata <= {8'd0, word_q};
            end
            if (bad_oversize)      o_oversize <= 1'b1;
            else if (bad_runt)     o_runt     <= 1'b1;
            else if (bad_crc)      o_crcerr   <= 1'b1;
            else if (!accept)      o_filtered <= 1'b1;
            else if (!slot_q)      o_overrun  <= 1'b1;
            else begin
              o_good <= 1'b1;
              o_len  <= cnt_q - 11'd4;
            end
          end else if (byte_done) begin
            crc_q <= crc_next;
            if (cnt_q != CntMax) cnt_q <= cnt_q + 11'd1;
            if (cnt_q < 11'd6) begin
              own_q   <= own_q && byte_in == mac_byte;
              bcast_q <= bcast_q && byte_in == 8'hFF;
              if (cnt_q == 11'd0) group_q <= byte_in[0];
              if (cnt_q == 11'd5) hash_q <= i_hash[hash_idx];
            end
            case (cnt_q[1:0])
              2'd0: word_q[7:0]   <= byte_in;
              2'd1: word_q[15:8]  <= byte_in;
              2'd2: word_q[23:16] <= byte_in;
              default: begin
                if (slot_q && {1'b0, cnt_q} < (12'd4 << SlotAw)) begin
                  o_we    <= 1'b1;
                  o_waddr <= cnt_q[SlotAw+1:2];
                  o_wdata <= {byte_in, word_q};
                end
              end
            endcase
          end
        end
        default: begin  // SDrain: wait for the end of the carrier
          if (!i_crs_dv) begin
            state_q <= SIdle;
            armed_q <= 1'b1;
          end
        end
      endcase
    end
  end
endmodule
