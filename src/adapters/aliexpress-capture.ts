/**
 * What the content script takes from an AliExpress page: plain JSON facts
 * about the rows, read in the page itself (computed styles included), with no
 * judgement about them. The reader (`aliexpress.ts`, with its Zod schemas)
 * decides what they mean, wherever it runs.
 *
 * This file is part of the content script, so it imports only the host list: no Zod, no
 * optimizer, no browser API. It never throws and bounds every string, so a
 * hostile page cannot make the capture huge.
 */
import { isShopHost } from "./hosts";

const onPath = (url: string, prefix: string): boolean => {
  try {
    const u = new URL(url);
    return u.protocol === "https:" && isShopHost(u.hostname) && u.pathname.startsWith(prefix);
  } catch {
    return false;
  }
};

export const isCartPage = (url: string): boolean => onPath(url, "/p/shoppingcart/");
export const isCheckoutPage = (url: string): boolean => onPath(url, "/p/trade/confirm");

/** Longest text kept from any element; real titles and prices are far shorter. */
export const MAX_TEXT = 1000;
/** More rows than any cart has: the reader refuses a capture that hit it. */
export const MAX_ROWS = 2000;

const LOADERS = ".comet-v2-loading-wrap, .cart-list-placeholder-loading";
export const ROWS = "div.cart-product.activity_cart_product";
const EMPTY = '[class*="cart-empty"], [class*="empty-cart"], [class*="emptyCart"], [class*="cartEmpty"]';
const CHOICE = /^\s*choice\s*$/i;

export interface CapturedRow {
  /** The product title link (`a.cart-product-name-title`), when there is one. */
  link: { href: string; text: string; title: string } | null;
  /** Greyed out: sold out, delisted, or its tick box disabled. */
  invalid: boolean;
  /** The page's reason for a greyed-out row ("Sold out"), "" when it shows none. */
  why: string;
  /** `.cart-product-price-s`, whitespace collapsed. */
  price: string;
  /** The quantity box's value; null without a box. */
  quantity: string | null;
  /** The tick box's state; null without a tick box. */
  ticked: boolean | null;
  /** The store group around the row; null when the row sits in none. */
  group: { storeHref: string | null; storeName: string } | null;
  sku: string;
  /** Marked as sold by Choice (badge, alt text, class). */
  choice: boolean;
}

export interface CartPageCapture {
  page: "aliexpress-cart";
  /** A loader is visible: the page is still hydrating or applying a change. */
  loading: boolean;
  /** The page shows its "cart is empty" block. */
  emptyShown: boolean;
  /** The account's currency from the site's settings cookie, when visible. */
  currency: string | null;
  /** The site's settings cookie `aep_usuc_f` as is (URL-decoded), for its ship-to country; null without one. */
  siteCookie: string | null;
  /** How many lines the cart holds, as its header says ("Cart (12)"); null when it says nothing. */
  count: number | null;
  rows: CapturedRow[];
  /** There were more than MAX_ROWS rows; the rest were not captured. */
  truncated: boolean;
}

const text = (el: Element | null | undefined): string =>
  (el?.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_TEXT);

const attr = (el: Element | null | undefined, name: string): string =>
  (el?.getAttribute(name) ?? "").slice(0, MAX_TEXT);

const isHidden = (el: Element): boolean => {
  const view = el.ownerDocument.defaultView;
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.hasAttribute("hidden")) return true;
    const style = view?.getComputedStyle?.(e);
    if (style && (style.display === "none" || style.visibility === "hidden")) return true;
  }
  return false;
};

const anyShown = (doc: Document, selector: string): boolean =>
  [...doc.querySelectorAll(selector)].some((el) => !isHidden(el));

const rowIsInvalid = (row: Element): boolean =>
  row.querySelector(".comet-v2-checkbox-disabled, input.comet-v2-checkbox-input:disabled") !== null ||
  [...row.classList].some((c) => /invalid|disabled|soldout|sold-out/i.test(c));

const rowIsChoice = (row: Element): boolean =>
  [...row.querySelectorAll("[aria-label], img[alt], [title], [class*='choice' i]")].some(
    (el) =>
      CHOICE.test(el.getAttribute("aria-label") ?? "") ||
      CHOICE.test(el.getAttribute("alt") ?? "") ||
      (el.tagName !== "A" && CHOICE.test(el.getAttribute("title") ?? "")) ||
      [...el.classList].some((c) => /(^|[-_])choice([-_]|$)/i.test(c)),
  );

const rowIsTicked = (row: Element): boolean | null => {
  const label = row.querySelector("label.comet-v2-checkbox");
  if (label) return label.classList.contains("comet-v2-checkbox-checked");
  const input = row.querySelector<HTMLInputElement>("input[type=checkbox]");
  return input ? input.checked : null;
};

function captureRow(row: Element): CapturedRow {
  const link = row.querySelector("a.cart-product-name-title");
  const qty = row.querySelector<HTMLInputElement>("input.comet-v2-input-number-input");
  const group = row.closest(".cart-product-wrap-group-new");
  const storeLink = group?.querySelector('a[href*="/store/"]');
  return {
    link: link ? { href: attr(link, "href"), text: text(link), title: attr(link, "title") } : null,
    invalid: rowIsInvalid(row),
    why: text(row.querySelector('[class*="invalid-reason"], [class*="invalid-text"]')),
    price: text(row.querySelector(".cart-product-price-s")),
    quantity: qty ? String(qty.value).slice(0, 20) : null,
    ticked: rowIsTicked(row),
    group: group
      ? {
          storeHref: storeLink ? attr(storeLink, "href") : null,
          storeName:
            text(storeLink) || text(group.querySelector('[class*="store-name"], [class*="shop-name"]')),
        }
      : null,
    sku: text(row.querySelector('[class*="cart-product-sku"]')),
    choice: rowIsChoice(row),
  };
}

/** The site's settings cookie (`aep_usuc_f=site=bra&c_tp=BRL&region=BR...`), decoded and bounded. */
export function siteCookie(doc: Document): string | null {
  try {
    const raw = /(?:^|;\s*)aep_usuc_f=([^;]*)/.exec(doc.cookie ?? "")?.[1];
    return raw ? decodeURIComponent(raw).slice(0, MAX_TEXT) : null;
  } catch {
    return null;
  }
}

/** The account's currency, from the site's settings cookie (`...&c_tp=USD`). */
const cookieCurrency = (cookie: string | null): string | null =>
  (cookie && /(?:^|&)c_tp=([A-Z]{3})(?:&|$)/.exec(cookie)?.[1]) || null;

/** The line count in the cart's header ("Cart (12)"): what tells a virtualised list whole from part. */
function headerCount(doc: Document): number | null {
  const n = /\((\d{1,6})\)/.exec(text(doc.querySelector(".cart-header-title")))?.[1];
  return n === undefined ? null : Number(n);
}

export function captureCartPage(doc: Document): CartPageCapture {
  const all = [...doc.querySelectorAll(ROWS)];
  const cookie = siteCookie(doc);
  return {
    page: "aliexpress-cart",
    loading: anyShown(doc, LOADERS),
    emptyShown: all.length === 0 && anyShown(doc, EMPTY),
    currency: cookieCurrency(cookie),
    siteCookie: cookie,
    count: headerCount(doc),
    rows: all.slice(0, MAX_ROWS).map(captureRow),
    truncated: all.length > MAX_ROWS,
  };
}
