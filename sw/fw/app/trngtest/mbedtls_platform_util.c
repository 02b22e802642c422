/* mbedTLS's library/platform_util.c (Debian source, unpacked by make deps), compiled
 * with this app's configuration (trngtest_mbedtls_config.h). */
#include "library/platform_util.c"
