/**
 * The wallet's small preferences, kept in `storage.local` rather than in the
 * database: the background reads them on every alarm and they must survive a
 * database that failed to open. Read by the popup, the options page and the
 * background alike; a damaged field falls back to its default (stored-setting.ts).
 */
import { z } from "../../optimizer/zod";
import { DEFAULT_PROGRAM_ID } from "../referral/settings";
import { storedSetting } from "./stored-setting";

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

export const walletPreferences = storedSetting(PREFERENCES_KEY, PreferencesSchema);

export const {
  defaults: defaultPreferences,
  load: loadPreferences,
  save: savePreferences,
} = walletPreferences;
