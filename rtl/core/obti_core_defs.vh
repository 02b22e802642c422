// Shared constants of the obti core: opcodes, ALU operations, CSR addresses
// and trap causes. Included inside each core module that needs them.
/* verilator lint_off UNUSEDPARAM */
localparam [6:0] OpLui     = 7'b0110111;
localparam [6:0] OpAuipc   = 7'b0010111;
localparam [6:0] OpJal     = 7'b1101111;
localparam [6:0] OpJalr    = 7'b1100111;
localparam [6:0] OpBranch  = 7'b1100011;
localparam [6:0] OpLoad    = 7'b0000011;
localparam [6:0] OpStore   = 7'b0100011;
localparam [6:0] OpImm     = 7'b0010011;
localparam [6:0] OpReg     = 7'b0110011;
localparam [6:0] OpMiscMem = 7'b0001111;
localparam [6:0] OpSystem  = 7'b1110011;

localparam [31:0] InsnEcall  = 32'h00000073;
localparam [31:0] InsnEbreak = 32'h00100073;
localparam [31:0] InsnMret   = 32'h30200073;
localparam [31:0] InsnWfi    = 32'h10500073;

// ALU operations: {funct7[5], funct3} of the OP/OP-IMM encodings.
localparam [3:0] AluAdd  = 4'b0000;
localparam [3:0] AluSub  = 4'b1000;
localparam [3:0] AluSll  = 4'b0001;
localparam [3:0] AluSlt  = 4'b0010;
localparam [3:0] AluSltu = 4'b0011;
localparam [3:0] AluXor  = 4'b0100;
localparam [3:0] AluSrl  = 4'b0101;
localparam [3:0] AluSra  = 4'b1101;
localparam [3:0] AluOr   = 4'b0110;
localparam [3:0] AluAnd  = 4'b0111;

localparam [11:0] CsrMstatus   = 12'h300;
localparam [11:0] CsrMisa      = 12'h301;
localparam [11:0] CsrMie       = 12'h304;
localparam [11:0] CsrMtvec     = 12'h305;
localparam [11:0] CsrMstatush  = 12'h310;
localparam [11:0] CsrMscratch  = 12'h340;
localparam [11:0] CsrMepc      = 12'h341;
localparam [11:0] CsrMcause    = 12'h342;
localparam [11:0] CsrMtval     = 12'h343;
localparam [11:0] CsrMip       = 12'h344;
localparam [11:0] CsrMcycle    = 12'hB00;
localparam [11:0] CsrMinstret  = 12'hB02;
localparam [11:0] CsrMcycleh   = 12'hB80;
localparam [11:0] CsrMinstreth = 12'hB82;
localparam [11:0] CsrCycle     = 12'hC00;
localparam [11:0] CsrInstret   = 12'hC02;
localparam [11:0] CsrCycleh    = 12'hC80;
localparam [11:0] CsrInstreth  = 12'hC82;
localparam [11:0] CsrMvendorid = 12'hF11;
localparam [11:0] CsrMarchid   = 12'hF12;
localparam [11:0] CsrMimpid    = 12'hF13;
localparam [11:0] CsrMhartid   = 12'hF14;

// Exception causes (mcause with bit 31 clear).
localparam [3:0] ExcFetchMisaligned = 4'd0;
localparam [3:0] ExcFetchFault      = 4'd1;
localparam [3:0] ExcIllegal         = 4'd2;
localparam [3:0] ExcBreakpoint      = 4'd3;
localparam [3:0] ExcLoadMisaligned  = 4'd4;
localparam [3:0] ExcLoadFault       = 4'd5;
localparam [3:0] ExcStoreMisaligned = 4'd6;
localparam [3:0] ExcStoreFault      = 4'd7;
localparam [3:0] ExcEcallM          = 4'd11;

// Interrupt causes (mcause with bit 31 set) and their mip/mie bits.
localparam [3:0] IrqSoft  = 4'd3;
localparam [3:0] IrqTimer = 4'd7;
localparam [3:0] IrqExt   = 4'd11;
/* verilator lint_on UNUSEDPARAM */
