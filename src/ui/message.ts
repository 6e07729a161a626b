/**
 * A sentence for people as a catalogue key and its substitutions. Pure modules
 * (wallet forms, link checks, settings, adapters) return these instead of
 * English, so they stay free of `browser.*` and every language can show them;
 * the UI renders one with `say()` (src/ui/i18n.ts).
 */
import type english from "../../public/_locales/en/messages.json";

export type MessageKey = keyof typeof english;

/** A substitution is plain text, or another message rendered in the same language. */
export type MessageSub = string | Message;

export interface Message {
  readonly key: MessageKey;
  readonly subs: readonly MessageSub[];
  /**
   * For a plural message (`key` is its `X_other` form): the count that picks
   * the form in the reader's language (src/ui/i18n.ts `tn`).
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
