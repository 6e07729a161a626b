/**
 * The wallet's small preferences, kept in `storage.local` rather than in the
 * database: the background reads them on every alarm and they must survive a
 * database that failed to open. Read by the popup, the options page and the
 * background alike; anything unreadable falls back to the defaults.
 */
import { browser } from "wxt/browser";
import { z } from "../../optimizer/zod";
import { DEFAULT_PROGRAM_ID } from "../referral/settings";

export const PREFERENCES_KEY = "walletPreferences";

export const PreferencesSchema = z.object({
  /** Opening the popup copies the default referral link (the "one click"). */
  copyOnOpen: z._default(z.boolean(), true),
  /** A notification a day before a coupon expires; needs the optional permission too. */
  notifyBeforeExpiry: z._default(z.boolean(), false),
  /** The program whose link the popup, menu and shortcut copy. */
  activeProgramId: z._default(z.string().check(z.minLength(1)), DEFAULT_PROGRAM_ID),
});

export type Preferences = z.output<typeof PreferencesSchema>;

export const defaultPreferences = (): Preferences => PreferencesSchema.parse({});

export async function loadPreferences(): Promise<Preferences> {
  try {
    const stored = (await browser.storage.local.get(PREFERENCES_KEY))[PREFERENCES_KEY];
    const parsed = PreferencesSchema.safeParse(stored ?? {});
    return parsed.success ? parsed.data : defaultPreferences();
  } catch {
    return defaultPreferences();
  }
}

export async function savePreferences(patch: Partial<Preferences>): Promise<Preferences> {
  const next = PreferencesSchema.parse({ ...(await loadPreferences()), ...patch });
  await browser.storage.local.set({ [PREFERENCES_KEY]: next });
  return next;
}
