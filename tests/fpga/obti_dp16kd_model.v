`default_nettype none
// Behavioural model of the ECP5 DP16KD block RAM for the post-synthesis
// simulation (tests/fpga/): Yosys ships only a parameter black box. Covers what
// Yosys' memory mapping emits: true dual port, DATA_WIDTH 1/2/4/9/18 per
// port, byte enables on ADx[1:0] in x18 mode, WRITEMODE NORMAL, WRITETHROUGH
// and READBEFOREWRITE, NOREG outputs, output reset to zero. Layout after
// the ECP5 sysMEM usage guide (Lattice FPGA-TN-02204): 1024 18-bit words,
// each two 9-bit bytes; a x4/x2/x1 unit uses the low 8 bits of a byte.
// INITVAL_xx holds words 16*xx..16*xx+15 in 20-bit slots (18 bits used),
// as Yosys' brams_map_16kd.v packs them. Cross-port read/write collisions
// return the old data (the hardware leaves them undefined).
module DP16KD (
  input  wire DIA17, DIA16, DIA15, DIA14, DIA13, DIA12, DIA11, DIA10, DIA9, DIA8, DIA7, DIA6, DIA5, DIA4, DIA3, DIA2, DIA1, DIA0,
  input  wire ADA13, ADA12, ADA11, ADA10, ADA9, ADA8, ADA7, ADA6, ADA5, ADA4, ADA3, ADA2, ADA1, ADA0,
  input  wire CEA, OCEA, CLKA, WEA, RSTA, CSA2, CSA1, CSA0,
  output wire DOA17, DOA16, DOA15, DOA14, DOA13, DOA12, DOA11, DOA10, DOA9, DOA8, DOA7, DOA6, DOA5, DOA4, DOA3, DOA2, DOA1, DOA0,
  input  wire DIB17, DIB16, DIB15, DIB14, DIB13, DIB12, DIB11, DIB10, DIB9, DIB8, DIB7, DIB6, DIB5, DIB4, DIB3, DIB2, DIB1, DIB0,
  input  wire ADB13, ADB12, ADB11, ADB10, ADB9, ADB8, ADB7, ADB6, ADB5, ADB4, ADB3, ADB2, ADB1, ADB0,
  input  wire CEB, OCEB, CLKB, WEB, RSTB, CSB2, CSB1, CSB0,
  output wire DOB17, DOB16, DOB15, DOB14, DOB13, DOB12, DOB11, DOB10, DOB9, DOB8, DOB7, DOB6, DOB5, DOB4, DOB3, DOB2, DOB1, DOB0
);
  parameter DATA_WIDTH_A = 18;
  parameter DATA_WIDTH_B = 18;
  parameter REGMODE_A = "NOREG";
  parameter REGMODE_B = "NOREG";
  parameter RESETMODE = "SYNC";
  parameter ASYNC_RESET_RELEASE = "SYNC";
  parameter CSDECODE_A = "0b000";
  parameter CSDECODE_B = "0b000";
  parameter WRITEMODE_A = "NORMAL";
  parameter WRITEMODE_B = "NORMAL";
  parameter CLKAMUX = "CLKA";
  parameter CLKBMUX = "CLKB";
  parameter GSR = "ENABLED";
  parameter [319:0] INITVAL_00 = 320'h0;
  parameter [319:0] INITVAL_01 = 320'h0;
  parameter [319:0] INITVAL_02 = 320'h0;
  parameter [319:0] INITVAL_03 = 320'h0;
  parameter [319:0] INITVAL_04 = 320'h0;
  parameter [319:0] INITVAL_05 = 320'h0;
  parameter [319:0] INITVAL_06 = 320'h0;
  parameter [319:0] INITVAL_07 = 320'h0;
  parameter [319:0] INITVAL_08 = 320'h0;
  parameter [319:0] INITVAL_09 = 320'h0;
  parameter [319:0] INITVAL_0A = 320'h0;
  parameter [319:0] INITVAL_0B = 320'h0;
  parameter [319:0] INITVAL_0C = 320'h0;
  parameter [319:0] INITVAL_0D = 320'h0;
  parameter [319:0] INITVAL_0E = 320'h0;
  parameter [319:0] INITVAL_0F = 320'h0;
  parameter [319:0] INITVAL_10 = 320'h0;
  parameter [319:0] INITVAL_11 = 320'h0;
  parameter [319:0] INITVAL_12 = 320'h0;
  parameter [319:0] INITVAL_13 = 320'h0;
  parameter [319:0] INITVAL_14 = 320'h0;
  parameter [319:0] INITVAL_15 = 320'h0;
  parameter [319:0] INITVAL_16 = 320'h0;
  parameter [319:0] INITVAL_17 = 320'h0;
  parameter [319:0] INITVAL_18 = 320'h0;
  parameter [319:0] INITVAL_19 = 320'h0;
  parameter [319:0] INITVAL_1A = 320'h0;
  parameter [319:0] INITVAL_1B = 320'h0;
  parameter [319:0] INITVAL_1C = 320'h0;
  parameter [319:0] INITVAL_1D = 320'h0;
  parameter [319:0] INITVAL_1E = 320'h0;
  parameter [319:0] INITVAL_1F = 320'h0;
  parameter [319:0] INITVAL_20 = 320'h0;
  parameter [319:0] INITVAL_21 = 320'h0;
  parameter [319:0] INITVAL_22 = 320'h0;
  parameter [319:0] INITVAL_23 = 320'h0;
  parameter [319:0] INITVAL_24 = 320'h0;
  parameter [319:0] INITVAL_25 = 320'h0;
  parameter [319:0] INITVAL_26 = 320'h0;
  parameter [319:0] INITVAL_27 = 320'h0;
  parameter [319:0] INITVAL_28 = 320'h0;
  parameter [319:0] INITVAL_29 = 320'h0;
  parameter [319:0] INITVAL_2A = 320'h0;
  parameter [319:0] INITVAL_2B = 320'h0;
  parameter [319:0] INITVAL_2C = 320'h0;
  parameter [319:0] INITVAL_2D = 320'h0;
  parameter [319:0] INITVAL_2E = 320'h0;
  parameter [319:0] INITVAL_2F = 320'h0;
  parameter [319:0] INITVAL_30 = 320'h0;
  parameter [319:0] INITVAL_31 = 320'h0;
  parameter [319:0] INITVAL_32 = 320'h0;
  parameter [319:0] INITVAL_33 = 320'h0;
  parameter [319:0] INITVAL_34 = 320'h0;
  parameter [319:0] INITVAL_35 = 320'h0;
  parameter [319:0] INITVAL_36 = 320'h0;
  parameter [319:0] INITVAL_37 = 320'h0;
  parameter [319:0] INITVAL_38 = 320'h0;
  parameter [319:0] INITVAL_39 = 320'h0;
  parameter [319:0] INITVAL_3A = 320'h0;
  parameter [319:0] INITVAL_3B = 320'h0;
  parameter [319:0] INITVAL_3C = 320'h0;
  parameter [319:0] INITVAL_3D = 320'h0;
  parameter [319:0] INITVAL_3E = 320'h0;
  parameter [319:0] INITVAL_3F = 320'h0;
  localparam [64*320-1:0] InitAll = {INITVAL_3F, INITVAL_3E, INITVAL_3D, INITVAL_3C, INITVAL_3B, INITVAL_3A, INITVAL_39, INITVAL_38, INITVAL_37, INITVAL_36, INITVAL_35, INITVAL_34, INITVAL_33, INITVAL_32, INITVAL_31, INITVAL_30, INITVAL_2F, INITVAL_2E, INITVAL_2D, INITVAL_2C, INITVAL_2B, INITVAL_2A, INITVAL_29, INITVAL_28, INITVAL_27, INITVAL_26, INITVAL_25, INITVAL_24, INITVAL_23, INITVAL_22, INITVAL_21, INITVAL_20, INITVAL_1F, INITVAL_1E, INITVAL_1D, INITVAL_1C, INITVAL_1B, INITVAL_1A, INITVAL_19, INITVAL_18, INITVAL_17, INITVAL_16, INITVAL_15, INITVAL_14, INITVAL_13, INITVAL_12, INITVAL_11, INITVAL_10, INITVAL_0F, INITVAL_0E, INITVAL_0D, INITVAL_0C, INITVAL_0B, INITVAL_0A, INITVAL_09, INITVAL_08, INITVAL_07, INITVAL_06, INITVAL_05, INITVAL_04, INITVAL_03, INITVAL_02, INITVAL_01, INITVAL_00};

  reg [17:0] mem [0:1023];
  integer i;
  initial begin
    for (i = 0; i < 1024; i = i + 1)
      mem[i] = InitAll[(i / 16) * 320 + (i % 16) * 20 +: 18];
  end

  wire [17:0] di_a = {DIA17, DIA16, DIA15, DIA14, DIA13, DIA12, DIA11, DIA10, DIA9, DIA8, DIA7, DIA6, DIA5, DIA4, DIA3, DIA2, DIA1, DIA0};
  wire [13:0] ad_a = {ADA13, ADA12, ADA11, ADA10, ADA9, ADA8, ADA7, ADA6, ADA5, ADA4, ADA3, ADA2, ADA1, ADA0};
  wire [17:0] di_b = {DIB17, DIB16, DIB15, DIB14, DIB13, DIB12, DIB11, DIB10, DIB9, DIB8, DIB7, DIB6, DIB5, DIB4, DIB3, DIB2, DIB1, DIB0};
  wire [13:0] ad_b = {ADB13, ADB12, ADB11, ADB10, ADB9, ADB8, ADB7, ADB6, ADB5, ADB4, ADB3, ADB2, ADB1, ADB0};

  function integer unit_of(input integer w, input [13:0] ad);
    case (w)
      18:      unit_of = ad[13:4];
      9:       unit_of = ad[13:3];
      4:       unit_of = ad[13:2];
      2:       unit_of = ad[13:1];
      default: unit_of = ad;
    endcase
  endfunction

  function integer per_word(input integer w);
    per_word = (w == 18) ? 1 : (w == 9) ? 2 : (w == 4) ? 4 : (w == 2) ? 8 : 16;
  endfunction

  // One port: read (and write) on the clock edge while CE; x18 writes only
  // the bytes whose enable (ADx[0] low byte, ADx[1] high byte) is set.
  reg [17:0] do_a = 18'd0, do_b = 18'd0;
  assign {DOA17, DOA16, DOA15, DOA14, DOA13, DOA12, DOA11, DOA10, DOA9, DOA8,
          DOA7, DOA6, DOA5, DOA4, DOA3, DOA2, DOA1, DOA0} = do_a;
  assign {DOB17, DOB16, DOB15, DOB14, DOB13, DOB12, DOB11, DOB10, DOB9, DOB8,
          DOB7, DOB6, DOB5, DOB4, DOB3, DOB2, DOB1, DOB0} = do_b;

  // The lowest bit of unit u at width w (units of 1/2/4 bits use the low 8
  // bits of each 9-bit byte).
  function integer base_of(input integer w, input integer u);
    case (w)
      18:      base_of = 0;
      9:       base_of = 9 * (u % 2);
      4:       base_of = 9 * ((u / 2) % 2) + 4 * (u % 2);
      2:       base_of = 9 * ((u / 4) % 2) + 2 * (u % 4);
      default: base_of = 9 * ((u / 8) % 2) + (u % 8);
    endcase
  endfunction

  function [17:0] mask_of(input integer w);
    mask_of = (w == 18) ? 18'h3ffff : (w == 9) ? 18'h1ff : (w == 4) ? 18'hf :
              (w == 2) ? 18'h3 : 18'h1;
  endfunction

  task automatic port_cycle(input integer w, input [13:0] ad, input [17:0] di, input we,
                            input [8*16-1:0] mode, output [17:0] dout);
    integer u, wd, base;
    reg [17:0] old, nw, m;
    begin
      u    = unit_of(w, ad);
      wd   = u / per_word(w);
      base = base_of(w, u);
      m    = mask_of(w);
      old  = mem[wd];
      nw   = old;
      if (we) begin
        if (w == 18) begin
          if (ad[0]) nw[8:0]  = di[8:0];
          if (ad[1]) nw[17:9] = di[17:9];
        end else begin
          nw = (old & ~(m << base)) | ((di & m) << base);
        end
        mem[wd] <= nw;
      end
      dout = ((((we && mode == "WRITETHROUGH") ? nw : old) >> base) & m);
    end
  endtask

  reg [17:0] ra, rb;
  always @(posedge CLKA) begin
    if (RSTA) do_a <= 18'd0;
    else if (CEA) begin
      port_cycle(DATA_WIDTH_A, ad_a, di_a, WEA, WRITEMODE_A, ra);
      if (!(WEA && WRITEMODE_A == "NORMAL")) do_a <= ra;
    end
  end
  always @(posedge CLKB) begin
    if (RSTB) do_b <= 18'd0;
    else if (CEB) begin
      port_cycle(DATA_WIDTH_B, ad_b, di_b, WEB, WRITEMODE_B, rb);
      if (!(WEB && WRITEMODE_B == "NORMAL")) do_b <= rb;
    end
  end

  wire unused_ok = &{1'b0, OCEA, OCEB, CSA2, CSA1, CSA0, CSB2, CSB1, CSB0};
endmodule
