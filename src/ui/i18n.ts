/**
 * Every string the user reads goes through `t`, so a translation is a new
 * messages.json and nothing else. The browser picks the locale and falls back
 * to English (`default_locale`) for keys a translation lacks.
 */
import { browser } from "wxt/browser";
import type { Message, MessageKey } from "./message";

export type { Message, MessageKey } from "./message";

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

/** A pure module's message in the UI's language; nested messages are rendered first. */
export function say(m: Message): string;
export function say(m: Message | undefined): string | undefined;
export function say(m: Message | undefined): string | undefined {
  if (m === undefined) return undefined;
  return t(m.key, ...m.subs.map((s) => (typeof s === "string" ? s : say(s))));
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
  return catalogueMessage(catalogue, m.key, subs);
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
