/**
 * What adapters tell people: why a cart cannot be read, and what a read left
 * out or assumed. These travel to the panel as English strings inside the
 * background's messages (and stay readable in logs and tests), so each one is
 * written from a template here, and the panel recognises the template and
 * shows the catalogue's translation instead. Diagnostics no shopper acts on
 * ("row 3: no quantity") stay English, as substitutions of a translated sentence.
 */
import { type Message, type MessageKey, message } from "../ui/message";

const TEMPLATES = {
  // Notes on a read that worked.
  unavailableLine: { key: "adapter_unavailableLine", en: "Left out $1: the shop marks it unavailable." },
  shippingUnknown: { key: "adapter_shippingUnknown", en: "Shipping of $1 is unknown: counted as free." },
  thresholdUnknown: {
    key: "adapter_thresholdUnknown",
    en: "Free-shipping threshold of $1 is unknown: its fee always counts.",
  },
  promotionsUnknown: { key: "adapter_promotionsUnknown", en: "Promotions of $1 are unknown: none counted." },
  promotionUnreadable: {
    key: "adapter_promotionUnreadable",
    en: "Left out promotion $1 of $2: not readable.",
  },
  readFromRows: {
    key: "adapter_readFromRows",
    en: "Read from the page's rows: store shipping terms and promotions are not shown there.",
  },
  pageStateNotUsed: { key: "adapter_pageStateNotUsed", en: "Page state not used: $1." },
  summaryCurrencyOdd: {
    key: "adapter_summaryCurrencyOdd",
    en: "The page's summary names a currency Stackwise does not know: it is not compared.",
  },
  summaryUnreadable: {
    key: "adapter_summaryUnreadable",
    en: "The page's summary subtotal $1 could not be read: it is not compared.",
  },
  paginationOdd: {
    key: "adapter_paginationOdd",
    en: 'The page\'s "more items" flag is $1, neither yes nor no: the cart counts as not fully loaded.',
  },
  oddId: {
    key: "adapter_oddId",
    en: "$1: its $2 is $3, not as the site sends it; read anyway, check this line on the page.",
  },
  checkoutTerms: {
    key: "adapter_checkoutTerms",
    en: "Store terms (shipping, promotions) are the ones read on your cart page.",
  },
  // Why a cart or a checkout cannot be read.
  cartEmpty: { key: "adapter_cartEmpty", en: "the cart is empty" },
  onlyUnavailable: { key: "adapter_onlyUnavailable", en: "the cart holds only unavailable items" },
  pageSaysEmpty: { key: "adapter_pageSaysEmpty", en: "the page says the cart is empty" },
  noCart: { key: "adapter_noCart", en: "no cart found" },
  rowsNotCaptured: { key: "adapter_rowsNotCaptured", en: "the page's rows were not captured as expected" },
  tooManyRows: { key: "adapter_tooManyRows", en: "more than $1 rows" },
  halfShapedLine: {
    key: "adapter_halfShapedLine",
    en: "cart line $1 mixes the page's two layouts, so it cannot be read with confidence",
  },
  mixedCurrencies: {
    key: "adapter_mixedCurrencies",
    en: "$1 is in $2 but the cart is in $3: mixed currencies",
  },
  notForOptimizer: { key: "adapter_notForOptimizer", en: "the cart read does not fit the optimizer: $1" },
  implausibleTotal: { key: "adapter_implausibleTotal", en: "the cart's total is implausibly large" },
  unexpected: { key: "adapter_unexpected", en: "unexpected: $1" },
  /** What only a bug report needs (which field of which line); it stays in English inside the sentence. */
  technical: { key: "adapter_technical", en: "technical detail: $1" },
  checkoutNotCaptured: {
    key: "adapter_checkoutNotCaptured",
    en: "the checkout's summary was not captured as expected",
  },
  noCheckout: { key: "adapter_noCheckout", en: "no checkout page to read" },
  checkoutTooManyLines: { key: "adapter_checkoutTooManyLines", en: "more than $1 lines at this checkout" },
  checkoutEmpty: { key: "adapter_checkoutEmpty", en: "there is nothing to pay at this checkout" },
  checkoutNeedsCart: {
    key: "adapter_checkoutNeedsCart",
    en: "the checkout's own data was not seen and its lines are those of your cart: open your cart on this site once, then come back",
  },
  checkoutNoData: {
    key: "adapter_checkoutNoData",
    en: "the checkout's own data has not been seen yet and the page does not list its lines: it comes with the page's next update (shipping, coupon or address), or reload the page",
  },
  checkoutLineNotInCart: {
    key: "adapter_checkoutLineNotInCart",
    en: "checkout line $1 was not in the cart Stackwise read: open your cart again to refresh it",
  },
  checkoutInvalid: { key: "adapter_checkoutInvalid", en: "the checkout's lines do not form a valid cart" },
  checkoutImplausible: {
    key: "adapter_checkoutImplausible",
    en: "the checkout's total is implausibly large",
  },
  // The checkout's own data (its renderorder/adjustorder responses).
  checkoutFromData: {
    key: "adapter_checkoutFromData",
    en: "Read from the checkout's own data (its latest $1 response).",
  },
  checkoutFromSummary: {
    key: "adapter_checkoutFromSummary",
    en: "Read from the checkout's summary on the page (its own data was not seen): the lines are those of your cart page.",
  },
  checkoutStandalone: {
    key: "adapter_checkoutStandalone",
    en: "Read from this checkout alone: the store coupons, promotions and Choice items of $1 need your cart page, opened once on this site.",
  },
  checkoutStoresNotInCart: {
    key: "adapter_checkoutStoresNotInCart",
    en: "$1 not found in the cart Stackwise read: its store coupons, promotions and Choice items are not counted.",
  },
  checkoutUnnamedStore: { key: "adapter_checkoutUnnamedStore", en: "a store without a name" },
  checkoutLaterUpdateFailed: {
    key: "adapter_checkoutLaterUpdateFailed",
    en: "The page's last update was not used ($1): the figures are from the one before.",
  },
  checkoutDataTooLarge: {
    key: "adapter_checkoutDataTooLarge",
    en: "the checkout's data is larger than Stackwise reads (about $1 MB)",
  },
  checkoutDataNotJson: { key: "adapter_checkoutDataNotJson", en: "the checkout's $1 response is not JSON" },
  checkoutDataShape: {
    key: "adapter_checkoutDataShape",
    en: "the checkout's $1 response is not shaped as Stackwise knows",
  },
  checkoutDataOtherApi: {
    key: "adapter_checkoutDataOtherApi",
    en: "a response of another service ($1) came instead of the checkout's",
  },
  checkoutDataFailed: { key: "adapter_checkoutDataFailed", en: "the page's $1 request failed: $2" },
  checkoutLineShape: {
    key: "adapter_checkoutLineShape",
    en: "checkout block $1 looks like a line but is shaped like nothing Stackwise knows",
  },
  checkoutStoreShape: {
    key: "adapter_checkoutStoreShape",
    en: "checkout store block $1 is shaped like nothing Stackwise knows",
  },
  checkoutSummaryShape: {
    key: "adapter_checkoutSummaryShape",
    en: "the checkout's summary lines are missing or unknown",
  },
  checkoutTotalShape: {
    key: "adapter_checkoutTotalShape",
    en: "the checkout's total block is shaped like nothing known",
  },
  checkoutNoTotal: { key: "adapter_checkoutNoTotal", en: "the checkout's data has no order total" },
  checkoutTotalsDisagree: {
    key: "adapter_checkoutTotalsDisagree",
    en: "the checkout's data shows different order totals",
  },
  checkoutTotalUnreadable: {
    key: "adapter_checkoutTotalUnreadable",
    en: 'the checkout\'s total ("$1") cannot be read as an amount',
  },
  checkoutTaxUnreadable: {
    key: "adapter_checkoutTaxUnreadable",
    en: "the checkout's tax line $1 cannot be read as an amount",
  },
  checkoutLinePrice: { key: "adapter_checkoutLinePrice", en: "checkout line $1: its price cannot be read" },
} as const satisfies Record<string, { key: MessageKey; en: string }>;

export type AdapterTextId = keyof typeof TEMPLATES;

/** Every template, for tests that hold them to the English catalogue. */
export const ADAPTER_TEXTS: Readonly<Record<AdapterTextId, { key: MessageKey; en: string }>> = TEMPLATES;

/** The English sentence for people, with `$1`..`$9` filled in. */
export function adapterText(id: AdapterTextId, ...subs: (string | number)[]): string {
  return TEMPLATES[id].en.replace(/\$([1-9])/g, (_whole, n: string) => String(subs[Number(n) - 1] ?? ""));
}

let patterns: { key: MessageKey; re: RegExp }[] | undefined;

function compiled(): { key: MessageKey; re: RegExp }[] {
  patterns ??= Object.values(TEMPLATES).map(({ key, en }) => {
    const escaped = en.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\$([1-9])/g, "(.+?)");
    return { key, re: new RegExp(`^${escaped}$`, "s") };
  });
  return patterns;
}

/** The message an adapter's sentence was written from, its substitutions recognised too; undefined for any other text. */
export function adapterMessage(text: string): Message | undefined {
  for (const { key, re } of compiled()) {
    const m = re.exec(text);
    if (m === null) continue;
    return message(key, ...m.slice(1).map((sub) => adapterMessage(sub) ?? sub));
  }
  return undefined;
}

/** An adapter's reason or note as messages: recognised whole, or part by part where reasons were joined with "; ". */
export function adapterMessages(text: string): (Message | string)[] {
  const whole = adapterMessage(text);
  if (whole !== undefined) return [whole];
  return text.split("; ").map((part) => adapterMessage(part) ?? part);
}
