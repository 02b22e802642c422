/* mbedTLS's library/entropy_poll.c (Debian source, unpacked by make deps), compiled
 * with this app's configuration (trngtest_mbedtls_config.h). */
#include "library/entropy_poll.c"
