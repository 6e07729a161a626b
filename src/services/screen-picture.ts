/**
 * The picture of the wallet's first screen, as `storage.local` keeps it: what
 * the popup's first script draws before its modules load (src/ui/popup/earlyScreen.ts),
 * what the popup takes of its live screen (src/ui/popup/wallet/picture.ts), and
 * what the background draws again after a write made elsewhere
 * (src/background/wallet-picture.ts, from src/services/wallet-screen.ts).
 *
 * Read by the popup's first script: declarations only, no imports (no Zod,
 * no Preact, no Dexie, no Intl).
 */

/** Mirrors WRITE_STAMP_KEY (src/storage/writeStamp.ts; a unit test holds them equal). */
export const WRITE_STAMP_STORAGE_KEY = "databaseWriteStamp";
/** Mirrors PREFERENCES_KEY (src/services/wallet-preferences.ts; a unit test holds them equal). */
export const PREFERENCES_STORAGE_KEY = "walletPreferences";
export const SCREEN_COPY_KEY = "walletScreenCopy";

/** An element as [tag, attributes, ...children]; a string is text. */
export type ScreenNode =
  | string
  | [tag: string, attributes: Record<string, string>, ...children: ScreenNode[]];

export interface ScreenCopy {
  version: 1;
  /** The write stamp read before the screen's reads began (null: none written yet). */
  stamp: string | null;
  /** The preferences as `storage.local` held them then, as JSON. */
  preferences: string;
  /** The instant (epoch ms) from which some label or section on it would read otherwise. */
  validUntil: number;
  locale: string;
  /** The browser's UTC offset then (Date#getTimezoneOffset). */
  offset: number;
  screen: ScreenNode;
}

/** What a popup read from storage when it opened, before any database read. */
export interface OpeningState {
  stamp: string | null;
  preferences: string;
}

/** The keys the popup's first script reads, in one `storage.local.get`. */
export const OPENING_KEYS = [WRITE_STAMP_STORAGE_KEY, PREFERENCES_STORAGE_KEY] as const;

export function openingState(stored: Record<string, unknown>): OpeningState {
  const stamp = stored[WRITE_STAMP_STORAGE_KEY];
  return {
    stamp: typeof stamp === "string" ? stamp : null,
    preferences: JSON.stringify(stored[PREFERENCES_STORAGE_KEY] ?? null),
  };
}

/**
 * The kept picture, when the next popup may draw it: taken under the stamp and the
 * preferences `stored` holds now, in the same language and UTC offset, and nothing on it
 * due to read otherwise by `now`. Undefined otherwise.
 */
export function goodPicture(
  stored: Record<string, unknown>,
  env: { now: number; locale: string; offset: number },
): ScreenCopy | undefined {
  const copy = stored[SCREEN_COPY_KEY] as Partial<ScreenCopy> | undefined;
  if (typeof copy !== "object" || copy === null || copy.version !== 1) return undefined;
  const opening = openingState(stored);
  const good =
    copy.stamp === opening.stamp &&
    copy.preferences === opening.preferences &&
    typeof copy.validUntil === "number" &&
    env.now < copy.validUntil &&
    copy.locale === env.locale &&
    copy.offset === env.offset;
  return good ? (copy as ScreenCopy) : undefined;
}
