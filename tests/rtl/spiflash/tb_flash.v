`timescale 1ns/1ps
`default_nettype none
// Behavioural 25-series flash for the controller's unit test bench, written
// from the W25Q128JV datasheet's command descriptions (not from the RTL):
// mode 0 (MOSI sampled on rising SCK, MISO changed on falling SCK), commands
// 03h, 0Bh, 02h, 20h, 05h, 06h, 9Fh; program clears bits only, page wrap,
// erase sets 4 KiB to FFh, write-enable latch, WIP busy for a number of clk
// cycles. It also logs every frame's MOSI bytes and counts protocol errors.
module tb_flash #(
  parameter integer PpCycles = 300,
  parameter integer SeCycles = 900
) (
  input  wire clk,
  input  wire sck,
  input  wire cs_n,
  input  wire mosi,
  output reg  miso
);
  reg [7:0]  mem [0:65535];
  reg        wel;
  integer    busy_cnt;
  integer    errors;              // protocol errors and commands while busy

  // frame log
  reg [7:0]  log_bytes [0:8191];
  integer    log_n;               // bytes logged over all frames
  integer    frame_first [0:63];  // first log index of frame f
  integer    frame_bits  [0:63];  // SCK rising edges in frame f
  integer    nframes;
  integer    cur;                 // index of the frame in progress
  reg        in_frame;

  // current frame
  integer    bits;
  reg [7:0]  in_sh;
  reg [7:0]  cmd;
  reg [23:0] addr;
  reg [7:0]  out_byte;
  integer    out_bit;
  reg [7:0]  page [0:255];
  reg [255:0] page_used;
  integer    i;

  initial begin
    miso = 1'b1;
    wel = 1'b0;
    busy_cnt = 0;
    errors = 0;
    log_n = 0;
    nframes = 0;
    cur = 0;
    in_frame = 1'b0;
    bits = 0;
    for (i = 0; i < 65536; i = i + 1) mem[i] = 8'hFF;
  end

  wire wip = busy_cnt != 0;
  always @(posedge clk) begin
    if (busy_cnt == 1) wel <= 1'b0;   // the latch clears when the operation ends
    if (busy_cnt != 0) busy_cnt <= busy_cnt - 1;
  end

  function [7:0] out_for;   // byte the flash sends as byte n of the frame
    input integer n;
    begin
      out_for = 8'hFF;
      case (cmd)
        8'h05: out_for = {6'd0, wel, wip};
        8'h9F: out_for = (n == 1) ? 8'hEF : (n == 2) ? 8'h40 : (n == 3) ? 8'h10 : 8'hFF;
        8'h03: if (n >= 4) out_for = mem[(addr + n - 4) & 24'hFFFF];
        8'h0B: if (n >= 5) out_for = mem[(addr + n - 5) & 24'hFFFF];
        default: out_for = 8'hFF;
      endcase
    end
  endfunction

  always @(negedge cs_n) begin
    if (sck) errors = errors + 1;           // mode 0: SCK idle low
    bits = 0;
    out_byte = 8'hFF;
    out_bit = 7;
    page_used = 256'd0;
    cur = nframes;
    nframes = nframes + 1;
    in_frame = 1'b1;
    frame_first[cur] = log_n;
    frame_bits[cur] = 0;
  end

  always @(posedge sck) if (!cs_n) begin
    in_sh = {in_sh[6:0], mosi};
    bits = bits + 1;
    frame_bits[cur] = bits;
    if (bits % 8 == 0) begin
      log_bytes[log_n] = in_sh;
      log_n = log_n + 1;
      if (bits == 8) begin
        cmd = in_sh;
        if (wip && cmd != 8'h05) errors = errors + 1;
      end
      if (bits == 16) addr[23:16] = in_sh;
      if (bits == 24) addr[15:8]  = in_sh;
      if (bits == 32) addr[7:0]   = in_sh;
      if (cmd == 8'h02 && bits > 32) begin
        page[(addr[7:0] + bits / 8 - 5) & 8'hFF] = in_sh;
        page_used[(addr[7:0] + bits / 8 - 5) & 8'hFF] = 1'b1;
      end
      out_byte = out_for(bits / 8);
      out_bit = 7;
    end
  end

  always @(negedge sck) if (!cs_n) begin
    miso = out_byte[out_bit];
    out_bit = out_bit - 1;
  end

  always @(posedge cs_n) if (in_frame) begin
    in_frame = 1'b0;
    if (sck) errors = errors + 1;
    if (bits % 8 != 0) begin
      if (cmd == 8'h02 || cmd == 8'h20 || cmd == 8'h06) errors = errors + 1;
    end else if (!wip) begin
      if (cmd == 8'h06 && bits == 8) wel = 1'b1;
      if (cmd == 8'h02 && wel && bits > 32) begin
        for (i = 0; i < 256; i = i + 1)
          if (page_used[i]) mem[{addr[15:8], i[7:0]}] = mem[{addr[15:8], i[7:0]}] & page[i];
        busy_cnt = PpCycles;
      end
      if (cmd == 8'h20 && wel && bits == 32) begin
        for (i = 0; i < 4096; i = i + 1) mem[{addr[15:12], i[11:0]}] = 8'hFF;
        busy_cnt = SeCycles;
      end
    end
  end
endmodule
