/* libsrtp2's AES-ICM-128 cipher and HMAC-SHA1 authentication computed with
 * mbedTLS (AES-NI where the CPU has it), registered through libsrtp2's own
 * extension API (srtp_replace_cipher_type / srtp_replace_auth_type).
 *
 * Why: Debian's libsrtp2 computes them with NSS, and NSS keeps one list of
 * "init contexts" that every cipher context joins and leaves with a linear
 * search: a channel cost 0.1 ms with one other channel alive and 1.1 ms with
 * 400 alive (docs/server.md "Performance"). libsrtp2 still does all of SRTP
 * (key derivation, packet index, replay window, tag check); only the two
 * primitives change. libsrtp2 runs its self-tests (RFC 3711 B.2 AES-CM
 * keystream, RFC 2202 HMAC-SHA1) on both when they are registered, and
 * srtp_mbedtls_register fails if they do not pass. */
#ifndef OBTI_SRTP_MBEDTLS_H
#define OBTI_SRTP_MBEDTLS_H

/* Call once after srtp_init() and before any srtp_create(). 0 or -1. */
int srtp_mbedtls_register(void);

#endif /* OBTI_SRTP_MBEDTLS_H */
