/* Error codes of the firmware drivers: functions return 0 or one of these
 * (negative) values; they never print and never exit. */
#ifndef OBTI_ERR_H
#define OBTI_ERR_H

#define OBTI_OK         0
#define OBTI_EINVAL   (-1)   /* argument out of range */
#define OBTI_EAGAIN   (-2)   /* would block: FIFO full or empty, try again */
#define OBTI_EIO      (-3)   /* the device reported an error (e.g. lost bytes) */
#define OBTI_EBUSY    (-4)   /* resource held by someone else */
#define OBTI_ETIMEDOUT (-5)  /* a deadline passed */
#define OBTI_ENOENT   (-6)   /* nothing stored (e.g. an empty key store) */
#define OBTI_EBADMSG  (-7)   /* stored data failed its integrity check */
#define OBTI_EALARM   (-8)   /* a TRNG health test failed: no random output until cleared */
#define OBTI_EAUTH    (-9)   /* authentication failed (e.g. a GCM tag mismatch); output wiped */

#endif /* OBTI_ERR_H */
