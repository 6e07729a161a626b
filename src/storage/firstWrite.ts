/**
 * What keeps a copy outside the database in step with it (linkMirror.ts,
 * writeStamp.ts): a Dexie middleware that tells, once per transaction, of its
 * first write, whoever makes it (popup, options page, backup import, background),
 * rather than a call in each repository function that could be forgotten.
 */
import type { DBCore, DBCoreTable, DBCoreTransaction, Middleware } from "dexie";

/** When `trans` ends: true once committed, false when it aborted or failed. */
function ended(trans: DBCoreTransaction): Promise<boolean> {
  const idb = trans as unknown as IDBTransaction;
  return new Promise((resolve) => {
    idb.addEventListener("complete", () => resolve(true));
    idb.addEventListener("abort", () => resolve(false));
    idb.addEventListener("error", () => resolve(false));
  });
}

/**
 * Calls `onWrite` at the first write of each transaction to one of `tables` (to any
 * table when none are named), inside that transaction's zone, with whether it commits.
 */
export function firstWriteMiddleware(
  name: string,
  onWrite: (committed: Promise<boolean>) => void,
  tables?: ReadonlySet<string>,
): Middleware<DBCore> {
  const seen = new WeakSet<object>();
  return {
    stack: "dbcore",
    name,
    create: (down) => ({
      ...down,
      table(tableName: string): DBCoreTable {
        const table = down.table(tableName);
        if (tables !== undefined && !tables.has(tableName)) return table;
        return {
          ...table,
          mutate(req) {
            const trans = req.trans as unknown as object;
            if (!seen.has(trans)) {
              seen.add(trans);
              onWrite(ended(req.trans));
            }
            return table.mutate(req);
          },
        };
      },
    }),
  };
}
