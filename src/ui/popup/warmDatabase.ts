/**
 * The popup's first screen waits for the database, and the first opening of a
 * database in a browser session is the slow one: the browser reads its files
 * from disk. The popup's first module asks for the database at once, with the
 * browser's own IndexedDB (no Dexie: that would be the whole module graph this
 * is meant to overtake), so that the files are open by the time Dexie asks,
 * tens of milliseconds later, while the rest of the popup is still loading.
 *
 * The connection only keeps the files open: it reads nothing, and it never
 * creates or upgrades the database. It closes when Dexie's own opening has
 * settled, when another connection wants a new version or to delete the
 * database, or after HOLD_MS, whichever comes first.
 */
import { DB_NAME } from "../../storage/db-name";

/**
 * Longest the connection stays open if nobody releases it. Below openStackwiseDb's
 * blocked timeout (3 s), so that even a version change that reached the connection
 * before it could listen cannot make Dexie's opening fail.
 */
export const HOLD_MS = 1500;

let releaseLast: () => void = () => undefined;

/** Starts the warm opening; returns what closes it (also releaseWarmDatabase, for the last one). */
export function warmDatabase(idb: IDBFactory | undefined = globalThis.indexedDB, name = DB_NAME): () => void {
  if (idb === undefined) return () => undefined;
  let connection: IDBDatabase | undefined;
  let released = false;
  const timer = setTimeout(() => release(), HOLD_MS);
  const release = () => {
    released = true;
    clearTimeout(timer);
    connection?.close();
    connection = undefined;
  };
  releaseLast = release;
  let request: IDBOpenDBRequest;
  try {
    // No version: the database as it is. A database that does not exist yet would be created
    // here at version 1 with no tables, which Dexie would then take for an old one: that
    // creation is aborted instead, which leaves no database behind.
    request = idb.open(name);
  } catch {
    release();
    return release;
  }
  request.onupgradeneeded = () => request.transaction?.abort();
  request.onerror = (event) => {
    // The aborted creation, or a refusal that Dexie's own opening will report.
    event.preventDefault();
    release();
  };
  request.onsuccess = () => {
    const opened = request.result;
    if (released) {
      opened.close();
      return;
    }
    connection = opened;
    opened.onversionchange = release;
  };
  return release;
}

/** Dexie's opening has settled: the last warm connection has done its work. */
export function releaseWarmDatabase(): void {
  releaseLast();
}
