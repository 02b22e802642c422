# Never exits: the simulator must stop it at --max-cycles with exit code 124.
.section .text
.globl _start
_start:
  addi a0, a0, 1
  j _start
