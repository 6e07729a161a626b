/** Coupons, coins and store points as stored, and the wallet handed to the optimizer. */

import { Dexie } from "dexie";
import { formatPath } from "../../optimizer/errors";
import {
  type Coins,
  CoinsSchema,
  type CouponKind,
  type Points,
  PointsSchema,
  type Wallet,
  WalletSchema,
} from "../../optimizer/schema";
import { HOUR_MS, type InstantLike, toEpochMs, toIso } from "../core/calendar";
import { message } from "../core/message";
import { EXPIRING_SOON_HOURS } from "../wallet/coupons";
import { COINS_KEY, type StackwiseDb } from "./db";
import { guard, StorageError } from "./errors";
import { optimizerCoupon, type StoredCoupon, StoredCouponSchema, withExpiryIndex } from "./schemas";

function invalid(
  what: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): StorageError {
  const problems = issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  return new StorageError("invalid-input", {
    userMessage: `The ${what} was not saved: ${problems.join("; ")}.`,
    problems,
  });
}

/** Validates a coupon (optimizer shape plus bookkeeping) into its stored form. */
export function toStoredCoupon(coupon: unknown): StoredCoupon {
  const parsed = StoredCouponSchema.safeParse(coupon);
  if (!parsed.success) throw invalid("coupon", parsed.error.issues);
  return withExpiryIndex(parsed.data);
}

/** All coupons, soonest expiry first (ties by id). */
export function listCoupons(db: StackwiseDb): Promise<StoredCoupon[]> {
  return guard(async () => {
    const all = await db.coupons.orderBy("expiresMs").toArray();
    // The index orders by expiry only; ties need the id order the optimizer uses.
    return all.sort((a, b) => a.expiresMs - b.expiresMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  });
}

export function getCoupon(db: StackwiseDb, id: string): Promise<StoredCoupon | undefined> {
  return guard(() => db.coupons.get(id));
}

/** Saves a new coupon; an id already in the wallet is refused ("conflict"). */
export function addCoupon(
  db: StackwiseDb,
  coupon: unknown,
  now: InstantLike = Date.now(),
): Promise<StoredCoupon> {
  return guard(async () => {
    const stored = toStoredCoupon(coupon);
    stored.addedAt ??= toIso(now);
    try {
      await db.coupons.add(stored);
    } catch (e) {
      if ((e as { name?: string }).name === "ConstraintError")
        throw new StorageError("conflict", {
          text: message("errorCouponExists", stored.id),
          cause: e,
        });
      throw e;
    }
    return stored;
  });
}

/** Creates or replaces a coupon, keeping when it was first added. */
export function saveCoupon(
  db: StackwiseDb,
  coupon: unknown,
  now: InstantLike = Date.now(),
): Promise<StoredCoupon> {
  return guard(async () => {
    const stored = toStoredCoupon(coupon);
    return db.transaction("rw", db.coupons, async () => {
      const before = await db.coupons.get(stored.id);
      stored.addedAt ??= before?.addedAt ?? toIso(now);
      await db.coupons.put(stored);
      return stored;
    });
  });
}

/** Marks a coupon used (recording when) or active again. */
export function setCouponStatus(
  db: StackwiseDb,
  id: string,
  status: "active" | "used",
  at: InstantLike = Date.now(),
): Promise<StoredCoupon> {
  return guard(() =>
    db.transaction("rw", db.coupons, async () => {
      const c = await db.coupons.get(id);
      if (c === undefined) throw new StorageError("not-found", { text: message("errorCouponGone") });
      const next: StoredCoupon = { ...c, status };
      if (status === "used") next.usedAt = toIso(at);
      else delete next.usedAt;
      await db.coupons.put(next);
      return next;
    }),
  );
}

export function removeCoupons(db: StackwiseDb, ids: readonly string[]): Promise<void> {
  return guard(() => db.coupons.bulkDelete([...ids]));
}

/**
 * Active coupons expiring within 72 hours (the toolbar badge), counted on the
 * expiry index so the background alarm does not load the whole wallet.
 */
export function countExpiringSoon(
  db: StackwiseDb,
  now: InstantLike,
  hours = EXPIRING_SOON_HOURS,
): Promise<number> {
  // On [status+expiresMs], the index alone answers: no coupon is read to test its status.
  const nowMs = toEpochMs(now);
  return guard(() => activeExpiringBetween(db, nowMs, nowMs + hours * HOUR_MS).count());
}

/** Active coupons expiring after `fromMs` and at or before `toMs`, on [status+expiresMs], soonest first. */
function activeExpiringBetween(db: StackwiseDb, fromMs: number, toMs: number) {
  return db.coupons.where("[status+expiresMs]").between(["active", fromMs], ["active", toMs], false, true);
}

/**
 * The soonest instant after `now` at which an active coupon expires or enters its last
 * `hours` before expiry (for each of `windowsHours`): the first entry of the
 * [status+expiresMs] index above each edge, so that the worker's refresh (on every
 * wallet change, alarm and browser start) reads a few coupons, not the whole wallet.
 */
export function nextExpiryBoundary(
  db: StackwiseDb,
  now: InstantLike,
  windowsHours: readonly number[],
): Promise<number | undefined> {
  const nowMs = toEpochMs(now);
  return guard(async () => {
    let next: number | undefined;
    for (const hours of [0, ...windowsHours]) {
      const edge = nowMs + hours * HOUR_MS;
      const first = await activeExpiringBetween(db, edge, Number.POSITIVE_INFINITY).first();
      const at = first === undefined ? undefined : first.expiresMs - hours * HOUR_MS;
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next;
  });
}

/** Active coupons expiring after `now` and within `hours` of it, soonest first (ties by id). */
export function activeExpiringWithin(
  db: StackwiseDb,
  now: InstantLike,
  hours: number,
): Promise<StoredCoupon[]> {
  const nowMs = toEpochMs(now);
  return guard(() => activeExpiringBetween(db, nowMs, nowMs + hours * HOUR_MS).toArray());
}

/** Which of `ids` are coupons still usable at `now` (active and not expired). */
export function liveCouponIds(
  db: StackwiseDb,
  ids: readonly string[],
  now: InstantLike,
): Promise<Set<string>> {
  const nowMs = toEpochMs(now);
  return guard(async () => {
    const found = await db.coupons.bulkGet([...ids]);
    return new Set(
      found.flatMap((c) => (c !== undefined && c.status === "active" && c.expiresMs > nowMs ? [c.id] : [])),
    );
  });
}

export function getCoins(db: StackwiseDb): Promise<Coins | undefined> {
  return guard(async () => {
    const row = await db.coins.get(COINS_KEY);
    if (row === undefined) return undefined;
    const { id: _key, ...coins } = row;
    return coins;
  });
}

/** Saves the coins balance and its rules. */
export function saveCoins(db: StackwiseDb, coins: unknown): Promise<Coins> {
  return guard(async () => {
    const parsed = CoinsSchema.safeParse(coins);
    if (!parsed.success) throw invalid("coins balance", parsed.error.issues);
    await db.coins.put({ ...parsed.data, id: COINS_KEY });
    return parsed.data;
  });
}

export function clearCoins(db: StackwiseDb): Promise<void> {
  return guard(() => db.coins.delete(COINS_KEY));
}

/** Store point balances, by store id. */
export function listPoints(db: StackwiseDb): Promise<Points[]> {
  return guard(() => db.points.orderBy("storeId").toArray());
}

/** Creates or replaces one store's points. */
export function savePoints(db: StackwiseDb, points: unknown): Promise<Points> {
  return guard(async () => {
    const parsed = PointsSchema.safeParse(points);
    if (!parsed.success) throw invalid("points balance", parsed.error.issues);
    await db.points.put(parsed.data);
    return parsed.data;
  });
}

export function removePoints(db: StackwiseDb, storeId: string): Promise<void> {
  return guard(() => db.points.delete(storeId));
}

export interface StoredWallet {
  coupons: StoredCoupon[];
  coins?: Coins;
  points: Points[];
}

/** The whole wallet in one consistent read. */
export function getWallet(db: StackwiseDb): Promise<StoredWallet> {
  return guard(() =>
    db.transaction("r", [db.coupons, db.coins, db.points], async () => {
      const [coupons, coins, points] = await Promise.all([listCoupons(db), getCoins(db), listPoints(db)]);
      return coins === undefined ? { coupons, points } : { coupons, coins, points };
    }),
  );
}

/**
 * The wallet in the optimizer's `wallet` input shape: active coupons (without
 * the expired ones when `now` is given), coins and points, checked against
 * the optimizer's WalletSchema so it can be passed on as is.
 */
export function getOptimizerWallet(db: StackwiseDb, options: { now?: InstantLike } = {}): Promise<Wallet> {
  return guard(async () => {
    const wallet = await getWallet(db);
    const nowMs = options.now === undefined ? undefined : toEpochMs(options.now);
    const coupons = wallet.coupons
      .filter((c) => c.status === "active" && (nowMs === undefined || c.expiresMs > nowMs))
      .map(optimizerCoupon);
    const out = { coupons, coins: wallet.coins, points: wallet.points };
    if (out.coins === undefined) delete out.coins;
    return WalletSchema.parse(out);
  });
}

/** The popup's three coupon lists: usable (soonest expiry first), expired and used (latest first). */
export type CouponSection = "active" | "expired" | "used";

/** Coupons per page of a list: a popup's screenful and a little more, so the first screen is whole at once. */
export const COUPON_PAGE_SIZE = 30;

/** One section of the wallet under a filter. */
export interface CouponSectionQuery {
  section: CouponSection;
  /** Omitted or "all": every kind. */
  kind?: CouponKind | "all";
  /** Omitted: every store; null: only coupons without a store. */
  storeId?: string | null;
  /** Splits usable from expired, as isExpired does: expired from the instant of expiry. */
  now: InstantLike;
}

export interface CouponPageQuery extends CouponSectionQuery {
  offset?: number;
  limit: number;
}

export interface CouponPage {
  coupons: StoredCoupon[];
  /** How many coupons the section holds with these filters, all pages together. */
  total: number;
}

/**
 * A section's coupons in the list's order (groupCoupons's), sorted and filtered by the
 * database's compound indexes (schema version 4) rather than in the component.
 */
function sectionCoupons(db: StackwiseDb, query: CouponSectionQuery) {
  const nowMs = toEpochMs(query.now);
  const status = query.section === "used" ? "used" : "active";
  const kind = query.kind === undefined || query.kind === "all" ? undefined : query.kind;
  const store = query.storeId;
  // The index whose prefix holds the most of the filter; what it cannot hold is checked per coupon.
  const prefix: (string | number)[] =
    kind !== undefined ? [status, kind] : typeof store === "string" ? [status, store] : [status];
  const index =
    kind !== undefined
      ? "[status+kind+expiresMs]"
      : typeof store === "string"
        ? "[status+storeId+expiresMs]"
        : "[status+expiresMs]";
  const [low, high, lowOpen] =
    query.section === "active"
      ? [nowMs, Dexie.maxKey, true]
      : query.section === "expired"
        ? [Dexie.minKey, nowMs, false]
        : [Dexie.minKey, Dexie.maxKey, false];
  let collection = db.coupons.where(index).between([...prefix, low], [...prefix, high], !lowOpen, true);
  const residual =
    store === null
      ? (c: StoredCoupon) => c.storeId === undefined
      : typeof store === "string" && kind !== undefined
        ? (c: StoredCoupon) => c.storeId === store
        : undefined;
  if (residual !== undefined) collection = collection.filter(residual);
  if (query.section !== "active") collection = collection.reverse();
  return collection;
}

/**
 * One page of one section of the wallet, and the section's total: a wallet of thousands
 * reads a screenful, not every coupon.
 */
export function couponPage(db: StackwiseDb, query: CouponPageQuery): Promise<CouponPage> {
  return guard(() =>
    db.transaction("r", db.coupons, async () => {
      // Asked together: each is a round trip to the browser's database process, and neither needs the other.
      const [total, coupons] = await Promise.all([
        sectionCoupons(db, query).count(),
        sectionCoupons(db, query)
          .offset(query.offset ?? 0)
          .limit(query.limit)
          .toArray(),
      ]);
      return { coupons, total };
    }),
  );
}

/**
 * A page without its section's total. The page costs about a millisecond whatever the
 * wallet's size; the total does not: the browser counts a key range by walking it (60 to
 * 100 ms for 18,000 usable coupons in Chromium), so the first screen does not wait for it.
 */
export function couponPageCoupons(db: StackwiseDb, query: CouponPageQuery): Promise<StoredCoupon[]> {
  return guard(() =>
    sectionCoupons(db, query)
      .offset(query.offset ?? 0)
      .limit(query.limit)
      .toArray(),
  );
}

/** How many coupons a section holds under a filter. */
export function couponSectionTotal(db: StackwiseDb, query: CouponSectionQuery): Promise<number> {
  return guard(() => sectionCoupons(db, query).count());
}

/** What the wallet tab shows beside the coupon lists: counts, the stores to filter by, coins and points. */
export interface WalletSummary {
  couponCount: number;
  /** Store ids of coupons and points, sorted, for the store filter and the coupon form. */
  stores: string[];
  coins?: Coins;
  points: Points[];
}

/**
 * The distinct store ids of the wallet's coupons, sorted. Dexie's `uniqueKeys` visits every
 * entry of the index (about 190 ms for 20,000 coupons in Chromium while the lists are read
 * beside it, and the wallet tab waited for it); this cursor jumps from one store to the
 * next (`continue` to the key just above), so it costs one step per store.
 */
function couponStoreIds(db: StackwiseDb): Promise<string[]> {
  return db.transaction(
    "r",
    db.coupons,
    (tx) =>
      new Promise<string[]>((resolve, reject) => {
        const ids: string[] = [];
        const walk = tx.idbtrans.objectStore("coupons").index("storeId").openKeyCursor(null, "nextunique");
        walk.onerror = () => reject(walk.error);
        walk.onsuccess = () => {
          const cursor = walk.result;
          if (cursor === null) return resolve(ids);
          const key = cursor.key;
          ids.push(String(key));
          // The least string above `key` is `key` and a NUL: no store id lies between.
          if (typeof key === "string") cursor.continue(`${key}\u0000`);
          else cursor.continue();
        };
      }),
  );
}

export function getWalletSummary(db: StackwiseDb): Promise<WalletSummary> {
  return guard(() =>
    db.transaction("r", [db.coupons, db.coins, db.points], async () => {
      const [couponCount, couponStores, coins, points] = await Promise.all([
        db.coupons.count(),
        couponStoreIds(db),
        getCoins(db),
        listPoints(db),
      ]);
      const stores = [...new Set([...couponStores.map(String), ...points.map((p) => p.storeId)])].sort();
      return coins === undefined ? { couponCount, stores, points } : { couponCount, stores, coins, points };
    }),
  );
}
