/* mbedTLS's library/entropy.c (Debian source, unpacked by make deps), compiled
 * with this app's configuration (trngtest_mbedtls_config.h). */
#include "library/entropy.c"
