/* Host-server plumbing: options, logging, UDP sockets, signals (srv.h). */
#define _POSIX_C_SOURCE 200809L
#include "srv.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

volatile sig_atomic_t srv_stop;
static const char *log_prog = "obti";
/* Log lines are block-buffered: one write() per loop turn or per 100 ms,
 * not one per line (a provisioning makes about 7 lines). */
static _Atomic uint64_t log_flushed_ms;
#define LOG_FLUSH_MS 100

static struct srv_opt *find(struct srv_opt *opts, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(opts[i].name, name) == 0)
            return &opts[i];
    return NULL;
}

static void usage(const struct srv_opt *opts, size_t n, const char *prog)
{
    fprintf(stderr, "usage: %s [--config FILE] [options]\n", prog);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "  --%-18s %s%s%s%s\n", opts[i].name, opts[i].help,
                opts[i].value[0] ? " (default " : "", opts[i].value,
                opts[i].value[0] ? ")" : "");
}

static int set(struct srv_opt *o, const char *v)
{
    if (strlen(v) >= sizeof o->value)
        return -1;
    strcpy(o->value, v);
    return 0;
}

static int read_config(struct srv_opt *opts, size_t n, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    char line[512];
    int lineno = 0, rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *p = line + strspn(line, " \t");
        p[strcspn(p, "\r\n")] = 0;
        if (*p == 0 || *p == '#')
            continue;
        char *eq = strchr(p, '=');
        if (!eq) {
            fprintf(stderr, "%s:%d: expected name = value\n", path, lineno);
            rc = -1;
            break;
        }
        char *end = eq;
        while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        *end = 0;
        char *v = eq + 1 + strspn(eq + 1, " \t");
        size_t vl = strlen(v);
        while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
            v[--vl] = 0;
        struct srv_opt *o = find(opts, n, p);
        if (!o || set(o, v)) {
            fprintf(stderr, "%s:%d: unknown option or value too long: %s\n", path, lineno, p);
            rc = -1;
            break;
        }
    }
    fclose(f);
    return rc;
}

int srv_opts_parse(struct srv_opt *opts, size_t n, int argc, char **argv, const char *prog)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--config") == 0) {
            if (i + 1 >= argc || read_config(opts, n, argv[i + 1]))
                return -1;
        }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--config") == 0) {
            i++;
            continue;
        }
        struct srv_opt *o = (strncmp(a, "--", 2) == 0) ? find(opts, n, a + 2) : NULL;
        if (!o) {
            if (strcmp(a, "--help") != 0)
                fprintf(stderr, "%s: unknown option %s\n", prog, a);
            usage(opts, n, prog);
            return -1;
        }
        if (o->is_flag) {
            set(o, "1");
        } else if (i + 1 >= argc || set(o, argv[++i])) {
            fprintf(stderr, "%s: %s needs a value\n", prog, a);
            return -1;
        }
    }
    return 0;
}

const char *srv_opt(const struct srv_opt *opts, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(opts[i].name, name) == 0)
            return opts[i].value;
    return "";
}

long srv_opt_long(const struct srv_opt *opts, size_t n, const char *name)
{
    return strtol(srv_opt(opts, n, name), NULL, 0);
}

void srv_log_init(const char *prog)
{
    log_prog = prog;
    setvbuf(stderr, NULL, _IOFBF, 1 << 16);
    log_flushed_ms = srv_now_ms();
}

void srv_log_flush(void)
{
    fflush(stderr);
    log_flushed_ms = srv_now_ms();
}

void srv_log(const char *event, const char *fmt, ...)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    char buf[1024];
    int n = snprintf(buf, sizeof buf, "%lld.%03ld %s %s ", (long long)ts.tv_sec,
                     ts.tv_nsec / 1000000, log_prog, event);
    va_list ap;
    va_start(ap, fmt);
    if (n > 0 && (size_t)n < sizeof buf)
        vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s\n", buf);
    if (srv_now_ms() - log_flushed_ms >= LOG_FLUSH_MS)
        srv_log_flush();
}

static void on_signal(int sig)
{
    (void)sig;
    srv_stop = 1;
}

void srv_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

int srv_addr(const char *s, unsigned dport, struct sockaddr_in *out)
{
    char host[64];
    const char *colon = strchr(s, ':');
    size_t hl = colon ? (size_t)(colon - s) : strlen(s);
    if (hl == 0 || hl >= sizeof host)
        return -1;
    memcpy(host, s, hl);
    host[hl] = 0;
    unsigned port = dport;
    if (colon) {
        char *end;
        unsigned long p = strtoul(colon + 1, &end, 10);
        if (*end || p > 65535)
            return -1;
        port = (unsigned)p;
    }
    memset(out, 0, sizeof *out);
    out->sin_family = AF_INET;
    out->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host, &out->sin_addr) == 1 ? 0 : -1;
}

const char *srv_addr_str(const struct sockaddr_in *a)
{
    static char buf[32];
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
    snprintf(buf, sizeof buf, "%s:%u", ip, ntohs(a->sin_port));
    return buf;
}

int srv_udp_bind(const char *host, unsigned port)
{
    struct sockaddr_in a;
    if (srv_addr(host, port, &a))
        return -1;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return -1;
    int big = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
    if (bind(fd, (struct sockaddr *)&a, sizeof a)) {
        close(fd);
        return -1;
    }
    return fd;
}

int srv_hex2bin(const char *hex, uint8_t *out, size_t max)
{
    size_t l = strlen(hex);
    if (l % 2 || l / 2 > max)
        return -1;
    for (size_t i = 0; i < l / 2; i++) {
        unsigned v = 0;
        for (int j = 0; j < 2; j++) {
            char c = hex[2 * i + (size_t)j];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
            else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
            else return -1;
        }
        out[i] = (uint8_t)v;
    }
    return (int)(l / 2);
}

void srv_bin2hex(const uint8_t *in, size_t n, char *out)
{
    static const char d[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = d[in[i] >> 4];
        out[2 * i + 1] = d[in[i] & 15];
    }
    out[2 * n] = 0;
}

uint64_t srv_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int srv_read_file(const char *path, uint8_t **buf, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 4096, n = 0;
    uint8_t *b = malloc(cap);
    size_t r;
    while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            uint8_t *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    if (!b)
        return -1;
    *buf = b;
    *len = n;
    return 0;
}
