/**
 * A test database whose writes can be made to fail, table by table, the way
 * a full disk fails them (QuotaExceededError), to show a failed write loses
 * nothing.
 */
import { Dexie } from "dexie";
import { StackwiseDb } from "../../../src/storage/db";

export interface FailableDb {
  db: StackwiseDb;
  /** Every write to this table fails from now on; `null` lets writes through again. */
  failWritesTo(table: string | null): void;
  /** Closes and deletes the database. */
  close(): Promise<void>;
}

export async function openFailableDb(prefix: string): Promise<FailableDb> {
  const name = `${prefix}-${Math.random().toString(36).slice(2)}`;
  let failing: string | null = null;
  // Middleware must be in place before the database opens.
  const db = new StackwiseDb(name);
  db.use({
    stack: "dbcore",
    name: "fail-writes",
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName);
        return {
          ...table,
          mutate: (req) =>
            failing === tableName
              ? Promise.reject(new DOMException("The quota has been exceeded.", "QuotaExceededError"))
              : table.mutate(req),
        };
      },
    }),
  });
  await db.open();
  return {
    db,
    failWritesTo: (table) => {
      failing = table;
    },
    close: async () => {
      db.close();
      await Dexie.delete(name);
    },
  };
}
