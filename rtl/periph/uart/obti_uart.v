`default_nettype none
// UART: 8 data bits, no parity, one stop bit; 16-byte TX and RX FIFOs; the
// bit period (DIV) is programmable. Registers: docs/registers/uart.md.
module obti_uart #(
  parameter integer FifoDepth = 16
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
  // line
  output wire        o_tx,
  input  wire        i_rx,
  output wire        o_irq
);
  `include "obti_uart_regs.vh"

  // Registers are written whole: a narrower store's lanes are replicated.
  wire wr = i_req && i_we;
  wire rd = i_req && !i_we;

  reg [15:0] div_q;
  reg [1:0]  ie_q;
  reg        overrun_q, frame_q;

  // --- transmit ---------------------------------------------------------
  wire       tx_empty, tx_full;
  wire [7:0] tx_head;
  reg        tx_busy_q;
  reg [9:0]  tx_shift_q;      // stop, data[7:0], start; LSB first
  reg [3:0]  tx_bits_q;
  reg [15:0] tx_cnt_q;
  wire       tx_pop = !tx_busy_q && !tx_empty;

  obti_fifo #(.Width(8), .Depth(FifoDepth)) u_txfifo (
    .clk     (clk),
    .rst     (rst),
    .i_push  (wr && i_addr == UartData),
    .i_data  (i_wdata[7:0]),
    .i_pop   (tx_pop),
    .o_data  (tx_head),
    .o_empty (tx_empty),
    .o_full  (tx_full)
  );

  always @(posedge clk) begin
    if (rst) begin
      tx_busy_q  <= 1'b0;
      tx_shift_q <= 10'h3FF;
      tx_bits_q  <= 4'd0;
      tx_cnt_q   <= 16'd0;
    end else if (tx_pop) begin
      tx_busy_q  <= 1'b1;
      tx_shift_q <= {1'b1, tx_head, 1'b0};
      tx_bits_q  <= 4'd0;
      tx_cnt_q   <= 16'd1;
    end else if (tx_busy_q) begin
      if (tx_cnt_q >= div_q) begin
        tx_cnt_q   <= 16'd1;
        tx_shift_q <= {1'b1, tx_shift_q[9:1]};
        tx_bits_q  <= tx_bits_q + 4'd1;
        if (tx_bits_q == 4'd9)
          tx_busy_q <= 1'b0;
      end else begin
        tx_cnt_q <= tx_cnt_q + 16'd1;
      end
    end
  end
  assign o_tx = tx_shift_q[0];

  // --- receive ----------------------------------------------------------
  reg [1:0]  rx_sync_q;
  reg        rx_busy_q;
  reg [3:0]  rx_bits_q;
  reg [15:0] rx_cnt_q;
  reg [7:0]  rx_shift_q;
  reg        rx_push;
  wire       rx_empty, rx_full;
  wire [7:0] rx_head;
  wire       rx_line = rx_sync_q[1];
  wire       rx_pop  = rd && i_addr == UartData;

  obti_fifo #(.Width(8), .Depth(FifoDepth)) u_rxfifo (
    .clk     (clk),
    .rst     (rst),
    .i_push  (rx_push),
    .i_data  (rx_shift_q),
    .i_pop   (rx_pop),
    .o_data  (rx_head),
    .o_empty (rx_empty),
    .o_full  (rx_full)
  );

  // Sample each bit in its middle: wait half a period after the start edge,
  // then a whole period per bit.
  reg frame_err, overrun;
  always @(posedge clk) begin
    rx_push   <= 1'b0;
    frame_err <= 1'b0;
    overrun   <= 1'b0;
    if (rst) begin
      rx_sync_q <= 2'b11;
      rx_busy_q <= 1'b0;
      rx_bits_q <= 4'd0;
      rx_cnt_q  <= 16'd0;
    end else begin
      rx_sync_q <= {rx_sync_q[0], i_rx};
      if (!rx_busy_q) begin
        if (!rx_line) begin
          rx_busy_q <= 1'b1;
          rx_bits_q <= 4'd0;
          rx_cnt_q  <= {1'b0, div_q[15:1]};
        end
      end else if (rx_cnt_q != 16'd0) begin
        rx_cnt_q <= rx_cnt_q - 16'd1;
      end else begin
        rx_cnt_q  <= div_q - 16'd1;
        rx_bits_q <= rx_bits_q + 4'd1;
        if (rx_bits_q == 4'd0) begin
          if (rx_line) rx_busy_q <= 1'b0;        // glitch, not a start bit
        end else if (rx_bits_q <= 4'd8) begin
          rx_shift_q <= {rx_line, rx_shift_q[7:1]};
        end else begin
          rx_busy_q <= 1'b0;
          if (!rx_line)      frame_err <= 1'b1;
          else if (rx_full)  overrun <= 1'b1;
          else               rx_push <= 1'b1;
        end
      end
    end
  end

  // --- registers --------------------------------------------------------
  always @(posedge clk) begin
    if (rst) begin
      div_q     <= UartDivReset[15:0];
      ie_q      <= 2'b00;
      overrun_q <= 1'b0;
      frame_q   <= 1'b0;
    end else begin
      if (wr && i_addr == UartDiv)
        div_q <= (i_wdata[15:0] < 16'd4) ? 16'd4 : i_wdata[15:0];
      if (wr && i_addr == UartIe)
        ie_q <= i_wdata[1:0];
      overrun_q <= (overrun_q && !(wr && i_addr == UartStatus && i_wdata[UartStatusRxoverrunLsb])) || overrun;
      frame_q   <= (frame_q && !(wr && i_addr == UartStatus && i_wdata[UartStatusRxframeLsb])) || frame_err;
    end
  end

  wire [1:0] ip = ie_q & {tx_empty, !rx_empty};
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
          UartData:   o_rdata <= {rx_empty, 23'd0, rx_head};
          UartStatus: o_rdata <= {27'd0, frame_q, overrun_q, !rx_empty,
                                  tx_empty && !tx_busy_q, tx_full};
          UartDiv:    o_rdata <= {16'd0, div_q};
          UartIe:     o_rdata <= {30'd0, ie_q};
          UartIp:     o_rdata <= {30'd0, ip};
          default:    o_rdata <= 32'd0;
        endcase
      end
    end
  end

  assign o_gnt = 1'b1;
  assign o_err = 1'b0;

`ifdef OBTI_SIM
  // Tell the simulator's line decoder the bit period (docs/simulation.md).
  import "DPI-C" function void obti_sim_uart_div(input int div);
  always @(posedge clk) begin
    if (!rst && wr && i_addr == UartDiv)
      obti_sim_uart_div({16'd0, (i_wdata[15:0] < 16'd4) ? 16'd4 : i_wdata[15:0]});
  end
`endif

  wire unused_ok = &{1'b0, i_wdata[31:16], i_be};
endmodule
