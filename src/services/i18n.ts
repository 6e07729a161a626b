/**
 * Every string the user reads goes through `t`, so a translation is a new
 * messages.json and nothing else. The browser picks the locale and falls back
 * to English (`default_locale`) for keys a translation lacks.
 */
import { browser } from "wxt/browser";
import { type Message, type MessageKey, messageOf, type PluralKey } from "../core/message";

export type { Message, MessageKey, PluralKey } from "../core/message";

type GetMessage = (key: string, substitutions?: string[]) => string;

/**
 * The message for `key` with `$1`..`$9` (or its named placeholders) filled in.
 * A key the catalogue lacks shows as itself: a visible slip is easier to spot
 * and report than an empty button.
 */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  let text = "";
  try {
    text = (browser.i18n.getMessage as unknown as GetMessage)(key, subs.map(String));
  } catch {
    // Outside an extension page there is no i18n API; the key is the fallback.
  }
  return text === "" ? key : text;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The plural category ("one", "other"; "few", "many" in other languages) of
 * `count` in the language of `catalogueLocale`. The catalogue says its own
 * language (`pluralLocale`), because the browser may fall back to English for
 * a UI language Stackwise is not translated into.
 */
export function pluralCategory(count: number, catalogueLocale: string): Intl.LDMLPluralRule {
  let rules = pluralRules.get(catalogueLocale);
  if (rules === undefined) {
    try {
      rules = new Intl.PluralRules(catalogueLocale);
    } catch {
      rules = new Intl.PluralRules("en");
    }
    pluralRules.set(catalogueLocale, rules);
  }
  return rules.select(count);
}

/** The key of the plural form: `X_<category>` where the catalogue has it, else `X_other`. */
function pluralFormKey(key: PluralKey, count: number, has: (key: string) => boolean, locale: string): string {
  const form = `${key}_${pluralCategory(count, locale)}`;
  return has(form) ? form : `${key}_other`;
}

/**
 * `t` for a sentence about `count` things: "1 coupon expires", "2 coupons
 * expire", French "0 coupon expire". `count` only picks the form; the
 * substitutions are given as for `t` (the count usually among them, formatted
 * or not).
 */
export function tn(key: PluralKey, count: number, ...subs: (string | number)[]): string {
  const get = (k: string) => {
    try {
      return (browser.i18n.getMessage as unknown as GetMessage)(k) ?? "";
    } catch {
      return "";
    }
  };
  const form = pluralFormKey(key, count, (k) => get(k) !== "", get("pluralLocale") || "en");
  return t(form as MessageKey, ...subs);
}

/** A pure module's message in the UI's language; nested messages are rendered first. */
export function say(m: Message): string;
export function say(m: Message | undefined): string | undefined;
export function say(m: Message | undefined): string | undefined {
  if (m === undefined) return undefined;
  const subs = m.subs.map((s) => (typeof s === "string" ? s : say(s)));
  const base = pluralBase(m);
  return base === undefined ? t(m.key, ...subs) : tn(base, m.count ?? 0, ...subs);
}

/**
 * Why something failed, for people: the words a refusal or storage error
 * carries, in the UI's language; any other error (a bug) as its own text.
 */
export function sayFailure(error: unknown): string {
  const text = messageOf(error);
  if (text !== undefined) return say(text);
  return error instanceof Error ? error.message : String(error);
}

/** The plural key of a plural message (`count` set, `key` its `_other` form). */
function pluralBase(m: Message): PluralKey | undefined {
  if (m.count === undefined || !m.key.endsWith("_other")) return undefined;
  return m.key.slice(0, -"_other".length) as PluralKey;
}

/** The locale the UI is shown in, for Intl formatting of money and dates. */
export function uiLocale(): string {
  try {
    const ui = browser.i18n.getUILanguage();
    if (ui) return ui;
  } catch {
    // not in an extension page
  }
  return globalThis.navigator?.language ?? "en";
}

export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/** A message rendered from a catalogue as `say` would render it, for tests and the English fallback. */
export function catalogueSay(catalogue: Record<string, CatalogueEntry>, m: Message): string {
  const subs = m.subs.map((s) => (typeof s === "string" ? s : catalogueSay(catalogue, s)));
  const base = pluralBase(m);
  return base === undefined
    ? catalogueMessage(catalogue, m.key, subs)
    : catalogueSayPlural(catalogue, base, m.count ?? 0, subs);
}

/** `tn` against a catalogue, for tests and the English fallback. */
export function catalogueSayPlural(
  catalogue: Record<string, CatalogueEntry>,
  key: PluralKey,
  count: number,
  subs: (string | number)[],
): string {
  const locale = catalogue.pluralLocale?.message ?? "en";
  const form = pluralFormKey(key, count, (k) => k in catalogue, locale);
  return catalogueMessage(catalogue, form, subs.map(String));
}

/**
 * What `browser.i18n.getMessage` returns for a messages.json catalogue:
 * named `$placeholder$`s expand to their content, then `$1`..`$9` take the
 * substitutions and `$$` is a literal dollar. Tests use it to stand in for the
 * browser, and to check every message renders.
 */
export function catalogueMessage(
  catalogue: Record<string, CatalogueEntry>,
  key: string,
  substitutions: string | string[] = [],
): string {
  const entry = catalogue[key];
  if (entry === undefined) return "";
  const subs = Array.isArray(substitutions) ? substitutions : [substitutions];
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const content = placeholders.get(name.toLowerCase());
    return content ?? whole;
  });
  return named.replace(/\$(\$|[1-9])/g, (_whole, what: string) =>
    what === "$" ? "$" : (subs[Number(what) - 1] ?? ""),
  );
}
