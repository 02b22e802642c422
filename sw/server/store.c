/* SQLite stores of the servers: open, pragmas and schema (store.h). */
#include "store.h"

#include <stdio.h>
#include <string.h>

static const char ps_schema[] =
    /* A work order: the code the user dials, for an account made at signup. */
    "CREATE TABLE IF NOT EXISTS work_orders("
    " code TEXT PRIMARY KEY CHECK(length(code) BETWEEN 4 AND 16 AND code NOT GLOB '*[^0-9]*'),"
    " account INTEGER NOT NULL UNIQUE REFERENCES accounts(account),"
    " state TEXT NOT NULL DEFAULT 'open' CHECK(state IN ('open','used')),"
    " created_at INTEGER NOT NULL);"
    /* An account; the BTI columns are all NULL until bound, all set after. */
    "CREATE TABLE IF NOT EXISTS accounts("
    " account INTEGER PRIMARY KEY CHECK(account BETWEEN 1 AND 4294967295),"
    " name TEXT NOT NULL,"
    " bti_id BLOB UNIQUE CHECK(bti_id IS NULL OR length(bti_id) = 6),"
    " ku_pub BLOB CHECK(ku_pub IS NULL OR length(ku_pub) = 65),"
    " lt_keys BLOB CHECK(lt_keys IS NULL OR length(lt_keys) = 64),"
    " bti_ip TEXT, bti_voice_port INTEGER, bti_fw INTEGER,"
    " counter INTEGER NOT NULL DEFAULT 0,"
    " bound_at INTEGER, registered_at INTEGER,"
    " CHECK((bti_id IS NULL) = (ku_pub IS NULL) AND (ku_pub IS NULL) = (lt_keys IS NULL)"
    "   AND (lt_keys IS NULL) = (bound_at IS NULL)));"
    /* BTIs that used up their tries: refused until `until` (unix seconds). */
    "CREATE TABLE IF NOT EXISTS lockouts("
    " bti_id BLOB PRIMARY KEY, until INTEGER NOT NULL, wrong_codes INTEGER NOT NULL);"
    /* In-flight provisioning sessions, so a restarted PS answers the BTI's
     * retransmission; deleted when done or stale (secure_delete is on). */
    "CREATE TABLE IF NOT EXISTS sessions("
    " session INTEGER PRIMARY KEY, updated_at INTEGER NOT NULL, state BLOB NOT NULL);"
    /* CRED messages still to be acknowledged by the GC (written in the
     * binding transaction, so a crash cannot lose one). */
    "CREATE TABLE IF NOT EXISTS cred_outbox("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, bti_id BLOB NOT NULL, account INTEGER NOT NULL,"
    " ku_pub BLOB NOT NULL);";

static const char gc_schema[] =
    "CREATE TABLE IF NOT EXISTS btis("
    " bti_id BLOB PRIMARY KEY CHECK(length(bti_id) = 6),"
    " account INTEGER NOT NULL, ku_pub BLOB NOT NULL CHECK(length(ku_pub) = 65),"
    " counter INTEGER NOT NULL DEFAULT 0,"
    " cred_id INTEGER NOT NULL,"       /* last CRED (PS outbox id) applied */
    " learned_at INTEGER NOT NULL);";

int store_exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s\n", err ? err : "?");
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

sqlite3_stmt *store_prep(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s: %s\n", sqlite3_errmsg(db), sql);
        return NULL;
    }
    return st;
}

sqlite3 *store_open(const char *path, const char *which)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        fprintf(stderr, "%s: %s\n", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 5000);
    /* WAL + synchronous=NORMAL: a committed transaction survives a killed
     * process (not necessarily a power cut); secure_delete overwrites the
     * key material of deleted session rows. */
    if (store_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                       "PRAGMA secure_delete=ON; PRAGMA foreign_keys=ON;") ||
        store_exec(db, strcmp(which, "gc") == 0 ? gc_schema : ps_schema)) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}
