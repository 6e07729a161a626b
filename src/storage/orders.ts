/**
 * "I placed this order": the order's coupons become used and its coins and
 * points are deducted together. Every check runs inside the transaction that
 * writes, so two popups confirming at once cannot both spend the same balance.
 */
import type { OrderResult } from "../../optimizer/schema";
import { type InstantLike, toIso } from "../core/calendar";
import { COINS_KEY, type StackwiseDb } from "./db";
import { guard, StorageError } from "./errors";

export interface PlaceOrderInput {
  couponIds: readonly string[];
  /** Coins spent; 0 or omitted for none. */
  coins?: number;
  points?: readonly { storeId: string; points: number }[];
  /** When the order was placed; stamped on the coupons as `usedAt`. */
  at?: InstantLike;
}

export interface PlaceOrderResult {
  usedCouponIds: string[];
  /** Balance after the order, when a coins balance is saved. */
  coinsBalance?: number;
  pointsBalances: { storeId: string; balance: number }[];
}

/** The spend of one order of an optimizer result, ready for `placeOrder`. */
export function orderFromResult(order: OrderResult, at?: InstantLike): PlaceOrderInput {
  const couponIds = [
    ...order.storeCoupons.map((c) => c.couponId),
    ...(order.selectCoupon ? [order.selectCoupon.couponId] : []),
    ...(order.platformCoupon ? [order.platformCoupon.couponId] : []),
  ];
  const input: PlaceOrderInput = {
    couponIds,
    coins: order.coins.coins,
    points: order.points.map((p) => ({ storeId: p.storeId, points: p.points })),
  };
  if (at !== undefined) input.at = at;
  return input;
}

const isCount = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

function refused(problems: string[]): StorageError {
  return new StorageError("order-refused", {
    userMessage: `The order was not recorded and nothing changed: ${problems.join("; ")}.`,
    problems,
  });
}

/**
 * Marks the coupons used and deducts coins and per-store points, in one
 * transaction. Refuses (changing nothing) when a coupon is missing, already
 * used or listed twice, or a balance would go below zero; `problems` lists
 * every reason, not just the first.
 */
export function placeOrder(db: StackwiseDb, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  return guard(async () => {
    const usedAt = toIso(input.at ?? Date.now());
    const coinsSpent = input.coins ?? 0;
    const pointsSpent = input.points ?? [];
    const shape: string[] = [];
    if (!isCount(coinsSpent)) shape.push("coins: expected a whole number of coins, 0 or more");
    pointsSpent.forEach((p, i) => {
      if (!isCount(p.points)) shape.push(`points[${i}]: expected a whole number of points, 0 or more`);
    });
    const seenStores = new Set<string>();
    for (const p of pointsSpent) {
      if (seenStores.has(p.storeId)) shape.push(`points for store "${p.storeId}" are listed twice`);
      seenStores.add(p.storeId);
    }
    const seenCoupons = new Set<string>();
    for (const id of input.couponIds) {
      if (seenCoupons.has(id)) shape.push(`coupon "${id}" is listed twice`);
      seenCoupons.add(id);
    }
    if (shape.length > 0) throw refused(shape);

    return db.transaction("rw", [db.coupons, db.coins, db.points], async () => {
      const problems: string[] = [];
      const coupons = await db.coupons.bulkGet([...input.couponIds]);
      coupons.forEach((c, i) => {
        const id = input.couponIds[i];
        if (c === undefined) problems.push(`coupon "${id}" is not in the wallet`);
        else if (c.status === "used") problems.push(`coupon "${id}" is already used`);
      });
      const coins = await db.coins.get(COINS_KEY);
      if (coinsSpent > 0) {
        if (coins === undefined) problems.push(`${coinsSpent} coins spent, but no coins balance is saved`);
        else if (coins.balance < coinsSpent)
          problems.push(`${coinsSpent} coins spent, but the balance is only ${coins.balance}`);
      }
      const points = await db.points.bulkGet(pointsSpent.map((p) => p.storeId));
      pointsSpent.forEach((p, i) => {
        const saved = points[i];
        if (p.points === 0) return;
        if (saved === undefined)
          problems.push(`${p.points} points spent at store "${p.storeId}", which has no points saved`);
        else if (saved.balance < p.points)
          problems.push(
            `${p.points} points spent at store "${p.storeId}", but its balance is only ${saved.balance}`,
          );
      });
      if (problems.length > 0) throw refused(problems);

      for (const c of coupons) if (c !== undefined) await db.coupons.put({ ...c, status: "used", usedAt });
      let coinsBalance: number | undefined;
      if (coins !== undefined) {
        coinsBalance = coins.balance - coinsSpent;
        if (coinsSpent > 0) await db.coins.put({ ...coins, balance: coinsBalance });
      }
      const pointsBalances: PlaceOrderResult["pointsBalances"] = [];
      for (const [i, p] of pointsSpent.entries()) {
        const saved = points[i];
        if (saved === undefined) continue;
        const balance = saved.balance - p.points;
        if (p.points > 0) await db.points.put({ ...saved, balance });
        pointsBalances.push({ storeId: p.storeId, balance });
      }
      const result: PlaceOrderResult = { usedCouponIds: [...input.couponIds], pointsBalances };
      if (coinsBalance !== undefined) result.coinsBalance = coinsBalance;
      return result;
    });
  });
}
