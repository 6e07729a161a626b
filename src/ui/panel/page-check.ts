/**
 * The checkout page held to the stack: what the page charges (total, taxes
 * and duties, each named), how far its total before tax is from the stack's,
 * which summary lines make the difference, and which of the stack's coupon
 * choices the page has applied. Worked out from the page's own figures (each
 * `adjustorder` brings new ones), so the panel never shows a figure the page
 * contradicts without saying why. Pure, so tests need no page.
 */
import type { CheckoutFigures, SummaryKind } from "../../adapters/types";
import type { StackUpdate } from "../../messaging/checkout";
import { type MessageKey, t } from "../i18n";
import { couponFace } from "../shared/couponText";
import { money } from "../shared/format";

/** Kinds the stack can say something about, with the sign they take in a total. */
const COMPARED: { kind: SummaryKind; sign: 1 | -1; name: MessageKey; coupon: boolean }[] = [
  { kind: "subtotal", sign: 1, name: "panel_kindSubtotal", coupon: false },
  { kind: "shipping", sign: 1, name: "panel_kindShipping", coupon: false },
  { kind: "store-discount", sign: -1, name: "panel_kindStoreDiscount", coupon: false },
  { kind: "store-coupon", sign: -1, name: "panel_kindStoreCoupon", coupon: true },
  { kind: "select-coupon", sign: -1, name: "panel_kindSelectCoupon", coupon: true },
  { kind: "platform-coupon", sign: -1, name: "panel_kindPlatformCoupon", coupon: true },
  { kind: "promo-code", sign: -1, name: "panel_kindPromoCode", coupon: true },
  { kind: "coins", sign: -1, name: "panel_kindCoins", coupon: false },
  { kind: "points", sign: -1, name: "panel_kindPoints", coupon: false },
];

export type ChoiceState = "matched" | "unmatched" | "different";

export interface ChoiceView {
  kind: "store" | "select" | "platform" | "promo";
  couponId: string;
  text: string;
  /** How the page stands on it, from its latest figures. */
  state: ChoiceState;
  stateText: string;
}

export interface PageCheck {
  figures: CheckoutFigures;
  taxes: { title: string; cents: number }[];
  /** The page's total less its taxes and duties. */
  beforeTax: number;
  /** beforeTax minus the stack's total: positive when the page charges more. */
  difference: number;
  summary: string;
  /** One sentence per summary line that differs from the stack's. */
  differences: string[];
  choices: ChoiceView[];
}

export function pageCheck(update: StackUpdate, locale: string): PageCheck | undefined {
  const figures = update.checkout;
  const order = update.result.orders[0];
  if (!figures || !order || update.result.orders.length !== 1) return undefined;
  const currency = figures.currency;
  const fmt = (cents: number) => money(cents, currency, locale);
  const couponById = new Map(update.coupons.map((c) => [c.id, c]));
  const couponText = (id: string) => {
    const c = couponById.get(id);
    return c ? t("panel_couponName", id, couponFace(c, locale, currency)) : id;
  };
  const platform = order.platformCoupon;
  const platformCoupon = platform ? couponById.get(platform.couponId) : undefined;
  const promo = platformCoupon?.kind === "promo" && platformCoupon.code !== undefined;
  const itemIds = new Set(order.itemIds);
  const stackAmounts: Record<SummaryKind, number> = {
    subtotal: update.cart.items
      .filter((i) => itemIds.has(i.id))
      .reduce((s, i) => s + i.unitPrice * i.quantity, 0),
    shipping: order.shipping,
    "store-discount": order.sellerPromotions.reduce((s, p) => s + p.amount, 0),
    "store-coupon": order.storeCoupons.reduce((s, c) => s + c.amount, 0),
    "select-coupon": order.selectCoupon?.amount ?? 0,
    "platform-coupon": platform && !promo ? platform.amount : 0,
    "promo-code": platform && promo ? platform.amount : 0,
    coins: order.coins.amount,
    points: order.points.reduce((s, p) => s + p.amount, 0),
    tax: 0,
    other: 0,
  };
  const pageAmount = (kind: SummaryKind) =>
    Math.abs(figures.lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.cents, 0));
  const seen = (kind: SummaryKind) => figures.lines.some((l) => l.kind === kind);

  const beforeTax = figures.total - figures.tax;
  const difference = beforeTax - update.result.total;
  const differences: string[] = [];
  let explained = 0;
  for (const { kind, sign, name, coupon } of COMPARED) {
    const page = pageAmount(kind);
    const stack = stackAmounts[kind];
    // A kind the page shows no line for is only a difference when the stack counts something there.
    if (page === stack || (!seen(kind) && stack === 0)) continue;
    explained += sign * (page - stack);
    const what = t(name);
    if (sign === -1 && page === 0) differences.push(t("panel_diffNotApplied", what, fmt(stack)));
    else if (sign === -1 && stack === 0 && !coupon)
      differences.push(t("panel_diffPageOnly", what, fmt(page)));
    else differences.push(t("panel_diffLine", what, fmt(sign * page), fmt(sign * stack)));
  }
  if (difference !== 0 && explained !== difference)
    differences.push(t("panel_diffUnexplained", fmt(Math.abs(difference - explained))));

  const summary =
    difference === 0
      ? t("panel_compareSame", fmt(beforeTax))
      : t(
          difference > 0 ? "panel_compareMore" : "panel_compareLess",
          fmt(beforeTax),
          fmt(Math.abs(difference)),
        );

  const stateOf = (kind: SummaryKind): { state: ChoiceState; stateText: string } => {
    const page = pageAmount(kind);
    if (page === stackAmounts[kind]) return { state: "matched", stateText: t("panel_pickMatched") };
    if (page === 0) return { state: "unmatched", stateText: t("panel_pickUnmatched") };
    return { state: "different", stateText: t("panel_pickDifferent", fmt(page)) };
  };
  const storeName = (id: string) => update.cart.stores.find((s) => s.id === id)?.name ?? id;
  const choices: ChoiceView[] = [
    ...order.storeCoupons.map((c) => ({
      kind: "store" as const,
      couponId: c.couponId,
      text: t("panel_pickStore", storeName(c.storeId), couponText(c.couponId)),
      ...stateOf("store-coupon"),
    })),
    ...(order.selectCoupon
      ? [
          {
            kind: "select" as const,
            couponId: order.selectCoupon.couponId,
            text: t("panel_pickSelect", couponText(order.selectCoupon.couponId)),
            ...stateOf("select-coupon"),
          },
        ]
      : []),
    ...(platform && !promo
      ? [
          {
            kind: "platform" as const,
            couponId: platform.couponId,
            text: t("panel_pickPlatform", couponText(platform.couponId)),
            ...stateOf("platform-coupon"),
          },
        ]
      : []),
    ...(platform && promo
      ? [
          {
            kind: "promo" as const,
            couponId: platform.couponId,
            text: t("panel_pickPromo", platformCoupon?.code ?? ""),
            ...stateOf("promo-code"),
          },
        ]
      : []),
  ];

  return {
    figures,
    taxes: figures.lines.filter((l) => l.kind === "tax").map(({ title, cents }) => ({ title, cents })),
    beforeTax,
    difference,
    summary,
    differences,
    choices,
  };
}
