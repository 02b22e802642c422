`default_nettype none
// SPI master for a ProSLIC (Si3210/Si3215) control port: each command is one
// register access of two bytes (address with bit 7 set for a read, then
// data), with chip select released between the bytes as the Si3210 needs;
// SPI mode 3 (SCLK idles high, SDI changes on falling edges, SDO sampled on
// rising edges). Also the SLIC's RESET_N output and INT_N input.
// Registers: docs/registers/spi.md.
module obti_spi #(
  parameter integer NumCs = 1                 // chip selects, 1..4
) (
  input  wire             clk,
  input  wire             rst,
  // bus slave
  input  wire             i_req,
  input  wire             i_we,
  input  wire [11:0]      i_addr,
  input  wire [3:0]       i_be,
  input  wire [31:0]      i_wdata,
  output wire             o_gnt,
  output reg              o_rvalid,
  output reg  [31:0]      o_rdata,
  output wire             o_err,
  output wire             o_irq,
  // SLIC control port
  output wire             o_sclk,
  output wire [NumCs-1:0] o_cs_n,
  output wire             o_sdi,              // to the SLIC's SDI
  input  wire             i_sdo,              // from the SLIC's SDO
  input  wire             i_int_n,
  output wire             o_reset_n
);
  `include "obti_spi_regs.vh"

  wire wr = i_req && i_we;
  wire rd = i_req && !i_we;

  reg [15:0] half_q, gap_q;
  reg [1:0]  ie_q;
  reg        reset_n_q, done_q;
  reg [1:0]  int_sync_q;
  wire       slic_int = !int_sync_q[1];

  // --- access engine --------------------------------------------------------
  // States: idle, CS setup, bit low half, bit high half, CS hold, CS gap.
  localparam [2:0] SIdle = 3'd0, SSetup = 3'd1, SLow = 3'd2, SHigh = 3'd3,
                   SHold = 3'd4, SGap = 3'd5;
  reg [2:0]  st_q;
  reg [15:0] cnt_q;
  reg [2:0]  bit_q;
  reg        byte_q;                 // 0 = address byte, 1 = data byte
  reg [7:0]  sh_q;                   // byte being shifted out/in
  reg [7:0]  data_q, rdata_q;
  reg [1:0]  cs_q;
  reg        sclk_q, sdi_q, csn_q;
  wire       busy = (st_q != SIdle);
  wire       cnt_done = (cnt_q <= 16'd1);
  wire       start = wr && i_addr == SpiCmd && !busy;

  always @(posedge clk) begin
    if (rst) begin
      st_q    <= SIdle;
      cnt_q   <= 16'd0;
      bit_q   <= 3'd0;
      byte_q  <= 1'b0;
      sh_q    <= 8'd0;
      data_q  <= 8'd0;
      rdata_q <= 8'd0;
      cs_q    <= 2'd0;
      sclk_q  <= 1'b1;
      sdi_q   <= 1'b0;
      csn_q   <= 1'b1;
      done_q  <= 1'b0;
    end else begin
      if (wr && i_addr == SpiStatus && i_wdata[SpiStatusDoneLsb]) done_q <= 1'b0;
      case (st_q)
        SIdle: if (start) begin
          st_q   <= SSetup;
          cnt_q  <= half_q;
          sh_q   <= i_wdata[SpiCmdAddrMsb:SpiCmdAddrLsb];
          data_q <= i_wdata[SpiCmdAddrLsb + 7] ? 8'h00 : i_wdata[SpiCmdDataMsb:SpiCmdDataLsb];
          cs_q   <= i_wdata[SpiCmdCsMsb:SpiCmdCsLsb];
          byte_q <= 1'b0;
          csn_q  <= 1'b0;
        end
        SSetup: if (cnt_done) begin
          st_q   <= SLow;
          cnt_q  <= half_q;
          bit_q  <= 3'd7;
          sclk_q <= 1'b0;
          sdi_q  <= sh_q[7];
        end else cnt_q <= cnt_q - 16'd1;
        SLow: if (cnt_done) begin
          st_q   <= SHigh;
          cnt_q  <= half_q;
          sclk_q <= 1'b1;                            // the SLIC samples SDI here
          sh_q   <= {sh_q[6:0], i_sdo};              // and we sample SDO
        end else cnt_q <= cnt_q - 16'd1;
        SHigh: if (cnt_done) begin
          cnt_q <= half_q;
          if (bit_q == 3'd0) begin
            st_q <= SHold;
          end else begin
            st_q   <= SLow;
            bit_q  <= bit_q - 3'd1;
            sclk_q <= 1'b0;
            sdi_q  <= sh_q[7];
          end
        end else cnt_q <= cnt_q - 16'd1;
        SHold: if (cnt_done) begin
          st_q  <= SGap;
          cnt_q <= gap_q;
          csn_q <= 1'b1;
          if (byte_q) rdata_q <= sh_q;
        end else cnt_q <= cnt_q - 16'd1;
        SGap: if (cnt_done) begin
          if (byte_q) begin
            st_q   <= SIdle;
            done_q <= 1'b1;
          end else begin
            st_q   <= SSetup;
            cnt_q  <= half_q;
            byte_q <= 1'b1;
            sh_q   <= data_q;
            csn_q  <= 1'b0;
          end
        end else cnt_q <= cnt_q - 16'd1;
        default: st_q <= SIdle;
      endcase
    end
  end

  // --- registers -------------------------------------------------------------
  always @(posedge clk) begin
    if (rst) begin
      half_q     <= SpiClkReset[15:0];
      gap_q      <= SpiClkReset[31:16];
      ie_q       <= 2'b00;
      reset_n_q  <= 1'b0;
      int_sync_q <= 2'b11;
    end else begin
      int_sync_q <= {int_sync_q[0], i_int_n};
      if (wr && i_addr == SpiClk) begin
        half_q <= (i_wdata[15:0] == 16'd0) ? 16'd1 : i_wdata[15:0];
        gap_q  <= (i_wdata[31:16] == 16'd0) ? 16'd1 : i_wdata[31:16];
      end
      if (wr && i_addr == SpiSlic) reset_n_q <= i_wdata[SpiSlicResetNLsb];
      if (wr && i_addr == SpiIe)   ie_q <= i_wdata[1:0];
    end
  end

  wire [1:0] ip = ie_q & {slic_int, done_q};
  assign o_irq = |ip;

  always @(posedge clk) begin
    if (rst) begin
      o_rvalid <= 1'b0;
      o_rdata  <= 32'd0;
    end else begin
      o_rvalid <= i_req;
      o_rdata  <= 32'd0;
      if (rd) begin
        case (i_addr)
          SpiClk:    o_rdata <= {gap_q, half_q};
          SpiStatus: o_rdata <= {16'd0, rdata_q, 6'd0, done_q, busy};
          SpiSlic:   o_rdata <= {23'd0, slic_int, 7'd0, reset_n_q};
          SpiIe:     o_rdata <= {30'd0, ie_q};
          SpiIp:     o_rdata <= {30'd0, ip};
          default:   o_rdata <= 32'd0;
        endcase
      end
    end
  end

  genvar g;
  generate
    for (g = 0; g < NumCs; g = g + 1) begin : g_cs
      assign o_cs_n[g] = csn_q || (cs_q != g[1:0]);
    end
  endgenerate

  assign o_gnt     = 1'b1;
  assign o_err     = 1'b0;
  assign o_sclk    = sclk_q;
  assign o_sdi     = sdi_q;
  assign o_reset_n = reset_n_q;

  wire unused_ok = &{1'b0, i_be, i_wdata[31:18]};
endmodule
