// SQLite, loaded into the process when the state store is first opened (SQLiteLoader.c): commands
// that never open the state (validate, dry-run, --help) start without mapping libsqlite3 and
// binding its symbols, a fifth of a millisecond of every start. The declarations are SQLite's
// own header (Debian libsqlite3-dev); Swift calls only the bluevirt_sqlite3_* functions below,
// which forward to the loaded library.
#ifndef BLUEVIRT_CSQLITE_H
#define BLUEVIRT_CSQLITE_H

#include <sqlite3.h>
#include <stdint.h>

/// Loads libsqlite3 once per process (later calls return at once). Returns NULL when SQLite is
/// ready, else the reason, e.g. "libsqlite3.so.0: cannot open shared object file ...".
const char *bluevirt_sqlite3_load(void);

// Call only after bluevirt_sqlite3_load() returned NULL.
int bluevirt_sqlite3_open_v2(const char *path, sqlite3 **db, int flags);
int bluevirt_sqlite3_close_v2(sqlite3 *db);
int bluevirt_sqlite3_busy_timeout(sqlite3 *db, int milliseconds);
int bluevirt_sqlite3_extended_result_codes(sqlite3 *db, int on);
int bluevirt_sqlite3_extended_errcode(sqlite3 *db);
const char *bluevirt_sqlite3_errmsg(sqlite3 *db);
const char *bluevirt_sqlite3_errstr(int code);
int bluevirt_sqlite3_changes(sqlite3 *db);
int64_t bluevirt_sqlite3_last_insert_rowid(sqlite3 *db);

int bluevirt_sqlite3_prepare_v2(sqlite3 *db, const char *sql, int bytes, sqlite3_stmt **statement, const char **tail);
int bluevirt_sqlite3_step(sqlite3_stmt *statement);
int bluevirt_sqlite3_reset(sqlite3_stmt *statement);
int bluevirt_sqlite3_clear_bindings(sqlite3_stmt *statement);
int bluevirt_sqlite3_finalize(sqlite3_stmt *statement);

int bluevirt_sqlite3_bind_null(sqlite3_stmt *statement, int index);
int bluevirt_sqlite3_bind_int64(sqlite3_stmt *statement, int index, int64_t value);
int bluevirt_sqlite3_bind_double(sqlite3_stmt *statement, int index, double value);
/// Binds a copy of `bytes` bytes of UTF-8 (SQLITE_TRANSIENT, a macro Swift cannot use).
int bluevirt_sqlite3_bind_text(sqlite3_stmt *statement, int index, const char *text, int bytes);

int bluevirt_sqlite3_column_count(sqlite3_stmt *statement);
const char *bluevirt_sqlite3_column_name(sqlite3_stmt *statement, int column);
int bluevirt_sqlite3_column_type(sqlite3_stmt *statement, int column);
int64_t bluevirt_sqlite3_column_int64(sqlite3_stmt *statement, int column);
double bluevirt_sqlite3_column_double(sqlite3_stmt *statement, int column);
const unsigned char *bluevirt_sqlite3_column_text(sqlite3_stmt *statement, int column);
int bluevirt_sqlite3_column_bytes(sqlite3_stmt *statement, int column);

#endif
