/**
 * What the panel shows of a stack, worked out from the background's update:
 * the price paid per line (the optimizer's `allocate`), each order's slots in
 * checkout order, and "add X to unlock Y" hints. Pure, so tests need no page.
 */
import { allocate } from "../../../optimizer/allocate";
import type { Cart, Coupon, Input, OrderResult } from "../../../optimizer/schema";
import type { StackUpdate } from "../../messaging/checkout";
import { couponFace } from "../../services/coupon-labels";
import { money } from "../../services/format";
import { t, tn } from "../../services/i18n";

export interface ItemView {
  id: string;
  title: string;
  quantity: number;
  /** Line total before discounts, cents. */
  before: number;
  /** What the line costs after its share of every discount, cents. */
  paid: number;
}

export type SlotKind = "promotion" | "store" | "select" | "platform" | "promo" | "points" | "coins";

export interface SlotView {
  kind: SlotKind;
  label: string;
  /** The coupon (id and face), the points or the coins. */
  detail: string;
  /** Cents taken off. */
  amount: number;
  couponId?: string;
  /** A promo code to type: the panel offers to copy it. */
  code?: string;
  /** Taken off by the shop on its own (seller promotions), not a choice to make. */
  automatic: boolean;
}

export interface OrderView {
  items: ItemView[];
  slots: SlotView[];
  shipping: number;
  total: number;
}

export interface HintView {
  couponId: string;
  shortfall: number;
  text: string;
}

export interface StackView {
  currency: string;
  total: number;
  baseline: number;
  savings: number;
  /** How much more the shop's largest-coupon pick would cost; 0 when it is as good. */
  beyondGreedy: number;
  optimal: boolean;
  orders: OrderView[];
  hints: HintView[];
  /** Lines in the cart that are not ticked, so not in any order. */
  unticked: number;
}

/** Unlock hints shown at most: the closest ones. */
export const MAX_HINTS = 4;

/** `allocate` reads only the cart; the rest of its input is filled in to its type. */
const asInput = (cart: Cart): Input => ({
  now: "1970-01-01T00:00:00Z",
  cart,
  wallet: { coupons: [], points: [] },
  rules: { platformMinSpendBasis: "discounted" },
  options: { maxOrders: 1, useCoins: true, usePoints: true, timeBudgetMs: 100 },
});

export function stackView(update: StackUpdate, locale: string): StackView {
  const { cart, result, coupons } = update;
  const currency = result.currency;
  const fmt = (cents: number) => money(cents, currency, locale);
  const couponById = new Map(coupons.map((c) => [c.id, c]));
  const storeName = (id: string) => cart.stores.find((s) => s.id === id)?.name ?? id;
  const titleOf = new Map(cart.items.map((i) => [i.id, i.title ?? i.id]));
  const couponText = (id: string): string => {
    const c = couponById.get(id);
    return c ? t("panel_couponName", id, couponFace(c, locale, currency)) : id;
  };

  const paid = allocate(asInput(cart), result);
  const orders = result.orders.map((order, n) => ({
    items: (paid[n] ?? []).map((line) => ({
      id: line.itemId,
      title: titleOf.get(line.itemId) ?? line.itemId,
      quantity: line.quantity,
      before: line.before,
      paid: line.paid,
    })),
    slots: slotsOf(order, couponById, storeName, couponText),
    shipping: order.shipping,
    total: order.total,
  }));

  const hints = result.unused
    .filter((u) => u.reason === "min-spend" && u.shortfall !== undefined && u.shortfall > 0)
    .map((u) => {
      const shortfall = u.shortfall as number;
      const c = couponById.get(u.couponId);
      const name = couponText(u.couponId);
      const text =
        c?.kind === "store" && c.storeId !== undefined
          ? t("panel_hintStore", fmt(shortfall), storeName(c.storeId), name)
          : c?.kind === "select"
            ? t("panel_hintSelect", fmt(shortfall), name)
            : t("panel_hintAny", fmt(shortfall), name);
      return { couponId: u.couponId, shortfall, text };
    })
    .sort((a, b) => a.shortfall - b.shortfall || (a.couponId < b.couponId ? -1 : 1))
    .slice(0, MAX_HINTS);

  return {
    currency,
    total: result.total,
    baseline: result.baseline,
    savings: result.savings,
    beyondGreedy: Math.max(0, result.greedyTotal - result.total),
    optimal: result.optimal,
    orders,
    hints,
    unticked: cart.items.filter((i) => !i.selected).length,
  };
}

function slotsOf(
  order: OrderResult,
  couponById: Map<string, Coupon>,
  storeName: (id: string) => string,
  couponText: (id: string) => string,
): SlotView[] {
  const slots: SlotView[] = [];
  for (const p of order.sellerPromotions)
    slots.push({
      kind: "promotion",
      label: t("panel_sellerPromotion", storeName(p.storeId)),
      detail: "",
      amount: p.amount,
      automatic: true,
    });
  for (const c of order.storeCoupons)
    slots.push({
      kind: "store",
      label: t("panel_slotStore", storeName(c.storeId)),
      detail: couponText(c.couponId),
      amount: c.amount,
      couponId: c.couponId,
      automatic: false,
    });
  if (order.selectCoupon)
    slots.push({
      kind: "select",
      label: t("panel_slotSelect"),
      detail: couponText(order.selectCoupon.couponId),
      amount: order.selectCoupon.amount,
      couponId: order.selectCoupon.couponId,
      automatic: false,
    });
  if (order.platformCoupon) {
    const c = couponById.get(order.platformCoupon.couponId);
    const promo = c?.kind === "promo" && c.code !== undefined;
    slots.push({
      kind: promo ? "promo" : "platform",
      label: t(promo ? "panel_slotPromo" : "panel_slotPlatform"),
      detail: couponText(order.platformCoupon.couponId),
      amount: order.platformCoupon.amount,
      couponId: order.platformCoupon.couponId,
      ...(promo && c?.code !== undefined ? { code: c.code } : {}),
      automatic: false,
    });
  }
  for (const p of order.points)
    slots.push({
      kind: "points",
      label: t("panel_slotPoints", storeName(p.storeId)),
      detail: tn("panel_pointsUsed", p.points, p.points),
      amount: p.amount,
      automatic: false,
    });
  if (order.coins.coins > 0)
    slots.push({
      kind: "coins",
      label: t("panel_slotCoins"),
      detail: tn("panel_coinsUsed", order.coins.coins, order.coins.coins),
      amount: order.coins.amount,
      automatic: false,
    });
  return slots;
}
