/* Host-server plumbing shared by obti-gc, obti-ps and obti-admin: options
 * (command line and key = value config file), one-line event logging, UDP
 * sockets, SIGTERM handling, hex. No protocol logic lives here. */
#ifndef OBTI_SRV_H
#define OBTI_SRV_H

#include <netinet/in.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

/* One option: name as in "--name value" and "name = value" in a config file. */
struct srv_opt {
    const char *name;
    const char *help;
    char value[256];
    int is_flag;            /* "--name" alone sets value to "1" */
};

/* Parse argv (and --config FILE, read first so the command line wins).
 * Prints usage and returns -1 on an unknown option or --help. */
int srv_opts_parse(struct srv_opt *opts, size_t n, int argc, char **argv, const char *prog);
const char *srv_opt(const struct srv_opt *opts, size_t n, const char *name);
long srv_opt_long(const struct srv_opt *opts, size_t n, const char *name);

/* One line per protocol event on stderr: "<unix time.ms> <prog> <event> key=value ...".
 * Buffered: lines reach the file at srv_log_flush(), which the servers' loops
 * call once per turn, or after 100 ms; exit() flushes, _exit() does not. */
void srv_log_init(const char *prog);
void srv_log(const char *event, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void srv_log_flush(void);

/* SIGTERM/SIGINT set srv_stop; loops poll it at least every 50 ms. */
extern volatile sig_atomic_t srv_stop;
void srv_signals(void);

/* UDP socket bound to host:port (port 0: any). Returns fd or -1. */
int srv_udp_bind(const char *host, unsigned port);
/* "a.b.c.d:port" or "a.b.c.d" (then dport) -> sockaddr. 0 or -1. */
int srv_addr(const char *s, unsigned dport, struct sockaddr_in *out);
const char *srv_addr_str(const struct sockaddr_in *a);   /* static buffer */

/* Hex helpers: srv_hex2bin returns the byte count or -1 (odd length, bad digit,
 * too long). srv_bin2hex writes 2n+1 chars. */
int srv_hex2bin(const char *hex, uint8_t *out, size_t max);
void srv_bin2hex(const uint8_t *in, size_t n, char *out);

/* Monotonic milliseconds. */
uint64_t srv_now_ms(void);
/* Whole file into a malloc'd buffer (caller frees); -1 on error. */
int srv_read_file(const char *path, uint8_t **buf, size_t *len);

#endif /* OBTI_SRV_H */
