/**
 * What each line of a stack really costs: every discount of an order spread over the
 * items it applies to, in proportion to what those items still cost, to the cent
 * (largest remainder), so the lines of an order add up exactly to its total less
 * shipping. The panel shows these as "price paid per item".
 *
 * - seller promotions, store coupons and store points: over that store's lines;
 * - the select coupon: over the select-eligible lines;
 * - the platform coupon and coins: over every line of the order.
 * When a discount is larger than what its own lines still cost, the rest goes over the
 * order's other lines.
 */
import type { Input, Result } from "./schema";

export interface LinePaid {
  itemId: string;
  quantity: number;
  /** Line total before discounts. */
  before: number;
  /** What the line costs after its share of every discount (shipping excluded). */
  paid: number;
}

/** Splits `amount` over `weights` proportionally; exact in integers; ties go to the earlier line. */
export function spread(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  if (amount === 0 || total === 0) return weights.map(() => 0);
  const big = BigInt(amount);
  const bigTotal = BigInt(total);
  const shares = weights.map((w) => (big * BigInt(w)) / bigTotal);
  const rest = weights.map((w, i) => ({ i, r: (big * BigInt(w)) % bigTotal }));
  let left = amount - shares.reduce((a, s) => a + Number(s), 0);
  rest.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const out = shares.map(Number);
  for (const { i } of rest) {
    if (left <= 0) break;
    out[i] = (out[i] as number) + 1;
    left--;
  }
  return out;
}

export function allocate(input: Input, result: Result): LinePaid[][] {
  const items = new Map(input.cart.items.map((i) => [i.id, i]));
  return result.orders.map((order) => {
    const lines = order.itemIds.map((id) => {
      const item = items.get(id);
      if (!item) throw new Error(`item ${id} of the result is not in the cart`);
      return { item, left: item.unitPrice * item.quantity };
    });
    type Line = (typeof lines)[number];
    const spreadOver = (amount: number, over: Line[]) => {
      spread(
        amount,
        over.map((l) => l.left),
      ).forEach((share, k) => {
        (over[k] as Line).left -= share;
      });
    };
    // A discount goes to its own lines; when earlier discounts left them less than it
    // (a store coupon ate into select items), the rest goes over the order's other lines.
    const take = (amount: number, on: (l: Line) => boolean) => {
      const own = lines.filter(on);
      const room = own.reduce((a, l) => a + l.left, 0);
      if (amount <= room) return spreadOver(amount, own);
      for (const l of own) l.left = 0;
      spreadOver(
        amount - room,
        lines.filter((l) => !on(l)),
      );
    };
    for (const p of order.sellerPromotions) take(p.amount, (l) => l.item.storeId === p.storeId);
    for (const c of order.storeCoupons) take(c.amount, (l) => l.item.storeId === c.storeId);
    if (order.selectCoupon) take(order.selectCoupon.amount, (l) => l.item.selectEligible);
    if (order.platformCoupon) take(order.platformCoupon.amount, () => true);
    for (const p of order.points) take(p.amount, (l) => l.item.storeId === p.storeId);
    take(order.coins.amount, () => true);
    return lines.map((l) => ({
      itemId: l.item.id,
      quantity: l.item.quantity,
      before: l.item.unitPrice * l.item.quantity,
      paid: l.left,
    }));
  });
}
