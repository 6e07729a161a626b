/**
 * Reading coupons from the text a shopper sees (or copies) into coupon drafts.
 *
 * Pure: no browser, DOM or storage. It reads AliExpress's coupon wording in
 * English, Brazilian Portuguese, Spanish and French, and the squeezed forms of
 * page data ("US$3.00off", "OrdersoverUS$4.00").
 *
 * A wrong coupon is worse than none: the optimizer would confidently spend a
 * coupon that does not exist. So a coupon is refused (with a reason) whenever
 * its amount cannot be read without guessing: an amount the money parser
 * refuses, an amount in one currency and a minimum in another, numbers inside
 * the coupon that no rule explains, a hidden direction mark inside a number,
 * HTML source. Words it does not understand but that carry no number are kept
 * in `unread` so the shopper can check them.
 *
 * How a text becomes coupons: amounts, minimums, dates, kinds, stores and codes
 * are found as "facts" (each with its place in the text), then cut into
 * coupons. A coupon holds one amount; the fact kinds seen before the first
 * amount tell the layout (a card whose label comes first starts a new coupon at
 * each label), and a repeated fact kind or a long stretch of other text starts
 * a new coupon too.
 */
import type { Coupon, CouponKind } from "../../optimizer/schema";
import { DAY_MS, HOUR_MS, isValidTimeZone, localParts, zonedToInstant } from "../core/calendar";
// The one money parser: when money moves to its shared core, this import is the only line to change.
import { type MoneyResult, parsePriceText as parseMoney } from "../core/money";

/** A coupon as read from text: the optimizer's coupon without its id, status and source. */
export type CouponDraft = Omit<Coupon, "id" | "status" | "source" | "storeId" | "expiresAt"> & {
  /** Missing when the text names no expiry; the shopper must give one before it is added. */
  expiresAt?: string;
  /** The store the text names ("Store: Best Shop"), for store coupons. */
  storeName?: string;
  /** The cart's store id, when a page reader knows it (never from text). */
  storeId?: string;
};

export interface CouponTextRead {
  coupon: CouponDraft;
  /** Words inside the coupon's text that no rule understood, as written. */
  unread: string[];
}

export type CouponRefusalReason =
  | "too-long"
  | "html"
  | "no-amount"
  | "several-amounts"
  | "amount-unreadable"
  | "currency-mismatch"
  | "hidden-mark"
  | "stray-numbers"
  | "bad-percent"
  | "bad-date";

export interface CouponRefusal {
  reason: CouponRefusalReason;
  /** For people, in English: the CLI prints it; screens show `reason` in words (coupon-refusal.ts). */
  message: string;
  /** The refused coupon's text (at most 200 characters). */
  text: string;
}

export interface CouponTextReport {
  coupons: CouponTextRead[];
  refused: CouponRefusal[];
}

export interface CouponTextOptions {
  /** The clock for relative expiries ("Expires in 2 days"). */
  now: Date;
  /** The zone in which dates without an offset are read ("Dec 31, 2026" ends at 23:59:59 there). */
  timeZone: string;
  /**
   * The shopper's currency: it picks the currency of shared markers such as `$`
   * and `kr` when the text does not say. It never overrides a marker that is clear.
   */
  currency?: string;
}

export type OneCouponRead = { ok: true; read: CouponTextRead } | ({ ok: false } & CouponRefusal);

/** The most text read at once; a whole coupon page copied with Ctrl+A is far shorter. */
export const MAX_COUPON_TEXT = 500_000;
/** Text between two facts longer than this is not one coupon's. */
const MAX_GAP = 160;

// ------------------------------------------------------------------ normalising

const INVISIBLE = "\\u200b-\\u200f\\u061c\\u202a-\\u202e\\u2066-\\u2069\\ufeff\\u00ad";
/** A direction mark or zero-width character between two parts of a number: marks the place. */
const HIDDEN_IN_NUMBER = new RegExp(`(?<=[\\d.,])[${INVISIBLE}]+(?=[\\d.,])`, "g");
const INVISIBLE_ANY = new RegExp(`[${INVISIBLE}]`, "g");
const POISON = "\ufffd";
const SPACES = /[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 ]+/g;
const HTML_TAG = /<\s*\/?\s*[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?\s*>|&(?:amp|lt|gt|nbsp|quot|#\d+);/i;

function normalise(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(HIDDEN_IN_NUMBER, POISON)
    .replace(INVISIBLE_ANY, "")
    .replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2212]/g, "-")
    .replace(SPACES, " ");
}

// ------------------------------------------------------------------ money tokens

const ISO_CODES =
  "USD EUR GBP BRL CAD AUD NZD MXN CHF CNY HKD SGD TWD INR IDR MYR PHP THB PLN CZK HUF RON BGN SEK NOK DKK RUB UAH TRY ILS SAR AED QAR EGP MAD ZAR NGN KES ARS COP PEN UYU KZT BYN GEL AMD AZN PKR BDT LKR JPY KRW VND CLP ISK PYG UGX XAF XOF KWD BHD OMR JOD TND IQD LYD";
const SYMBOL_MARKER =
  "US ?\\$|\\$ ?US|R\\$|CA?\\$|\\$CA|AU?\\$|NZ\\$|MX\\$|HK\\$|S\\$|NT\\$|JP¥|CN¥|[€£¥₩₹₽₪₺₴₫฿₱₸₦$]";
const LOCAL_MARKER = "руб\\.|TL|zł|Kč|Ft|lei|RM|Rp|kr\\.?";
const ISO_MARKER = ISO_CODES.replace(/ /g, "|");
const WORD_MARKER = `(?:${LOCAL_MARKER}|${ISO_MARKER})(?![A-Za-zÀ-ÿ])`;
const MARKER = `(?:${SYMBOL_MARKER}|(?<![A-Za-zÀ-ÿ])${WORD_MARKER})`;
const NUM_TIGHT = `\\d(?:[\\d.,'${POISON}])*`;
// A word marker before its number stands apart from the word before ("A0RM00" is a code), and an
// ISO code also from its number ("EUR 5,00", but the code "EUR10"). Local marks may touch it
// ("RM10.00"), when the number has cents or ends the word: "TL0AA" is a code, not 0 lira.
const PREFIX_MONEY =
  `(?:${SYMBOL_MARKER}) ?${NUM_TIGHT}` +
  `|(?<![A-Za-zÀ-ÿ0-9])(?:${LOCAL_MARKER}|${ISO_MARKER}) ${NUM_TIGHT}` +
  `|(?<![A-Za-zÀ-ÿ0-9])(?:${LOCAL_MARKER})(?:${NUM_TIGHT}(?<=[.,]\\d\\d)|${NUM_TIGHT}(?![A-Za-zÀ-ÿ\\d]))`;
// After the number, a space may group thousands ("1 234,56 €").
const NUM_SPACED = `\\d(?:[\\d.,'${POISON}]| (?=\\d{3}(?!\\d)))*`;
// A marker followed by a number belongs to that number: "2 US$3.00" is US$3.00 after a stray 2.
const MONEY = new RegExp(`${PREFIX_MONEY}|(?<![\\d.,A-Za-zÀ-ÿ])${NUM_SPACED} ?${MARKER}(?! ?\\d)`, "g");
const PERCENT = /(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?) ?%/g;

interface Token {
  start: number;
  end: number;
  text: string;
}

/** A code after its label, as the "code" rule reads it (that rule also keeps only capitals and digits). */
const CODE_LABEL =
  /(?:(?:store |shop )?promo ?code|coupon ?code|code promo|code|c[óo]digo(?: promocional)?|cupom|cup[óo]n)\s*:\s*([A-Za-z0-9][A-Za-z0-9_-]{2,31})(?![A-Za-z0-9_-])/gi;

const MONEY_FILL = "\ue000";
const PERCENT_FILL = "\ue001";
const FACT_FILL = "\ue002";

function findTokens(s: string, re: RegExp): Map<number, Token> {
  const out = new Map<number, Token>();
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    let text = m[0];
    // A sentence's full stop is not part of the number before it ("... US $3.00.").
    while (/[.,']$/.test(text) && !/[A-Za-z.]\.$/.test(text.slice(-3))) text = text.slice(0, -1);
    if (text === "") continue;
    const start = m.index;
    const end = start + text.length;
    out.set(start, { start, end, text });
    if (re.lastIndex === m.index) re.lastIndex++;
  }
  return out;
}

/** The text with each span replaced by as many `ch` (spans in order, not overlapping). */
function mask(text: string, spans: Iterable<{ start: number; end: number }>, ch: string): string {
  const pieces: string[] = [];
  let at = 0;
  for (const { start, end } of spans) {
    if (start < at) continue;
    pieces.push(text.slice(at, start), ch.repeat(end - start));
    at = end;
  }
  pieces.push(text.slice(at));
  return pieces.join("");
}

// ------------------------------------------------------------------ facts

type FactType = "amount" | "bare" | "min" | "expiry" | "start" | "kind" | "store" | "code";
type Lang = "en" | "pt" | "es" | "fr";

interface Fact {
  type: FactType;
  start: number;
  end: number;
  /** The fact's own text in the normalised input. */
  text: string;
  lang?: Lang;
  /** amount: money text (fixed) or percent text, and an optional cap. */
  money?: string;
  percent?: string;
  cap?: string;
  /** min: money text; undefined for "no minimum". */
  minMoney?: string;
  /** expiry/start: date texts or a relative span. */
  from?: string;
  to?: string;
  relative?: { n: number; unit: "day" | "hour" } | "today" | "tomorrow";
  kind?: CouponKind;
  storeName?: string;
  code?: string;
}

const M = `${MONEY_FILL}+`;
const P = `${PERCENT_FILL}+`;
const S = "\\s*";

const MONTHS: Record<string, number> = {};
(
  [
    ["jan janeiro january ene enero janv janvier", 1],
    ["feb february fev fevereiro febrero févr fevr février fevrier", 2],
    ["mar march março marco marzo mars", 3],
    ["apr april abr abril avr avril", 4],
    ["may maio mayo mai", 5],
    ["jun june junho junio juin", 6],
    ["jul july julho julio juil juillet", 7],
    ["aug august ago agosto août aout", 8],
    ["sep sept september set setembro septiembre setiembre septembre", 9],
    ["oct october out outubro octubre octobre", 10],
    ["nov november novembro noviembre novembre", 11],
    ["dec december dez dezembro dic diciembre déc décembre decembre", 12],
  ] as const
).forEach(([names, n]) => {
  for (const name of names.split(" ")) MONTHS[name] = n;
});
const MONTH = `(?:${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|")})\\.?`;
const TIME = `(?:,? ?(?:at|às|a las|à|as)? ?\\d{1,2}:\\d{2}(?::\\d{2})?(?: ?[ap]\\.?m\\.?)?)?`;
const DATE = `(?:${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}(?:er|º|st|nd|rd|th)?(?: de)? ${MONTH}(?: de)?,? \\d{4}|\\d{4}[./-]\\d{1,2}[./-]\\d{1,2}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{4})${TIME}`;
const EXP_KW =
  "(?:expires?(?: on)?|expiry(?: date)?|expiration(?: date)?|valid (?:until|till|to|through)|use by|ends?(?: on)?|until|exp\\.|válid[oa] até(?: o dia)?|valido ate|vence em|vencimento|validade|expira em|até|válid[oa] hasta(?: el)?|vence el|caduca el|expira el|vencimiento|hasta el|hasta|expire le|valable jusqu'au|valide jusqu'au|jusqu'au|date d'expiration|expiration)";
const START_KW =
  "(?:valid from|starts?(?: on)?|from|válid[oa] (?:a partir de|desde)|a partir de|desde|começa em|início|inicio|empieza el|comienza el|valable (?:à partir du|dès le)|à partir du|dès le|commence le|du|de|del)";
const RANGE_SEP = "(?: ?(?:-|–|—|~|to|até|a|al|au|hasta) ?)";
const REL_UNIT = "(days?|hours?|dias?|horas?|días?|jours?|heures?|h)";

interface Rule {
  type: FactType;
  /** Text every match holds (lower case): the rule runs only on the lines around it. */
  hint: RegExp;
  re: RegExp;
  /** `at(i)` is where capture i starts in the text: money and percent tokens are found by it. */
  build(m: RegExpExecArray, fact: Fact, at: (i: number) => string | undefined): boolean | undefined;
}

// Rules run on a lower-cased copy (same length), so no regex needs the slow case-insensitive flag.
const rx = (source: string) => new RegExp(source, "gd");
const langOf = (text: string): Lang | undefined => {
  const t = text.toLowerCase();
  if (
    /desconto|pedidos acima|compras acima|até|vence em|expira em|validade|vencimento|cupom|loja|sem valor|mínimo|dias?\b|hoje|amanhã|faltam/.test(
      t,
    )
  )
    return "pt";
  if (
    /descuento|superiores|más de|hasta|vence el|caduca|expira el|vencimiento|cupón|tienda|sin compra|días|hoy|mañana|quedan/.test(
      t,
    )
  )
    return "es";
  if (/réduction|remise|d'achat|jusqu|expire le|boutique|sans minimum|jours?|aujourd|demain|dès/.test(t))
    return "fr";
  if (/off|orders?|expires?|valid|store|coupon|minimum|days?|today|tomorrow|until/.test(t)) return "en";
  return undefined;
};

/** A match that is one money or percent token for one field: the first capture that matched. */
const tokenRule = (
  type: "amount" | "min",
  hint: RegExp,
  source: string,
  field: "money" | "percent" | "minMoney",
): Rule => ({
  type,
  hint,
  re: rx(source),
  build: (m, f, at) => {
    for (let i = 1; i < m.length && f[field] === undefined; i++) f[field] = at(i);
    return true;
  },
});

/** A match whose first capture is a written date. */
const dateRule = (type: "expiry" | "start", source: string, field: "from" | "to"): Rule => ({
  type,
  hint: /\d{4}/g,
  re: rx(source),
  build: (m, f) => {
    f[field] = m[1];
    return true;
  },
});

/** A phrase that names the coupon's kind and nothing else. */
const kindRule = (kind: CouponKind, hint: RegExp, source: string): Rule => ({
  type: "kind",
  hint,
  re: rx(source),
  build: (_m, f) => {
    f.kind = kind;
    return true;
  },
});

/** Rules in priority order: a longer, more specific form is found before the parts it contains. */
const RULES: Rule[] = [
  {
    type: "code",
    hint: /:/g,
    re: rx(
      `(?:(?:store |shop )?promo ?code|coupon ?code|code promo|code|c[óo]digo(?: promocional)?|cupom|cup[óo]n)${S}:${S}([A-Za-z0-9][A-Za-z0-9_-]{2,31})(?![A-Za-z0-9_-])`,
    ),
    build: (m, f) => {
      const code = asWritten(m, f, 1) ?? "";
      // Codes are written in capitals and digits; "Code: applied" is a sentence, not a code.
      if (!/^[A-Z0-9][A-Z0-9_-]+$/.test(code)) return false;
      f.code = code;
      if (/store|shop/i.test(m[0])) f.kind = "store";
      return true;
    },
  },
  {
    type: "expiry",
    hint: /\d{4}/g,
    re: rx(
      `(?:(?:valid|válid[oa]|valable|valide|período|periodo|période)${S}:?${S})?(?:${START_KW} )?(${DATE})${RANGE_SEP}(${DATE})`,
    ),
    build: (m, f) => {
      f.from = m[1];
      f.to = m[2];
      return true;
    },
  },
  {
    type: "expiry",
    hint: /\d/g,
    re: rx(
      `(?:expires?|ends?|expira|vence|caduca|termina|expire|se termine)${S}(?:in|em|en|dans)${S}(\\d{1,3}) ?${REL_UNIT}(?![a-zà-ÿ])`,
    ),
    build: (m, f) => relative(m[1], m[2], f),
  },
  {
    type: "expiry",
    hint: /\d/g,
    re: rx(
      `(?:(\\d{1,3}) ?${REL_UNIT} left|faltam (\\d{1,3}) ?${REL_UNIT}|quedan (\\d{1,3}) ?${REL_UNIT}|(?:plus que|encore) (\\d{1,3}) ?${REL_UNIT})(?![a-zà-ÿ])`,
    ),
    build: (m, f) => relative(m[1] ?? m[3] ?? m[5] ?? m[7], m[2] ?? m[4] ?? m[6] ?? m[8], f),
  },
  {
    type: "expiry",
    hint: /today|tomorrow|hoje|amanh|hoy|mañana|aujourd|demain/g,
    re: rx(
      "(?:expires?|ends?|expira|vence|caduca|termina|expire)(?: (?:on|em|el|le))? (today|tomorrow|hoje|amanhã|hoy|mañana|aujourd'hui|demain)(?![a-zà-ÿ])",
    ),
    build: (m, f) => {
      f.relative = /today|hoje|hoy|aujourd/i.test(m[1] ?? "") ? "today" : "tomorrow";
      return true;
    },
  },
  dateRule(
    "start",
    `(?<![a-zà-ÿ])(?:valid from|starts?(?: on)?|válid[oa] (?:a partir de|desde)|a partir de|desde|começa em|início|empieza el|comienza el|valable (?:à partir du|dès le)|à partir du|dès le|commence le)${S}:?${S}(${DATE})`,
    "from",
  ),
  dateRule("expiry", `(?<![a-zà-ÿ])${EXP_KW}${S}:?${S}(${DATE})`, "to"),
  dateRule("expiry", `(?<![\\d./-])(${DATE})(?![\\d./-])`, "to"),
  // ---- amounts: percent with a cap first, then percent, then money
  {
    type: "amount",
    hint: /\ue001/g,
    re: rx(
      `(${P})${S}(?:off|de desconto|de descuento|de réduction|de remise|desconto|descuento)${S}(?:[,(;]${S})?(?:up ?to|max(?:imum)?\\.?|capped at|até|máx(?:imo)?\\.?|limite de|hasta|jusqu'à|plafonné à|dans la limite de)${S}:?${S}(${M})${S}(?:off)?\\)?`,
    ),
    build: (_m, f, at) => {
      f.percent = at(1);
      f.cap = at(2);
      return true;
    },
  },
  tokenRule(
    "amount",
    /\ue001/g,
    `(${P})${S}(?:off|de desconto|de descuento|de réduction|de remise)(?![a-zà-ÿ])`,
    "percent",
  ),
  tokenRule(
    "amount",
    /\ue001/g,
    `(?:(?:desconto|descuento|réduction|remise) de|save|get)${S}(${P})`,
    "percent",
  ),
  tokenRule(
    "amount",
    /\ue000/g,
    `(${M})${S}(?:off|de desconto|de descuento|de réduction|de remise|discount)(?![a-zà-ÿ])`,
    "money",
  ),
  tokenRule(
    "amount",
    /\ue000/g,
    `(?:(?:desconto|descuento|réduction|remise) de|save|get)${S}(${M})(?:${S}off)?`,
    "money",
  ),
  // ---- minimum spend
  tokenRule(
    "min",
    /\ue000/g,
    `(?:(?:on|for)${S})?(?:orders?|purchases?)${S}(?:over|above|from|of(?: at least)?)${S}(${M})|(?:min(?:imum)?\\.?${S}(?:spend|order|purchase)?|spend)${S}:?${S}(?:of${S})?(${M})(?: or more)?|(?<![a-zà-ÿ])over${S}(${M})`,
    "minMoney",
  ),
  tokenRule(
    "min",
    /\ue000/g,
    `(?:em${S})?(?:pedidos|compras)${S}(?:acima de|a partir de|superiores a|de)${S}(${M})|(?:valor|gasto|compra|pedido) mínim[oa]${S}:?${S}(?:de${S})?(${M})|acima de${S}(${M})`,
    "minMoney",
  ),
  tokenRule(
    "min",
    /\ue000/g,
    `(?:en${S})?(?:pedidos|compras)${S}(?:superiores a|de más de|a partir de|desde|mayores a|mayores de|de)${S}(${M})|(?:gasto|compra|pedido) mínim[oa]${S}:?${S}(?:de${S})?(${M})|más de${S}(${M})`,
    "minMoney",
  ),
  tokenRule(
    "min",
    /\ue000/g,
    `(?:dès|pour|à partir de)${S}(${M})${S}d'achats?|(?:(?:sur les|pour les)${S})?commandes?${S}(?:de plus de|supérieures? à|dès|à partir de|de)${S}(${M})|(?:achat|commande) minimum${S}:?${S}(?:de${S})?(${M})`,
    "minMoney",
  ),
  {
    type: "min",
    hint: /minim|mínim|min\.? ?spend/g,
    re: rx(
      "no minimum(?: spend| order| purchase)?|no min\\.? spend|sem (?:valor |pedido |gasto )?mínimo|sin (?:compra |gasto |pedido )?mínim[oa]|sans minimum(?: d'achat)?",
    ),
    build: () => true,
  },
  // ---- kinds and stores
  {
    type: "kind",
    hint: /coupon|cupom|cup[óo]n/g,
    re: rx(
      `(?:store coupon|shop coupon|seller coupon|cupom da loja|cupom de loja|cupón de (?:la )?tienda|cupón del vendedor|coupon (?:de la )?boutique|coupon vendeur)(?!s)(?:${S}(?:·|:|-|–|—|\\|)${S}([^\\n·|${MONEY_FILL}${PERCENT_FILL}${FACT_FILL}]{1,100}))?`,
    ),
    build: (m, f) => {
      f.kind = "store";
      const name = asWritten(m, f, 1)?.trim();
      if (name) f.storeName = name;
      return true;
    },
  },
  kindRule(
    "select",
    /coupon|cupom|cup[óo]n/g,
    "(?:select|choice) coupon(?!s)|cross-store coupon|cupom (?:select|choice)|cup[óo]n (?:select|choice)|coupon (?:select|choice)",
  ),
  kindRule(
    "platform",
    /coupon|cupom|cup[óo]n/g,
    "(?:aliexpress|platform) coupon(?!s)|cupom (?:aliexpress|da plataforma)|cup[óo]n de (?:aliexpress|la plataforma)|coupon (?:aliexpress|plateforme)",
  ),
  kindRule("promo", /code|c[óo]digo/g, "(?:store )?promo ?code|c[óo]digo promocional|code promo"),
  {
    type: "store",
    hint: /:/g,
    re: rx(
      `(?<![a-zà-ÿ])(?:store|shop|seller|loja|vendedor|tienda|boutique|vendeur)${S}:${S}([^\\n·|${MONEY_FILL}${PERCENT_FILL}${FACT_FILL}]{1,100})`,
    ),
    build: (m, f) => {
      const name = asWritten(m, f, 1)?.trim();
      if (!name) return false;
      f.storeName = name;
      return true;
    },
  },
  {
    // A line holding only an amount: the big figure of a coupon card, or page data's "US$3.00".
    type: "bare",
    hint: /\ue000/g,
    re: rx(`(?<=^|\\n)[ ·|]*(${M})[ ·|]*(?=\\n|$)`),
    build: (_m, f, at) => {
      f.money = at(1);
      return true;
    },
  },
];

/** Capture `i` as the text writes it: the rules read a lower-cased copy, codes and names keep their case. */
function asWritten(m: RegExpExecArray, f: Fact, i: number): string | undefined {
  const span = m.indices?.[i];
  return span === undefined ? undefined : f.text.slice(span[0] - m.index, span[1] - m.index);
}

function relative(n: string | undefined, unit: string | undefined, f: Fact): boolean {
  const count = Number(n);
  if (!Number.isInteger(count) || count > 366) return false;
  f.relative = { n: count, unit: /^h/i.test(unit ?? "") ? "hour" : "day" };
  return true;
}

/** Words the reader knows carry no coupon terms: buttons, headings and separators of coupon cards. */
const NOISE = new Set(
  (
    "collect collected get claim claimed use apply applied redeem shop now more details terms and conditions coupon coupons off " +
    "single-use only one-time valid for new users available used expired my wallet " +
    "coletar coletado resgatar usar agora aplicar cupom cupons uso único válido disponível disponíveis usados expirados " +
    "obtener obtenido canjear usar ahora aplicar cupón cupones un solo uso disponible disponibles usados caducados " +
    "récupérer récupéré obtenir utiliser appliquer maintenant bon bons de réduction disponible disponibles utilisés expirés " +
    "the on for a to de da do em en el la le les des du pour et and e y"
  ).split(" "),
);

/** Lower case, one unit for one unit: positions in the copy stay positions in the text. */
function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (const c of text.split("")) {
    const l = c.toLowerCase();
    out += l.length === 1 ? l : c;
  }
  return out;
}

/**
 * Where a rule can match: the lines holding its hint, with the line before and
 * after (a fact may run over a line break), merged. Scanning only these keeps
 * a page's worth of rules fast: most lines hold no amount, date or label.
 */
function windows(hay: string, hint: RegExp, lineStarts: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  hint.lastIndex = 0;
  for (let m = hint.exec(hay); m !== null; m = hint.exec(hay)) {
    // The line of the hit, by binary search over line starts.
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= m.index) lo = mid;
      else hi = mid - 1;
    }
    const from = lineStarts[Math.max(0, lo - 1)] as number;
    const to = lo + 2 < lineStarts.length ? (lineStarts[lo + 2] as number) : hay.length;
    const last = out.at(-1);
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
    // The rest of this line is covered: look on from the next one.
    const nextLine = lo + 1 < lineStarts.length ? (lineStarts[lo + 1] as number) : hay.length;
    hint.lastIndex = Math.max(hint.lastIndex, nextLine);
  }
  return out;
}

function findFacts(s: string, masked: string): Fact[] {
  const lineStarts = [0];
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const facts: Fact[] = [];
  let hay = foldCase(masked);
  for (const rule of RULES) {
    const found = facts.length;
    for (const [from, to] of windows(hay, rule.hint, lineStarts)) {
      const part = hay.slice(from, to);
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(part); m !== null; m = rule.re.exec(part)) {
        if (m[0] === "") {
          rule.re.lastIndex++;
          continue;
        }
        const start = from + m.index;
        const end = start + m[0].length;
        const fact: Fact = { type: rule.type, start, end, text: s.slice(start, end) };
        // Placeholders in the match name the money and percent tokens by where they start.
        const indices = m.indices;
        const at = (i: number) => {
          const pair = indices?.[i];
          return pair === undefined ? undefined : String(from + pair[0]);
        };
        const ok = rule.build(m, fact, at);
        if (ok === false) {
          rule.re.lastIndex = m.index + 1;
          continue;
        }
        facts.push(fact);
      }
    }
    // The facts' text is consumed: later, shorter rules cannot read it again.
    if (facts.length > found) {
      const pieces: string[] = [];
      let at = 0;
      for (let k = found; k < facts.length; k++) {
        const f = facts[k] as Fact;
        pieces.push(hay.slice(at, f.start), FACT_FILL.repeat(f.end - f.start));
        at = f.end;
      }
      pieces.push(hay.slice(at));
      hay = pieces.join("");
    }
  }
  return facts.sort((a, b) => a.start - b.start);
}

// ------------------------------------------------------------------ grouping

interface Group {
  facts: Fact[];
}

function group(s: string, facts: readonly Fact[], consumed: Uint8Array): Group[] {
  const amountLike = (f: Fact) => f.type === "amount" || f.type === "bare";
  const firstAmount = facts.findIndex(amountLike);
  // The layout: the kinds of fact a coupon card shows before its amount start a new card.
  // Only facts close before the first amount are its card's: a page heading far above says nothing of the layout.
  const leading = new Set<FactType>();
  for (let i = firstAmount - 1; i >= 0; i--) {
    const f = facts[i] as Fact;
    const next = facts[i + 1] as Fact;
    if (unreadLength(s, consumed, f.end, next.start) > MAX_GAP) break;
    if (!amountLike(f)) leading.add(f.type);
  }
  // ...and the kinds it shows after its amount stay with the card above.
  const trailing = new Set<FactType>();
  for (let i = firstAmount + 1; firstAmount >= 0 && i < facts.length; i++) {
    const f = facts[i] as Fact;
    const before = facts[i - 1] as Fact;
    if (amountLike(f) || unreadLength(s, consumed, before.end, f.start) > MAX_GAP || trailing.has(f.type))
      break;
    trailing.add(f.type);
  }
  const header = (f: Fact) => f.type === "kind" || f.type === "store" || f.type === "code";
  /** A label right above an amount (through other labels only) reads as that amount's. */
  const labelsNextAmount = (i: number): boolean => {
    for (let j = i + 1; j < facts.length; j++) {
      const g = facts[j] as Fact;
      if (unreadLength(s, consumed, (facts[j - 1] as Fact).end, g.start) > 40) return false;
      if (amountLike(g)) return true;
      if (!header(g)) return false;
    }
    return false;
  };
  const groups: Group[] = [];
  let current: Fact[] = [];
  const has = (t: FactType) =>
    current.some((f) => f.type === t || (amountLike(f) && (t === "amount" || t === "bare")));
  facts.forEach((f, i) => {
    const last = current.at(-1);
    const gapTooLong = last !== undefined && unreadLength(s, consumed, last.end, f.start) > MAX_GAP;
    const repeats = has(f.type) && !(f.type === "kind" && current.some((c) => c.type === "code"));
    const hasAmount = current.some(amountLike);
    // Where the first card does not tell the layout (cards of several layouts on one page),
    // a label is the next amount's when it sits right above it.
    const startsCard =
      hasAmount && (leading.has(f.type) || (header(f) && !trailing.has(f.type) && labelsNextAmount(i)));
    if (current.length > 0 && (gapTooLong || repeats || startsCard)) {
      groups.push({ facts: current });
      current = [];
    }
    current.push(f);
  });
  if (current.length > 0) groups.push({ facts: current });
  return groups;
}

function unreadLength(s: string, consumed: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (!consumed[i] && s[i] !== " " && s[i] !== "\n") n++;
  return n;
}

// ------------------------------------------------------------------ building drafts

class Refused extends Error {
  constructor(
    readonly reason: CouponRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

const snippet = (text: string) => {
  const one = text.replace(/\s+/g, " ").replaceAll(POISON, "").trim();
  return one.length > 200 ? `${one.slice(0, 199)}…` : one;
};

interface Context {
  s: string;
  money: Map<number, Token>;
  percents: Map<number, Token>;
  options: CouponTextOptions;
  consumed: Uint8Array;
  /** Money texts already parsed in this read. */
  parsed: Map<string, MoneyResult>;
}

function readMoney(ctx: Context, at: string | undefined, what: string): { cents: number; currency: string } {
  const token = ctx.money.get(Number(at));
  if (token === undefined) throw new Refused("amount-unreadable", `the ${what} could not be found`);
  if (token.text.includes(POISON))
    throw new Refused(
      "hidden-mark",
      `the ${what} "${token.text.replace(POISON, "")}" has a hidden direction mark inside it`,
    );
  // A page repeats the same few amounts; each is parsed once per read.
  let r = ctx.parsed.get(token.text);
  if (r === undefined) {
    r = parseMoney(token.text);
    if (!r.ok && r.reason === "ambiguous-currency" && ctx.options.currency !== undefined)
      r = parseMoney(token.text, { currency: ctx.options.currency });
    ctx.parsed.set(token.text, r);
  }
  if (!r.ok)
    throw new Refused("amount-unreadable", `the ${what} "${token.text}" cannot be read: ${r.message}`);
  if (r.cents <= 0 && what !== "minimum spend")
    throw new Refused("amount-unreadable", `the ${what} "${token.text}" is zero`);
  return { cents: r.cents, currency: r.currency };
}

function readPercent(ctx: Context, at: string | undefined): number {
  const token = ctx.percents.get(Number(at));
  const text = token?.text.replace(/ ?%$/, "") ?? "";
  const value = Number(text.replace(",", "."));
  const hundredths = Math.round(value * 100);
  if (!Number.isFinite(value) || value <= 0 || value > 100 || Math.abs(value * 100 - hundredths) > 1e-7)
    throw new Refused("bad-percent", `"${token?.text ?? "?"}" is not a percentage between 0 and 100`);
  return hundredths / 100;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

/** The language a fact is written in, worked out only when a date needs it (it is slow to ask of every fact). */
function factLang(f: Fact): Lang | undefined {
  if (!("lang" in f)) f.lang = langOf(f.text.replace(/[\d.,$€£%]/g, " "));
  return f.lang;
}

function parseDate(raw: string, language: () => Lang | undefined): DateParts {
  const text = raw.toLowerCase().trim();
  const bad = (why: string) => new Refused("bad-date", `the date "${raw}" ${why}`);
  let parts: DateParts | undefined;
  const timeMatch = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([ap])\.?m\.?)?$/.exec(text);
  const datePart = timeMatch ? text.slice(0, timeMatch.index) : text;
  const ymd = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})/.exec(datePart);
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(datePart);
  const monthFirst = /^([a-zà-ÿç]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})/.exec(datePart);
  const dayFirst = /^(\d{1,2})(?:er|º|st|nd|rd|th)?(?: de)? ([a-zà-ÿç]+)\.?(?: de)?,? (\d{4})/.exec(datePart);
  if (ymd) parts = { year: Number(ymd[1]), month: Number(ymd[2]), day: Number(ymd[3]) };
  else if (numeric) {
    const a = Number(numeric[1]);
    const b = Number(numeric[2]);
    // English pages write month first, the other three languages day first; a date both ways readable needs the language.
    let dayComesFirst: boolean;
    if (a > 12 && b <= 12) dayComesFirst = true;
    else if (b > 12 && a <= 12) dayComesFirst = false;
    else if (a === b) dayComesFirst = true;
    else if (["pt", "es", "fr"].includes(language() ?? "en")) dayComesFirst = true;
    else throw bad("could be read as day/month or month/day");
    parts = {
      year: Number(numeric[3]),
      month: dayComesFirst ? b : a,
      day: dayComesFirst ? a : b,
    };
  } else if (monthFirst) {
    const month = MONTHS[monthFirst[1] ?? ""];
    if (month === undefined) throw bad("names no month this reader knows");
    parts = { year: Number(monthFirst[3]), month, day: Number(monthFirst[2]) };
  } else if (dayFirst) {
    const month = MONTHS[dayFirst[2] ?? ""];
    if (month === undefined) throw bad("names no month this reader knows");
    parts = { year: Number(dayFirst[3]), month, day: Number(dayFirst[1]) };
  }
  if (parts === undefined) throw bad("is not a date this reader knows");
  const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (
    parts.year < 2000 ||
    parts.year > 2100 ||
    check.getUTCMonth() !== parts.month - 1 ||
    check.getUTCDate() !== parts.day
  )
    throw bad("is not a real calendar date");
  if (timeMatch) {
    let hour = Number(timeMatch[1]);
    const minute = Number(timeMatch[2]);
    const second = Number(timeMatch[3] ?? 0);
    const ampm = timeMatch[4];
    if (ampm !== undefined) {
      if (hour < 1 || hour > 12) throw bad("has an impossible time");
      hour = (hour % 12) + (ampm === "p" ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) throw bad("has an impossible time");
    parts = { ...parts, hour, minute, second };
  }
  return parts;
}

/** Pages repeat the same few dates; converting one in a zone costs several Intl calls. */
const instants = new Map<string, string>();

function instantOf(parts: DateParts, timeZone: string, endOfDay: boolean): string {
  const key = `${timeZone}|${endOfDay}|${parts.year}-${parts.month}-${parts.day}|${parts.hour}:${parts.minute}:${parts.second}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const iso = instantAt(parts, timeZone, endOfDay);
  if (instants.size > 5000) instants.clear();
  instants.set(key, iso);
  return iso;
}

function instantAt(parts: DateParts, timeZone: string, endOfDay: boolean): string {
  const timed = parts.hour !== undefined;
  const ms = zonedToInstant(
    {
      ...parts,
      hour: timed ? parts.hour : endOfDay ? 23 : 0,
      minute: timed ? parts.minute : endOfDay ? 59 : 0,
      second: timed ? parts.second : endOfDay ? 59 : 0,
    },
    timeZone,
  );
  return new Date(ms).toISOString();
}

const localDays = new Map<string, string>();

/** The end of the local day `addDays` after the clock's: "today" and "tomorrow", asked once per read clock. */
function endOfLocalDay(ms: number, timeZone: string, addDays: number): string {
  const key = `${ms}|${timeZone}|${addDays}`;
  const known = localDays.get(key);
  if (known !== undefined) return known;
  const iso = endOfLocalDayAt(ms, timeZone, addDays);
  if (localDays.size > 1000) localDays.clear();
  localDays.set(key, iso);
  return iso;
}

function endOfLocalDayAt(ms: number, timeZone: string, addDays: number): string {
  const p = localParts(ms, timeZone);
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day + addDays));
  return instantOf(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() },
    timeZone,
    true,
  );
}

function buildDraft(ctx: Context, g: Group): CouponTextRead {
  const { facts } = g;
  const amounts = facts.filter((f) => f.type === "amount" || f.type === "bare");
  if (amounts.length === 0)
    throw new Refused("no-amount", "no coupon amount (such as “US $3.00 off”) was found");
  if (amounts.length > 1) throw new Refused("several-amounts", "the text holds more than one amount");
  const groupLang = () => {
    const langs = facts.map(factLang);
    return langs.find((l) => l !== undefined && l !== "en") ?? langs[0];
  };

  const unread = unreadWords(ctx, g);
  const numbers = unread.filter((w) => /\d/.test(w));
  if (numbers.some((w) => w.includes(POISON)))
    throw new Refused("hidden-mark", "a hidden direction mark sits inside a number");
  if (numbers.length > 0)
    throw new Refused(
      "stray-numbers",
      `numbers the reader does not understand sit inside the coupon (${numbers.slice(0, 3).join(", ")})`,
    );

  const amount = amounts[0] as Fact;
  const draft: Partial<CouponDraft> & { kind?: CouponKind } = {};
  let currency: string | undefined;
  const sameCurrency = (c: string, what: string) => {
    if (currency !== undefined && c !== currency)
      throw new Refused(
        "currency-mismatch",
        `the ${what} is in ${c} but the coupon's other amounts are in ${currency}`,
      );
    currency = c;
  };
  if (amount.money !== undefined) {
    const m = readMoney(ctx, amount.money, "amount");
    sameCurrency(m.currency, "amount");
    draft.off = m.cents;
  } else {
    draft.percent = readPercent(ctx, amount.percent);
    if (amount.cap !== undefined) {
      const cap = readMoney(ctx, amount.cap, "cap");
      sameCurrency(cap.currency, "cap");
      draft.maxOff = cap.cents;
    }
  }
  const mins = facts.filter((f) => f.type === "min");
  draft.minSpend = 0;
  for (const f of mins) {
    if (f.minMoney === undefined) continue;
    const m = readMoney(ctx, f.minMoney, "minimum spend");
    sameCurrency(m.currency, "minimum spend");
    draft.minSpend = m.cents;
  }
  if (
    amount.type === "bare" &&
    mins.length === 0 &&
    !facts.some((f) => f.type === "kind" || f.type === "code")
  )
    throw new Refused(
      "no-amount",
      "an amount alone, with no coupon words around it, is a price, not a coupon",
    );
  if (currency !== undefined) draft.currency = currency;

  const nowMs = ctx.options.now.getTime();
  const tz = ctx.options.timeZone;
  for (const f of facts) {
    if (f.type !== "expiry" && f.type !== "start") continue;
    if (f.relative !== undefined) {
      if (f.relative === "today") draft.expiresAt = endOfLocalDay(nowMs, tz, 0);
      else if (f.relative === "tomorrow") draft.expiresAt = endOfLocalDay(nowMs, tz, 1);
      else
        draft.expiresAt = new Date(
          nowMs + f.relative.n * (f.relative.unit === "day" ? DAY_MS : HOUR_MS),
        ).toISOString();
      continue;
    }
    const language = () => factLang(f) ?? groupLang();
    if (f.from !== undefined) draft.validFrom = instantOf(parseDate(f.from, language), tz, false);
    if (f.to !== undefined) draft.expiresAt = instantOf(parseDate(f.to, language), tz, true);
  }
  if (
    draft.validFrom !== undefined &&
    draft.expiresAt !== undefined &&
    Date.parse(draft.validFrom) >= Date.parse(draft.expiresAt)
  )
    throw new Refused("bad-date", "the coupon starts after it expires");

  let kind: CouponKind | undefined;
  for (const f of facts) {
    if (f.storeName !== undefined) draft.storeName = f.storeName;
    if (f.code !== undefined) draft.code = f.code;
    if (f.type === "kind" && f.kind !== undefined) kind = f.kind;
  }
  const codeFact = facts.find((f) => f.type === "code");
  if (kind === undefined) kind = codeFact?.kind ?? (draft.code !== undefined ? "promo" : undefined);
  if (kind === undefined) kind = draft.storeName !== undefined ? "store" : "platform";
  if (kind === "promo" && codeFact?.kind === "store") kind = "store";

  // The optimizer's key order, so the JSON reads like the coupons of its examples.
  const coupon = { kind } as CouponDraft;
  for (const key of [
    "off",
    "percent",
    "maxOff",
    "minSpend",
    "currency",
    "validFrom",
    "expiresAt",
    "storeName",
    "code",
  ] as const)
    if (draft[key] !== undefined) (coupon as Record<string, unknown>)[key] = draft[key];
  return { coupon, unread: unread.filter((w) => !/\d/.test(w)) };
}

const WORD_BREAK = /[\s·|,;()[\]{}"“”«»!?:]+/;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function unreadWords(ctx: Context, g: Group): string[] {
  const first = g.facts[0] as Fact;
  const last = g.facts.at(-1) as Fact;
  const words: string[] = [];
  // The whole lines the coupon's facts sit on: "Buy 2, get US $3.00 off" must not lose its "Buy 2".
  const from = ctx.s.lastIndexOf("\n", first.start) + 1;
  const lineEnd = ctx.s.indexOf("\n", last.end);
  const to = lineEnd === -1 ? ctx.s.length : lineEnd;
  // Runs of text no fact consumed, split into words.
  let i = from;
  while (i < to) {
    while (i < to && ctx.consumed[i]) i++;
    const start = i;
    while (i < to && !ctx.consumed[i]) i++;
    if (i === start) continue;
    for (const raw of ctx.s.slice(start, i).split(WORD_BREAK)) {
      const w = raw.replace(EDGE_PUNCTUATION, "");
      if (w !== "" && !NOISE.has(w.toLowerCase())) words.push(w);
    }
  }
  return words;
}

// ------------------------------------------------------------------ entry points

function scan(text: string, options: CouponTextOptions): { ctx: Context; facts: Fact[] } | CouponRefusal {
  if (!isValidTimeZone(options.timeZone)) throw new RangeError(`unknown time zone "${options.timeZone}"`);
  if (!Number.isFinite(options.now.getTime())) throw new RangeError("invalid clock");
  if (text.length > MAX_COUPON_TEXT)
    return {
      reason: "too-long",
      message: `the text is ${text.length} characters long; at most ${MAX_COUPON_TEXT} are read at once`,
      text: snippet(text.slice(0, 200)),
    };
  if (HTML_TAG.test(text))
    return {
      reason: "html",
      message: "this is HTML source, not the text the page shows; copy the page's text instead",
      text: snippet(text.slice(0, 200)),
    };
  const s = normalise(text);
  const money = findTokens(s, MONEY);
  // A code is a code even when it reads like money ("Promo code: RM000"): no amount inside it.
  for (const code of s.matchAll(CODE_LABEL)) {
    const value = code[1] ?? "";
    if (!/^[A-Z0-9][A-Z0-9_-]+$/.test(value)) continue;
    const end = (code.index ?? 0) + code[0].length;
    const start = end - value.length;
    for (const [at, token] of money) if (token.start < end && token.end > start) money.delete(at);
  }
  const percents = findTokens(s, PERCENT);
  // Rules see amounts and percentages as placeholders, so no rule reads into a number.
  const masked = mask(mask(s, money.values(), MONEY_FILL), percents.values(), PERCENT_FILL);
  const facts = findFacts(s, masked);
  const consumed = new Uint8Array(s.length);
  for (const f of facts) consumed.fill(1, f.start, f.end);
  return { ctx: { s, money, percents, options, consumed, parsed: new Map() }, facts };
}

/** Every coupon in the text, and each refused one with its reason. */
export function readCouponTextReport(text: string, options: CouponTextOptions): CouponTextReport {
  const scanned = scan(text, options);
  if (!("ctx" in scanned)) return { coupons: [], refused: [scanned] };
  const { ctx, facts } = scanned;
  const coupons: CouponTextRead[] = [];
  const refused: CouponRefusal[] = [];
  for (const g of group(ctx.s, facts, ctx.consumed)) {
    const couponish = g.facts.some((f) => f.type === "amount" || f.type === "min" || f.type === "code");
    const bareOnly = g.facts.every((f) => f.type === "bare" || f.type === "expiry" || f.type === "start");
    try {
      coupons.push(buildDraft(ctx, g));
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      // A label, date or price alone is page furniture, not a coupon that failed.
      if (!couponish || (bareOnly && e.reason === "no-amount")) continue;
      const first = g.facts[0] as Fact;
      const last = g.facts.at(-1) as Fact;
      refused.push({
        reason: e.reason,
        message: e.message,
        text: snippet(ctx.s.slice(first.start, last.end)),
      });
    }
  }
  return { coupons, refused };
}

/** The coupon drafts in a text of one or many coupons (a whole page copied with Ctrl+A works). */
export function readCouponText(text: string, options: CouponTextOptions): CouponTextRead[] {
  return readCouponTextReport(text, options).coupons;
}

/**
 * One coupon's text, for page readers that already split the coupons: every
 * fact belongs to this coupon, so a second amount is refused, not read as a
 * second coupon.
 */
export function readOneCoupon(text: string, options: CouponTextOptions): OneCouponRead {
  const scanned = scan(text, options);
  if (!("ctx" in scanned)) return { ok: false, ...scanned };
  const { ctx, facts } = scanned;
  if (!facts.some((f) => f.type === "amount" || f.type === "bare")) {
    // Page data gives the amount alone ("US$3.00") beside its terms: in one coupon's text,
    // the only amount outside every other fact is the coupon's.
    const loose = [...ctx.money.values()].filter((t) => !ctx.consumed[t.start]);
    const [only] = loose;
    if (loose.length === 1 && only !== undefined) {
      facts.push({
        type: "bare",
        start: only.start,
        end: only.end,
        text: only.text,
        money: String(only.start),
      });
      facts.sort((a, b) => a.start - b.start);
      ctx.consumed.fill(1, only.start, only.end);
    }
  }
  try {
    return { ok: true, read: buildDraft(ctx, { facts }) };
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    return { ok: false, reason: e.reason, message: e.message, text: snippet(ctx.s) };
  }
}
