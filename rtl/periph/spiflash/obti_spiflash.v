`default_nettype none
// SPI flash controller for 25-series NOR flash, single-bit SPI mode 0: runs
// one command frame per START (opcode, optional 24-bit address, optional
// dummy byte, 0..256 data bytes to or from a 256-byte buffer), then
// optionally polls the flash's WIP bit in hardware. Registers and usage:
// docs/registers/spiflash.md, docs/spiflash.md.
module obti_spiflash #(
  parameter integer BufBytes = 256           // a power of two, at most 256
) (
  input  wire        clk,
  input  wire        rst,
  // bus slave
  input  wire        i_req,
  input  wire        i_we,
  input  wire [11:0] i_addr,
  input  wire [3:0]  i_be,
  input  wire [31:0] i_wdata,
  output wire        o_gnt,
  output reg         o_rvalid,
  output reg  [31:0] o_rdata,
  output wire        o_err,
  // flash pins
  output wire        o_sck,
  output wire        o_cs_n,
  output wire        o_mosi,
  input  wire        i_miso,
  output wire        o_irq
);
  `include "obti_spiflash_regs.vh"

  localparam integer BufWords = BufBytes / 4;
  localparam integer Bw       = $clog2(BufBytes);   // byte index width
  localparam integer Ww       = Bw - 2;             // word index width
  localparam [7:0]   CmdRdsr  = 8'h05;
  localparam [8:0]   BufMax   = BufBytes[8:0];

  // Engine states.
  localparam [2:0] SIdle = 3'd0,   // CS high, nothing to do
                   SLow  = 3'd1,   // SCK low half period, MOSI holds the bit
                   SHigh = 3'd2,   // SCK high half period (MISO sampled on entry)
                   SEnd  = 3'd3,   // SCK low for a half period before CS rises
                   SGap  = 3'd4,   // CS high for CSGAP cycles
                   SStart = 3'd5;  // the fields of a START are in place

  wire wr = i_req && i_we;
  wire rd = i_req && !i_we;

  // --- registers --------------------------------------------------------
  reg [7:0]  cmd_q;
  reg [8:0]  len_q;
  reg        addr_en_q, dummy_q, write_q, poll_q;
  reg [23:0] addr_q;
  reg [7:0]  div_q, csgap_q;
  reg        ie_q, done_q, err_q;
  reg [7:0]  sr_q;

  // --- engine -----------------------------------------------------------
  reg [2:0]  st_q;
  reg        polling_q;      // the current frame is the status poll
  reg        poll_pend_q;    // a poll frame follows the gap
  reg [8:0]  byte_q;         // index of the byte being shifted in this frame
  reg [2:0]  bit_q;          // bits of this byte already clocked
  reg [7:0]  cnt_q;          // cycles left in this half period / gap
  reg [7:0]  sh_q;           // shift register: MSB out, MISO in at bit 0
  reg        sck_q, cs_n_q, mosi_q;

  wire [7:0] div_eff   = (div_q == 8'd0) ? 8'd1 : div_q;
  wire [7:0] gap_eff   = (csgap_q == 8'd0) ? 8'd1 : csgap_q;
  wire       busy      = (st_q != SIdle);

  // Header length (opcode, address, dummy) and frame length of the command.
  wire [8:0] hdr_len   = 9'd1 + (addr_en_q ? 9'd3 : 9'd0) + (dummy_q ? 9'd1 : 9'd0);
  wire [8:0] frame_len = hdr_len + len_q;

  // Buffer: words written whole or by byte lanes from the bus while idle, a
  // byte at a time by the engine while receiving.
  reg [31:0] buf_q [0:BufWords-1];

  // Byte transmitted next: at a frame start byte 0, else byte_q + 1.
  reg        start_main, start_poll;   // set by the combinational control below
  wire [8:0] tx_idx  = (start_main || start_poll) ? 9'd0 : byte_q + 9'd1;
  wire [8:0] tx_data = tx_idx - hdr_len;            // data byte index when tx_idx >= hdr_len
  wire [31:0] tx_word = buf_q[tx_data[Bw-1:2]];
  reg  [7:0] tx_byte;
  always @* begin
    tx_byte = 8'h00;
    if (start_poll || (polling_q && !start_main)) begin
      tx_byte = (tx_idx == 9'd0) ? CmdRdsr : 8'h00;
    end else if (tx_idx == 9'd0) begin
      tx_byte = cmd_q;
    end else if (addr_en_q && tx_idx == 9'd1) begin
      tx_byte = addr_q[23:16];
    end else if (addr_en_q && tx_idx == 9'd2) begin
      tx_byte = addr_q[15:8];
    end else if (addr_en_q && tx_idx == 9'd3) begin
      tx_byte = addr_q[7:0];
    end else if (tx_idx >= hdr_len && write_q) begin
      tx_byte = tx_word[8*tx_data[1:0] +: 8];
    end
  end

  // START decoding.
  wire       ctrl_wr   = wr && i_addr == SpiflashCtrl;
  wire       start_req = ctrl_wr && i_wdata[SpiflashCtrlStartLsb];
  wire       abort_req = ctrl_wr && i_wdata[SpiflashCtrlAbortLsb];
  wire [8:0] new_len   = i_wdata[SpiflashCtrlLenMsb:SpiflashCtrlLenLsb];
  wire       start_ok  = start_req && !abort_req && !busy && new_len <= BufMax;

  // The byte just completed (all 8 bits sampled) at the end of an SHigh phase.
  wire       half_done  = (cnt_q <= 8'd1);
  wire       byte_done  = (st_q == SHigh) && half_done && bit_q == 3'd7;
  wire [7:0] rx_byte    = sh_q;
  wire [8:0] rx_data    = byte_q - hdr_len;
  wire       rx_store   = byte_done && !polling_q && !write_q && byte_q >= hdr_len;
  wire       frame_last = polling_q ? (byte_q != 9'd0 && !rx_byte[0])
                                    : (byte_q + 9'd1 == frame_len);

  always @* begin
    start_main = (st_q == SStart) && !abort_req;
    start_poll = (st_q == SGap) && half_done && poll_pend_q && !abort_req;
  end

  always @(posedge clk) begin
    if (rst) begin
      st_q        <= SIdle;
      polling_q   <= 1'b0;
      poll_pend_q <= 1'b0;
      byte_q      <= 9'd0;
      bit_q       <= 3'd0;
      cnt_q       <= 8'd0;
      sh_q        <= 8'd0;
      sck_q       <= 1'b0;
      cs_n_q      <= 1'b1;
      mosi_q      <= 1'b0;
      sr_q        <= 8'd0;
    end else if (abort_req) begin
      st_q        <= SIdle;
      polling_q   <= 1'b0;
      poll_pend_q <= 1'b0;
      sck_q       <= 1'b0;
      cs_n_q      <= 1'b1;
    end else if (start_ok) begin
      st_q        <= SStart;
      poll_pend_q <= i_wdata[SpiflashCtrlPollLsb];
    end else if (start_main || start_poll) begin
      // CS falls with the first bit on MOSI; the first rising edge follows
      // a half period later.
      st_q        <= SLow;
      polling_q   <= start_poll;
      poll_pend_q <= start_main && poll_pend_q;
      byte_q      <= 9'd0;
      bit_q       <= 3'd0;
      cnt_q       <= div_eff;
      sh_q        <= tx_byte;
      mosi_q      <= tx_byte[7];
      sck_q       <= 1'b0;
      cs_n_q      <= 1'b0;
    end else begin
      case (st_q)
        SLow: begin
          if (half_done) begin
            // Rising edge: the flash samples MOSI, we sample MISO.
            sck_q <= 1'b1;
            sh_q  <= {sh_q[6:0], i_miso};
            cnt_q <= div_eff;
            st_q  <= SHigh;
          end else begin
            cnt_q <= cnt_q - 8'd1;
          end
        end
        SHigh: begin
          if (half_done) begin
            // Falling edge: the next bit goes out.
            sck_q <= 1'b0;
            cnt_q <= div_eff;
            if (bit_q == 3'd7) begin
              if (polling_q && byte_q != 9'd0)
                sr_q <= rx_byte;
              if (frame_last) begin
                st_q <= SEnd;
              end else begin
                byte_q <= polling_q && byte_q != 9'd0 ? byte_q : byte_q + 9'd1;
                bit_q  <= 3'd0;
                sh_q   <= tx_byte;
                mosi_q <= tx_byte[7];
                st_q   <= SLow;
              end
            end else begin
              bit_q  <= bit_q + 3'd1;
              mosi_q <= sh_q[7];
              st_q   <= SLow;
            end
          end else begin
            cnt_q <= cnt_q - 8'd1;
          end
        end
        SEnd: begin
          if (half_done) begin
            cs_n_q <= 1'b1;
            mosi_q <= 1'b0;
            cnt_q  <= gap_eff;
            st_q   <= SGap;
          end else begin
            cnt_q <= cnt_q - 8'd1;
          end
        end
        SGap: begin
          if (half_done) begin
            st_q      <= SIdle;     // start_poll above takes precedence
            polling_q <= 1'b0;
          end else begin
            cnt_q <= cnt_q - 8'd1;
          end
        end
        default: st_q <= SIdle;
      endcase
    end
  end

  // A command is done when its last gap ends without a poll to follow.
  wire finish = (st_q == SGap) && half_done && !poll_pend_q && !abort_req;

  // --- register writes --------------------------------------------------
  wire buf_sel = (i_addr[11:8] == SpiflashBuf[11:8]) && ({1'b0, i_addr[7:0]} < BufMax);
  wire buf_wr  = wr && buf_sel && !busy;
  wire [Ww-1:0] buf_widx = i_addr[Ww+1:2];
  wire [Bw-1:0] rx_idx   = rx_data[Bw-1:0];

  always @(posedge clk) begin
    if (rx_store)
      buf_q[rx_idx[Bw-1:2]][8*rx_idx[1:0] +: 8] <= rx_byte;
    else if (buf_wr) begin
      if (i_be[0]) buf_q[buf_widx][7:0]   <= i_wdata[7:0];
      if (i_be[1]) buf_q[buf_widx][15:8]  <= i_wdata[15:8];
      if (i_be[2]) buf_q[buf_widx][23:16] <= i_wdata[23:16];
      if (i_be[3]) buf_q[buf_widx][31:24] <= i_wdata[31:24];
    end
  end

  always @(posedge clk) begin
    if (rst) begin
      cmd_q     <= 8'd0;
      len_q     <= 9'd0;
      addr_en_q <= 1'b0;
      dummy_q   <= 1'b0;
      write_q   <= 1'b0;
      poll_q    <= 1'b0;
      addr_q    <= 24'd0;
      div_q     <= SpiflashDivReset[7:0];
      csgap_q   <= SpiflashCsgapReset[7:0];
      ie_q      <= 1'b0;
      done_q    <= 1'b0;
      err_q     <= 1'b0;
    end else begin
      // The frame description cannot change under a running frame, nor
      // take a refused length.
      if (ctrl_wr && !busy && !abort_req && new_len <= BufMax) begin
        cmd_q     <= i_wdata[SpiflashCtrlCmdMsb:SpiflashCtrlCmdLsb];
        len_q     <= new_len;
        addr_en_q <= i_wdata[SpiflashCtrlAddrLsb];
        dummy_q   <= i_wdata[SpiflashCtrlDummyLsb];
        write_q   <= i_wdata[SpiflashCtrlWriteLsb];
        poll_q    <= i_wdata[SpiflashCtrlPollLsb];
      end
      if (wr && i_addr == SpiflashAddr && !busy)
        addr_q <= i_wdata[23:0];
      if (wr && i_addr == SpiflashDiv)
        div_q <= i_wdata[7:0];
      if (wr && i_addr == SpiflashCsgap)
        csgap_q <= i_wdata[7:0];
      if (wr && i_addr == SpiflashIe)
        ie_q <= i_wdata[SpiflashIeDoneLsb];
      if (start_ok)
        done_q <= 1'b0;
      else if (finish)
        done_q <= 1'b1;
      else if (wr && i_addr == SpiflashStatus && i_wdata[SpiflashStatusDoneLsb])
        done_q <= 1'b0;
      if ((start_req && !abort_req && !start_ok) || (wr && buf_sel && busy))
        err_q <= 1'b1;
      else if (wr && i_addr == SpiflashStatus && i_wdata[SpiflashStatusErrLsb])
        err_q <= 1'b0;
    end
  end

  // --- reads --------------------------------------------------------------
  always @(posedge clk) begin
    if (rst) begin
      o_rvalid <= 1'b0;
      o_rdata  <= 32'd0;
    end else begin
      o_rvalid <= i_req;
      o_rdata  <= 32'd0;
      if (rd) begin
        if (buf_sel)
          o_rdata <= buf_q[buf_widx];
        else begin
          case (i_addr)
            SpiflashCtrl:   o_rdata <= {4'd0, poll_q, write_q, dummy_q, addr_en_q,
                                        7'd0, len_q, cmd_q};
            SpiflashAddr:   o_rdata <= {8'd0, addr_q};
            SpiflashStatus: o_rdata <= {16'd0, sr_q, 5'd0, err_q, done_q, busy};
            SpiflashDiv:    o_rdata <= {24'd0, div_q};
            SpiflashCsgap:  o_rdata <= {24'd0, csgap_q};
            SpiflashIe:     o_rdata <= {31'd0, ie_q};
            SpiflashIp:     o_rdata <= {31'd0, ie_q && done_q};
            default:        o_rdata <= 32'd0;
          endcase
        end
      end
    end
  end

  assign o_gnt  = 1'b1;
  assign o_err  = 1'b0;
  assign o_irq  = ie_q && done_q;
  assign o_sck  = sck_q;
  assign o_cs_n = cs_n_q;
  assign o_mosi = mosi_q;

  wire unused_ok = &{1'b0, rx_data[8:Bw], tx_data[8:Bw], i_wdata[29:28]};
endmodule
