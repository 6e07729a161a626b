/**
 * The popup's warm opening of the database (src/ui/popup/warmDatabase.ts), against
 * fake-indexeddb: it must never create, block or upgrade the database that Dexie
 * then opens, whatever state that database is in.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { openStackwiseDb } from "../../src/storage/db";
import { DB_NAME } from "../../src/storage/db-name";
import { HOLD_MS, releaseWarmDatabase, warmDatabase } from "../../src/ui/popup/warmDatabase";

let n = 0;
const freshName = () => `warm-test-${++n}`;

/** Resolves with the database's version, or undefined when no database has that name. */
async function versionOf(name: string): Promise<number | undefined> {
  const found = (await indexedDB.databases()).find((d) => d.name === name);
  return found?.version;
}

/** Waits until the warm request has had its answer (fake-indexeddb answers on timers). */
const answered = () => new Promise((resolve) => setTimeout(resolve, 20));

/** Opens `name` at `version` and says whether the browser reported it blocked by another connection. */
function openAt(name: string, version: number): Promise<{ db: IDBDatabase; blocked: boolean }> {
  return new Promise((resolve, reject) => {
    let blocked = false;
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => request.result.createObjectStore(`v${version}`);
    request.onblocked = () => {
      blocked = true;
    };
    request.onsuccess = () => resolve({ db: request.result, blocked });
    request.onerror = () => reject(request.error);
  });
}

afterEach(() => {
  releaseWarmDatabase();
  vi.useRealTimers();
});

describe("warmDatabase", () => {
  it("names the database Dexie opens", async () => {
    const db = await openStackwiseDb();
    expect(db.name).toBe(DB_NAME);
    db.close();
  });

  it("creates nothing when the database does not exist yet (a first run)", async () => {
    const name = freshName();
    warmDatabase(indexedDB, name);
    await answered();
    expect(await versionOf(name)).toBeUndefined();
    // Dexie, arriving after, creates the whole schema from the start.
    const db = await openStackwiseDb({ name });
    expect(db.verno).toBeGreaterThan(1);
    expect(db.tables.length).toBeGreaterThan(3);
    db.close();
  });

  it("steps aside at once for an upgrade (a popup opened after the extension updated)", async () => {
    const name = freshName();
    (await openAt(name, 1)).db.close();
    warmDatabase(indexedDB, name);
    await answered();
    const upgraded = await openAt(name, 2);
    expect(upgraded.blocked).toBe(false);
    expect(await versionOf(name)).toBe(2);
    upgraded.db.close();
  });

  it("closes at once for a delete (the options page's 'delete all data')", async () => {
    const name = freshName();
    (await openAt(name, 1)).db.close();
    warmDatabase(indexedDB, name);
    await answered();
    const deleted = await new Promise<"deleted" | "blocked">((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onblocked = () => resolve("blocked");
      request.onsuccess = () => resolve("deleted");
    });
    expect(deleted).toBe("deleted");
    expect(await versionOf(name)).toBeUndefined();
  });

  it("closes by itself after HOLD_MS when nobody releases it", async () => {
    const name = freshName();
    (await openAt(name, 1)).db.close();
    const close = vi.spyOn(IDBDatabase.prototype, "close");
    warmDatabase(indexedDB, name);
    await answered();
    expect(close).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS + 50));
    expect(close).toHaveBeenCalledTimes(1);
    close.mockRestore();
  });

  it("closes a connection that arrives after it was released", async () => {
    const name = freshName();
    (await openAt(name, 1)).db.close();
    const close = vi.spyOn(IDBDatabase.prototype, "close");
    const release = warmDatabase(indexedDB, name);
    release();
    await answered();
    expect(close).toHaveBeenCalledTimes(1);
    close.mockRestore();
  });

  it("does nothing where there is no IndexedDB", () => {
    expect(() => warmDatabase(undefined)()).not.toThrow();
  });
});
