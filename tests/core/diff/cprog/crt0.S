/* Start-up for the compiled test program: stack, trap vector, .bss, main();
 * main's return value is written to the simulation-control EXIT register. */
	.section .text.init, "ax"
	.globl _start
_start:
	la	sp, __stack_top
	la	t0, trap_entry
	csrw	mtvec, t0
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sw	zero, 0(t0)
	addi	t0, t0, 4
	j	1b
2:	call	main
	li	t0, 0x2000f000
	sw	a0, 0(t0)
3:	j	3b

/* Records mcause, mepc and mtval in trap_cause/trap_epc/trap_tval and
 * resumes after the trapping instruction. */
	.p2align 2
	.globl trap_entry
trap_entry:
	addi	sp, sp, -16
	sw	t0, 0(sp)
	sw	t1, 4(sp)
	csrr	t0, mcause
	la	t1, trap_cause
	sw	t0, 0(t1)
	csrr	t0, mtval
	la	t1, trap_tval
	sw	t0, 0(t1)
	csrr	t0, mepc
	la	t1, trap_epc
	sw	t0, 0(t1)
	addi	t0, t0, 4
	csrw	mepc, t0
	lw	t1, 4(sp)
	lw	t0, 0(sp)
	addi	sp, sp, 16
	mret
