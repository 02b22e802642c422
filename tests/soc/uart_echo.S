# UART receive path: echo every received byte back upper-cased until '.',
# then exit 0. The test feeds "hello, soc." with --uart-in and expects
# "HELLO, SOC." on stdout (tests/soc/soc.mk).
.section .text
.globl _start
_start:
  li   s0, 0x20000000        # UART
  li   t0, 8
  sw   t0, 8(s0)             # DIV = 8 cycles per bit (the harness follows it)
  li   s1, '.'
wait:
  lw   t1, 0(s0)             # DATA: bit 31 set when the RX FIFO is empty
  bltz t1, wait
  andi t1, t1, 0xff
  li   t2, 'a'
  blt  t1, t2, send
  li   t2, 'z'
  bgt  t1, t2, send
  addi t1, t1, -32
send:
  sw   t1, 0(s0)
  beq  t1, s1, done
  j    wait
done:
  lw   t1, 4(s0)             # STATUS.TXIDLE: everything sent
  andi t1, t1, 2
  beqz t1, done
  li   t0, 0x2000F000
  sw   zero, 0(t0)
1: j 1b
