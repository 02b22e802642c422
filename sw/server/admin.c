/* obti-admin: work orders and accounts in the PS database, BTIs in the GC
 * database. docs/server.md.
 *
 *   obti-admin [--db PS.db] create-order [--code DIGITS] [--account N] [--name TEXT]
 *   obti-admin [--db PS.db] list-orders | list-accounts
 *   obti-admin [--db GC.db] list-btis
 *   obti-admin [--db PS.db] release --account N [--gc-db GC.db]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

#include "srv.h"
#include "store.h"

static int usage(void)
{
    fprintf(stderr,
            "usage: obti-admin [--db FILE] COMMAND\n"
            "  create-order [--code DIGITS] [--account N] [--name TEXT]\n"
            "               new account + work order; prints: code account\n"
            "  list-orders    work orders (code, account, state)\n"
            "  list-accounts  accounts and the BTI bound to each\n"
            "  list-btis      (on the GC database) BTIs the GC learned\n"
            "  release --account N [--gc-db FILE]\n"
            "               unbind the account's BTI (e.g. its key store was erased) and reopen\n"
            "               its work order; with --gc-db the GC forgets the BTI too\n"
            "  --db default: build/server/ps.db (list-btis: build/server/gc.db)\n");
    return 2;
}

static int random_u32(uint32_t *v)
{
    mbedtls_entropy_context e;
    mbedtls_ctr_drbg_context d;
    mbedtls_entropy_init(&e);
    mbedtls_ctr_drbg_init(&d);
    int rc = mbedtls_ctr_drbg_seed(&d, mbedtls_entropy_func, &e, NULL, 0) ||
             mbedtls_ctr_drbg_random(&d, (unsigned char *)v, sizeof *v);
    mbedtls_ctr_drbg_free(&d);
    mbedtls_entropy_free(&e);
    return rc ? -1 : 0;
}

static int create_order(sqlite3 *db, const char *code, const char *acct, const char *name)
{
    char gen[16];
    uint32_t r;
    if (!code) {
        if (random_u32(&r))
            return 1;
        snprintf(gen, sizeof gen, "%08u", r % 100000000u);
        code = gen;
    }
    size_t cl = strlen(code);
    if (cl < 4 || cl > 16 || strspn(code, "0123456789") != cl) {
        fprintf(stderr, "obti-admin: a code is 4-16 digits 0-9 ('#' ends it on the phone)\n");
        return 2;
    }
    sqlite3_int64 account;
    if (acct) {
        char *end;
        unsigned long long v = strtoull(acct, &end, 10);
        if (*end || v == 0 || v > 0xFFFFFFFFull) {
            fprintf(stderr, "obti-admin: account is 1..4294967295\n");
            return 2;
        }
        account = (sqlite3_int64)v;
    } else {
        if (random_u32(&r))
            return 1;
        account = 1 + (sqlite3_int64)(r % 4000000000u);
    }
    sqlite3_stmt *a = store_prep(db, "INSERT INTO accounts(account, name) VALUES(?,?)");
    sqlite3_stmt *o = store_prep(db, "INSERT INTO work_orders(code, account, created_at) VALUES(?,?,?)");
    if (!a || !o || store_exec(db, "BEGIN IMMEDIATE"))
        return 1;
    sqlite3_bind_int64(a, 1, account);
    sqlite3_bind_text(a, 2, name ? name : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(o, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(o, 2, account);
    sqlite3_bind_int64(o, 3, (sqlite3_int64)time(NULL));
    if (sqlite3_step(a) != SQLITE_DONE || sqlite3_step(o) != SQLITE_DONE) {
        fprintf(stderr, "obti-admin: %s (code or account exists?)\n", sqlite3_errmsg(db));
        store_exec(db, "ROLLBACK");
        sqlite3_finalize(a);
        sqlite3_finalize(o);
        return 1;
    }
    sqlite3_finalize(a);
    sqlite3_finalize(o);
    if (store_exec(db, "COMMIT"))
        return 1;
    printf("%s %lld\n", code, (long long)account);
    return 0;
}

/* Undo a binding: the account's BTI columns back to NULL, its work order
 * open again (one transaction); the GC's record of the BTI removed. */
static int release(sqlite3 *db, const char *acct, const char *gc_path)
{
    char *end;
    unsigned long long v = acct ? strtoull(acct, &end, 10) : 0;
    if (!acct || *end || v == 0 || v > 0xFFFFFFFFull) {
        fprintf(stderr, "obti-admin: release needs --account N\n");
        return 2;
    }
    sqlite3_stmt *get = store_prep(db, "SELECT bti_id FROM accounts WHERE account = ? AND bti_id IS NOT NULL");
    if (!get)
        return 1;
    sqlite3_bind_int64(get, 1, (sqlite3_int64)v);
    uint8_t id[6];
    int found = sqlite3_step(get) == SQLITE_ROW && sqlite3_column_bytes(get, 0) == 6;
    if (found)
        memcpy(id, sqlite3_column_blob(get, 0), 6);
    sqlite3_finalize(get);
    if (!found) {
        fprintf(stderr, "obti-admin: account %llu has no BTI bound\n", v);
        return 1;
    }
    sqlite3_stmt *u = store_prep(db, "UPDATE accounts SET bti_id = NULL, ku_pub = NULL, lt_keys = NULL,"
                                     " bti_ip = NULL, bti_voice_port = NULL, bti_fw = NULL, bound_at = NULL,"
                                     " registered_at = NULL, counter = 0 WHERE account = ?1");
    sqlite3_stmt *o = store_prep(db, "UPDATE work_orders SET state = 'open' WHERE account = ?1");
    if (!u || !o || store_exec(db, "BEGIN IMMEDIATE"))
        return 1;
    sqlite3_bind_int64(u, 1, (sqlite3_int64)v);
    sqlite3_bind_int64(o, 1, (sqlite3_int64)v);
    int ok = sqlite3_step(u) == SQLITE_DONE && sqlite3_step(o) == SQLITE_DONE;
    sqlite3_finalize(u);
    sqlite3_finalize(o);
    if (!ok || store_exec(db, "COMMIT")) {
        fprintf(stderr, "obti-admin: %s\n", sqlite3_errmsg(db));
        store_exec(db, "ROLLBACK");
        return 1;
    }
    char hex[13];
    srv_bin2hex(id, 6, hex);
    printf("released account %llu from BTI %s\n", v, hex);
    if (gc_path) {
        sqlite3 *gc = store_open(gc_path, "gc");
        sqlite3_stmt *d = gc ? store_prep(gc, "DELETE FROM btis WHERE bti_id = ?") : NULL;
        if (!d) {
            sqlite3_close(gc);
            return 1;
        }
        sqlite3_bind_blob(d, 1, id, 6, SQLITE_STATIC);
        ok = sqlite3_step(d) == SQLITE_DONE;
        printf("GC: %s\n", ok && sqlite3_changes(gc) ? "BTI forgotten" : "BTI was not known");
        sqlite3_finalize(d);
        sqlite3_close(gc);
    }
    return 0;
}

static int list(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = store_prep(db, sql);
    if (!st)
        return 1;
    int cols = sqlite3_column_count(st);
    for (int i = 0; i < cols; i++)
        printf("%s%s", i ? "\t" : "", sqlite3_column_name(st, i));
    printf("\n");
    while (sqlite3_step(st) == SQLITE_ROW)
        for (int i = 0; i < cols; i++) {
            const unsigned char *t = sqlite3_column_text(st, i);
            printf("%s%s", i ? "\t" : "", t ? (const char *)t : "-");
            if (i == cols - 1)
                printf("\n");
        }
    sqlite3_finalize(st);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dbp = NULL, *cmd = NULL, *code = NULL, *acct = NULL, *name = NULL, *gcdb = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = !strcmp(a, "--db") ? &dbp : !strcmp(a, "--code") ? &code
                         : !strcmp(a, "--account") ? &acct : !strcmp(a, "--name") ? &name
                         : !strcmp(a, "--gc-db") ? &gcdb : NULL;
        if (dst) {
            if (++i >= argc)
                return usage();
            *dst = argv[i];
        } else if (!cmd && a[0] != '-') {
            cmd = a;
        } else {
            return usage();
        }
    }
    if (!cmd)
        return usage();
    int gc = !strcmp(cmd, "list-btis");
    sqlite3 *db = store_open(dbp ? dbp : gc ? "build/server/gc.db" : "build/server/ps.db", gc ? "gc" : "ps");
    if (!db)
        return 1;
    int rc;
    if (!strcmp(cmd, "create-order"))
        rc = create_order(db, code, acct, name);
    else if (!strcmp(cmd, "release"))
        rc = release(db, acct, gcdb);
    else if (!strcmp(cmd, "list-orders"))
        rc = list(db, "SELECT code, account, state, datetime(created_at,'unixepoch') AS created"
                      " FROM work_orders ORDER BY created_at, code");
    else if (!strcmp(cmd, "list-accounts"))
        rc = list(db, "SELECT account, name, hex(bti_id) AS bti, bti_ip, bti_voice_port AS voice_port,"
                      " printf('%08x', bti_fw) AS fw, counter,"
                      " datetime(bound_at,'unixepoch') AS bound, datetime(registered_at,'unixepoch')"
                      " AS registered, substr(hex(ku_pub),1,16) AS ku_pub_prefix"
                      " FROM accounts ORDER BY account");
    else if (gc)
        rc = list(db, "SELECT hex(bti_id) AS bti, account, counter, cred_id,"
                      " datetime(learned_at,'unixepoch') AS learned, substr(hex(ku_pub),1,16)"
                      " AS ku_pub_prefix FROM btis ORDER BY learned_at");
    else
        rc = usage();
    sqlite3_close(db);
    return rc;
}
