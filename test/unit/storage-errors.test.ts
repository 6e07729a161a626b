import { Dexie } from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import englishCatalogue from "../../public/_locales/en/messages.json";
import { message, plural } from "../../src/core/message";
import { type CatalogueEntry, catalogueSay } from "../../src/services/i18n";
import { CURRENT_SCHEMA_VERSION, openStackwiseDb, StackwiseDb } from "../../src/storage/db";
import {
  guard,
  KIND_TEXTS,
  StorageError,
  type StorageErrorKind,
  toStorageError,
} from "../../src/storage/errors";

const names: string[] = [];
const freshName = () => {
  const name = `errors-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  vi.restoreAllMocks();
  for (const name of names.splice(0)) await Dexie.delete(name).catch(() => undefined);
});

describe("toStorageError", () => {
  it.each([
    [new DOMException("full", "QuotaExceededError"), "quota"],
    [{ name: "AbortError", inner: { name: "QuotaExceededError" } }, "quota"],
    [{ name: "BulkError", failures: [{ name: "QuotaExceededError" }] }, "quota"],
    [{ name: "Error", code: 22 }, "quota"],
    [{ name: "OpenFailedError", inner: new DOMException("private", "InvalidStateError") }, "unavailable"],
    [{ name: "MissingAPIError" }, "unavailable"],
    [new DOMException("denied", "SecurityError"), "unavailable"],
    [{ name: "VersionError" }, "version"],
    [{ name: "UpgradeError" }, "upgrade-failed"],
    [{ name: "DatabaseClosedError" }, "closed"],
    [{ name: "ConstraintError" }, "conflict"],
    [new TypeError("boom"), "unknown"],
    ["a string", "unknown"],
    [null, "unknown"],
  ])("%o -> %s", (input, kind) => {
    const err = toStorageError(input);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe(kind);
    expect(err.text).toEqual(message(KIND_TEXTS[err.kind]));
    expect(catalogueSay(englishCatalogue as Record<string, CatalogueEntry>, err.text).length).toBeGreaterThan(
      20,
    );
  });

  it("keeps a StorageError as it is and the original as cause", async () => {
    const own = new StorageError("order-refused", { problems: ["x"] });
    expect(toStorageError(own)).toBe(own);
    const original = new DOMException("full", "QuotaExceededError");
    await expect(guard(() => Promise.reject(original))).rejects.toMatchObject({
      kind: "quota",
      cause: original,
    });
  });
});

describe("the sentence for people", () => {
  const english = englishCatalogue as Record<string, CatalogueEntry>;

  it.each(Object.keys(KIND_TEXTS) as StorageErrorKind[])(
    "%s: says the kind's catalogue message, with no English of its own",
    (kind) => {
      const err = new StorageError(kind);
      expect(err.text).toEqual(message(KIND_TEXTS[kind]));
      expect(err.ownText).toBe(false);
      expect(err.userMessage).toBeUndefined();
      expect(catalogueSay(english, err.text)).not.toBe("");
    },
  );

  it("carries the thrower's own message when it has one, for the UI to translate", () => {
    const text = plural("referral_capReached", 10, 10, "March 2026");
    const err = new StorageError("cap-reached", { userMessage: "The cap of 10 rewards for 2026-03…", text });
    expect(err.text).toBe(text);
    expect(err.ownText).toBe(true);
    expect(toStorageError(err).text).toBe(text);
  });
});

describe("opening the database", () => {
  it("an upgrade blocked by a page still holding the old version fails with a clear message", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const name = freshName();
    const v1 = new StackwiseDb(name, { upToVersion: 1 });
    await v1.open();
    v1.close();
    // A raw connection ignores versionchange, as a stuck page would.
    const holder = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const err = await openStackwiseDb({ name, blockedTimeoutMs: 50 }).catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe("blocked");
    expect(catalogueSay(englishCatalogue as Record<string, CatalogueEntry>, err.text)).toMatch(
      /another Stackwise page/,
    );
    holder.close();
    // Once the other page is gone the upgrade goes through.
    const db = await openStackwiseDb({ name });
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    db.close();
  });

  it("data written by a newer release still opens, and keeps what this release does not know", async () => {
    // Dexie 4 opens a database at a higher version when the tables it needs are there,
    // so a downgrade (user reinstalls an older build) does not lock the user out.
    const name = freshName();
    const future = new StackwiseDb(name);
    future.version(3).stores({ orders: "id" });
    await future.open();
    await future.table("orders").put({ id: "o1" });
    await future.coupons.put({
      id: "c",
      kind: "platform",
      off: 1,
      minSpend: 0,
      expiresAt: "2026-01-01T00:00:00Z",
      status: "active",
      expiresMs: Date.parse("2026-01-01T00:00:00Z"),
    });
    future.close();
    const db = await openStackwiseDb({ name });
    expect(await db.coupons.count()).toBe(1);
    db.close();
    const again = new Dexie(name);
    await again.open();
    expect(await again.table("orders").count()).toBe(1);
    again.close();
  });

  it("private mode (IndexedDB refusing to open) is reported as unavailable", async () => {
    const refusing = {
      open() {
        throw new DOMException(
          "A mutation operation was attempted on a database that did not allow mutations.",
          "InvalidStateError",
        );
      },
    } as unknown as IDBFactory;
    const err = await openStackwiseDb({ name: freshName(), indexedDB: refusing, IDBKeyRange }).catch(
      (e) => e,
    );
    expect(err).toMatchObject({ kind: "unavailable" });
    expect(catalogueSay(englishCatalogue as Record<string, CatalogueEntry>, err.text)).toMatch(
      /Private browsing/,
    );
  });

  it("IndexedDB failing asynchronously (open request error) is reported too", async () => {
    const failing = {
      open() {
        const req: Record<string, unknown> = {};
        setTimeout(() => {
          req.error = new DOMException("denied", "SecurityError");
          (req.onerror as ((e: unknown) => void) | undefined)?.({
            target: req,
            preventDefault() {},
            stopPropagation() {},
          });
        }, 0);
        return req;
      },
    } as unknown as IDBFactory;
    const err = await openStackwiseDb({ name: freshName(), indexedDB: failing, IDBKeyRange }).catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe("unavailable");
  });
});
