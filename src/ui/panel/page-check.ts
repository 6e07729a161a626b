/**
 * The checkout page held to the stack: what the page charges (total, taxes
 * and duties, each named), how far its total before tax is from the stack's,
 * which summary lines make the difference, and which of the stack's coupon
 * choices the page has applied. Worked out from the page's own figures (each
 * `adjustorder` brings new ones), so the panel never shows a figure the page
 * contradicts without saying why. Pure, so tests need no page.
 */
import type { TaxName } from "../../../optimizer/tax-schema";
import { pageTaxName } from "../../adapters/page-tax-names";
import type { CheckoutFigures, SummaryKind } from "../../adapters/types";
import type { StackUpdate } from "../../messaging/checkout";
import { couponFace } from "../../services/coupon-labels";
import { money } from "../../services/format";
import { type MessageKey, t } from "../../services/i18n";

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

/** Catalogue keys of the optimizer's tax line names. */
export const TAX_NAME_KEY: Record<TaxName, MessageKey> = {
  "import tax": "panel_taxNameImportTax",
  ICMS: "panel_taxNameIcms",
  VAT: "panel_taxNameVat",
  duty: "panel_taxNameDuty",
  fee: "panel_taxNameFee",
};

export { pageTaxName } from "../../adapters/page-tax-names";

/** The page's tax held to Stackwise's prediction for the same order (issue 13). */
export interface TaxCheck {
  /** The page's taxes and duties, cents. */
  page: number;
  /** What Stackwise predicted for the order, cents. */
  predicted: number;
  /** One sentence on the whole, then one per named tax that differs. */
  sentences: string[];
  /**
   * False when the exchange rate was calibrated on this very checkout's lines: then
   * agreement is by construction, and the panel must not show it as a confirmation.
   */
  independent: boolean;
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
  /** Only when the stack models the destination's tax: the page's tax against the prediction. */
  taxCheck?: TaxCheck;
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
  // The stack's total includes its predicted tax when a destination is modelled: before tax on both sides.
  const difference = beforeTax - (update.result.total - (update.result.tax ?? 0));
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
    ...(update.result.taxModelled && figures.currency === update.result.currency
      ? { taxCheck: taxCheck(figures, order, fmt, update.taxRate?.sameCheckout === true) }
      : {}),
  };
}

/**
 * A tax name as a common noun mid-sentence ("of import tax"): the four catalogues' names
 * are capitalised as line titles; acronyms (ICMS, VAT, IVA) keep their capitals.
 */
const inSentence = (name: string): string =>
  /^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLocaleLowerCase() + name.slice(1) : name;

/**
 * The page's tax lines against the predicted ones: the totals in one sentence, then, for
 * each tax the page names, its amount against the prediction of the same name, so a
 * shopper reads which tax differs ("The page charges R$ 12,30 of ICMS; Stackwise
 * predicted R$ 11,90") rather than a bare total.
 */
function taxCheck(
  figures: CheckoutFigures,
  order: StackUpdate["result"]["orders"][number],
  fmt: (cents: number) => string,
  /** The rate was calibrated on this very checkout's lines: agreement here proves nothing. */
  calibratedHere: boolean,
): TaxCheck {
  const predicted = new Map<TaxName, number>();
  for (const p of order.packages ?? [])
    for (const line of p.taxes) predicted.set(line.name, (predicted.get(line.name) ?? 0) + line.amount);
  const predictedTotal = order.tax ?? 0;
  const onPage = new Map<TaxName, number>();
  let unnamed = 0;
  for (const l of figures.lines) {
    if (l.kind !== "tax") continue;
    const name = pageTaxName(l.title);
    if (name === undefined) unnamed += l.cents;
    else onPage.set(name, (onPage.get(name) ?? 0) + l.cents);
  }
  const sentences = [
    ...(calibratedHere ? [t("panel_taxCheckNotIndependent")] : []),
    figures.tax === predictedTotal
      ? t("panel_taxCheckSame", fmt(figures.tax))
      : t("panel_taxCheckTotal", fmt(figures.tax), fmt(predictedTotal)),
  ];
  for (const name of Object.keys(TAX_NAME_KEY) as TaxName[]) {
    const page = onPage.get(name);
    const ours = predicted.get(name);
    const what = inSentence(t(TAX_NAME_KEY[name]));
    if (page !== undefined && ours !== undefined && page !== ours)
      sentences.push(t("panel_taxCheckLine", fmt(page), what, fmt(ours)));
    else if (page !== undefined && ours === undefined && page !== 0)
      sentences.push(t("panel_taxCheckPageOnly", fmt(page), what));
    // A predicted tax the page does not name may sit in a line it names otherwise ("Additional charges").
    else if (page === undefined && ours !== undefined && ours !== 0 && unnamed === 0)
      sentences.push(t("panel_taxCheckMissing", fmt(ours), what));
  }
  return { page: figures.tax, predicted: predictedTotal, sentences, independent: !calibratedHere };
}
