/**
 * A sentence for people as a catalogue key and its substitutions: the one
 * form text for people takes, from the module that knows what happened to the
 * screen that shows it. Pure modules (adapters, wallet forms, link checks,
 * storage, the background's refusals) return these instead of English, so
 * they stay free of `browser.*` and every language can show them; the UI
 * renders one with `say()` (src/services/i18n.ts). English is just one catalogue.
 * Text that is not ours (a page's own words, a product title, a technical
 * detail) travels as a substitution.
 */
import { z } from "../../optimizer/zod";
import type english from "../../public/_locales/en/messages.json";

export type MessageKey = keyof typeof english;

/** A substitution is plain text, or another message rendered in the same language. */
export type MessageSub = string | Message;

export interface Message {
  readonly key: MessageKey;
  readonly subs: readonly MessageSub[];
  /**
   * For a plural message (`key` is its `X_other` form): the count that picks
   * the form in the reader's language (src/services/i18n.ts `tn`).
   */
  readonly count?: number;
}

/** Messages with plural forms: `X_one` and `X_other` in every catalogue. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;

export const message = (key: MessageKey, ...subs: (string | number | Message)[]): Message => ({
  key,
  subs: subs.map((s) => (typeof s === "number" ? String(s) : s)),
});

/**
 * A sentence about `count` things; the form ("1 coupon", "2 coupons", French
 * "0 coupon") is chosen when it is rendered, in the reader's language.
 */
export const plural = (key: PluralKey, count: number, ...subs: (string | number | Message)[]): Message => ({
  ...message(`${key}_other`, ...subs),
  count,
});

export const isMessage = (value: unknown): value is Message =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Message).key === "string" &&
  Array.isArray((value as Message).subs);

let keys: ReadonlySet<string> | null | undefined;
const KEY_SHAPE = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * A key of the catalogues (all four have the same keys: test/unit/i18n-catalogue.test.ts).
 * The keys come from the build (wxt.config.ts, catalogueKeysDefine); Node tools that load
 * this file without it (tsx scripts, Playwright's side of a test) carry no Message across a
 * boundary and are held to the keys' shape only.
 */
export const isMessageKey = (key: string): key is MessageKey => {
  keys ??= typeof __CATALOGUE_KEYS__ === "string" ? decodeKeys(__CATALOGUE_KEYS__) : null;
  return keys === null ? KEY_SHAPE.test(key) : keys.has(key);
};

/** The build's front-coded key list (wxt.config.ts, catalogueKeysDefine) as the keys. */
export function decodeKeys(coded: string): Set<string> {
  const out = new Set<string>();
  let previous = "";
  for (const code of coded.split(" ")) {
    previous = previous.slice(0, Number.parseInt(code.charAt(0), 36)) + code.slice(1);
    out.add(previous);
  }
  return out;
}

/** Longest substitution carried: a page's own words or a technical detail, never a document. */
export const MAX_SUB_CHARS = 2000;

/**
 * The one schema of a Message, wherever one crosses a boundary (the bus, the
 * panel's port, stored data). A key no catalogue has is refused by name, so a
 * slip shows where it was sent rather than as a raw key on screen.
 */
export const MessageSchema: z.ZodMiniType<Message> = z.object({
  key: z
    .string()
    .check(z.refine(isMessageKey, { error: (issue) => `unknown message key "${String(issue.input)}"` })),
  get subs() {
    return z
      .readonly(z.array(z.union([z.string().check(z.maxLength(MAX_SUB_CHARS)), MessageSchema])))
      .check(z.maxLength(9));
  },
  count: z.optional(z.number().check(z.int(), z.gte(0))),
}) as unknown as z.ZodMiniType<Message>;

/** `m` with every text substitution cut to what the schema takes, so a long page text or detail cannot void a whole update. */
export const fitMessage = (m: Message): Message => ({
  ...m,
  subs: m.subs.map((s) => (typeof s === "string" ? s.slice(0, MAX_SUB_CHARS) : fitMessage(s))),
});

/** A message as one line for logs and error text: its key and substitutions, never a translation. */
export const messageTrace = (m: Message): string =>
  m.subs.length === 0
    ? m.key
    : `${m.key}(${m.subs.map((s) => (typeof s === "string" ? JSON.stringify(s) : messageTrace(s))).join(", ")})`;

/**
 * A refusal with its words for people: what a handler throws when it says no
 * (the page is gone, the stack is stale), and what the bus carries back to
 * the sender as the Message itself, for the sender to show in its language.
 */
export class Refusal extends Error {
  override name = "Refusal";
  constructor(readonly text: Message) {
    super(messageTrace(text));
  }
}

/** The words for people an error carries (a Refusal, a StorageError), if any. */
export const messageOf = (error: unknown): Message | undefined => {
  const text = error instanceof Error ? (error as { text?: unknown }).text : undefined;
  return isMessage(text) ? text : undefined;
};
