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
}

export const message = (key: MessageKey, ...subs: (string | number | Message)[]): Message => ({
  key,
  subs: subs.map((s) => (typeof s === "number" ? String(s) : s)),
});

export const isMessage = (value: unknown): value is Message =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Message).key === "string" &&
  Array.isArray((value as Message).subs);
