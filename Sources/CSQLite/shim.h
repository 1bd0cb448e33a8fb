#ifndef WEARPORT_CSQLITE_SHIM_H
#define WEARPORT_CSQLITE_SHIM_H
#include <sqlite3.h>
// SQLITE_TRANSIENT is a macro casting -1 to a destructor pointer; Swift cannot import it.
static inline sqlite3_destructor_type wearport_sqlite_transient(void) { return SQLITE_TRANSIENT; }
// sqlite3_config is variadic, which Swift cannot call. Without memory statistics, SQLite's allocator takes no mutex;
// it must run before SQLite initialises (it returns SQLITE_MISUSE afterwards, which is harmless).
static inline int wearport_sqlite_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
#endif
