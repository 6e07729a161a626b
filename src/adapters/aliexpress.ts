/**
 * AliExpress cart page (shared/spec/aliexpress-cart.md).
 *
 * Reads page state first: the flat `nodeKey -> component` map, where a cart
 * line is any node with `fields.itemView` (node keys change between site
 * releases, so they are never used). Store-level terms come from store nodes:
 * a node with `fields.shopView` and no `fields.itemView`, carrying
 * `shopShippingView` ({fee, freeOver} price views) and `shopPromotionView.tiers`
 * ({minSpend, off, maxOff} price views, minQuantity, percent). When page state
 * is missing or does not validate, the DOM rows are read instead, which show
 * neither shipping terms nor promotions.
 *
 * Whatever the source, a line that cannot be read exactly makes the whole
 * read fail ("unreadable"): a cart with a guessed line would make the
 * optimizer advise on a cart that does not exist.
 */
import { z } from "zod";
import { type Cart, CartSchema, MAX_CENTS, PromotionTierSchema } from "../../optimizer/schema";
import { type MoneyResult, majorToCents, parsePriceText } from "../core/money";
import {
  type CapturedRow,
  type CartPageCapture,
  captureCartPage,
  isCartPage,
  MAX_ROWS,
  MAX_TEXT,
  ROWS,
} from "./aliexpress-capture";
import { aliexpressCheckout } from "./aliexpress-checkout";
import type { PageStateSnapshot } from "./page-state";
import { adapterText } from "./texts";
import type { ApplyResult, CartChanges, CartRead, LineRef, PageInput, SiteAdapter } from "./types";

export { isCartPage, isCheckoutPage } from "./aliexpress-capture";

type Item = Cart["items"][number];
type Store = Cart["stores"][number];

// ---------------------------------------------------------------- shared pieces

type Outcome =
  | { kind: "cart"; currency: string; items: Item[]; stores: Store[]; lines: LineRef[]; notes: string[] }
  | { kind: "empty"; reason: string; notes: string[] }
  | { kind: "absent"; reason: string }
  | { kind: "unreadable"; reason: string; notes: string[] };

class Unreadable extends Error {}
function fail(reason: string): never {
  throw new Unreadable(reason);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const CHOICE = /^\s*choice\s*$/i;

/** Unique item ids: `base`, then `base#2`, `base#3`... */
const uniqueId = (base: string, taken: Set<string>): string => {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}#${n}`;
  taken.add(id);
  return id;
};

const storeNumberFromUrl = (href: string | undefined): string | undefined => {
  if (!href) return undefined;
  return /\/store\/(?:[a-z-]*\/)?(\d+)/i.exec(href)?.[1] ?? /[?&]storeId=(\d+)/i.exec(href)?.[1];
};

// ---------------------------------------------------------------- page state

const digits = z.union([
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^\d{1,30}$/),
]);

const PriceViewSchema = z.looseObject({
  priceType: z.string().optional(),
  value: z.unknown().optional(),
  amount: z.unknown().optional(),
  currency: z.string().optional(),
  formattedAmount: z.string().optional(),
});
type PriceView = z.output<typeof PriceViewSchema>;

const ShopViewSchema = z.looseObject({
  name: z.string().optional(),
  sellerId: digits.optional(),
  homeUrl: z.string().optional(),
});

const LineFieldsSchema = z.looseObject({
  itemView: z.looseObject({
    cartId: digits.optional(),
    itemId: digits,
    skuId: digits.optional(),
    title: z.string().min(1),
    sku: z.looseObject({ skuInfo: z.string().optional() }).optional(),
    valid: z.boolean().optional(),
  }),
  quantityView: z.looseObject({ current: z.number().int().min(1).max(1_000_000) }),
  priceViews: z.array(z.unknown()),
  checkbox: z.looseObject({ selected: z.boolean() }),
  shopView: ShopViewSchema,
  logisticsView: z
    .looseObject({ freeShipping: z.boolean().optional(), freightCost: z.unknown().optional() })
    .optional()
    .catch(undefined),
});
type LineFields = z.output<typeof LineFieldsSchema>;

const TierViewSchema = z.looseObject({
  minSpend: z.unknown().optional(),
  minQuantity: z.number().int().min(0).optional(),
  off: z.unknown().optional(),
  percent: z.number().optional(),
  maxOff: z.unknown().optional(),
});

const StoreFieldsSchema = z.looseObject({
  shopView: ShopViewSchema,
  shopShippingView: z
    .looseObject({
      freeShipping: z.boolean().optional(),
      fee: z.unknown().optional(),
      freeOver: z.unknown().optional(),
    })
    .optional()
    .catch(undefined),
  shopPromotionView: z
    .looseObject({ tiers: z.array(z.unknown()) })
    .optional()
    .catch(undefined),
});

const issueText = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(node)"}: ${i.message}`)
    .join("; ");

/**
 * A price view to cents. The display string and the number must agree when
 * both are there; either alone is accepted (the number needs a currency).
 */
function readPriceView(raw: unknown, currencyHint: string | undefined): MoneyResult {
  const parsed = PriceViewSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "no-number", message: "not a price view" };
  const view: PriceView = parsed.data;
  const currency = view.currency && /^[A-Z]{3}$/.test(view.currency) ? view.currency : currencyHint;
  const text =
    view.formattedAmount === undefined
      ? undefined
      : parsePriceText(view.formattedAmount, currency ? { currency } : {});
  let number = view.value ?? view.amount;
  if (isRecord(number)) number = number.value;
  const fromNumber = number !== undefined && currency ? majorToCents(number, currency) : undefined;
  if (text?.ok && fromNumber?.ok) {
    if (text.cents === fromNumber.cents && text.currency === fromNumber.currency) return text;
    return {
      ok: false,
      reason: "unexpected-text",
      message: `"${view.formattedAmount}" disagrees with ${String(number)} ${currency}`,
    };
  }
  if (text?.ok) return text;
  // A display string in another currency than the view's is a contradiction, not a format problem.
  if (text && !text.ok && text.reason === "currency-mismatch") return text;
  if (fromNumber?.ok) return fromNumber;
  return text ?? fromNumber ?? { ok: false, reason: "no-number", message: "the price view has no amount" };
}

const isChoiceLine = (itemView: Record<string, unknown>): boolean => {
  if (itemView.isChoice === true || itemView.choice === true || itemView.choiceItem === true) return true;
  for (const key of ["tagList", "tags", "itemTags", "labels", "icons"]) {
    const list = itemView[key];
    if (!Array.isArray(list)) continue;
    for (const tag of list) {
      if (typeof tag === "string" && CHOICE.test(tag)) return true;
      if (isRecord(tag))
        for (const field of ["tagType", "type", "code", "tagCode", "text", "name"]) {
          const v = tag[field];
          if (typeof v === "string" && CHOICE.test(v)) return true;
        }
    }
  }
  return false;
};

const storeIdOf = (shop: z.output<typeof ShopViewSchema>): string | undefined =>
  storeNumberFromUrl(shop.homeUrl) ?? (shop.sellerId === undefined ? undefined : `seller-${shop.sellerId}`);

/** One currency per cart: the first amount read sets it, any other refuses the read. */
class CurrencyGuard {
  currency: string | undefined;
  constructor(hint?: string) {
    this.currency = hint;
  }
  cents(result: MoneyResult, what: string): number {
    if (!result.ok) return fail(`${what}: ${result.message}`);
    if (this.currency === undefined) this.currency = result.currency;
    else if (result.currency !== this.currency)
      fail(adapterText("mixedCurrencies", what, result.currency, this.currency));
    return result.cents;
  }
}

function fromPageState(snapshot: PageStateSnapshot | undefined, currencyHint: string | undefined): Outcome {
  if (!snapshot) return { kind: "absent", reason: "no page state was taken" };
  if (!snapshot.ok) {
    if (snapshot.reason === "absent") return { kind: "absent", reason: "the page has no cart state yet" };
    return {
      kind: "unreadable",
      reason: adapterText(
        "technical",
        `page state ${snapshot.reason}${snapshot.detail ? ` (${snapshot.detail})` : ""}`,
      ),
      notes: [],
    };
  }
  const nodes = Object.entries(snapshot.data).filter((e): e is [string, Record<string, unknown>] =>
    isRecord(e[1]),
  );
  if (nodes.length === 0) return { kind: "absent", reason: "the cart state is still empty" };
  const notes: string[] = [];
  try {
    const guard = new CurrencyGuard(undefined);
    const items: Item[] = [];
    const lines: LineRef[] = [];
    const taken = new Set<string>();
    const storeNames = new Map<string, string | undefined>();
    const lineLogistics = new Map<string, LineFields["logisticsView"][]>();

    // Any node with an item view is a line, even one this reader cannot parse.
    const lineNodes = nodes.filter(([, node]) => isRecord(node.fields) && node.fields.itemView != null);
    for (const [key, node] of lineNodes) {
      const fields = node.fields as Record<string, unknown>;
      const itemView = fields.itemView;
      if (!isRecord(itemView)) fail(`cart line ${key}: item view is not an object`);
      if (itemView.valid === false) {
        const title = typeof itemView.title === "string" ? `"${itemView.title}"` : key;
        notes.push(adapterText("unavailableLine", title));
        continue;
      }
      const parsed = LineFieldsSchema.safeParse(fields);
      if (!parsed.success) fail(`cart line ${key}: ${issueText(parsed.error)}`);
      const line = parsed.data;
      const storeId = storeIdOf(line.shopView) ?? fail(`cart line ${key}: no store id`);
      const show = line.priceViews.find((p) => isRecord(p) && p.priceType === "showPrice");
      if (show === undefined) fail(`cart line ${key}: no payable price (priceType "showPrice")`);
      const unitPrice = guard.cents(
        readPriceView(show, currencyHint ?? guard.currency),
        `price of cart line ${key}`,
      );
      const cartId = line.itemView.cartId === undefined ? undefined : String(line.itemView.cartId);
      const itemId = String(line.itemView.itemId);
      const id = uniqueId(cartId ?? `item-${itemId}`, taken);
      items.push({
        id,
        title: line.itemView.title,
        storeId,
        unitPrice,
        quantity: line.quantityView.current,
        selected: line.checkbox.selected,
        selectEligible: isChoiceLine(itemView),
      });
      lines.push({
        id,
        itemId,
        ...(line.itemView.skuId === undefined ? {} : { skuId: String(line.itemView.skuId) }),
        ...(cartId === undefined ? {} : { cartId }),
        skuInfo: line.itemView.sku?.skuInfo ?? "",
      });
      if (!storeNames.has(storeId)) storeNames.set(storeId, line.shopView.name);
      lineLogistics.set(storeId, [...(lineLogistics.get(storeId) ?? []), line.logisticsView]);
    }
    if (items.length === 0)
      return {
        kind: "empty",
        reason: adapterText(lineNodes.length ? "onlyUnavailable" : "cartEmpty"),
        notes,
      };

    const storeNodes = new Map<string, z.output<typeof StoreFieldsSchema>>();
    for (const [, node] of nodes) {
      if (!isRecord(node.fields) || node.fields.itemView != null || !isRecord(node.fields.shopView)) continue;
      const parsed = StoreFieldsSchema.safeParse(node.fields);
      const id = parsed.success ? storeIdOf(parsed.data.shopView) : undefined;
      if (parsed.success && id !== undefined && !storeNodes.has(id)) storeNodes.set(id, parsed.data);
    }

    const stores: Store[] = [...storeNames].map(([id, name]) => {
      const node = storeNodes.get(id);
      const label = name ?? id;
      const store: Store = { id, ...(name ? { name } : {}), promotions: [] };
      if (node) {
        readStoreTerms(store, node, guard, label, notes);
      } else {
        // No store node: line logistics tell the fee, never the free-shipping threshold.
        const views = lineLogistics.get(id) ?? [];
        if (views.some((v) => v === undefined)) notes.push(adapterText("shippingUnknown", label));
        else {
          const fees = views
            .filter((v) => v?.freeShipping === false)
            .map((v) => guard.cents(readPriceView(v?.freightCost, guard.currency), `shipping of ${label}`));
          if (fees.length) {
            store.shipping = { fee: Math.max(...fees) };
            notes.push(adapterText("thresholdUnknown", label));
          }
        }
        notes.push(adapterText("promotionsUnknown", label));
      }
      return store;
    });
    return { kind: "cart", currency: guard.currency ?? fail("no currency"), items, stores, lines, notes };
  } catch (error) {
    const detail = error instanceof Unreadable ? error.message : `page state: ${String(error)}`;
    return { kind: "unreadable", reason: adapterText("technical", detail), notes };
  }
}

function readStoreTerms(
  store: Store,
  node: z.output<typeof StoreFieldsSchema>,
  guard: CurrencyGuard,
  label: string,
  notes: string[],
): void {
  const ship = node.shopShippingView;
  if (ship === undefined) notes.push(adapterText("shippingUnknown", label));
  else if (ship.fee !== undefined && ship.fee !== null) {
    const fee = guard.cents(readPriceView(ship.fee, guard.currency), `shipping fee of ${label}`);
    const freeOver =
      ship.freeOver === undefined || ship.freeOver === null
        ? undefined
        : guard.cents(readPriceView(ship.freeOver, guard.currency), `free-shipping threshold of ${label}`);
    if (fee > 0) store.shipping = { fee, ...(freeOver === undefined ? {} : { freeOver }) };
  } else if (ship.freeShipping !== true) notes.push(adapterText("shippingUnknown", label));

  for (const [i, raw] of (node.shopPromotionView?.tiers ?? []).entries()) {
    const view = TierViewSchema.safeParse(raw);
    const money = (v: unknown, what: string) =>
      v === undefined || v === null
        ? undefined
        : guard.cents(readPriceView(v, guard.currency), `${what} of ${label}`);
    const tier = view.success
      ? PromotionTierSchema.safeParse({
          minSpend: money(view.data.minSpend, "promotion minimum"),
          minQuantity: view.data.minQuantity,
          off: money(view.data.off, "promotion amount"),
          percent: view.data.percent,
          maxOff: money(view.data.maxOff, "promotion cap"),
        })
      : undefined;
    // A promotion left out only makes the advice cautious; it never invents a saving.
    if (tier?.success) store.promotions.push(tier.data);
    else notes.push(adapterText("promotionUnreadable", i + 1, label));
  }
}

// ---------------------------------------------------------------- DOM rows

const text = (el: Element | null | undefined): string => (el?.textContent ?? "").replace(/\s+/g, " ").trim();

const short = () => z.string().max(MAX_TEXT);

/** The content script's capture is page data like any other: checked before use. */
const CaptureSchema = z.object({
  page: z.literal("aliexpress-cart"),
  loading: z.boolean(),
  emptyShown: z.boolean(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable(),
  rows: z
    .array(
      z.object({
        link: z.object({ href: short(), text: short(), title: short() }).nullable(),
        invalid: z.boolean(),
        price: short(),
        quantity: z.string().max(20).nullable(),
        ticked: z.boolean().nullable(),
        group: z.object({ storeHref: short().nullable(), storeName: short() }).nullable(),
        sku: short(),
        choice: z.boolean(),
      }),
    )
    .max(MAX_ROWS),
  truncated: z.boolean(),
});

interface DomLine {
  row: Element;
  itemId: string;
  skuInfo: string;
}

function readRows(doc: Document): DomLine[] {
  return [...doc.querySelectorAll(ROWS)].flatMap((row) => {
    const href = row.querySelector("a.cart-product-name-title")?.getAttribute("href") ?? "";
    const itemId = /\/item\/(\d+)\.html/.exec(href)?.[1];
    return itemId ? [{ row, itemId, skuInfo: text(row.querySelector('[class*="cart-product-sku"]')) }] : [];
  });
}

function fromDom(capture: CartPageCapture | undefined, currencyHint: string | undefined): Outcome {
  if (!capture) return { kind: "absent", reason: "no document" };
  const rows = capture.rows;
  if (rows.length === 0)
    return capture.emptyShown
      ? { kind: "empty", reason: adapterText("pageSaysEmpty"), notes: [] }
      : { kind: "absent", reason: "no cart rows on the page" };
  const notes: string[] = [adapterText("readFromRows")];
  try {
    if (capture.truncated) fail(adapterText("tooManyRows", MAX_ROWS));
    const guard = new CurrencyGuard(currencyHint);
    const items: Item[] = [];
    const lines: LineRef[] = [];
    const taken = new Set<string>();
    const stores = new Map<string, string>();
    rows.forEach((row: CapturedRow, index) => {
      const where = `row ${index + 1}`;
      const title = row.link?.text || row.link?.title || "";
      if (row.invalid) {
        notes.push(adapterText("unavailableLine", title ? `"${title}"` : where));
        return;
      }
      const itemId =
        /\/item\/(\d+)\.html/.exec(row.link?.href ?? "")?.[1] ?? fail(`${where}: no product link`);
      const unitPrice = guard.cents(
        parsePriceText(row.price, guard.currency ? { currency: guard.currency } : {}),
        `price of ${where} ("${row.price}")`,
      );
      const qtyText = (row.quantity ?? "").trim();
      const quantity =
        /^\d{1,6}$/.test(qtyText) && Number(qtyText) >= 1 ? Number(qtyText) : fail(`${where}: no quantity`);
      const selected = row.ticked ?? fail(`${where}: no tick box`);
      const group = row.group ?? fail(`${where}: not inside a store group`);
      const storeName = group.storeName || undefined;
      const storeNo = storeNumberFromUrl(group.storeHref ?? undefined);
      const storeId = storeNo ?? (storeName ? `store-name:${storeName}` : fail(`${where}: no store`));
      if (!stores.has(storeId)) stores.set(storeId, storeName ?? storeId);
      const id = uniqueId(`item-${itemId}`, taken);
      items.push({ id, title, storeId, unitPrice, quantity, selected, selectEligible: row.choice });
      lines.push({ id, itemId, skuInfo: row.sku });
    });
    if (items.length === 0) return { kind: "empty", reason: adapterText("onlyUnavailable"), notes };
    return {
      kind: "cart",
      currency: guard.currency ?? fail("no currency"),
      items,
      stores: [...stores].map(([id, name]) => ({ id, name, promotions: [] })),
      lines,
      notes,
    };
  } catch (error) {
    const detail = error instanceof Unreadable ? error.message : `page rows: ${String(error)}`;
    return { kind: "unreadable", reason: adapterText("technical", detail), notes };
  }
}

// ---------------------------------------------------------------- the read

/** The page's rows: the content script's capture when given, else taken from the document. */
function captureOf(page: PageInput): CartPageCapture | undefined | "malformed" {
  if (page.dom !== undefined) {
    const parsed = CaptureSchema.safeParse(page.dom);
    return parsed.success ? parsed.data : "malformed";
  }
  return page.document ? captureCartPage(page.document) : undefined;
}

export function readAliExpressCart(page: PageInput): CartRead {
  try {
    const capture = captureOf(page);
    if (capture === "malformed")
      return {
        ok: false,
        status: "unreadable",
        reason: adapterText("rowsNotCaptured"),
        notes: [],
      };
    if (capture?.loading)
      return { ok: false, status: "loading", reason: "the page is still loading its cart", notes: [] };
    const hint = capture?.currency ?? undefined;
    const state = fromPageState(page.pageState, hint);
    if (state.kind === "cart") {
      // The rows drawn in the same task as the state copy: do they show the same lines?
      const rows = capture ? fromDom(capture, hint) : undefined;
      return finishCart(state, "page-state", [], rows?.kind === "cart" && sameLines(state, rows));
    }
    const dom = fromDom(capture, hint);
    const why =
      state.kind === "absent" || state.kind === "empty"
        ? []
        : [adapterText("pageStateNotUsed", state.reason)];
    if (dom.kind === "cart") return finishCart(dom, "dom", why);
    if (state.kind === "empty" && dom.kind !== "unreadable")
      return { ok: false, status: "empty", reason: state.reason, notes: state.notes };
    if (dom.kind === "empty" && state.kind === "absent")
      return { ok: false, status: "empty", reason: dom.reason, notes: dom.notes };
    if (state.kind === "absent" && dom.kind === "absent")
      return { ok: false, status: "loading", reason: `${state.reason}; ${dom.reason}`, notes: [] };
    const reasons = [state, dom]
      .filter((o) => o.kind === "unreadable" || o.kind === "empty")
      .map((o) => o.reason);
    const notes = [state, dom].flatMap((o) => ("notes" in o ? o.notes : []));
    return { ok: false, status: "unreadable", reason: reasons.join("; ") || adapterText("noCart"), notes };
  } catch (error) {
    return { ok: false, status: "unreadable", reason: adapterText("unexpected", String(error)), notes: [] };
  }
}

/** Same products, variants, quantities, ticks and prices, whatever the order. */
function sameLines(a: Extract<Outcome, { kind: "cart" }>, b: Extract<Outcome, { kind: "cart" }>): boolean {
  const keys = (o: Extract<Outcome, { kind: "cart" }>) =>
    o.items
      .map((item, i) => {
        const line = o.lines[i];
        return `${line?.itemId}|${line?.skuInfo}|${item.quantity}|${item.selected}|${item.unitPrice}`;
      })
      .sort()
      .join("\n");
  return a.currency === b.currency && keys(a) === keys(b);
}

function finishCart(
  outcome: Extract<Outcome, { kind: "cart" }>,
  source: "page-state" | "dom",
  notes: string[],
  corroborated = false,
): CartRead {
  const all = [...notes, ...outcome.notes];
  const parsed = CartSchema.safeParse({
    currency: outcome.currency,
    items: outcome.items,
    stores: outcome.stores,
  });
  if (!parsed.success)
    return {
      ok: false,
      status: "unreadable",
      reason: adapterText("notForOptimizer", issueText(parsed.error)),
      notes: all,
    };
  const subtotal = parsed.data.items.reduce((t, i) => t + i.unitPrice * i.quantity, 0);
  if (subtotal > MAX_CENTS)
    return { ok: false, status: "unreadable", reason: adapterText("implausibleTotal"), notes: all };
  const cart = parsed.data;
  return {
    ok: true,
    cart,
    source,
    lines: outcome.lines,
    notes: all,
    signature: JSON.stringify(cart),
    corroborated,
  };
}

// ---------------------------------------------------------------- operating the page

/** Sets a React-controlled input the way typing would: native setter, then input and blur events. */
function typeInto(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView;
  const setter = view
    ? Object.getOwnPropertyDescriptor(view.HTMLInputElement.prototype, "value")?.set
    : undefined;
  if (setter) setter.call(input, value);
  else input.value = value;
  const EventCtor = view?.Event ?? Event;
  input.dispatchEvent(new EventCtor("input", { bubbles: true }));
  input.dispatchEvent(new EventCtor("change", { bubbles: true }));
  const FocusCtor = view?.FocusEvent ?? FocusEvent;
  input.dispatchEvent(new FocusCtor("blur"));
  input.dispatchEvent(new FocusCtor("focusout", { bubbles: true }));
}

export function applyAliExpressChanges(page: PageInput, changes: CartChanges): ApplyResult {
  try {
    const doc = page.document;
    if (!doc) return { ok: false, reason: "no document to operate", missing: [] };
    const read = readAliExpressCart(page);
    if (!read.ok)
      return { ok: false, reason: `cannot read the cart (${read.status}: ${read.reason})`, missing: [] };
    const rows = readRows(doc);
    const ids = new Set([...Object.keys(changes.select ?? {}), ...Object.keys(changes.quantity ?? {})]);
    const missing: string[] = [];
    const rowFor = new Map<string, Element>();
    for (const id of ids) {
      const ref = read.lines.find((l) => l.id === id);
      const sameItem = ref ? rows.filter((r) => r.itemId === ref.itemId) : [];
      // Several variants of one product: the variant text tells their rows apart.
      const match = sameItem.length === 1 ? sameItem : sameItem.filter((r) => r.skuInfo === ref?.skuInfo);
      const [only] = match;
      if (match.length === 1 && only) rowFor.set(id, only.row);
      else missing.push(id);
    }
    if (missing.length) return { ok: false, reason: "some lines have no single row on the page", missing };

    let actions = 0;
    for (const [id, want] of Object.entries(changes.select ?? {})) {
      const item = read.cart.items.find((i) => i.id === id);
      const row = rowFor.get(id);
      if (!item || !row || item.selected === want) continue;
      const box =
        row.querySelector<HTMLElement>("label.comet-v2-checkbox input") ??
        row.querySelector<HTMLElement>("label.comet-v2-checkbox");
      if (!box) return { ok: false, reason: `line ${id} has no tick box`, missing: [id] };
      box.click();
      actions += 1;
    }
    for (const [id, quantity] of Object.entries(changes.quantity ?? {})) {
      const item = read.cart.items.find((i) => i.id === id);
      const input = rowFor.get(id)?.querySelector<HTMLInputElement>("input.comet-v2-input-number-input");
      if (!Number.isInteger(quantity) || quantity < 1)
        return { ok: false, reason: `quantity for ${id} must be a whole number from 1`, missing: [] };
      if (!item || item.quantity === quantity) continue;
      if (!input) return { ok: false, reason: `line ${id} has no quantity box`, missing: [id] };
      typeInto(input, String(quantity));
      actions += 1;
    }
    return { ok: true, actions };
  } catch (error) {
    return { ok: false, reason: `unexpected: ${String(error)}`, missing: [] };
  }
}

export const aliexpress: SiteAdapter = {
  id: "aliexpress",
  name: "AliExpress",
  matches: isCartPage,
  readCart: readAliExpressCart,
  apply: applyAliExpressChanges,
  checkout: aliexpressCheckout,
};
