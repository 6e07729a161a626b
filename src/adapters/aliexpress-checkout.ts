/**
 * AliExpress checkout page (`/p/trade/confirm.html`,
 * shared/spec/aliexpress-checkout.md): its lines as a cart for the
 * optimizer, what the page itself charges, and "Apply", which types the
 * stack's promo code into the page's own promo-code field.
 *
 * The read stands on its own: the shopper may arrive by "Buy now" without
 * opening the cart. Its sources, best first:
 * 1. the page's own `renderorder`/`adjustorder` responses
 *    (aliexpress-checkout-data.ts): lines, stores, shipping, summary, total;
 * 2. when none was seen, the page's summary rows and total, with the lines of
 *    the last cart read on the same site that the address names
 *    (`availableProductShopcartIds`).
 * Store ids (which store coupons name), seller promotions and Choice marks are
 * not on the checkout: they come from that cart when it covers the lines, and
 * the read says what is missing when it does not.
 */
import { type Cart, CartSchema, MAX_CENTS } from "../../optimizer/schema";
import { isMessage, type Message, type MessageKey, type MessageSub, message } from "../core/message";
import { majorToCents, parsePriceText } from "../core/money";
import { isCheckoutPage } from "./aliexpress-capture";
import {
  type CheckoutPageCapture,
  captureCheckoutPage,
  MAX_SUMMARY_ROWS,
} from "./aliexpress-checkout-capture";
import { type ProductFields, readCheckoutApi } from "./aliexpress-checkout-data";
import { readShipTo } from "./ship-to";
import type {
  CartRead,
  CartSnapshot,
  CheckoutFigures,
  CheckoutSupport,
  LineRef,
  PageInput,
  PromoApplyResult,
  StackChoices,
  SummaryKind,
} from "./types";

type Item = Cart["items"][number];
type Store = Cart["stores"][number];

const unreadable = (reason: Message, notes: Message[] = []): CartRead => ({
  ok: false,
  status: "unreadable",
  reason,
  notes,
});

const isCapture = (v: unknown): v is CheckoutPageCapture => {
  if (typeof v !== "object" || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    c.page === "aliexpress-checkout" &&
    typeof c.loading === "boolean" &&
    typeof c.truncated === "boolean" &&
    (c.total === null || (typeof c.total === "string" && c.total.length <= 1000)) &&
    (c.promoError === null || (typeof c.promoError === "string" && c.promoError.length <= 1000)) &&
    // Captures from before the cookie was read have none.
    (c.siteCookie === undefined ||
      c.siteCookie === null ||
      (typeof c.siteCookie === "string" && c.siteCookie.length <= 1000)) &&
    Array.isArray(c.summary) &&
    c.summary.length <= MAX_SUMMARY_ROWS &&
    c.summary.every(
      (r: unknown) =>
        typeof r === "object" &&
        r !== null &&
        typeof (r as { title?: unknown }).title === "string" &&
        typeof (r as { content?: unknown }).content === "string" &&
        (r as { title: string }).title.length <= 1000 &&
        (r as { content: string }).content.length <= 1000,
    )
  );
};

function captureOf(page: PageInput): CheckoutPageCapture | undefined | "malformed" {
  if (page.dom !== undefined) return isCapture(page.dom) ? page.dom : "malformed";
  return page.document ? captureCheckoutPage(page.document) : undefined;
}

// ---------------------------------------------------------------- summary lines

const TAX = /\b(vat|iva|icms|tax|taxes|duty|duties|imposto|impostos|tva)\b|additional charges/i;

/** What a summary line is about, from its title (English, and the demo's and a few sites' words). */
export function summaryKind(title: string): SummaryKind {
  const t = title.toLowerCase();
  if (TAX.test(t)) return "tax";
  if (/promo ?codes?|coupon codes?|c[oó]digo promocional|code promo/.test(t)) return "promo-code";
  if (/select coupon|choice coupon/.test(t)) return "select-coupon";
  if (/aliexpress coupon|platform coupon/.test(t)) return "platform-coupon";
  if (/(store|shop|seller) coupon/.test(t)) return "store-coupon";
  if (/(store|shop|seller) (discount|promotion)s?/.test(t)) return "store-discount";
  if (/\bcoins?\b|\bbonus\b|moedas|monedas/.test(t)) return "coins";
  if (/\bpoints?\b/.test(t)) return "points";
  if (/shipping|delivery|frete|env[ií]o|livraison/.test(t)) return "shipping";
  if (/subtotal|item costs?|items? total|^items?$/.test(t)) return "subtotal";
  return "other";
}

const FREE = /^(free|gr[aá]tis|gratuit|gratuito|kostenlos)(\s+shipping)?$/i;
const MINUS = /^[-\u2212\u2012\u2013\u2014]\s*/;

/** A summary amount as signed cents: "- US $3.00" is -300, "Free" 0; null when it is not an amount. */
export function signedCents(text: string, currency: string | undefined): number | null {
  const s = text.replace(/\s+/g, " ").trim();
  if (FREE.test(s)) return 0;
  const negative = MINUS.test(s);
  const parsed = parsePriceText(s.replace(MINUS, ""), currency ? { currency } : {});
  if (!parsed.ok) return null;
  return negative ? -parsed.cents : parsed.cents;
}

function figuresOf(
  source: CheckoutFigures["source"],
  summary: readonly { title: string; content: string }[],
  totalText: string,
  currencyHint: string | undefined,
  promo: CheckoutFigures["promo"],
  update: number,
): CheckoutFigures | Message {
  // One span per character: spaces that markup put between the digits are not part of the amount.
  const joined = totalText
    .replace(/\s+/g, " ")
    .replace(/(?<=[\d.,])\s+(?=[\d.,])/g, "")
    .trim();
  const total = parsePriceText(joined, currencyHint ? { currency: currencyHint } : {});
  if (!total.ok) return message("adapter_checkoutTotalUnreadable", totalText.slice(0, 60));
  const currency = total.currency;
  const lines: CheckoutFigures["lines"] = [];
  for (const row of summary) {
    const title = row.title.trim();
    if (title === "" || row.content.trim() === "") continue;
    const kind = summaryKind(title);
    const cents = signedCents(row.content, currency);
    if (cents === null) {
      // "Enter code here" and the like are not amounts; a tax that does not read is a total that cannot be checked.
      if (kind === "tax") return message("adapter_checkoutTaxUnreadable", title.slice(0, 60));
      continue;
    }
    lines.push({ title: title.slice(0, 200), kind, cents });
  }
  const tax = lines.filter((l) => l.kind === "tax").reduce((t, l) => t + l.cents, 0);
  if (tax < 0 || tax > total.cents) return message("adapter_checkoutTaxUnreadable", String(tax));
  return { source, currency, total: total.cents, tax, lines, promo, update };
}

/** A captured summary as the page's figures (tests hold pages to what they show this way). */
export const summaryFigures = (capture: CheckoutPageCapture, currency?: string): CheckoutFigures | Message =>
  figuresOf("dom", capture.summary, capture.total ?? "", currency, null, 0);

// ---------------------------------------------------------------- lines

const itemIdOf = (url: string | undefined): string => /\/item\/(\d+)\.html/.exec(url ?? "")?.[1] ?? "";

interface Built {
  cart: Cart;
  lines: LineRef[];
  notes: Message[];
}

function fromApiLines(
  products: readonly ProductFields[],
  shopTitles: readonly { title: string; signatures: string[] }[],
  shipping: ReadonlyMap<string, string>,
  lastCart: CartSnapshot | undefined,
): Built | Message {
  const first = products[0];
  if (!first) return message("adapter_checkoutEmpty");
  const currency = first.prices.children.retailPrice.currency;
  const notes: Message[] = [];
  const used = new Set<string>();
  // Lines by the store block that lists them; the signature links a line to its shipping block.
  const groups = new Map<
    number,
    { title: string; entries: { item: Item; ref: LineRef; signature: string; cartStore?: Store }[] }
  >();
  const storeOf = (signature: string) => {
    const n = shopTitles.findIndex((s) => s.signatures.includes(signature));
    return n < 0 ? { n: shopTitles.length, title: "" } : { n, title: shopTitles[n]?.title ?? "" };
  };
  const taken = new Set<string>();
  for (const [n, p] of products.entries()) {
    const lineNo = n + 1;
    const price = p.prices.children.retailPrice;
    if (price.currency !== currency)
      return message("adapter_mixedCurrencies", `line ${lineNo}`, price.currency, currency);
    const unit = majorToCents(price.value, currency);
    if (!unit.ok) return message("adapter_checkoutLinePrice", lineNo);
    const itemId = itemIdOf(p.itemUrl);
    const skuInfo = p.sku?.skuInfo ?? "";
    const ref = lastCart?.lines.find(
      (l) =>
        !used.has(l.id) &&
        itemId !== "" &&
        l.itemId === itemId &&
        (l.skuInfo === "" || skuInfo === "" || l.skuInfo === skuInfo),
    );
    const known = ref && lastCart?.cart.items.find((i) => i.id === ref.id);
    if (ref) used.add(ref.id);
    let id = known?.id ?? `line-${p.signature}`;
    for (let k = 2; taken.has(id); k++) id = `${known?.id ?? `line-${p.signature}`}#${k}`;
    taken.add(id);
    const store = storeOf(p.signature);
    const group = groups.get(store.n) ?? { title: store.title, entries: [] };
    groups.set(store.n, group);
    const cartStore = known && lastCart?.cart.stores.find((s) => s.id === known.storeId);
    group.entries.push({
      item: {
        id,
        title: (p.title ?? known?.title ?? "").slice(0, 500),
        storeId: "",
        unitPrice: unit.cents,
        quantity: p.quantity.current,
        selected: true,
        selectEligible: known?.selectEligible ?? false,
      },
      ref: {
        id,
        itemId,
        ...(ref?.skuId !== undefined ? { skuId: ref.skuId } : {}),
        ...(ref?.cartId !== undefined ? { cartId: ref.cartId } : {}),
        skuInfo,
      },
      signature: p.signature,
      ...(cartStore ? { cartStore } : {}),
    });
  }

  const items: Item[] = [];
  const lines: LineRef[] = [];
  const stores: Store[] = [];
  const unknownStores: (string | Message)[] = [];
  for (const [n, group] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
    // A store the page gives no title keeps no name: the panel labels it as it labels any unnamed store.
    const name = group.title || undefined;
    const cartStores = new Set(group.entries.map((e) => e.cartStore?.id));
    const cartStore = group.entries[0]?.cartStore;
    const known =
      cartStores.size === 1 && cartStore !== undefined && !stores.some((s) => s.id === cartStore.id);
    const storeId = known ? cartStore.id : `checkout-store-${n + 1}`;
    if (!known) unknownStores.push(name ?? message("adapter_checkoutUnnamedStore"));
    let fee = 0;
    for (const e of group.entries) {
      const shown = shipping.get(e.signature);
      const cents = shown === undefined ? null : signedCents(shown, currency);
      if (cents === null || cents < 0) {
        notes.push(message("adapter_shippingUnknown", e.item.title || e.item.id));
        continue;
      }
      fee += cents;
    }
    const storeName = known ? (cartStore.name ?? name) : name;
    stores.push({
      id: storeId,
      ...(storeName === undefined ? {} : { name: storeName }),
      // What the page charges for this order: its lines and their chosen shipping are fixed here.
      shipping: { fee },
      promotions: known ? cartStore.promotions : [],
    });
    for (const e of group.entries) {
      items.push({ ...e.item, storeId });
      lines.push(e.ref);
    }
  }
  if (unknownStores.length > 0)
    notes.push(
      message(
        lastCart ? "adapter_checkoutStoresNotInCart" : "adapter_checkoutStandalone",
        unknownStores.reduce((list, store) => message("adapter_listPair", list, store)),
      ),
    );
  const parsed = CartSchema.safeParse({ currency, items, stores });
  if (!parsed.success) return message("adapter_checkoutInvalid");
  return { cart: parsed.data, lines, notes };
}

function fromLastCart(url: string, lastCart: CartSnapshot | undefined): Built | Message {
  let ids: string[];
  try {
    ids = (new URL(url).searchParams.get("availableProductShopcartIds") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => /^\d{1,30}$/.test(s));
  } catch {
    ids = [];
  }
  if (ids.length === 0) return message("adapter_checkoutNoData");
  if (!lastCart) return message("adapter_checkoutNeedsCart");
  const items: Item[] = [];
  const lines: LineRef[] = [];
  for (const [n, cartId] of ids.entries()) {
    const ref = lastCart.lines.find((l) => l.cartId === cartId);
    const item = ref && lastCart.cart.items.find((i) => i.id === ref.id);
    if (!ref || !item) return message("adapter_checkoutLineNotInCart", n + 1);
    items.push({ ...item, selected: true });
    lines.push(ref);
  }
  const stores = lastCart.cart.stores.filter((s) => items.some((i) => i.storeId === s.id));
  const parsed = CartSchema.safeParse({ currency: lastCart.cart.currency, items, stores });
  if (!parsed.success) return message("adapter_checkoutInvalid");
  return { cart: parsed.data, lines, notes: [message("adapter_checkoutTerms")] };
}

export function readAliExpressCheckout(page: PageInput, lastCart: CartSnapshot | undefined): CartRead {
  try {
    const capture = captureOf(page);
    if (capture === "malformed") return unreadable(message("adapter_checkoutNotCaptured"));
    const api = readCheckoutApi(page.apiState);
    if (api.kind === "refused") return unreadable(api.reason, api.notes);

    let built: Built | Message;
    let figures: CheckoutFigures | Message;
    const notes: Message[] = [];
    if (api.kind === "data") {
      const { data } = api;
      if (data.lines.length === 0)
        return { ok: false, status: "empty", reason: message("adapter_checkoutEmpty"), notes: [] };
      built = fromApiLines(data.lines, data.stores, data.shipping, lastCart);
      const promo =
        data.promo === null
          ? null
          : {
              status:
                data.promo.status.toUpperCase() === "SUCCESS" ? ("applied" as const) : ("refused" as const),
              message: data.promo.message.slice(0, 300),
            };
      figures = figuresOf("api", data.summary, data.total, undefined, promo, data.update);
      notes.push(message("adapter_checkoutFromData", data.api), ...data.notes);
    } else {
      if (capture === undefined) return unreadable(message("adapter_noCheckout"));
      if (capture.truncated) return unreadable(message("adapter_checkoutTooManyLines", MAX_SUMMARY_ROWS));
      if (capture.loading || capture.total === null)
        return { ok: false, status: "loading", reason: message("adapter_checkoutLoading"), notes: [] };
      built = fromLastCart(page.url, lastCart);
      const promo = capture.promoError
        ? { status: "refused" as const, message: capture.promoError.slice(0, 300) }
        : null;
      figures = figuresOf("dom", capture.summary, capture.total, lastCart?.cart.currency, promo, 0);
      notes.push(message("adapter_checkoutFromSummary"), ...api.notes);
    }
    if (isMessage(built)) return unreadable(built, notes);
    if (isMessage(figures)) return unreadable(figures, notes);
    if (figures.currency !== built.cart.currency)
      return unreadable(
        message("adapter_mixedCurrencies", "the total", figures.currency, built.cart.currency),
      );
    if (built.cart.items.reduce((t, i) => t + i.unitPrice * i.quantity, 0) > MAX_CENTS)
      return unreadable(message("adapter_checkoutImplausible"));
    return {
      ok: true,
      cart: built.cart,
      source: "checkout",
      lines: built.lines,
      notes: [...notes, ...built.notes],
      signature: JSON.stringify({ cart: built.cart, checkout: figures }),
      // One response is one consistent snapshot of the order: nothing to wait for.
      corroborated: api.kind === "data",
      checkout: figures,
      ...(capture ? { shipTo: readShipTo(capture.siteCookie) } : {}),
    };
  } catch (error) {
    return unreadable(message("adapter_unexpected", String(error)));
  }
}

/**
 * Types the stack's promo code into the page's own field and presses its
 * apply button, then waits for the page's answer: "applied" when the page
 * cleared the field or lowered its total with no error tip, "refused" with
 * the page's own message. Touches nothing else: the pay button
 * (`button.place-order-primary-btn`, "Pay now" charges at once) is never
 * clicked, focused or submitted. See CheckoutSupport.applyStack for why it is
 * self-contained.
 */
export async function applyAliExpressCheckout(choices: StackChoices): Promise<PromoApplyResult> {
  // Runs in the page with nothing but its argument (see above): messages are written out, not imported.
  const say = (key: MessageKey, ...subs: MessageSub[]): Message => ({ key, subs });
  const failed = (why: MessageKey, code?: string): PromoApplyResult => ({
    state: "failed",
    message: say("panel_applyFailed", say(why)),
    ...(code === undefined ? {} : { code }),
  });
  try {
    const platform = choices.platform;
    if (platform?.kind !== "code") return { state: "nothing-to-apply", message: say("panel_applyNothing") };
    const code = platform.code;
    const doc = document;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Shown: connected, and neither it nor an ancestor hidden (a closed promo row keeps its input hidden).
    const visible = (el: Element | null): el is HTMLElement => {
      if (!(el instanceof HTMLElement) || !el.isConnected) return false;
      for (let e: Element | null = el; e; e = e.parentElement) {
        if (e.hasAttribute("hidden")) return false;
        const style = getComputedStyle(e);
        if (style.display === "none" || style.visibility === "hidden") return false;
      }
      return true;
    };
    const inputSel = "input.pl-promoCode-input, input[aria-label='coupon code input']";
    const isPay = (el: Element) =>
      el.matches(".place-order-primary-btn") || el.closest(".pl-order-toal-container__btn-box") !== null;
    const totalText = () =>
      (doc.querySelector(".pl-order-toal-container__item-content")?.textContent ?? "").replace(/\s+/g, "");
    const amountOf = (text: string) => Number(text.replace(/\D/g, "") || Number.NaN);
    const errorText = () =>
      [...doc.querySelectorAll(".promoErrorTip")]
        .filter(visible)
        .map((e) => (e.textContent ?? "").trim())
        .find((t) => t !== "") ?? "";
    const busy = () => [...doc.querySelectorAll(".comet-loading")].some(visible);
    const waitFor = async <T>(probe: () => T | undefined, ms: number): Promise<T | undefined> => {
      for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
        const got = probe();
        if (got !== undefined) return got;
      }
      return probe();
    };

    let input = doc.querySelector<HTMLInputElement>(inputSel);
    if (!visible(input)) {
      // The promo-code row opens through its arrow; the row is the one titled "Promo code(s)".
      const rows = [...doc.querySelectorAll(".pl-summary__item-pc")];
      const row =
        rows.find(
          (r) =>
            /promo|coupon code|c[oó]digo|code/i.test(r.textContent ?? "") &&
            r.querySelector(".pl-summary__item-arrow-pc"),
        ) ?? null;
      const arrow = row?.querySelector<HTMLElement>(".pl-summary__item-arrow-pc");
      if (!arrow || isPay(arrow)) return failed("adapter_noPromoField", code);
      arrow.click();
      input =
        (await waitFor(() => {
          const found = doc.querySelector<HTMLInputElement>(inputSel);
          return visible(found) ? found : undefined;
        }, 3000)) ?? null;
    }
    const button = doc.querySelector<HTMLButtonElement>("button.pl-promoCode-input-button");
    if (!input || !visible(input) || !button || isPay(button)) return failed("adapter_noPromoField", code);

    const before = totalText();
    // React keeps its own copy of a controlled input's value: set it through the native setter
    // (resetting React's value tracker) and announce it with an input event, as typing does.
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
    const tracker = (input as unknown as { _valueTracker?: { setValue(v: string): void } })._valueTracker;
    tracker?.setValue("");
    if (setter) setter.call(input, code);
    else input.value = code;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    if (button.disabled) await waitFor(() => (button.disabled ? undefined : true), 1000);
    // A tip still showing from an earlier try is only the answer if it stays.
    const staleError = errorText();
    const pressed = Date.now();
    button.click();

    const answer = await waitFor<PromoApplyResult>(() => {
      if (busy()) return undefined;
      const error = errorText();
      if (error !== "" && (error !== staleError || Date.now() - pressed > 1500))
        return { state: "refused", message: say("panel_applyRefused", code, error), code };
      const now = totalText();
      const lower = now !== before && amountOf(now) < amountOf(before);
      if ((input.value === "" || !input.isConnected || lower) && error === "")
        return { state: "applied", message: say("panel_applyApplied", code), code };
      return undefined;
    }, 10_000);
    return answer ?? failed("adapter_pageNoAnswer", code);
  } catch (error) {
    return { state: "failed", message: say("panel_applyFailed", say("adapter_unexpected", String(error))) };
  }
}

export const aliexpressCheckout: CheckoutSupport = {
  matches: isCheckoutPage,
  readCheckout: readAliExpressCheckout,
  applyStack: applyAliExpressCheckout,
};
