`timescale 1ns/1ps
`default_nettype none
// Unit test bench of obti_spiflash against the behavioural flash tb_flash:
// every command's frame is checked bit for bit (opcode, address, dummy and
// data bytes as the flash clocked them in, number of SCK edges), mode 0
// (SCK low at both CS edges, MOSI steady while SCK is high), the SCK half
// period (DIV), the CS gap, hardware polling, DONE/interrupt, refusals and
// abort. Expected values come from the W25Q128JV command descriptions and
// from the data the bench itself wrote. Prints one PASS/FAIL line per case.
module tb_spiflash;
  reg clk = 1'b0;
  reg rst = 1'b1;
  always #5 clk = ~clk;

  reg         req = 1'b0, we = 1'b0;
  reg  [11:0] addr = 12'd0;
  reg  [3:0]  be = 4'hF;
  reg  [31:0] wdata = 32'd0;
  wire        gnt, rvalid, err, irq;
  wire [31:0] rdata;
  wire        sck, cs_n, mosi, miso;

  obti_spiflash dut (
    .clk (clk), .rst (rst),
    .i_req (req), .i_we (we), .i_addr (addr), .i_be (be), .i_wdata (wdata),
    .o_gnt (gnt), .o_rvalid (rvalid), .o_rdata (rdata), .o_err (err),
    .o_sck (sck), .o_cs_n (cs_n), .o_mosi (mosi), .i_miso (miso), .o_irq (irq)
  );

  tb_flash #(.PpCycles(300), .SeCycles(900)) flash (
    .clk (clk), .sck (sck), .cs_n (cs_n), .mosi (mosi), .miso (miso)
  );

  // Register offsets (docs/registers/spiflash.md).
  localparam [11:0] CTRL = 12'h000, ADDR = 12'h004, STATUS = 12'h008, DIV = 12'h00C,
                    CSGAP = 12'h010, IE = 12'h014, IP = 12'h018, BUF = 12'h100;
  localparam [31:0] START = 32'h8000_0000, ABORT = 32'h4000_0000, POLL = 32'h0800_0000,
                    WRITE = 32'h0400_0000, DUMMY = 32'h0200_0000, FADDR = 32'h0100_0000;

  integer passes = 0, fails = 0;
  task check(input ok, input [8*96-1:0] what);
    begin
      if (ok) begin passes = passes + 1; $display("PASS spiflash/rtl: %0s", what); end
      else    begin fails = fails + 1;   $display("FAIL spiflash/rtl: %0s", what); end
    end
  endtask

  // --- bus access -------------------------------------------------------
  task bus_write(input [11:0] a, input [31:0] d);
    begin
      @(negedge clk); req = 1; we = 1; addr = a; wdata = d; be = 4'hF;
      @(posedge clk); #1; req = 0; we = 0;
    end
  endtask
  task bus_write_be(input [11:0] a, input [31:0] d, input [3:0] b);
    begin
      @(negedge clk); req = 1; we = 1; addr = a; wdata = d; be = b;
      @(posedge clk); #1; req = 0; we = 0; be = 4'hF;
    end
  endtask
  reg [31:0] rd;
  task bus_read(input [11:0] a);
    begin
      @(negedge clk); req = 1; we = 0; addr = a;
      @(posedge clk); #1; req = 0; rd = rdata;   // rvalid: the cycle after the grant
    end
  endtask
  integer guard;
  task wait_idle;
    begin
      guard = 0;
      rd = 32'd1;
      while (rd[0] && guard < 200000) begin bus_read(STATUS); guard = guard + 1; end
    end
  endtask
  task cmd(input [31:0] c);   // start and wait until not busy
    begin bus_write(CTRL, START | c); wait_idle; end
  endtask

  // --- monitor: mode 0 rules and SCK timing -------------------------------
  integer mode_errors = 0;
  integer last_edge = 0, min_half = 1000000, max_half = 0, cyc = 0;
  integer cs_rise = 0, min_gap = 1000000;
  always @(posedge clk) cyc = cyc + 1;
  always @(mosi) begin
    #1; if (!cs_n && sck) mode_errors = mode_errors + 1;   // changed while SCK high
  end
  always @(sck) if (!cs_n) begin
    if (cyc - last_edge < min_half) min_half = cyc - last_edge;
    if (cyc - last_edge > max_half) max_half = cyc - last_edge;
    last_edge = cyc;
  end
  always @(negedge cs_n) begin
    last_edge = cyc;
    if (cs_rise != 0 && cyc - cs_rise < min_gap) min_gap = cyc - cs_rise;
  end
  always @(posedge cs_n) cs_rise = cyc;
  task timing_reset;
    begin min_half = 1000000; max_half = 0; min_gap = 1000000; end
  endtask

  // Compare frame f of the flash's log with expected MOSI bytes.
  reg [7:0] exp [0:299];
  integer k, bad;
  task frame_is(input integer f, input integer nbytes, input [8*96-1:0] what);
    begin
      bad = 0;
      if (flash.frame_bits[f] != nbytes * 8) bad = 1;
      for (k = 0; k < nbytes; k = k + 1)
        if (flash.log_bytes[flash.frame_first[f] + k] !== exp[k]) bad = bad + 1;
      if (bad) $display("  frame %0d: %0d bits, %0d wrong bytes (first byte %02x)",
                        f, flash.frame_bits[f], bad, flash.log_bytes[flash.frame_first[f]]);
      check(bad == 0, what);
    end
  endtask

  integer f0, n, ok, j;
  reg [7:0] pat [0:255];
  initial begin
    for (j = 0; j < 256; j = j + 1) pat[j] = (j * 37 + 11) ^ (j >> 3);
    repeat (5) @(posedge clk);
    rst = 0;
    repeat (2) @(posedge clk);

    // Reset values.
    bus_read(DIV);    check(rd == 32'd4, "DIV resets to 4");
    bus_read(CSGAP);  check(rd == 32'd8, "CSGAP resets to 8");
    bus_read(STATUS); check(rd == 32'd0, "STATUS resets to 0");
    check(cs_n === 1'b1 && sck === 1'b0, "idle: CS high, SCK low");

    // JEDEC ID: 9Fh then 3 bytes in.
    bus_write(DIV, 2); timing_reset;
    f0 = flash.nframes;
    cmd(32'h0000_039F);
    exp[0] = 8'h9F; exp[1] = 0; exp[2] = 0; exp[3] = 0;
    frame_is(f0, 4, "JEDEC ID frame: 9F + 24 clocks");
    bus_read(BUF); check(rd[23:0] == 24'h1040EF, "JEDEC ID bytes EF 40 10 in the buffer");
    check(min_half == 2 && max_half == 2, "SCK half period = DIV (2)");
    check(flash.nframes == f0 + 1, "one frame per command");

    // Read status: 05h + 1 byte.
    f0 = flash.nframes;
    cmd(32'h0000_0105);
    exp[0] = 8'h05; exp[1] = 0;
    frame_is(f0, 2, "read status frame: 05 + 8 clocks");
    bus_read(BUF); check(rd[7:0] == 8'h00, "status 00 after reset");

    // Write enable: 06h alone, then WEL reads 1.
    f0 = flash.nframes;
    cmd(32'h0000_0006);
    exp[0] = 8'h06;
    frame_is(f0, 1, "write enable frame: 06 alone, 8 clocks");
    cmd(32'h0000_0105);
    bus_read(BUF); check(rd[7:0] == 8'h02, "WEL set after write enable");

    // Page program 256 bytes at 0x001200 with hardware poll.
    for (j = 0; j < 64; j = j + 1)
      bus_write(BUF + 4 * j, {pat[4*j+3], pat[4*j+2], pat[4*j+1], pat[4*j]});
    bus_write(ADDR, 32'h0000_1200);
    bus_write(CSGAP, 5);
    f0 = flash.nframes; timing_reset;
    cmd(FADDR | WRITE | POLL | 32'h0001_0002);
    exp[0] = 8'h02; exp[1] = 8'h00; exp[2] = 8'h12; exp[3] = 8'h00;
    for (j = 0; j < 256; j = j + 1) exp[4 + j] = pat[j];
    frame_is(f0, 260, "page program frame: 02 A23..A0 + 256 data bytes");
    ok = 1;
    for (j = 0; j < 256; j = j + 1) if (flash.mem[16'h1200 + j] !== pat[j]) ok = 0;
    check(ok, "page programmed into the flash");
    check(flash.nframes == f0 + 2, "POLL adds one read-status frame");
    n = flash.frame_bits[f0 + 1] / 8;
    check(flash.log_bytes[flash.frame_first[f0 + 1]] == 8'h05 && flash.frame_bits[f0 + 1] % 8 == 0 && n >= 10,
          "poll frame: 05 then whole status bytes while busy");
    check(flash.busy_cnt == 0, "DONE only after WIP cleared");
    bus_read(STATUS); check(rd[1] == 1'b1 && rd[15:8] == 8'h00 && rd[0] == 1'b0, "STATUS: DONE, SR = 00 (WEL cleared)");
    check(min_gap >= 5, "CS high at least CSGAP cycles between frames");

    // Read (03h) 256 bytes back.
    for (j = 0; j < 64; j = j + 1) bus_write(BUF + 4 * j, 32'h0);
    f0 = flash.nframes;
    cmd(FADDR | 32'h0001_0003);
    exp[0] = 8'h03; exp[1] = 8'h00; exp[2] = 8'h12; exp[3] = 8'h00;
    for (j = 0; j < 256; j = j + 1) exp[4 + j] = 8'h00;
    frame_is(f0, 260, "read frame: 03 A23..A0 + 2048 clocks, MOSI low");
    ok = 1;
    for (j = 0; j < 64; j = j + 1) begin
      bus_read(BUF + 4 * j);
      if (rd !== {pat[4*j+3], pat[4*j+2], pat[4*j+1], pat[4*j]}) ok = 0;
    end
    check(ok, "read returns the 256 programmed bytes");

    // Fast read (0Bh) with the dummy byte, 7 bytes from 0x001233, DIV 1.
    bus_write(DIV, 1); timing_reset;
    bus_write(ADDR, 32'h0000_1233);
    f0 = flash.nframes;
    cmd(FADDR | DUMMY | 32'h0000_070B);
    exp[0] = 8'h0B; exp[1] = 8'h00; exp[2] = 8'h12; exp[3] = 8'h33; exp[4] = 8'h00;
    for (j = 0; j < 7; j = j + 1) exp[5 + j] = 8'h00;
    frame_is(f0, 12, "fast read frame: 0B A23..A0 dummy + 56 clocks");
    bus_read(BUF);     check(rd == {pat[16'h36], pat[16'h35], pat[16'h34], pat[16'h33]}, "fast read bytes 0..3");
    bus_read(BUF + 4); check(rd[23:0] == {pat[16'h39], pat[16'h38], pat[16'h37]}, "fast read bytes 4..6");
    check(min_half == 1 && max_half == 1, "SCK half period = DIV (1)");

    // Page wrap: 8 bytes at 0x0021FC land at 21FC..21FF and 2100..2103.
    cmd(32'h0000_0006);
    bus_write(BUF, 32'h03020100); bus_write(BUF + 4, 32'h07060504);
    bus_write(ADDR, 32'h0000_21FC);
    cmd(FADDR | WRITE | POLL | 32'h0000_0802);
    check(flash.mem[16'h21FC] == 8'h00 && flash.mem[16'h21FF] == 8'h03 &&
          flash.mem[16'h2100] == 8'h04 && flash.mem[16'h2103] == 8'h07 && flash.mem[16'h2200] == 8'hFF,
          "page program wraps within the 256-byte page (flash rule)");

    // Sector erase (20h) of 0x001000 with poll.
    cmd(32'h0000_0006);
    bus_write(ADDR, 32'h0000_1ABC);
    f0 = flash.nframes;
    cmd(FADDR | POLL | 32'h0000_0020);
    exp[0] = 8'h20; exp[1] = 8'h00; exp[2] = 8'h1A; exp[3] = 8'hBC;
    frame_is(f0, 4, "sector erase frame: 20 A23..A0");
    ok = 1;
    for (j = 16'h1000; j < 16'h2000; j = j + 1) if (flash.mem[j] !== 8'hFF) ok = 0;
    check(ok && flash.mem[16'h2100] == 8'h04, "sector 0x1000 erased, the next kept");
    check(flash.busy_cnt == 0, "erase polled to completion");

    // DONE interrupt.
    bus_write(STATUS, 32'h6);
    check(irq == 1'b0, "no interrupt while DONE is clear");
    bus_write(IE, 1);
    cmd(32'h0000_0105);
    check(irq == 1'b1, "DONE raises the interrupt when enabled");
    bus_read(IP); check(rd == 32'd1, "IP.DONE");
    bus_write(STATUS, 32'h2);
    check(irq == 1'b0, "writing DONE clears the interrupt");
    bus_write(IE, 0);

    // Refusals: start while busy, LEN > 256, buffer write while busy.
    bus_write(DIV, 8);
    bus_write(CTRL, START | FADDR | 32'h0001_0003);
    bus_write(CTRL, START | 32'h0000_0006);
    bus_write(BUF, 32'hDEADBEEF);
    bus_read(STATUS); check(rd[0] == 1'b1 && rd[2] == 1'b1, "START and buffer write while busy: ERR");
    // Abort mid-frame: CS rises at once, no DONE.
    bus_write(CTRL, ABORT);
    bus_read(STATUS);
    check(rd[0] == 1'b0 && rd[1] == 1'b0 && cs_n === 1'b1 && sck === 1'b0, "ABORT releases CS without DONE");
    bus_write(STATUS, 32'h6);
    f0 = flash.nframes;
    bus_write(CTRL, START | 32'h0001_0103);
    bus_read(STATUS); check(rd[2] == 1'b1 && rd[0] == 1'b0 && flash.nframes == f0 && cs_n === 1'b1, "LEN 257 refused");
    bus_write(STATUS, 32'h6);

    // Byte-lane writes into the buffer.
    bus_write(BUF + 8, 32'h11223344);
    bus_write_be(BUF + 8, 32'hAA00BB00, 4'b1010);
    bus_read(BUF + 8); check(rd == 32'hAA22BB44, "byte-lane buffer writes");
    bus_read(CTRL); check(rd == 32'h0101_0003, "CTRL reads back the last accepted frame description");

    check(mode_errors == 0, "MOSI never changes while SCK is high");
    check(flash.errors == 0, "flash saw no protocol error (mode 0, whole bytes, nothing while busy)");
    $display("spiflash/rtl: %0d passed, %0d failed", passes, fails);
    $finish;
  end

  initial begin
    #50_000_000;
    $display("FAIL spiflash/rtl: timeout");
    $finish;
  end
endmodule
