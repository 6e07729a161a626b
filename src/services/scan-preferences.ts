/**
 * The shopper's page-scanning switches, one per kind of page, in
 * `storage.local` under SCAN_PREFERENCES_KEY. The content script reads them
 * without Zod (src/adapters/scan-pages.ts, `scanAllowed`); the options page writes them here,
 * validated. All on by default.
 */
import { z } from "../../optimizer/zod";
import { SCAN_PREFERENCES_KEY } from "../adapters/scan-pages";
import { storedSetting } from "./stored-setting";

export const ScanPreferencesSchema = z.object({
  product: z._default(z.boolean(), true),
  coupons: z._default(z.boolean(), true),
  coins: z._default(z.boolean(), true),
});

export type ScanPreferences = z.output<typeof ScanPreferencesSchema>;

export const scanPreferences = storedSetting(SCAN_PREFERENCES_KEY, ScanPreferencesSchema);

export const {
  parse: parseScanPreferences,
  load: loadScanPreferences,
  save: saveScanPreferences,
} = scanPreferences;
