`default_nettype none
// openbti SoC, board-independent: the obti core, code memory (with the
// read-only region), data RAM, UART, machine timer, GPIO, interrupt
// controller and simulation control on one bus. Map: docs/memory-map.md.
module obti_soc #(
  parameter integer CodeBytes    = 262144,
  parameter integer RomBytes     = 16384,
  parameter integer DataBytes    = 65536,
  parameter integer GpioOutWidth = 8,
  parameter integer GpioInWidth  = 8,
  parameter bit     Sim          = 1'b0,
  parameter         CodeInitFile = "",
  parameter         DataInitFile = "",
  parameter integer EthRgmii     = 0,    // Ethernet pins: 0 RMII, 1 RGMII
  parameter integer AesKsCores   = 2     // AES round engines: 2 (CTR/GCM frames bound by the DMA) or 1 (10 DP16KD fewer)
) (
  input  wire                    clk,
  input  wire                    rst,
  // Ports of the optional blocks: each block adds its pins between its
  // markers, every line ending in a comma.
  // --- ports: trng
  input  wire                    i_trng_noise,   // noise-diode comparator output (asynchronous)
  // --- end ports: trng
  // --- ports: aes
  // --- end ports: aes
  // --- ports: pcm
  output wire                    o_pcm_bclk,
  output wire                    o_pcm_fsync,
  output wire                    o_pcm_dx,
  input  wire                    i_pcm_dr,
  // --- end ports: pcm
  // --- ports: spi
  output wire                    o_slic_sclk,
  output wire                    o_slic_cs_n,
  output wire                    o_slic_sdi,
  input  wire                    i_slic_sdo,
  input  wire                    i_slic_int_n,
  output wire                    o_slic_reset_n,
  // --- end ports: spi
  // --- ports: eth
  // RMII on the system clock (sampled/driven every CTRL.REFDIV cycles), MDIO
  // as a tristate split into out/enable/in for the board's I/O buffer.
  output wire                    o_rmii_txen,
  output wire [1:0]              o_rmii_txd,
  input  wire                    i_rmii_crs_dv,
  input  wire [1:0]              i_rmii_rxd,
  output wire                    o_mdc,
  output wire                    o_mdio_o,
  output wire                    o_mdio_oe,
  input  wire                    i_mdio_i,
  // RGMII (EthRgmii = 1): MAC side of the board's DDR flops, _r/_f the
  // rising/falling-edge values; i_rgmii_rxc is the PHY's receive clock.
  input  wire                    i_rgmii_rxc,
  input  wire [3:0]              i_rgmii_rxd_r,
  input  wire [3:0]              i_rgmii_rxd_f,
  input  wire                    i_rgmii_rxctl_r,
  input  wire                    i_rgmii_rxctl_f,
  output wire                    o_rgmii_txc_r,
  output wire                    o_rgmii_txc_f,
  output wire [3:0]              o_rgmii_txd_r,
  output wire [3:0]              o_rgmii_txd_f,
  output wire                    o_rgmii_txctl_r,
  output wire                    o_rgmii_txctl_f,
  // --- end ports: eth
  // --- ports: spiflash
  output wire                    o_flash_sck,    // on ECP5: to USRMCLK in the board top
  output wire                    o_flash_cs_n,
  output wire                    o_flash_mosi,
  input  wire                    i_flash_miso,
  // --- end ports: spiflash
  output wire                    o_uart_tx,
  input  wire                    i_uart_rx,
  output wire [GpioOutWidth-1:0] o_gpio,
  input  wire [GpioInWidth-1:0]  i_gpio
);
  localparam [31:0] CodeBase    = 32'h0000_0000;
  localparam [31:0] DataBase    = 32'h1000_0000;
  localparam [31:0] UartBase    = 32'h2000_0000;
  localparam [31:0] TimerBase   = 32'h2000_1000;
  localparam [31:0] GpioBase    = 32'h2000_2000;
  localparam [31:0] IrqBase     = 32'h2000_3000;
  localparam [31:0] TrngBase    = 32'h2000_4000;
  localparam [31:0] AesBase     = 32'h2000_5000;
  localparam [31:0] PcmBase     = 32'h2000_6000;
  localparam [31:0] SpiBase     = 32'h2000_7000;
  localparam [31:0] EthBase     = 32'h2000_8000;
  localparam [31:0] FlashBase   = 32'h2000_9000;
  localparam [31:0] SimctrlBase = 32'h2000_F000;
  localparam [31:0] PeriphMask  = 32'hFFFF_F000;

  // Slave numbers on the interconnect.
  localparam integer SCode = 0, SData = 1, SUart = 2, STimer = 3, SGpio = 4,
                     SIrq = 5, SSim = 6, STrng = 7, SAes = 8, SPcm = 9, SSpi = 10,
                     SEth = 11, SFlash = 12, NumSlaves = 13;
  localparam integer NumIrqLines = 8;

  // --- core ---------------------------------------------------------------
  wire        ibus_req;
  wire [31:0] ibus_addr, ibus_rdata;
  wire        dbus_req, dbus_we, dbus_gnt, dbus_rvalid, dbus_err;
  wire [31:0] dbus_addr, dbus_wdata, dbus_rdata;
  wire [3:0]  dbus_be;
  wire        irq_soft, irq_timer, irq_ext;

  obti_core #(
    .ResetVector (CodeBase),
    .CodeBase    (CodeBase),
    .CodeBytes   (CodeBytes)
  ) u_core (
    .clk           (clk),
    .rst           (rst),
    .o_ibus_req    (ibus_req),
    .o_ibus_addr   (ibus_addr),
    .i_ibus_rdata  (ibus_rdata),
    .o_dbus_req    (dbus_req),
    .o_dbus_we     (dbus_we),
    .o_dbus_addr   (dbus_addr),
    .o_dbus_be     (dbus_be),
    .o_dbus_wdata  (dbus_wdata),
    .i_dbus_gnt    (dbus_gnt),
    .i_dbus_rvalid (dbus_rvalid),
    .i_dbus_rdata  (dbus_rdata),
    .i_dbus_err    (dbus_err),
    .i_irq_soft    (irq_soft),
    .i_irq_timer   (irq_timer),
    .i_irq_ext     (irq_ext)
  );

  // --- interconnect -------------------------------------------------------
  wire [NumSlaves-1:0]    s_req, s_gnt, s_rvalid, s_err;
  wire [NumSlaves*32-1:0] s_rdata;

  obti_soc_xbar #(
    .NumSlaves (NumSlaves),
    .Bases ({FlashBase, EthBase, SpiBase, PcmBase, AesBase, TrngBase,
             SimctrlBase, IrqBase, GpioBase, TimerBase, UartBase, DataBase, CodeBase}),
    .Masks ({PeriphMask, PeriphMask, PeriphMask, PeriphMask, PeriphMask, PeriphMask,
             PeriphMask, PeriphMask, PeriphMask, PeriphMask, PeriphMask,
             ~(DataBytes - 32'd1), ~(CodeBytes - 32'd1)})
  ) u_xbar (
    .clk        (clk),
    .rst        (rst),
    .i_req      (dbus_req),
    .o_gnt      (dbus_gnt),
    .o_rvalid   (dbus_rvalid),
    .o_rdata    (dbus_rdata),
    .o_err      (dbus_err),
    .i_addr     (dbus_addr),
    .o_s_req    (s_req),
    .i_s_gnt    (s_gnt),
    .i_s_rvalid (s_rvalid),
    .i_s_rdata  (s_rdata),
    .i_s_err    (s_err)
  );

  // --- memories -------------------------------------------------------------
  // the AES engine's DMA master on the data RAM's second port
  wire        dma_req, dma_we, dma_gnt, dma_rvalid;
  wire [31:0] dma_addr, dma_wdata, dma_rdata;
  wire [3:0]  dma_be;

  obti_soc_codemem #(
    .Bytes    (CodeBytes),
    .RomBytes (RomBytes),
    .Base     (CodeBase),
    .InitFile (CodeInitFile)
  ) u_code (
    .clk       (clk),
    .rst       (rst),
    .i_a_en    (ibus_req),
    .i_a_addr  (ibus_addr),
    .o_a_rdata (ibus_rdata),
    .i_req     (s_req[SCode]),
    .i_we      (dbus_we),
    .i_addr    (dbus_addr),
    .i_be      (dbus_be),
    .i_wdata   (dbus_wdata),
    .o_gnt     (s_gnt[SCode]),
    .o_rvalid  (s_rvalid[SCode]),
    .o_rdata   (s_rdata[SCode*32 +: 32]),
    .o_err     (s_err[SCode])
  );

  obti_soc_ram #(
    .Bytes    (DataBytes),
    .Base     (DataBase),
    .InitFile (DataInitFile)
  ) u_data (
    .clk      (clk),
    .rst      (rst),
    .i_req    (s_req[SData]),
    .i_we     (dbus_we),
    .i_addr   (dbus_addr),
    .i_be     (dbus_be),
    .i_wdata  (dbus_wdata),
    .o_gnt    (s_gnt[SData]),
    .o_rvalid (s_rvalid[SData]),
    .o_rdata  (s_rdata[SData*32 +: 32]),
    .o_err    (s_err[SData]),
    // port B: the AES engine's DMA (docs/bus.md, "Second master")
    .i_b_req    (dma_req),
    .i_b_we     (dma_we),
    .i_b_addr   (dma_addr),
    .i_b_be     (dma_be),
    .i_b_wdata  (dma_wdata),
    .o_b_gnt    (dma_gnt),
    .o_b_rvalid (dma_rvalid),
    .o_b_rdata  (dma_rdata)
  );

  // --- peripherals ----------------------------------------------------------
  wire [NumIrqLines-1:0] irq_lines;
  wire irq_uart, irq_gpio, irq_trng, irq_aes, irq_pcm, irq_spi, irq_eth, irq_flash;
  assign irq_lines = {irq_flash, irq_eth, irq_spi, irq_pcm, irq_aes, irq_trng, irq_gpio, irq_uart};

  obti_uart u_uart (
    .clk      (clk),
    .rst      (rst),
    .i_req    (s_req[SUart]),
    .i_we     (dbus_we),
    .i_addr   (dbus_addr[11:0]),
    .i_be     (dbus_be),
    .i_wdata  (dbus_wdata),
    .o_gnt    (s_gnt[SUart]),
    .o_rvalid (s_rvalid[SUart]),
    .o_rdata  (s_rdata[SUart*32 +: 32]),
    .o_err    (s_err[SUart]),
    .o_tx     (o_uart_tx),
    .i_rx     (i_uart_rx),
    .o_irq    (irq_uart)
  );

  obti_timer u_timer (
    .clk         (clk),
    .rst         (rst),
    .i_req       (s_req[STimer]),
    .i_we        (dbus_we),
    .i_addr      (dbus_addr[11:0]),
    .i_be        (dbus_be),
    .i_wdata     (dbus_wdata),
    .o_gnt       (s_gnt[STimer]),
    .o_rvalid    (s_rvalid[STimer]),
    .o_rdata     (s_rdata[STimer*32 +: 32]),
    .o_err       (s_err[STimer]),
    .o_irq_timer (irq_timer),
    .o_irq_soft  (irq_soft)
  );

  obti_gpio #(
    .OutWidth (GpioOutWidth),
    .InWidth  (GpioInWidth)
  ) u_gpio (
    .clk      (clk),
    .rst      (rst),
    .i_req    (s_req[SGpio]),
    .i_we     (dbus_we),
    .i_addr   (dbus_addr[11:0]),
    .i_be     (dbus_be),
    .i_wdata  (dbus_wdata),
    .o_gnt    (s_gnt[SGpio]),
    .o_rvalid (s_rvalid[SGpio]),
    .o_rdata  (s_rdata[SGpio*32 +: 32]),
    .o_err    (s_err[SGpio]),
    .o_out    (o_gpio),
    .i_in     (i_gpio),
    .o_irq    (irq_gpio)
  );

  obti_irq #(
    .NumLines (NumIrqLines)
  ) u_irq (
    .clk       (clk),
    .rst       (rst),
    .i_req     (s_req[SIrq]),
    .i_we      (dbus_we),
    .i_addr    (dbus_addr[11:0]),
    .i_be      (dbus_be),
    .i_wdata   (dbus_wdata),
    .o_gnt     (s_gnt[SIrq]),
    .o_rvalid  (s_rvalid[SIrq]),
    .o_rdata   (s_rdata[SIrq*32 +: 32]),
    .o_err     (s_err[SIrq]),
    .i_lines   (irq_lines),
    .o_irq_ext (irq_ext)
  );

  // --- slot: trng (replace the placeholder with the block's instance)
  obti_trng #(
    .Sim (Sim)
  ) u_trng (
    .clk      (clk),
    .rst      (rst),
    .i_req    (s_req[STrng]),
    .i_we     (dbus_we),
    .i_addr   (dbus_addr[11:0]),
    .i_be     (dbus_be),
    .i_wdata  (dbus_wdata),
    .o_gnt    (s_gnt[STrng]),
    .o_rvalid (s_rvalid[STrng]),
    .o_rdata  (s_rdata[STrng*32 +: 32]),
    .o_err    (s_err[STrng]),
    .i_noise  (i_trng_noise),
    .o_irq    (irq_trng)
  );
  // --- end slot: trng

  // --- slot: aes (replace the placeholder with the block's instance)
  obti_aes #(
    .KsCores   (AesKsCores), // docs/aes.md: 2 for the frame rate, 1 for area
    .DataBase  (DataBase),
    .DataBytes (DataBytes)
  ) u_aes (
    .clk      (clk),
    .rst      (rst),
    .i_req    (s_req[SAes]),
    .i_we     (dbus_we),
    .i_addr   (dbus_addr[11:0]),
    .i_be     (dbus_be),
    .i_wdata  (dbus_wdata),
    .o_gnt    (s_gnt[SAes]),
    .o_rvalid (s_rvalid[SAes]),
    .o_rdata  (s_rdata[SAes*32 +: 32]),
    .o_err    (s_err[SAes]),
    .o_irq    (irq_aes),
    .o_dma_req    (dma_req),
    .o_dma_we     (dma_we),
    .o_dma_addr   (dma_addr),
    .o_dma_be     (dma_be),
    .o_dma_wdata  (dma_wdata),
    .i_dma_gnt    (dma_gnt),
    .i_dma_rvalid (dma_rvalid),
    .i_dma_rdata  (dma_rdata)
  );
  // --- end slot: aes

  // --- slot: pcm (replace the placeholder with the block's instance)
  obti_pcm #(
    .NumChannels (2),
    .FifoDepth   (256)
  ) u_pcm (
    .clk      (clk),
    .rst      (rst),
    .i_req    (s_req[SPcm]),
    .i_we     (dbus_we),
    .i_addr   (dbus_addr[11:0]),
    .i_be     (dbus_be),
    .i_wdata  (dbus_wdata),
    .o_gnt    (s_gnt[SPcm]),
    .o_rvalid (s_rvalid[SPcm]),
    .o_rdata  (s_rdata[SPcm*32 +: 32]),
    .o_err    (s_err[SPcm]),
    .o_irq    (irq_pcm),
    .o_bclk   (o_pcm_bclk),
    .o_fsync  (o_pcm_fsync),
    .o_dx     (o_pcm_dx),
    .i_dr     (i_pcm_dr)
  );
  // --- end slot: pcm

  // --- slot: spi (replace the placeholder with the block's instance)
  obti_spi #(
    .NumCs (1)
  ) u_spi (
    .clk       (clk),
    .rst       (rst),
    .i_req     (s_req[SSpi]),
    .i_we      (dbus_we),
    .i_addr    (dbus_addr[11:0]),
    .i_be      (dbus_be),
    .i_wdata   (dbus_wdata),
    .o_gnt     (s_gnt[SSpi]),
    .o_rvalid  (s_rvalid[SSpi]),
    .o_rdata   (s_rdata[SSpi*32 +: 32]),
    .o_err     (s_err[SSpi]),
    .o_irq     (irq_spi),
    .o_sclk    (o_slic_sclk),
    .o_cs_n    (o_slic_cs_n),
    .o_sdi     (o_slic_sdi),
    .i_sdo     (i_slic_sdo),
    .i_int_n   (i_slic_int_n),
    .o_reset_n (o_slic_reset_n)
  );
  // --- end slot: spi

  // --- slot: eth (replace the placeholder with the block's instance)
  obti_eth #(
    .Rgmii (EthRgmii)
  ) u_eth (
    .clk           (clk),
    .rst           (rst),
    .i_req         (s_req[SEth]),
    .i_we          (dbus_we),
    .i_addr        (dbus_addr[11:0]),
    .i_be          (dbus_be),
    .i_wdata       (dbus_wdata),
    .o_gnt         (s_gnt[SEth]),
    .o_rvalid      (s_rvalid[SEth]),
    .o_rdata       (s_rdata[SEth*32 +: 32]),
    .o_err         (s_err[SEth]),
    .o_irq         (irq_eth),
    .o_rmii_txen   (o_rmii_txen),
    .o_rmii_txd    (o_rmii_txd),
    .i_rmii_crs_dv (i_rmii_crs_dv),
    .i_rmii_rxd    (i_rmii_rxd),
    .i_rgmii_rxc     (i_rgmii_rxc),
    .i_rgmii_rxd_r   (i_rgmii_rxd_r),
    .i_rgmii_rxd_f   (i_rgmii_rxd_f),
    .i_rgmii_rxctl_r (i_rgmii_rxctl_r),
    .i_rgmii_rxctl_f (i_rgmii_rxctl_f),
    .o_rgmii_txc_r   (o_rgmii_txc_r),
    .o_rgmii_txc_f   (o_rgmii_txc_f),
    .o_rgmii_txd_r   (o_rgmii_txd_r),
    .o_rgmii_txd_f   (o_rgmii_txd_f),
    .o_rgmii_txctl_r (o_rgmii_txctl_r),
    .o_rgmii_txctl_f (o_rgmii_txctl_f),
    .o_mdc         (o_mdc),
    .o_mdio_o      (o_mdio_o),
    .o_mdio_oe     (o_mdio_oe),
    .i_mdio_i      (i_mdio_i)
  );
  // --- end slot: eth

  // --- slot: spiflash (replace the placeholder with the block's instance)
  obti_spiflash u_spiflash (
    .clk      (clk),
    .rst      (rst),
    .i_req    (s_req[SFlash]),
    .i_we     (dbus_we),
    .i_addr   (dbus_addr[11:0]),
    .i_be     (dbus_be),
    .i_wdata  (dbus_wdata),
    .o_gnt    (s_gnt[SFlash]),
    .o_rvalid (s_rvalid[SFlash]),
    .o_rdata  (s_rdata[SFlash*32 +: 32]),
    .o_err    (s_err[SFlash]),
    .o_sck    (o_flash_sck),
    .o_cs_n   (o_flash_cs_n),
    .o_mosi   (o_flash_mosi),
    .i_miso   (i_flash_miso),
    .o_irq    (irq_flash)
  );
  // --- end slot: spiflash

  obti_simctrl #(
    .Sim (Sim)
  ) u_simctrl (
    .clk      (clk),
    .rst      (rst),
    .i_req    (s_req[SSim]),
    .i_we     (dbus_we),
    .i_addr   (dbus_addr[11:0]),
    .i_be     (dbus_be),
    .i_wdata  (dbus_wdata),
    .o_gnt    (s_gnt[SSim]),
    .o_rvalid (s_rvalid[SSim]),
    .o_rdata  (s_rdata[SSim*32 +: 32]),
    .o_err    (s_err[SSim])
  );
endmodule
