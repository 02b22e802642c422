/* Layout of the register frame that trap_entry (crt0.S) pushes; shared by
 * the assembly and struct trap_frame in trap.h, which checks it. */
#ifndef OBTI_TRAP_FRAME_H
#define OBTI_TRAP_FRAME_H

#define TF_RA       0
#define TF_T0       4
#define TF_T1       8
#define TF_T2       12
#define TF_A0       16
#define TF_A1       20
#define TF_A2       24
#define TF_A3       28
#define TF_A4       32
#define TF_A5       36
#define TF_A6       40
#define TF_A7       44
#define TF_T3       48
#define TF_T4       52
#define TF_T5       56
#define TF_T6       60
#define TF_MEPC     64
#define TF_MSTATUS  68
/* Rounded up to 16 bytes: the psABI keeps sp 16-byte aligned. */
#define TRAP_FRAME_SIZE 80

#endif /* OBTI_TRAP_FRAME_H */
