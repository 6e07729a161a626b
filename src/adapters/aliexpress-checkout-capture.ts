/**
 * What the content script takes from an AliExpress checkout page
 * (`/p/trade/confirm.html`, shared/spec/aliexpress-checkout.md): the summary
 * rows, the order total and whether the promo-code controls are there, as
 * plain strings. The lines themselves come from the page's own API responses
 * (src/content/checkout/checkout-api.ts); this DOM capture is the fallback when
 * none was seen, and what the panel compares against.
 *
 * Part of the content script: no Zod, no optimizer, no browser API. Never
 * throws; every string is bounded.
 */
import { MAX_TEXT, siteCookie } from "./aliexpress-capture";

/** More summary rows than any checkout shows; the reader refuses a capture that hit it. */
export const MAX_SUMMARY_ROWS = 100;

const SUMMARY_ROW = ".pl-summary__item-pc";
const SUMMARY_TITLE = '.pl-summary__item-title-pc, [data-pl="pl-summary-title"]';
const SUMMARY_CONTENT = '.pl-summary__item-content-pc, [data-pl="pl-summary-content"]';
/** "toal" is the site's own spelling. */
const TOTAL_ITEM = ".pl-order-toal-container__item";
const PROMO_ERROR = ".promoErrorTip";
const BUSY = ".comet-loading";

export interface CheckoutPageCapture {
  page: "aliexpress-checkout";
  /** The page shows its busy spinner. */
  loading: boolean;
  /** Summary rows in page order: label and value as shown, whitespace collapsed. */
  summary: { title: string; content: string }[];
  /** The order total's text, its one-character spans joined; null when not shown. */
  total: string | null;
  truncated: boolean;
  /** The promo-code error tip's text, when one is shown. */
  promoError: string | null;
  /** The site's settings cookie, for its ship-to country (aliexpress-capture.ts); absent in older captures. */
  siteCookie?: string | null;
}

const text = (el: Element | null | undefined): string =>
  (el?.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_TEXT);

const shown = (el: Element): boolean => {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.hasAttribute("hidden")) return false;
    const style = e.ownerDocument.defaultView?.getComputedStyle?.(e);
    if (style && (style.display === "none" || style.visibility === "hidden")) return false;
  }
  return true;
};

export function captureCheckoutPage(doc: Document): CheckoutPageCapture {
  const rows = [...doc.querySelectorAll(SUMMARY_ROW)];
  const totalItem = doc.querySelector(TOTAL_ITEM);
  // The amount is drawn one character per span: the content's whole text is the amount.
  const totalContent = totalItem?.querySelector(".pl-order-toal-container__item-content") ?? null;
  const error = [...doc.querySelectorAll(PROMO_ERROR)].find(shown);
  return {
    page: "aliexpress-checkout",
    loading: [...doc.querySelectorAll(BUSY)].some(shown),
    summary: rows.slice(0, MAX_SUMMARY_ROWS).map((row) => ({
      title: text(row.querySelector(SUMMARY_TITLE)),
      content: text(row.querySelector(SUMMARY_CONTENT)),
    })),
    total: totalContent ? text(totalContent).replace(/\s+/g, " ") : null,
    truncated: rows.length > MAX_SUMMARY_ROWS,
    promoError: error ? text(error) || null : null,
    siteCookie: siteCookie(doc),
  };
}
