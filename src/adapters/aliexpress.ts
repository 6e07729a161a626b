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
 *
 * What the live site serves in 2026 (the spec's "Seen on the live site"),
 * all found by shape, never by node key:
 * - unavailable lines without `itemView` (fields at top level, `invalidText`
 *   saying why): listed in `unavailable`, never counted, never a refusal;
 * - a pagination node (`hasMore` on the node itself): anything but `false`
 *   means the page has not loaded every line, and the read says `incomplete`;
 *   the DOM rows are virtualised, so a read from them is incomplete unless the
 *   cart's header count equals the rows seen;
 * - the summary node (`payCurrencyCode`, `summaryTabVO`, `totalSummaryLines`),
 *   read into `pageSummary` for src/background/checkout/page-check.ts; its pay currency
 *   reads prices written without a currency;
 * - the legacy shape: `product_item_component` lines (price in integer minor
 *   units), `store_title_component` stores (`productIds`), `summary_component`;
 * - ids as the site sends them (`cartId`, `itemId` numbers below 2^53, `skuId`
 *   text): an odd one is kept when it can be and reported in the notes.
 */

import { type Cart, CartSchema, MAX_CENTS, PromotionTierSchema } from "../../optimizer/schema";
import { z } from "../../optimizer/zod";
import { type Message, message } from "../core/message";
import { type MoneyResult, majorToCents, minorDigits, parsePriceText } from "../core/money";
import { captureCartPage, isCartPage, MAX_ROWS, MAX_TEXT, ROWS } from "./aliexpress-capture";
import { aliexpressCheckout } from "./aliexpress-checkout";
import type { PageStateSnapshot } from "./page-state";
import { readShipTo } from "./ship-to";
import type {
  ApplyResult,
  CartChanges,
  CartRead,
  Incomplete,
  LineRef,
  PageInput,
  PageSummary,
  SiteAdapter,
  UnavailableLine,
} from "./types";

type Item = Cart["items"][number];
type Store = Cart["stores"][number];

// ---------------------------------------------------------------- shared pieces

type Outcome =
  | { kind: "cart"; currency: string; items: Item[]; stores: Store[]; lines: LineRef[]; notes: Message[] }
  | { kind: "empty"; reason: Message; notes: Message[] }
  | { kind: "absent"; reason: Message }
  | { kind: "unreadable"; reason: Message; notes: Message[] };

/** A read refused: a sentence for people, or a detail only a bug report needs (which field of which line). */
class Unreadable extends Error {
  constructor(readonly why: string | Message) {
    super(typeof why === "string" ? why : why.key);
  }
}
function fail(why: string | Message): never {
  throw new Unreadable(why);
}

/** Why a read failed, for people: the adapter's own sentence, or "technical detail" and what only a bug report needs. */
const failure = (error: unknown, where: string): Message =>
  message("adapter_technical", error instanceof Unreadable ? error.why : `${where}: ${String(error)}`);

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

const PriceViewSchema = z.looseObject({
  priceType: z.optional(z.string()),
  value: z.optional(z.unknown()),
  amount: z.optional(z.unknown()),
  currency: z.optional(z.string()),
  formattedAmount: z.optional(z.string()),
});
type PriceView = z.output<typeof PriceViewSchema>;

const digits = z.union([
  z.number().check(z.int(), z.nonnegative(), z.lte(Number.MAX_SAFE_INTEGER)),
  z.string().check(z.regex(/^\d{1,30}$/)),
]);

const ShopViewSchema = z.looseObject({
  name: z.optional(z.string()),
  sellerId: z.optional(digits),
  homeUrl: z.optional(z.string()),
});

const QuantitySchema = z.looseObject({ current: z.number().check(z.int(), z.gte(1), z.lte(1_000_000)) });
const CheckboxSchema = z.looseObject({ selected: z.boolean() });

/** The droplet shape: `itemView` and its `*View` siblings. Ids are checked apart (see `idOf`). */
const LineFieldsSchema = z.looseObject({
  itemView: z.looseObject({
    title: z.string().check(z.minLength(1)),
    sku: z.optional(z.looseObject({ skuInfo: z.optional(z.string()) })),
    valid: z.optional(z.boolean()),
  }),
  quantityView: QuantitySchema,
  priceViews: z.array(z.unknown()),
  checkbox: CheckboxSchema,
  shopView: ShopViewSchema,
  logisticsView: z.catch(
    z.optional(
      z.looseObject({ freeShipping: z.optional(z.boolean()), freightCost: z.optional(z.unknown()) }),
    ),
    undefined,
  ),
});
type LineFields = z.output<typeof LineFieldsSchema>;

/** The legacy shape (`product_item_component`): price in integer minor units, always with its currency. */
const LegacyLineSchema = z.looseObject({
  title: z.string().check(z.minLength(1)),
  quantity: QuantitySchema,
  prices: z.looseObject({
    children: z.looseObject({
      retailPrice: z.looseObject({
        amount: z.looseObject({
          cent: z.number().check(z.int(), z.gte(0), z.lte(MAX_CENTS)),
          currencyCode: z.string().check(z.regex(/^[A-Z]{3}$/)),
        }),
      }),
    }),
  }),
  checkbox: CheckboxSchema,
  sku: z.optional(z.looseObject({ skuInfo: z.optional(z.string()) })),
});

const TierViewSchema = z.looseObject({
  minSpend: z.optional(z.unknown()),
  minQuantity: z.optional(z.number().check(z.int(), z.gte(0))),
  off: z.optional(z.unknown()),
  percent: z.optional(z.number()),
  maxOff: z.optional(z.unknown()),
});

const StoreFieldsSchema = z.looseObject({
  shopView: ShopViewSchema,
  shopShippingView: z.catch(
    z.optional(
      z.looseObject({
        freeShipping: z.optional(z.boolean()),
        fee: z.optional(z.unknown()),
        freeOver: z.optional(z.unknown()),
      }),
    ),
    undefined,
  ),
  shopPromotionView: z.catch(z.optional(z.looseObject({ tiers: z.array(z.unknown()) })), undefined),
});

const issueText = (error: z.core.$ZodError): string =>
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
      fail(message("adapter_mixedCurrencies", what, result.currency, this.currency));
    return result.cents;
  }
}

const plain = (v: unknown): string =>
  typeof v === "string"
    ? v
        .replace(/<[^>]*>/g, " ")
        .replace(/&nbsp;/g, " ")
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, MAX_TEXT)
    : "";

type IdKind = "cartId" | "itemId" | "skuId";

/**
 * An id as the site sends it: `cartId` and `itemId` are numbers below 2^53,
 * `skuId` a string of digits. Anything else is kept as text when it can be
 * (and reported, not refused: an odd id does not make a price or a quantity
 * wrong); `odd` says what was wrong with it.
 */
function idOf(raw: unknown, kind: IdKind): { id?: string; odd?: string } {
  if (raw === undefined || raw === null || raw === "") return kind === "skuId" ? {} : { odd: "missing" };
  if (kind === "skuId") {
    if (typeof raw === "string" && /^\d{1,30}$/.test(raw)) return { id: raw };
    if (typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0)
      return { id: String(raw), odd: `a number (${raw}), not a string` };
  } else {
    if (typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0) return { id: String(raw) };
    if (typeof raw === "string" && /^\d{1,30}$/.test(raw)) return { id: raw, odd: `text ("${raw}")` };
    if (typeof raw === "number" && Number.isInteger(raw) && raw > 0)
      return { id: BigInt(raw).toString(), odd: `${raw}, beyond 2^53, so its digits may be wrong` };
  }
  return { odd: JSON.stringify(raw)?.slice(0, 40) ?? typeof raw };
}

/** A line read from either shape, before stores are put together. */
interface StateLine {
  key: string;
  title: string;
  storeId: string;
  storeName: string | undefined;
  unitPrice: number;
  quantity: number;
  selected: boolean;
  choice: boolean;
  ids: Record<IdKind, unknown>;
  skuInfo: string;
  /** Droplet lines' shipping view (undefined when absent); null for legacy lines, which have none. */
  logistics: LineFields["logisticsView"] | null;
}

/** A droplet line with legacy fields where droplet ones are missing: neither reading can be trusted. */
const isHalfShaped = (fields: Record<string, unknown>): boolean =>
  (fields.priceViews === undefined && isRecord(fields.prices)) ||
  (fields.quantityView === undefined && isRecord(fields.quantity));

const isLegacyLine = (node: Record<string, unknown>, fields: Record<string, unknown>): boolean =>
  node.tag === "product_item_component" ||
  (isRecord(fields.prices) && isRecord(fields.prices.children) && fields.itemView === undefined);

/** An unavailable line: droplet fields at top level with no `itemView`, or a line the page marks invalid. */
const isUnavailableLine = (fields: Record<string, unknown>): boolean =>
  fields.itemView == null &&
  (fields.invalidText !== undefined || fields.itemTitle !== undefined) &&
  (fields.itemId !== undefined || fields.cartId !== undefined);

/** Structural: a pagination node carries `hasMore` on the node itself (or, to be safe, in its fields). */
const paginationFlag = (node: Record<string, unknown>): { found: boolean; value?: unknown } => {
  if (Object.hasOwn(node, "hasMore")) return { found: true, value: node.hasMore };
  if (isRecord(node.fields) && Object.hasOwn(node.fields, "hasMore"))
    return { found: true, value: node.fields.hasMore };
  return { found: false };
};

const SUMMARY_SUBTOTAL = /sub\s*-?\s*total|items?\s*total/i;

/** The page's own summary: the droplet summary node, or the legacy `summary_component`, by shape. */
function readSummary(nodes: [string, Record<string, unknown>][], notes: Message[]): PageSummary | undefined {
  for (const [, node] of nodes) {
    const f = node.fields;
    if (!isRecord(f)) continue;
    if (f.payCurrencyCode !== undefined || isRecord(f.summaryTabVO) || Array.isArray(f.totalSummaryLines)) {
      const summary: PageSummary = {};
      if (typeof f.payCurrencyCode === "string" && /^[A-Z]{3}$/.test(f.payCurrencyCode))
        summary.currency = f.payCurrencyCode;
      else if (f.payCurrencyCode !== undefined) notes.push(message("adapter_summaryCurrencyOdd"));
      const block =
        isRecord(f.summaryTabVO) && Array.isArray(f.summaryTabVO.priceBlockList)
          ? f.summaryTabVO.priceBlockList[0]
          : undefined;
      const rows = [
        ...(isRecord(block) && Array.isArray(block.summaryLines) ? block.summaryLines : []),
        ...(Array.isArray(f.totalSummaryLines) ? f.totalSummaryLines : []),
      ];
      if (
        isRecord(block) &&
        Number.isSafeInteger(block.selectItemNum) &&
        (block.selectItemNum as number) >= 0
      )
        summary.selectedCount = block.selectItemNum as number;
      for (const row of rows) {
        if (!isRecord(row)) continue;
        const title = plain(isRecord(row.title) ? row.title.title : row.title);
        const type = typeof row.type === "string" ? row.type : "";
        if (!SUMMARY_SUBTOTAL.test(type) && !SUMMARY_SUBTOTAL.test(title)) continue;
        const text = plain(isRecord(row.content) ? row.content.content : row.content);
        const money = parsePriceText(text, summary.currency ? { currency: summary.currency } : {});
        summary.subtotal = money.ok ? { text, cents: money.cents } : { text };
        if (money.ok && summary.currency === undefined) summary.currency = money.currency;
        if (!money.ok) notes.push(message("adapter_summaryUnreadable", `"${text}"`));
        break;
      }
      return summary;
    }
    // Legacy: totals in cents under `summary.priceMap`; the desktop legacy render is always in US dollars.
    const legacy = isRecord(f.summary) ? f.summary : undefined;
    if (legacy && isRecord(legacy.priceMap)) {
      const summary: PageSummary = {};
      const sub = legacy.priceMap.subTotal;
      const cents = isRecord(sub) ? sub.cent : sub;
      const currency = isRecord(sub) && typeof sub.currencyCode === "string" ? sub.currencyCode : "USD";
      if (Number.isSafeInteger(cents) && (cents as number) >= 0) {
        summary.currency = currency;
        const digits = minorDigits(currency);
        const major = ((cents as number) / 10 ** digits).toFixed(digits);
        summary.subtotal = { text: `${major} ${currency}`, cents: cents as number };
      }
      if (Number.isSafeInteger(legacy.selectItemNum)) summary.selectedCount = legacy.selectItemNum as number;
      return summary;
    }
  }
  return undefined;
}

/** Legacy stores (`store_title_component`): which store holds a line, by the line's ids in `productIds`. */
function legacyStores(nodes: [string, Record<string, unknown>][]) {
  const byLine = new Map<string, { id: string; name: string | undefined }>();
  for (const [, node] of nodes) {
    const f = node.fields;
    if (!isRecord(f) || !Array.isArray(f.productIds) || f.itemView != null) continue;
    const url = typeof f.url === "string" ? f.url : undefined;
    const shop = digits.safeParse(f.shopId);
    const seller = digits.safeParse(f.sellerId);
    const id =
      storeNumberFromUrl(url) ??
      (shop.success ? String(shop.data) : seller.success ? `seller-${seller.data}` : undefined);
    if (id === undefined) continue;
    const name = typeof f.title === "string" && f.title ? f.title : undefined;
    for (const p of f.productIds) if (!byLine.has(String(p))) byLine.set(String(p), { id, name });
  }
  return byLine;
}

interface StateOutcomeExtras {
  unavailable: UnavailableLine[];
  incomplete: Incomplete | undefined;
  summary: PageSummary | undefined;
}

/** An empty read that still has something to show: lines not checked out, and whether more may exist. */
type EmptyExtras = { unavailable?: UnavailableLine[]; incomplete?: Incomplete | undefined };

type StateOutcome =
  | (Extract<Outcome, { kind: "cart" }> & StateOutcomeExtras)
  | (Extract<Outcome, { kind: "empty" }> & EmptyExtras)
  | Exclude<Outcome, { kind: "cart" } | { kind: "empty" }>;

function fromPageState(
  snapshot: PageStateSnapshot | undefined,
  cookieCurrency: string | undefined,
): StateOutcome {
  if (!snapshot) return { kind: "absent", reason: message("adapter_noPageState") };
  if (!snapshot.ok) {
    if (snapshot.reason === "absent") return { kind: "absent", reason: message("adapter_noCartState") };
    return {
      kind: "unreadable",
      reason: message(
        "adapter_technical",
        `page state ${snapshot.reason}${snapshot.detail ? ` (${snapshot.detail})` : ""}`,
      ),
      notes: [],
    };
  }
  const nodes = Object.entries(snapshot.data).filter((e): e is [string, Record<string, unknown>] =>
    isRecord(e[1]),
  );
  if (nodes.length === 0) return { kind: "absent", reason: message("adapter_cartStateEmpty") };
  const notes: Message[] = [];
  try {
    const summary = readSummary(nodes, notes);
    // The pay currency names the currency of prices written without one.
    const currencyHint = summary?.currency ?? cookieCurrency;
    const guard = new CurrencyGuard(undefined);
    const unavailable: UnavailableLine[] = [];
    const read: StateLine[] = [];
    const stores = legacyStores(nodes);
    let incomplete: Incomplete | undefined;
    let lineNodes = 0;

    for (const [key, node] of nodes) {
      const page = paginationFlag(node);
      if (page.found && page.value !== false) {
        incomplete = "more-lines";
        if (page.value !== true)
          notes.push(message("adapter_paginationOdd", JSON.stringify(page.value) ?? "?"));
      }
      const fields = node.fields;
      if (!isRecord(fields)) continue;
      if (fields.itemView != null) {
        lineNodes += 1;
        const itemView = fields.itemView;
        if (!isRecord(itemView)) fail(`cart line ${key}: item view is not an object`);
        if (itemView.valid === false) {
          unavailable.push(
            unavailableOf(key, itemView.title, itemView.invalidReason ?? fields.invalidText, itemView),
          );
          continue;
        }
        if (isHalfShaped(fields)) fail(message("adapter_halfShapedLine", key));
        const parsed = LineFieldsSchema.safeParse(fields);
        if (!parsed.success) fail(`cart line ${key}: ${issueText(parsed.error)}`);
        const line = parsed.data;
        const show = line.priceViews.find((p) => isRecord(p) && p.priceType === "showPrice");
        if (show === undefined) fail(`cart line ${key}: no payable price (priceType "showPrice")`);
        read.push({
          key,
          title: line.itemView.title,
          storeId: storeIdOf(line.shopView) ?? fail(`cart line ${key}: no store id`),
          storeName: line.shopView.name,
          unitPrice: guard.cents(
            readPriceView(show, currencyHint ?? guard.currency),
            `price of cart line ${key}`,
          ),
          quantity: line.quantityView.current,
          selected: line.checkbox.selected,
          choice: isChoiceLine(itemView),
          ids: { cartId: itemView.cartId, itemId: itemView.itemId, skuId: itemView.skuId },
          skuInfo: line.itemView.sku?.skuInfo ?? "",
          logistics: line.logisticsView,
        });
      } else if (isUnavailableLine(fields)) {
        lineNodes += 1;
        unavailable.push(unavailableOf(key, fields.itemTitle ?? fields.title, fields.invalidText, fields));
      } else if (isLegacyLine(node, fields)) {
        lineNodes += 1;
        if (fields.valid === false) {
          unavailable.push(unavailableOf(key, fields.title, fields.invalidText, fields));
          continue;
        }
        const parsed = LegacyLineSchema.safeParse(fields);
        if (!parsed.success) fail(`cart line ${key}: ${issueText(parsed.error)}`);
        const line = parsed.data;
        const amount = line.prices.children.retailPrice.amount;
        const store =
          stores.get(String(fields.cartId)) ??
          stores.get(String(fields.itemId)) ??
          fail(`cart line ${key}: no store lists it`);
        read.push({
          key,
          title: line.title,
          storeId: store.id,
          storeName: store.name,
          unitPrice: guard.cents(
            { ok: true, cents: amount.cent, currency: amount.currencyCode },
            `price of cart line ${key}`,
          ),
          quantity: line.quantity.current,
          selected: line.checkbox.selected,
          choice: isChoiceLine(fields),
          ids: { cartId: fields.cartId, itemId: fields.itemId, skuId: fields.skuId },
          skuInfo: line.sku?.skuInfo ?? "",
          logistics: null,
        });
      }
    }

    const items: Item[] = [];
    const lines: LineRef[] = [];
    const taken = new Set<string>();
    const storeNames = new Map<string, string | undefined>();
    const lineLogistics = new Map<string, (LineFields["logisticsView"] | null)[]>();
    for (const line of read) {
      const cart = idOf(line.ids.cartId, "cartId");
      const item = idOf(line.ids.itemId, "itemId");
      const sku = idOf(line.ids.skuId, "skuId");
      for (const [kind, id] of [
        ["cartId", cart],
        ["itemId", item],
        ["skuId", sku],
      ] as const)
        if (id.odd !== undefined) notes.push(message("adapter_oddId", `"${line.title}"`, kind, id.odd));
      const id = uniqueId(cart.id ?? (item.id ? `item-${item.id}` : line.key), taken);
      items.push({
        id,
        title: line.title,
        storeId: line.storeId,
        unitPrice: line.unitPrice,
        quantity: line.quantity,
        selected: line.selected,
        selectEligible: line.choice,
      });
      lines.push({
        id,
        itemId: item.id ?? "",
        ...(sku.id === undefined ? {} : { skuId: sku.id }),
        ...(cart.id === undefined ? {} : { cartId: cart.id }),
        skuInfo: line.skuInfo,
      });
      if (!storeNames.has(line.storeId)) storeNames.set(line.storeId, line.storeName);
      lineLogistics.set(line.storeId, [...(lineLogistics.get(line.storeId) ?? []), line.logistics]);
    }
    if (items.length === 0) {
      if (incomplete && lineNodes === 0) return { kind: "absent", reason: message("adapter_noLineYet") };
      return {
        kind: "empty",
        reason: message(lineNodes ? "adapter_onlyUnavailable" : "adapter_cartEmpty"),
        notes: [...notes, ...unavailable.map((u) => message("adapter_unavailableLine", `"${u.title}"`))],
        unavailable,
        incomplete,
      };
    }

    const storeNodes = new Map<string, z.output<typeof StoreFieldsSchema>>();
    for (const [, node] of nodes) {
      if (!isRecord(node.fields) || node.fields.itemView != null || !isRecord(node.fields.shopView)) continue;
      const parsed = StoreFieldsSchema.safeParse(node.fields);
      const id = parsed.success ? storeIdOf(parsed.data.shopView) : undefined;
      if (parsed.success && id !== undefined && !storeNodes.has(id)) storeNodes.set(id, parsed.data);
    }

    const cartStores: Store[] = [...storeNames].map(([id, name]) => {
      const node = storeNodes.get(id);
      const label = name ?? id;
      const store: Store = { id, ...(name ? { name } : {}), promotions: [] };
      if (node) {
        readStoreTerms(store, node, guard, label, notes);
      } else {
        // No store node: line logistics tell the fee, never the free-shipping threshold.
        const views = lineLogistics.get(id) ?? [];
        if (views.some((v) => v === undefined || v === null))
          notes.push(message("adapter_shippingUnknown", label));
        else {
          const fees = views
            .filter((v) => v?.freeShipping === false)
            .map((v) => guard.cents(readPriceView(v?.freightCost, guard.currency), `shipping of ${label}`));
          if (fees.length) {
            store.shipping = { fee: Math.max(...fees) };
            notes.push(message("adapter_thresholdUnknown", label));
          }
        }
        notes.push(message("adapter_promotionsUnknown", label));
      }
      return store;
    });
    return {
      kind: "cart",
      currency: guard.currency ?? fail("no currency"),
      items,
      stores: cartStores,
      lines,
      notes,
      unavailable,
      incomplete,
      summary,
    };
  } catch (error) {
    return { kind: "unreadable", reason: failure(error, "page state"), notes };
  }
}

function unavailableOf(
  key: string,
  title: unknown,
  reason: unknown,
  ids: Record<string, unknown>,
): UnavailableLine {
  const item = idOf(ids.itemId, "itemId");
  const cart = idOf(ids.cartId, "cartId");
  return {
    title: plain(title) || key,
    reason: plain(reason),
    ...(item.id === undefined ? {} : { itemId: item.id }),
    ...(cart.id === undefined ? {} : { cartId: cart.id }),
  };
}

function readStoreTerms(
  store: Store,
  node: z.output<typeof StoreFieldsSchema>,
  guard: CurrencyGuard,
  label: string,
  notes: Message[],
): void {
  const ship = node.shopShippingView;
  if (ship === undefined) notes.push(message("adapter_shippingUnknown", label));
  else if (ship.fee !== undefined && ship.fee !== null) {
    const fee = guard.cents(readPriceView(ship.fee, guard.currency), `shipping fee of ${label}`);
    const freeOver =
      ship.freeOver === undefined || ship.freeOver === null
        ? undefined
        : guard.cents(readPriceView(ship.freeOver, guard.currency), `free-shipping threshold of ${label}`);
    if (fee > 0) store.shipping = { fee, ...(freeOver === undefined ? {} : { freeOver }) };
  } else if (ship.freeShipping !== true) notes.push(message("adapter_shippingUnknown", label));

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
    else notes.push(message("adapter_promotionUnreadable", i + 1, label));
  }
}

// ---------------------------------------------------------------- DOM rows

const text = (el: Element | null | undefined): string => (el?.textContent ?? "").replace(/\s+/g, " ").trim();

const short = () => z.string().check(z.maxLength(MAX_TEXT));

/** The content script's capture is page data like any other: checked before use. */
const CaptureSchema = z.object({
  page: z.literal("aliexpress-cart"),
  loading: z.boolean(),
  emptyShown: z.boolean(),
  currency: z.nullable(z.string().check(z.regex(/^[A-Z]{3}$/))),
  /** Older captures have no cookie: the same as a page without one. */
  siteCookie: z._default(z.nullable(short()), null),
  /** Older captures have no count: the same as a page that shows none. */
  count: z._default(z.nullable(z.number().check(z.int(), z.gte(0), z.lte(1_000_000))), null),
  rows: z
    .array(
      z.object({
        link: z.nullable(z.object({ href: short(), text: short(), title: short() })),
        invalid: z.boolean(),
        why: z._default(short(), ""),
        price: short(),
        quantity: z.nullable(z.string().check(z.maxLength(20))),
        ticked: z.nullable(z.boolean()),
        group: z.nullable(z.object({ storeHref: z.nullable(short()), storeName: short() })),
        sku: short(),
        choice: z.boolean(),
      }),
    )
    .check(z.maxLength(MAX_ROWS)),
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

type DomOutcome =
  | (Extract<Outcome, { kind: "cart" }> & {
      unavailable: UnavailableLine[];
      incomplete: Incomplete | undefined;
    })
  | (Extract<Outcome, { kind: "empty" }> & EmptyExtras)
  | Exclude<Outcome, { kind: "cart" } | { kind: "empty" }>;

function fromDom(
  capture: z.output<typeof CaptureSchema> | undefined,
  currencyHint: string | undefined,
): DomOutcome {
  if (!capture) return { kind: "absent", reason: message("adapter_noDocument") };
  const rows = capture.rows;
  if (rows.length === 0)
    return capture.emptyShown
      ? { kind: "empty", reason: message("adapter_pageSaysEmpty"), notes: [] }
      : { kind: "absent", reason: message("adapter_noRows") };
  const notes: Message[] = [message("adapter_readFromRows")];
  try {
    if (capture.truncated) fail(message("adapter_tooManyRows", MAX_ROWS));
    const guard = new CurrencyGuard(currencyHint);
    const items: Item[] = [];
    const lines: LineRef[] = [];
    const unavailable: UnavailableLine[] = [];
    const taken = new Set<string>();
    const stores = new Map<string, string>();
    rows.forEach((row, index) => {
      const where = `row ${index + 1}`;
      const title = row.link?.text || row.link?.title || "";
      if (row.invalid) {
        const itemId = /\/item\/(\d+)\.html/.exec(row.link?.href ?? "")?.[1];
        unavailable.push({ title: title || where, reason: row.why, ...(itemId ? { itemId } : {}) });
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
    // Rows are virtualised: only a count the page shows, equal to the rows seen, says none are missing.
    const incomplete = capture.count !== null && capture.count === rows.length ? undefined : "rows-only";
    if (items.length === 0)
      return {
        kind: "empty",
        reason: message("adapter_onlyUnavailable"),
        notes: [...notes, ...unavailable.map((u) => message("adapter_unavailableLine", `"${u.title}"`))],
        unavailable,
        incomplete,
      };
    return {
      kind: "cart",
      currency: guard.currency ?? fail("no currency"),
      items,
      stores: [...stores].map(([id, name]) => ({ id, name, promotions: [] })),
      lines,
      notes,
      unavailable,
      incomplete,
    };
  } catch (error) {
    return { kind: "unreadable", reason: failure(error, "page rows"), notes };
  }
}

// ---------------------------------------------------------------- the read

/** The page's rows: the content script's capture when given, else taken from the document. */
function captureOf(page: PageInput): z.output<typeof CaptureSchema> | undefined | "malformed" {
  if (page.dom !== undefined) {
    const parsed = CaptureSchema.safeParse(page.dom);
    return parsed.success ? parsed.data : "malformed";
  }
  return page.document ? CaptureSchema.parse(captureCartPage(page.document)) : undefined;
}

function readAliExpressCart(page: PageInput): CartRead {
  try {
    const capture = captureOf(page);
    if (capture === "malformed")
      return {
        ok: false,
        status: "unreadable",
        reason: message("adapter_rowsNotCaptured"),
        notes: [],
      };
    if (capture?.loading)
      return { ok: false, status: "loading", reason: message("adapter_stillLoading"), notes: [] };
    const hint = capture?.currency ?? undefined;
    const state = fromPageState(page.pageState, hint);
    if (state.kind === "cart") {
      // The rows drawn in the same task as the state copy: do they show the same lines?
      const rows = capture ? fromDom(capture, state.currency) : undefined;
      return finishCart(
        state,
        "page-state",
        [],
        rows?.kind === "cart" && sameLines(state, rows),
        capture?.siteCookie,
      );
    }
    const dom = fromDom(capture, hint);
    const why =
      state.kind === "absent" || state.kind === "empty"
        ? []
        : [message("adapter_pageStateNotUsed", state.reason)];
    if (dom.kind === "cart")
      return finishCart({ ...dom, summary: undefined }, "dom", why, false, capture?.siteCookie);
    if (state.kind === "empty" && dom.kind !== "unreadable") return emptyRead(state);
    if (dom.kind === "empty" && state.kind === "absent") return emptyRead(dom);
    if (state.kind === "absent" && dom.kind === "absent")
      return {
        ok: false,
        status: "loading",
        reason: message("adapter_twoReasons", state.reason, dom.reason),
        notes: [],
      };
    const [first, second] = [state, dom]
      .filter((o) => o.kind === "unreadable" || o.kind === "empty")
      .map((o) => o.reason);
    const notes = [state, dom].flatMap((o) => ("notes" in o ? o.notes : []));
    const reason =
      first === undefined
        ? message("adapter_noCart")
        : second === undefined
          ? first
          : message("adapter_twoReasons", first, second);
    return { ok: false, status: "unreadable", reason, notes };
  } catch (error) {
    return {
      ok: false,
      status: "unreadable",
      reason: message("adapter_unexpected", String(error)),
      notes: [],
    };
  }
}

function emptyRead(outcome: Extract<Outcome, { kind: "empty" }> & EmptyExtras): CartRead {
  return {
    ok: false,
    status: "empty",
    reason: outcome.reason,
    notes: outcome.notes,
    ...(outcome.incomplete ? { incomplete: outcome.incomplete } : {}),
    ...(outcome.unavailable?.length ? { unavailable: outcome.unavailable } : {}),
  };
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
  outcome: Extract<Outcome, { kind: "cart" }> & StateOutcomeExtras,
  source: "page-state" | "dom",
  notes: Message[],
  corroborated = false,
  siteCookie: string | null | undefined = null,
): CartRead {
  // Also said in "About this read", beside the panel's own list of them.
  const left = outcome.unavailable.map((u) => message("adapter_unavailableLine", `"${u.title}"`));
  const all = [...notes, ...outcome.notes, ...left];
  const parsed = CartSchema.safeParse({
    currency: outcome.currency,
    items: outcome.items,
    stores: outcome.stores,
  });
  if (!parsed.success)
    return {
      ok: false,
      status: "unreadable",
      reason: message("adapter_notForOptimizer", issueText(parsed.error)),
      notes: all,
    };
  const subtotal = parsed.data.items.reduce((t, i) => t + i.unitPrice * i.quantity, 0);
  if (subtotal > MAX_CENTS)
    return { ok: false, status: "unreadable", reason: message("adapter_implausibleTotal"), notes: all };
  const cart = parsed.data;
  const extras = {
    ...(outcome.incomplete ? { incomplete: outcome.incomplete } : {}),
    ...(outcome.unavailable.length ? { unavailable: outcome.unavailable } : {}),
    ...(outcome.summary ? { pageSummary: outcome.summary } : {}),
    ...(siteCookie ? { shipTo: readShipTo(siteCookie) } : {}),
  };
  return {
    ok: true,
    cart,
    source,
    lines: outcome.lines,
    notes: all,
    // Whatever the panel shows goes into the signature, so a change to any of it is a new read.
    signature: JSON.stringify({ cart, ...extras }),
    corroborated,
    ...extras,
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

function applyAliExpressChanges(page: PageInput, changes: CartChanges): ApplyResult {
  try {
    const doc = page.document;
    if (!doc) return { ok: false, reason: message("adapter_applyNoDocument"), missing: [] };
    const read = readAliExpressCart(page);
    if (!read.ok)
      return { ok: false, reason: message("adapter_applyCannotRead", read.status, read.reason), missing: [] };
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
    if (missing.length) return { ok: false, reason: message("adapter_applyNoRow"), missing };

    let actions = 0;
    for (const [id, want] of Object.entries(changes.select ?? {})) {
      const item = read.cart.items.find((i) => i.id === id);
      const row = rowFor.get(id);
      if (!item || !row || item.selected === want) continue;
      const box =
        row.querySelector<HTMLElement>("label.comet-v2-checkbox input") ??
        row.querySelector<HTMLElement>("label.comet-v2-checkbox");
      if (!box) return { ok: false, reason: message("adapter_applyNoTickBox", id), missing: [id] };
      box.click();
      actions += 1;
    }
    for (const [id, quantity] of Object.entries(changes.quantity ?? {})) {
      const item = read.cart.items.find((i) => i.id === id);
      const input = rowFor.get(id)?.querySelector<HTMLInputElement>("input.comet-v2-input-number-input");
      if (!Number.isInteger(quantity) || quantity < 1)
        return { ok: false, reason: message("adapter_applyBadQuantity", id), missing: [] };
      if (!item || item.quantity === quantity) continue;
      if (!input) return { ok: false, reason: message("adapter_applyNoQuantityBox", id), missing: [id] };
      typeInto(input, String(quantity));
      actions += 1;
    }
    return { ok: true, actions };
  } catch (error) {
    return { ok: false, reason: message("adapter_unexpected", String(error)), missing: [] };
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
