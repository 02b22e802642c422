/* The default exception handler: an exception nobody handles is reported
 * on the console (cause, mepc, mtval) and ends the program with exit code
 * TRAP_EXIT_EXCEPTION(mcause) = 0x82 for an illegal instruction. fwtests.mk
 * checks the exit code (trap_default/exit-code) and the report
 * (trap_default/expect). */
#include <stdio.h>

int main(void)
{
    printf("trap_default: executing an illegal instruction\n");
    __asm__ volatile(".word 0x00000000" ::: "memory");
    printf("trap_default: FAIL (execution continued)\n");
    return 1;
}
