/**
 * The checkout page's own data: the bodies of its
 * `mtop.aliexpress.checkout.renderorder` and `...adjustorder` responses, as
 * the page-world script captured them (src/content/checkout/checkout-api.ts),
 * validated here with Zod. The envelope is `{api, data: {data: {...blocks}},
 * ret: ["SUCCESS::..."], v}`, the blocks a flat map keyed by id
 * (shared/spec/aliexpress-checkout.md):
 *
 * - lines: blocks of `type: "pc_checkout_product"` (and the legacy
 *   `pc_checkout_group_product` with `fields.intentionOrderList[]`);
 * - stores: `type: "checkout_shop_title"`, `fields.title` and the lines' `signatures`;
 * - shipping per line: `pc_checkout_shipping_option_<signature>`;
 * - summary lines: `checkout_order_summary_TOTAL_SUMMARY.fields.summaryLines[]`;
 * - the total: `checkout_order_total_<n>` (the suffix changes between releases: matched by prefix).
 *
 * A block that looks like a line but does not validate makes the whole read
 * fail: a checkout read without one of its lines would be a partial order
 * presented as a whole one.
 */
import { z } from "../../optimizer/zod";
import { isMessage, type Message, message } from "../core/message";
import { MAX_TEXT } from "./aliexpress-capture";

/** The page-world script keeps bodies up to this size (checkout-api.ts); the same bound holds here. */
export const MAX_API_CHARS = 3_000_000;
/** More blocks or lines than a checkout has. */
const MAX_BLOCKS = 5000;

export const CHECKOUT_APIS = ["mtop.aliexpress.checkout.renderorder", "mtop.aliexpress.checkout.adjustorder"];

const Text = z.string().check(z.maxLength(MAX_TEXT));

const EntrySchema = z.object({
  api: z.string().check(z.maxLength(200)),
  n: z.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER)),
  ok: z.boolean(),
  size: z.number().check(z.gte(0)),
  body: z.nullable(z.string().check(z.maxLength(MAX_API_CHARS))),
});
type Entry = z.output<typeof EntrySchema>;

const ApiStateSchema = z.object({
  kind: z.literal("checkout-api"),
  good: z.nullable(EntrySchema),
  latest: z.nullable(EntrySchema),
});

const HeadSchema = z.looseObject({
  api: z.string().check(z.maxLength(200)),
  ret: z.array(z.string().check(z.maxLength(2000))).check(z.maxLength(20)),
});

const EnvelopeSchema = z.looseObject({
  api: z.string().check(z.maxLength(200)),
  v: z.optional(z.string().check(z.maxLength(20))),
  ret: z.array(z.string().check(z.maxLength(2000))).check(z.maxLength(20)),
  data: z.looseObject({ data: z.record(z.string().check(z.maxLength(400)), z.unknown()) }),
});

const ProductFieldsSchema = z.looseObject({
  prices: z.looseObject({
    children: z.looseObject({
      retailPrice: z.looseObject({
        value: z.union([z.number(), z.string().check(z.maxLength(40))]),
        currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
      }),
    }),
  }),
  quantity: z.looseObject({ current: z.number().check(z.int(), z.gte(1), z.lte(100_000)) }),
  signature: z.string().check(z.minLength(1), z.maxLength(400)),
  title: z.optional(Text),
  sku: z.optional(z.looseObject({ skuInfo: z.optional(Text) })),
  itemUrl: z.optional(z.string().check(z.maxLength(2000))),
});
export type ProductFields = z.output<typeof ProductFieldsSchema>;

const ShopTitleFieldsSchema = z.looseObject({
  title: Text,
  signatures: z.array(z.string().check(z.maxLength(400))).check(z.maxLength(MAX_BLOCKS)),
});

const ShippingFieldsSchema = z.looseObject({
  selectedFreightService: z.looseObject({
    freightCost: z.optional(Text),
    shippingCostContent: z.optional(Text),
  }),
});

const SummaryFieldsSchema = z.looseObject({
  summaryLines: z
    .array(
      z.looseObject({
        title: z.looseObject({ title: Text }),
        content: z.optional(z.looseObject({ content: z.optional(Text) })),
      }),
    )
    .check(z.maxLength(200)),
});

const TotalFieldsSchema = z.looseObject({
  priceList: z
    .array(z.looseObject({ content: z.looseObject({ content: Text }) }))
    .check(z.minLength(1), z.maxLength(20)),
});

const PromoResultSchema = z.looseObject({
  usePromoCodeStatus: z.string().check(z.maxLength(100)),
  errorMsg: z.optional(Text),
  promoCode: z.optional(z.string().check(z.maxLength(200))),
});

export interface CheckoutData {
  /** "renderorder" or "adjustorder". */
  api: string;
  /** Counts the page's responses. */
  update: number;
  lines: ProductFields[];
  stores: { title: string; signatures: string[] }[];
  /** Shipping as shown for each line's signature ("Free", "US $1.99"); absent when the page gave none. */
  shipping: Map<string, string>;
  summary: { title: string; content: string }[];
  /** The order total as shown. */
  total: string;
  promo: { status: string; message: string } | null;
  /** What was left out or assumed, for people. */
  notes: Message[];
}

export type ApiRead =
  /** No checkout response was captured (or none usable): the DOM is read instead. */
  | { kind: "none"; notes: Message[] }
  | { kind: "data"; data: CheckoutData }
  /** A response was captured but cannot be trusted: never fall back to a partial reading. */
  | { kind: "refused"; reason: Message; notes: Message[] };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const shortApi = (api: string) => api.replace(/^mtop\.aliexpress\.checkout\./i, "");

/** The envelope's blocks, or why not. */
function openEnvelope(entry: Entry): { blocks: Record<string, unknown>; api: string } | Message {
  if (entry.body === null) return message("adapter_checkoutDataTooLarge", Math.ceil(entry.size / 1_000_000));
  let raw: unknown;
  try {
    raw = JSON.parse(entry.body);
  } catch {
    return message("adapter_checkoutDataNotJson", shortApi(entry.api));
  }
  // Which API and whether it succeeded come first: a failed call carries no blocks.
  const head = HeadSchema.safeParse(raw);
  if (!head.success) return message("adapter_checkoutDataShape", shortApi(entry.api));
  const api = head.data.api.toLowerCase();
  if (!CHECKOUT_APIS.includes(api))
    return message("adapter_checkoutDataOtherApi", head.data.api.slice(0, 80));
  const ret = head.data.ret[0] ?? "";
  if (!ret.startsWith("SUCCESS"))
    return message("adapter_checkoutDataFailed", shortApi(api), ret.slice(0, 120));
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success) return message("adapter_checkoutDataShape", shortApi(api));
  if (Object.keys(envelope.data.data.data).length > MAX_BLOCKS)
    return message("adapter_checkoutDataShape", shortApi(api));
  return { blocks: envelope.data.data.data, api: shortApi(api) };
}

const looksLikeLine = (key: string, type: string): boolean =>
  /^pc_checkout_(group_)?product/i.test(key) || /^pc_checkout_(group_)?product/i.test(type);

function readBlocks(blocks: Record<string, unknown>, api: string, update: number): CheckoutData | Message {
  const lines: ProductFields[] = [];
  const stores: CheckoutData["stores"] = [];
  const shipping = new Map<string, string>();
  let summary: CheckoutData["summary"] | undefined;
  const totals = new Set<string>();
  let promo: CheckoutData["promo"] = null;
  const notes: Message[] = [];

  for (const [key, block] of Object.entries(blocks)) {
    if (!isRecord(block)) {
      if (looksLikeLine(key, "")) return message("adapter_checkoutLineShape", key.slice(0, 80));
      continue;
    }
    const type = typeof block.type === "string" ? block.type : "";
    const fields = block.fields;
    if (isRecord(fields) && isRecord(fields.promoCodeApplyRetVO)) {
      const p = PromoResultSchema.safeParse(fields.promoCodeApplyRetVO);
      if (p.success) promo = { status: p.data.usePromoCodeStatus, message: p.data.errorMsg ?? "" };
    }
    if (type === "pc_checkout_product") {
      const p = ProductFieldsSchema.safeParse(fields);
      if (!p.success) return message("adapter_checkoutLineShape", key.slice(0, 80));
      lines.push(p.data);
    } else if (type === "pc_checkout_group_product" || key.startsWith("pc_checkout_group_product")) {
      const list = isRecord(fields) ? fields.intentionOrderList : undefined;
      if (!Array.isArray(list) || list.length > MAX_BLOCKS)
        return message("adapter_checkoutLineShape", key.slice(0, 80));
      for (const item of list) {
        const p = ProductFieldsSchema.safeParse(item);
        if (!p.success) return message("adapter_checkoutLineShape", key.slice(0, 80));
        lines.push(p.data);
      }
    } else if (looksLikeLine(key, type)) {
      // Keyed or typed like a line, shaped like nothing known: a line might be missing.
      return message("adapter_checkoutLineShape", key.slice(0, 80));
    } else if (type === "checkout_shop_title") {
      const p = ShopTitleFieldsSchema.safeParse(fields);
      if (!p.success) return message("adapter_checkoutStoreShape", key.slice(0, 80));
      stores.push({ title: p.data.title, signatures: p.data.signatures });
    } else if (key.startsWith("pc_checkout_shipping_option_")) {
      const p = ShippingFieldsSchema.safeParse(fields);
      const sel = p.success ? p.data.selectedFreightService : undefined;
      const shown = sel?.freightCost ?? sel?.shippingCostContent;
      if (shown !== undefined) shipping.set(key.slice("pc_checkout_shipping_option_".length), shown);
    } else if (key === "checkout_order_summary_TOTAL_SUMMARY") {
      const p = SummaryFieldsSchema.safeParse(fields);
      if (!p.success) return message("adapter_checkoutSummaryShape");
      summary = p.data.summaryLines.map((l) => ({ title: l.title.title, content: l.content?.content ?? "" }));
    } else if (key.startsWith("checkout_order_total_")) {
      const p = TotalFieldsSchema.safeParse(fields);
      if (!p.success) return message("adapter_checkoutTotalShape");
      totals.add(p.data.priceList[0]?.content.content ?? "");
    }
  }
  if (totals.size === 0) return message("adapter_checkoutNoTotal");
  if (totals.size > 1) return message("adapter_checkoutTotalsDisagree");
  if (summary === undefined) return message("adapter_checkoutSummaryShape");
  return {
    api,
    update,
    lines,
    stores,
    shipping,
    summary,
    total: [...totals][0] ?? "",
    promo,
    notes,
  };
}

/** Reads the captured responses: the last good one, with a note when a later one failed. */
export function readCheckoutApi(text: string | null | undefined): ApiRead {
  if (text === null || text === undefined) return { kind: "none", notes: [] };
  if (text.length > MAX_API_CHARS * 2 + 1000)
    return {
      kind: "refused",
      reason: message("adapter_checkoutDataTooLarge", Math.ceil(text.length / 1_000_000)),
      notes: [],
    };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: "none", notes: [] };
  }
  const state = ApiStateSchema.safeParse(raw);
  // Not a capture of checkout responses (no page-world script, or something else answered).
  if (!state.success) return { kind: "none", notes: [] };
  const { latest } = state.data;
  let { good } = state.data;
  const notes: Message[] = [];
  if (latest) {
    const why = openEnvelope(latest);
    // The page world's verdict is the page's to forge: a "failed" response that opens is taken as good.
    if (!isMessage(why)) good = latest;
    // Otherwise the page keeps showing the last good response, and so does the read.
    else if (good) notes.push(message("adapter_checkoutLaterUpdateFailed", why));
    else return { kind: "refused", reason: why, notes: [] };
  }
  if (!good) return { kind: "none", notes };
  const opened = openEnvelope(good);
  if (isMessage(opened)) return { kind: "refused", reason: opened, notes };
  const data = readBlocks(opened.blocks, opened.api, good.n);
  if (isMessage(data)) return { kind: "refused", reason: data, notes };
  data.notes.push(...notes);
  return { kind: "data", data };
}
