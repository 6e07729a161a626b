/**
 * The background's reading of a scanned page (validated capture in, what the
 * scan panel offers out). Pure: the coupon-text reader and the wallet's
 * duplicate test are passed in, so it runs the same in tests.
 *
 * Product pages are read from the page data's coupon module first
 * (`promotionPanelDTO.platformCoupon[]` and `shopCoupon[]`: amount in cents in
 * `couponMeta.price`, dates in ms, aliexpress-evidence.md §1.2), the visible
 * coupon blocks only when the page has no module. A coupon the page offers
 * with a "Collect" action is not the shopper's yet: it is listed apart.
 */
import { formatMoney } from "../../../optimizer/money";
import { fitMessage, type Message, message } from "../../core/message";
import { majorToCents, parsePriceText as parseMoney } from "../../core/money";
import {
  MAX_UNREADABLE,
  MAX_UNREADABLE_TEXT,
  type ScanFinding,
  type ScannedCoupon,
  type ScanUnreadable,
} from "../../messaging/scan";
import { refusalText } from "../../wallet/coupon-refusal";
import type { CouponRefusal } from "../../wallet/coupon-text";

/** A draft as the coupon-text reader (src/wallet/coupon-text.ts) gives it: expiry and store may be missing. */
export type TextDraft = Omit<ScannedCoupon, "expiresAt" | "minSpend"> & {
  expiresAt?: string;
  minSpend?: number;
};

export interface TextRead {
  coupon: TextDraft;
  unread: string[];
}

/** The coupon-text reader, with the clock and time zone already chosen. */
export interface TextReaders {
  /** The zone dates without an offset were read in (the panel shows dates in it). */
  timeZone: string;
  /** Every coupon in a text of many, and the refused ones with why. */
  report(text: string): { coupons: TextRead[]; refused: Refused[] };
  /** One coupon's text (a page reader already split the coupons). */
  one(text: string): { ok: true; read: TextRead } | ({ ok: false } & Refused);
}

/** A refused text and the reader's reason (its English message is the CLI's, not the panel's). */
type Refused = Pick<CouponRefusal, "reason" | "text">;

export interface ScanReadContext {
  readers: TextReaders;
  /** True when the wallet already holds this coupon (same kind, amounts, expiry, store, code). */
  known(coupon: ScannedCoupon): boolean;
}

export interface CouponScan {
  found: ScanFinding[];
  toCollect: ScanFinding[];
  unreadable: ScanUnreadable[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
const jsonObj = (v: unknown): Obj | undefined => {
  if (isObj(v)) return v;
  if (typeof v !== "string" || v.length > 100_000) return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    return isObj(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};
const msToIso = (v: unknown): string | undefined => {
  const n = typeof v === "string" && /^\d{10,14}$/.test(v) ? Number(v) : v;
  // Years 2000 to 2200: anything else is not a coupon's date.
  if (typeof n !== "number" || !Number.isInteger(n) || n < 946_684_800_000 || n > 7_258_118_400_000)
    return undefined;
  return new Date(n).toISOString();
};

const finding = (coupon: ScannedCoupon, unread: string[], from: "data" | "text", ctx: ScanReadContext) => ({
  coupon,
  unread: unread.slice(0, 50).map((u) => u.slice(0, 500)),
  from,
  known: ctx.known(coupon),
});

/** An unreadable line within the schema's bounds, so one long page text cannot void the whole update. */
const unreadable = (text: string, why: Message): ScanUnreadable => ({
  text: text.slice(0, MAX_UNREADABLE_TEXT),
  why: fitMessage(why),
});

/** The reader's refusals as unreadable lines, with its reason in the reader's words. */
const refusedLines = (refused: readonly Refused[]): ScanUnreadable[] =>
  refused.map((r) => unreadable(r.text, refusalText(r.reason)));

/** A text draft as a scanned coupon, or why it cannot be one without the shopper's help. */
function fromText(read: TextRead, ctx: ScanReadContext): { finding: ScanFinding } | { problem: Message } {
  const { expiresAt, minSpend, ...rest } = read.coupon;
  if (expiresAt === undefined) return { problem: message("scan_whyNoExpiryPaste") };
  if (rest.kind === "store" && rest.storeId === undefined && rest.storeName === undefined)
    return { problem: message("scan_whyNoStorePaste") };
  const coupon: ScannedCoupon = { ...rest, minSpend: minSpend ?? 0, expiresAt };
  return { finding: finding(coupon, read.unread, "text", ctx) };
}

/**
 * "US$5.00 Best Shop", "10% SAVE3": which coupon a problem is about, in the
 * page's own notation (amount, store, code), with no words of any language.
 */
const describe = (c: TextDraft): string =>
  [
    c.off !== undefined
      ? c.currency
        ? formatMoney(c.off, c.currency, "en")
        : String(c.off)
      : `${c.percent ?? "?"}%`,
    c.storeName,
    c.code,
  ]
    .filter((x) => x !== undefined)
    .join(" ");

/**
 * Coupon pages: every coupon in the visible text. The capture puts an empty
 * line between repeated cards (capture.ts), so each card is read on its own:
 * a code printed above one card's amount cannot be taken for the card above's.
 */
export function readCouponPage(text: string, ctx: ScanReadContext): CouponScan {
  const out: CouponScan = { found: [], toCollect: [], unreadable: [] };
  const reports = text.split(/\n\s*\n/).map((card) => ctx.readers.report(card));
  const report = {
    coupons: reports.flatMap((r) => r.coupons),
    refused: reports.flatMap((r) => r.refused),
  };
  for (const read of report.coupons) {
    const r = fromText(read, ctx);
    if ("finding" in r) out.found.push(r.finding);
    else out.unreadable.push(unreadable(describe(read.coupon), r.problem));
  }
  out.unreadable.push(...refusedLines(report.refused));
  out.found = out.found.slice(0, 500);
  out.unreadable = out.unreadable.slice(0, MAX_UNREADABLE);
  return out;
}

/** The coupon module wherever the page data keeps it: `couponModule.webCouponInfo` or `webCouponInfoComponent`. */
function promotionPanel(product: Obj): { panel: Obj; currency?: string } | undefined {
  const module = isObj(product.couponModule) ? product.couponModule : undefined;
  const info = isObj(module?.webCouponInfo) ? module.webCouponInfo : undefined;
  const component = isObj(product.webCouponInfoComponent) ? product.webCouponInfoComponent : undefined;
  const panel = [info?.promotionPanelDTO, component?.promotionPanelDTO].find(isObj);
  if (!panel) return undefined;
  const currency = str(module?.currencyCode) ?? str(component?.currencyCode);
  return currency === undefined ? { panel } : { panel, currency };
}

const GROUPS = { platformCoupon: "platform", shopCoupon: "store" } as const;

/**
 * One entry of `promotionPanelDetailDTOList`. The data's own figures win
 * (the amount in cents, the dates in ms); the display strings fill what the
 * data lacks (the minimum spend lives only in `promotionDetail`, a percent
 * only in `promotionDesc`), read by the same coupon-text reader as pasted text.
 */
function readEntry(
  entry: Obj,
  group: keyof typeof GROUPS,
  store: { id?: string; name?: string },
  pageCurrency: string | undefined,
  ctx: ScanReadContext,
): { finding?: ScanFinding; collected: boolean; problem?: ScanUnreadable } {
  const collected = entry.acquirable !== true;
  const attributes = isObj(entry.attributes) ? entry.attributes : {};
  const assign = isObj(entry.couponAssignParam) ? entry.couponAssignParam : {};
  const meta = jsonObj(assign.couponMeta) ?? {};
  const desc = str(entry.promotionDesc) ?? "";
  const detail = str(entry.promotionDetail) ?? "";
  const shown = `${desc} ${detail}`.trim() || "—";
  const problem = (why: Message) => ({ collected, problem: unreadable(shown, why) });
  const currency = str(meta.currency) ?? pageCurrency;
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency))
    return problem(message("scan_whyUnknownCurrency", currency));

  // The text: "US$3.00 off OrdersoverUS$4.00", as the reader knows it.
  const amountText = desc === "" || /off|%|desconto|descuento|réduction/i.test(desc) ? desc : `${desc} off`;
  const text = `${amountText} ${detail}`.trim();
  const one = text === "" ? undefined : ctx.readers.one(text);
  const read = one?.ok ? one.read : undefined;
  const unread = read?.unread ?? [];

  let off: number | undefined;
  const price = meta.price;
  if (price !== undefined) {
    if (typeof price !== "number" || !Number.isInteger(price) || price <= 0)
      return problem(message("scan_whyDataAmount", String(price)));
    off = price;
  }
  const fromText = read?.coupon;
  if (fromText?.currency !== undefined && currency !== undefined && fromText.currency !== currency)
    return problem(message("scan_whyCurrenciesDiffer", fromText.currency, currency));
  if (off === undefined && fromText?.off === undefined && fromText?.percent === undefined)
    return problem(refusalText(one && !one.ok ? one.reason : "no-amount"));
  if (off !== undefined && fromText?.off !== undefined && fromText.off !== off)
    return problem(message("scan_whyAmountsDiffer", fromText.off, off));
  // The minimum: "Orders over …" in the text; no such words means none.
  let minSpend = 0;
  if (detail !== "") {
    if (fromText === undefined)
      return problem(one && !one.ok ? refusalText(one.reason) : message("scan_whyMinimum"));
    minSpend = fromText.minSpend ?? 0;
    // A minimum written with figures that came out as none was not understood.
    if (minSpend === 0 && /\d/.test(detail)) return problem(message("scan_whyMinimum"));
  }
  const expiresAt = msToIso(entry.endTime) ?? fromText?.expiresAt;
  if (expiresAt === undefined) return problem(message("scan_whyNoExpiry"));
  const validFrom = msToIso(entry.startTime) ?? fromText?.validFrom;

  const code = str(attributes.couponCode) ?? fromText?.code;
  const kind = GROUPS[group] === "store" ? "store" : code !== undefined ? "promo" : "platform";
  const coupon: ScannedCoupon = { kind, minSpend, expiresAt };
  if (off !== undefined) coupon.off = off;
  else if (fromText?.off !== undefined) coupon.off = fromText.off;
  else if (fromText?.percent !== undefined) {
    coupon.percent = fromText.percent;
    if (fromText.maxOff !== undefined) coupon.maxOff = fromText.maxOff;
  }
  const cur = currency ?? fromText?.currency;
  if (cur !== undefined) coupon.currency = cur;
  if (validFrom !== undefined) coupon.validFrom = validFrom;
  if (code !== undefined) coupon.code = code;
  if (kind === "store") {
    // The store number is what cart coupons name (the demo shop's README); the seller id only without it.
    const sellerId = typeof meta.sellerId === "number" ? String(meta.sellerId) : str(meta.sellerId);
    const storeId = store.id ?? sellerId;
    if (storeId === undefined) return problem(message("scan_whyNoStore"));
    coupon.storeId = storeId;
    if (store.name !== undefined) coupon.storeName = store.name;
  }
  return { collected, finding: finding(coupon, unread, "data", ctx) };
}

/** Product pages: the coupon module (page data) first, the visible coupon blocks when there is none. */
export function readProductPage(
  world: unknown,
  blocks: readonly string[],
  pageStore: { id: string; name: string } | null,
  ctx: ScanReadContext,
): CouponScan {
  const out: CouponScan = { found: [], toCollect: [], unreadable: [] };
  const product = isObj(world) && isObj(world.product) ? world.product : undefined;
  const located = product ? promotionPanel(product) : undefined;
  if (product && located) {
    const storeModule = isObj(product.storeModule) ? product.storeModule : {};
    const storeNum = storeModule.storeNum;
    const store = {
      id: (typeof storeNum === "number" ? String(storeNum) : str(storeNum)) ?? pageStore?.id,
      name: str(storeModule.storeName) ?? (pageStore?.name || undefined),
    };
    for (const group of Object.keys(GROUPS) as (keyof typeof GROUPS)[]) {
      const sections = located.panel[group];
      if (!Array.isArray(sections)) continue;
      for (const section of sections) {
        const list = isObj(section) ? section.promotionPanelDetailDTOList : undefined;
        if (!Array.isArray(list)) continue;
        for (const entry of list.slice(0, 200)) {
          if (!isObj(entry)) continue;
          const r = readEntry(entry, group, store, located.currency, ctx);
          if (r.problem) out.unreadable.push(r.problem);
          else if (r.finding) (r.collected ? out.found : out.toCollect).push(r.finding);
        }
      }
    }
    out.unreadable = out.unreadable.slice(0, MAX_UNREADABLE);
    return out;
  }
  // No page data: the visible blocks. A block counts as the shopper's only when it says it was collected.
  // Cards are apart by an empty line (capture.ts); each says on its own whether it was collected.
  const cards = blocks.flatMap((block) => block.split(/\n\s*\n/));
  for (const card of cards) {
    const collected = COLLECTED.test(card);
    const report = ctx.readers.report(card);
    for (const read of report.coupons) {
      // A store coupon on a product page is the page's store's.
      const draft =
        read.coupon.kind === "store" && read.coupon.storeId === undefined && pageStore
          ? {
              ...read.coupon,
              storeId: pageStore.id,
              ...(pageStore.name ? { storeName: pageStore.name } : {}),
            }
          : read.coupon;
      const r = fromText({ coupon: draft, unread: read.unread }, ctx);
      if ("problem" in r) out.unreadable.push(unreadable(describe(read.coupon), r.problem));
      else (collected ? out.found : out.toCollect).push(r.finding);
    }
    out.unreadable.push(...refusedLines(report.refused));
  }
  out.unreadable = out.unreadable.slice(0, MAX_UNREADABLE);
  return out;
}

/** The product page's words for a coupon already taken (en, pt, es, fr). */
const COLLECTED =
  /(?:^|[^\p{L}])(collected|claimed|coletados?|resgatados?|obtenidos?|conseguidos?|récupérés?|obtenus?)(?![\p{L}])/iu;

// -------------------------------------------------------------------- coins

export interface CoinReading {
  balance: number;
  /** The whole balance's worth, in the account's currency, when the answer says. */
  worth?: { cents: number; currency: string };
}

/** A field list `[{name, value}]` or a direct object, as a plain record. */
function coinFields(answer: unknown): Obj | undefined {
  const candidates: unknown[] = [];
  if (isObj(answer)) {
    const data = answer.data;
    if (isObj(data)) candidates.push(data.data, data.result, data);
    candidates.push(data, answer);
  } else candidates.push(answer);
  for (const c of candidates) {
    if (Array.isArray(c)) {
      const fields: Obj = {};
      for (const f of c) if (isObj(f) && typeof f.name === "string") fields[f.name] = f.value;
      if ("userCoinsNum" in fields) return fields;
    } else if (isObj(c) && "userCoinsNum" in c) return c;
  }
  return undefined;
}

const coinCount = (v: unknown): number | undefined => {
  const n = typeof v === "string" && /^\d{1,12}$/.test(v.trim()) ? Number(v.trim()) : v;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};

function coinWorth(fields: Obj): CoinReading["worth"] {
  const format = jsonObj(fields.valueMoneyFormat);
  const structure = format && (isObj(format.structure) ? format.structure : format);
  if (structure) {
    const cents = coinCount(structure.cent);
    const currency = str(structure.currencyCode);
    if (cents !== undefined && currency !== undefined && /^[A-Z]{3}$/.test(currency))
      return { cents, currency };
    const formatted = str(structure.formatPrice);
    if (formatted) {
      const m = parseMoney(formatted);
      if (m.ok) return { cents: m.cents, currency: m.currency };
    }
  }
  const money = fields.valueMoney;
  if (typeof money === "string") {
    const m = parseMoney(money);
    if (m.ok) return { cents: m.cents, currency: m.currency };
  }
  if (isObj(money)) {
    const currency = str(money.currencyCode) ?? str(money.currency);
    if (currency && /^[A-Z]{3}$/.test(currency)) {
      const cents = coinCount(money.cent);
      if (cents !== undefined) return { cents, currency };
      const m = majorToCents(money.amount ?? money.value, currency);
      if (m.ok) return { cents: m.cents, currency };
    }
  }
  return undefined;
}

/** The newest answer (JSON text) that gives a balance, with its worth when the same answer gives it. */
export function readCoinAnswers(answers: readonly string[]): CoinReading | undefined {
  for (let i = answers.length - 1; i >= 0; i -= 1) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answers[i] ?? "");
    } catch {
      continue;
    }
    const fields = coinFields(parsed);
    const balance = fields && coinCount(fields.userCoinsNum);
    if (fields === undefined || balance === undefined) continue;
    const worth = coinWorth(fields);
    return worth ? { balance, worth } : { balance };
  }
  return undefined;
}

/**
 * What a coin is worth in whole cents of the page's currency: the wallet
 * counts coins at an integer rate (the optimizer's `centsPerCoin`), so the
 * page's exact figure is rounded to the nearest cent, and never below one.
 */
export const centsPerCoinOf = (reading: CoinReading): number | undefined =>
  reading.worth && reading.balance > 0
    ? Math.max(1, Math.round(reading.worth.cents / reading.balance))
    : undefined;
