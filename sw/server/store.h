/* SQLite stores of the servers (schema in docs/server.md). The PS database
 * holds work orders, accounts, lockouts, in-flight sessions and the CRED
 * outbox; the GC database holds the BTIs it learned. */
#ifndef OBTI_STORE_H
#define OBTI_STORE_H

#include <sqlite3.h>

/* Open (create) a database and its tables. which: "ps" or "gc".
 * Returns NULL and prints the reason on failure. */
sqlite3 *store_open(const char *path, const char *which);
/* Run SQL without results; 0 or -1. */
int store_exec(sqlite3 *db, const char *sql);
/* Prepare or die loudly at startup: statements are program text. */
sqlite3_stmt *store_prep(sqlite3 *db, const char *sql);

#endif /* OBTI_STORE_H */
