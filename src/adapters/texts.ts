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
    en: "the checkout's lines were not captured as expected",
  },
  noCheckout: { key: "adapter_noCheckout", en: "no checkout page to read" },
  checkoutTooManyLines: { key: "adapter_checkoutTooManyLines", en: "more than $1 lines at this checkout" },
  checkoutEmpty: { key: "adapter_checkoutEmpty", en: "there is nothing to pay at this checkout" },
  checkoutLayout: {
    key: "adapter_checkoutLayout",
    en: "this checkout page's layout is not one Stackwise can read",
  },
  checkoutNeedsCart: {
    key: "adapter_checkoutNeedsCart",
    en: "the checkout does not show the store terms (shipping, promotions) the stack depends on: open your cart on this site once, then come back",
  },
  checkoutLineNotInCart: {
    key: "adapter_checkoutLineNotInCart",
    en: "checkout line $1 was not in the cart Stackwise read: open your cart again to refresh it",
  },
  checkoutLineNoQuantity: { key: "adapter_checkoutLineNoQuantity", en: "checkout line $1: no quantity" },
  checkoutPriceChanged: {
    key: "adapter_checkoutPriceChanged",
    en: "checkout line $1: its price changed since the cart was read: open your cart again",
  },
  checkoutInvalid: { key: "adapter_checkoutInvalid", en: "the checkout's lines do not form a valid cart" },
  checkoutImplausible: {
    key: "adapter_checkoutImplausible",
    en: "the checkout's total is implausibly large",
  },
  // Why "Apply" could not fill a checkout in.
  checkoutMissingChoices: {
    key: "adapter_checkoutMissingChoices",
    en: "this checkout does not offer every choice of the stack",
  },
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
