// Opens libsqlite3 with dlopen when the state store is first opened instead of linking it (see
// CSQLite.h): the dynamic loader then binds none of SQLite's symbols for a command that never
// reads the state.
#include "CSQLite.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#ifdef __APPLE__
#define SQLITE_LIBRARY "libsqlite3.dylib"
#else
#define SQLITE_LIBRARY "libsqlite3.so.0"
#endif

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[512];
static int loaded;

static struct {
    int (*open_v2)(const char *, sqlite3 **, int, const char *);
    int (*close_v2)(sqlite3 *);
    int (*busy_timeout)(sqlite3 *, int);
    int (*extended_result_codes)(sqlite3 *, int);
    int (*extended_errcode)(sqlite3 *);
    const char *(*errmsg)(sqlite3 *);
    const char *(*errstr)(int);
    int (*changes)(sqlite3 *);
    sqlite3_int64 (*last_insert_rowid)(sqlite3 *);
    int (*prepare_v2)(sqlite3 *, const char *, int, sqlite3_stmt **, const char **);
    int (*step)(sqlite3_stmt *);
    int (*reset)(sqlite3_stmt *);
    int (*clear_bindings)(sqlite3_stmt *);
    int (*finalize)(sqlite3_stmt *);
    int (*bind_null)(sqlite3_stmt *, int);
    int (*bind_int64)(sqlite3_stmt *, int, sqlite3_int64);
    int (*bind_double)(sqlite3_stmt *, int, double);
    int (*bind_text)(sqlite3_stmt *, int, const char *, int, void (*)(void *));
    int (*column_count)(sqlite3_stmt *);
    const char *(*column_name)(sqlite3_stmt *, int);
    int (*column_type)(sqlite3_stmt *, int);
    sqlite3_int64 (*column_int64)(sqlite3_stmt *, int);
    double (*column_double)(sqlite3_stmt *, int);
    const unsigned char *(*column_text)(sqlite3_stmt *, int);
    int (*column_bytes)(sqlite3_stmt *, int);
} sqlite;

#define BIND(field, name) \
    if ((*(void **)&sqlite.field = dlsym(library, name)) == NULL) { \
        snprintf(load_error, sizeof load_error, "the loaded %s lacks %s; install libsqlite3-0", SQLITE_LIBRARY, name); \
        return; \
    }

static void load_library(void) {
    // RTLD_LOCAL: SQLite's symbols stay out of the global scope.
    void *library = dlopen(SQLITE_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(load_error, sizeof load_error, "%s", reason ? reason : SQLITE_LIBRARY ": cannot be loaded");
        return;
    }
    BIND(open_v2, "sqlite3_open_v2")
    BIND(close_v2, "sqlite3_close_v2")
    BIND(busy_timeout, "sqlite3_busy_timeout")
    BIND(extended_result_codes, "sqlite3_extended_result_codes")
    BIND(extended_errcode, "sqlite3_extended_errcode")
    BIND(errmsg, "sqlite3_errmsg")
    BIND(errstr, "sqlite3_errstr")
    BIND(changes, "sqlite3_changes")
    BIND(last_insert_rowid, "sqlite3_last_insert_rowid")
    BIND(prepare_v2, "sqlite3_prepare_v2")
    BIND(step, "sqlite3_step")
    BIND(reset, "sqlite3_reset")
    BIND(clear_bindings, "sqlite3_clear_bindings")
    BIND(finalize, "sqlite3_finalize")
    BIND(bind_null, "sqlite3_bind_null")
    BIND(bind_int64, "sqlite3_bind_int64")
    BIND(bind_double, "sqlite3_bind_double")
    BIND(bind_text, "sqlite3_bind_text")
    BIND(column_count, "sqlite3_column_count")
    BIND(column_name, "sqlite3_column_name")
    BIND(column_type, "sqlite3_column_type")
    BIND(column_int64, "sqlite3_column_int64")
    BIND(column_double, "sqlite3_column_double")
    BIND(column_text, "sqlite3_column_text")
    BIND(column_bytes, "sqlite3_column_bytes")
    loaded = 1;
}

const char *bluevirt_sqlite3_load(void) {
    pthread_once(&load_once, load_library);
    return loaded ? NULL : load_error;
}

int bluevirt_sqlite3_open_v2(const char *path, sqlite3 **db, int flags) { return sqlite.open_v2(path, db, flags, NULL); }
int bluevirt_sqlite3_close_v2(sqlite3 *db) { return sqlite.close_v2(db); }
int bluevirt_sqlite3_busy_timeout(sqlite3 *db, int milliseconds) { return sqlite.busy_timeout(db, milliseconds); }
int bluevirt_sqlite3_extended_result_codes(sqlite3 *db, int on) { return sqlite.extended_result_codes(db, on); }
int bluevirt_sqlite3_extended_errcode(sqlite3 *db) { return sqlite.extended_errcode(db); }
const char *bluevirt_sqlite3_errmsg(sqlite3 *db) { return sqlite.errmsg(db); }
const char *bluevirt_sqlite3_errstr(int code) { return sqlite.errstr(code); }
int bluevirt_sqlite3_changes(sqlite3 *db) { return sqlite.changes(db); }
int64_t bluevirt_sqlite3_last_insert_rowid(sqlite3 *db) { return sqlite.last_insert_rowid(db); }

int bluevirt_sqlite3_prepare_v2(sqlite3 *db, const char *sql, int bytes, sqlite3_stmt **statement, const char **tail) {
    return sqlite.prepare_v2(db, sql, bytes, statement, tail);
}
int bluevirt_sqlite3_step(sqlite3_stmt *statement) { return sqlite.step(statement); }
int bluevirt_sqlite3_reset(sqlite3_stmt *statement) { return sqlite.reset(statement); }
int bluevirt_sqlite3_clear_bindings(sqlite3_stmt *statement) { return sqlite.clear_bindings(statement); }
int bluevirt_sqlite3_finalize(sqlite3_stmt *statement) { return sqlite.finalize(statement); }

int bluevirt_sqlite3_bind_null(sqlite3_stmt *statement, int index) { return sqlite.bind_null(statement, index); }
int bluevirt_sqlite3_bind_int64(sqlite3_stmt *statement, int index, int64_t value) { return sqlite.bind_int64(statement, index, value); }
int bluevirt_sqlite3_bind_double(sqlite3_stmt *statement, int index, double value) { return sqlite.bind_double(statement, index, value); }
int bluevirt_sqlite3_bind_text(sqlite3_stmt *statement, int index, const char *text, int bytes) {
    return sqlite.bind_text(statement, index, text, bytes, SQLITE_TRANSIENT);
}

int bluevirt_sqlite3_column_count(sqlite3_stmt *statement) { return sqlite.column_count(statement); }
const char *bluevirt_sqlite3_column_name(sqlite3_stmt *statement, int column) { return sqlite.column_name(statement, column); }
int bluevirt_sqlite3_column_type(sqlite3_stmt *statement, int column) { return sqlite.column_type(statement, column); }
int64_t bluevirt_sqlite3_column_int64(sqlite3_stmt *statement, int column) { return sqlite.column_int64(statement, column); }
double bluevirt_sqlite3_column_double(sqlite3_stmt *statement, int column) { return sqlite.column_double(statement, column); }
const unsigned char *bluevirt_sqlite3_column_text(sqlite3_stmt *statement, int column) { return sqlite.column_text(statement, column); }
int bluevirt_sqlite3_column_bytes(sqlite3_stmt *statement, int column) { return sqlite.column_bytes(statement, column); }
