/**
 * The database's name, apart from db.ts so that code which must stay tiny (the
 * popup's first module, src/ui/popup/warmDatabase.ts) can name the database
 * without loading Dexie.
 */
export const DB_NAME = "stackwise";
