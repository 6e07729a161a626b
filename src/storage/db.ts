/**
 * The one IndexedDB database. Its schema is a list of numbered versions; a
 * change is a new entry with its own upgrade, never an edit of an old one,
 * because installed copies still hold data written by every earlier version.
 */
import { Dexie, type DexieOptions, type EntityTable, type Transaction } from "dexie";
import type { Coins, Points } from "../../optimizer/schema";
import type { ReferralRecord } from "../referral/records";
import type { ProgramSettings } from "../referral/settings";
import { DB_NAME } from "./db-name";
import { StorageError, toStorageError } from "./errors";
import { linkMirrorMiddleware, type MirrorWriter, storageMirrorWriter } from "./linkMirror";
import type { CouponImport, ReferralLink, StoredCoupon } from "./schemas";
import { type StampWriter, storageStampWriter, writeStampMiddleware } from "./writeStamp";

/** The coins balance is a single row under this key. */
export const COINS_KEY = "coins";
export type CoinsRow = Coins & { id: typeof COINS_KEY };

export interface SchemaVersion {
  version: number;
  /** Dexie store specs; a table left out keeps its previous spec. */
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

function normaliseInstant(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
}

const REFERRAL_INSTANTS = ["invitedAt", "registeredAt", "orderedAt", "creditedAt", "closedAt"] as const;

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      programs: "id",
      links: "id, programId",
      referrals: "id, programId, state",
      coupons: "id, kind, storeId, status, expiresAt",
      coins: "id",
      points: "storeId",
    },
  },
  {
    // Version 1 ordered coupons by their expiresAt text, which is wrong as soon
    // as offsets differ ("...T23:00-05:00" sorts before "...T01:00Z" of the next
    // day). Version 2 indexes the instant as a number instead, and writes
    // referral times in UTC so their index sorts by time too.
    version: 2,
    stores: {
      coupons: "id, kind, storeId, status, expiresMs",
      referrals: "id, programId, state, [programId+state], creditedAt",
    },
    upgrade: async (tx) => {
      await tx
        .table("coupons")
        .toCollection()
        .modify((c: Record<string, unknown>) => {
          const ms = typeof c.expiresAt === "string" ? Date.parse(c.expiresAt) : Number.NaN;
          // An unreadable expiry sorts first rather than being dropped: nothing is lost in an upgrade.
          c.expiresMs = Number.isFinite(ms) ? ms : 0;
        });
      await tx
        .table("referrals")
        .toCollection()
        .modify((r: Record<string, unknown>) => {
          for (const key of REFERRAL_INSTANTS) if (key in r) r[key] = normaliseInstant(r[key]);
          if (Array.isArray(r.history))
            r.history = r.history.map((h: Record<string, unknown>) => ({ ...h, at: normaliseInstant(h.at) }));
          else r.history = [];
        });
    },
  },
  {
    // Version 3 fills the wallet from what the shopper sees (issue 10): each
    // captured batch is a row of `imports`, so the last one can be undone, and
    // coupons are indexed by the batch that added them. Existing coupons need
    // no change: they belong to no batch.
    version: 3,
    stores: {
      coupons: "id, kind, storeId, status, expiresMs, importId",
      imports: "id, at",
    },
  },
  {
    // The popup's wallet list asks the database for one section (usable, expired, used), one
    // kind or store, in expiry order, a page at a time (src/storage/wallet.ts couponPage), so
    // that a wallet of thousands shows its first screen without reading every coupon. Entries
    // with equal keys sort by id, as the list always did. New indexes only: no data changes.
    version: 4,
    stores: {
      coupons:
        "id, kind, storeId, status, expiresMs, importId, [status+expiresMs], [status+kind+expiresMs], [status+storeId+expiresMs]",
    },
  },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS.at(-1)?.version ?? 1;

export interface StackwiseDbOptions extends DexieOptions {
  /** Declare only versions up to this one; tests use it to write data as an older release did. */
  upToVersion?: number;
  /** Where the copy of the default links goes (src/storage/linkMirror.ts); `storage.local` unless a test says. */
  linkMirror?: MirrorWriter;
  /** Where the stamp that every committed write changes goes (src/storage/writeStamp.ts). */
  writeStamp?: StampWriter;
}

export class StackwiseDb extends Dexie {
  programs!: EntityTable<ProgramSettings, "id">;
  links!: EntityTable<ReferralLink, "id">;
  referrals!: EntityTable<ReferralRecord, "id">;
  coupons!: EntityTable<StoredCoupon, "id">;
  coins!: EntityTable<CoinsRow, "id">;
  points!: EntityTable<Points, "storeId">;
  imports!: EntityTable<CouponImport, "id">;

  constructor(name: string = DB_NAME, options: StackwiseDbOptions = {}) {
    const {
      upToVersion = CURRENT_SCHEMA_VERSION,
      linkMirror = storageMirrorWriter,
      writeStamp = storageStampWriter,
      ...dexieOptions
    } = options;
    super(name, dexieOptions);
    this.use(linkMirrorMiddleware(this, linkMirror));
    this.use(writeStampMiddleware(writeStamp));
    for (const v of SCHEMA_VERSIONS) {
      if (v.version > upToVersion) break;
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

export interface OpenOptions extends StackwiseDbOptions {
  name?: string;
  /**
   * How long to wait for other open pages to let an upgrade through before
   * giving up with a "blocked" error (they usually close at once).
   */
  blockedTimeoutMs?: number;
}

/**
 * Opens the database, upgrading it if needed. Every failure comes out as a
 * StorageError whose `text` the popup can show: quota, private mode,
 * data from a newer release, an upgrade blocked by another open page.
 */
export async function openStackwiseDb(options: OpenOptions = {}): Promise<StackwiseDb> {
  const { name = DB_NAME, blockedTimeoutMs = 3000, ...dbOptions } = options;
  const db = new StackwiseDb(name, dbOptions);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const blocked = new Promise<"blocked">((resolve) => {
    db.on("blocked", () => {
      timer ??= setTimeout(() => resolve("blocked"), blockedTimeoutMs);
    });
  });
  const opening = db.open().then(() => "open" as const);
  // The open may still fail after we gave up on it; that is expected, not unhandled.
  opening.catch(() => undefined);
  try {
    const outcome = await Promise.race([opening, blocked]);
    if (outcome === "blocked") {
      db.close();
      throw new StorageError("blocked");
    }
    return db;
  } catch (e) {
    db.close();
    throw toStorageError(e);
  } finally {
    clearTimeout(timer);
  }
}
