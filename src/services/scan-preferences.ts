/**
 * The shopper's page-scanning switches, one per kind of page, in
 * `storage.local` under SCAN_PREFERENCES_KEY. The content script reads them
 * without Zod (pages.ts, `scanAllowed`); the options page writes them here,
 * validated. All on by default.
 */
import { browser } from "wxt/browser";
import { z } from "../../optimizer/zod";
import { SCAN_PREFERENCES_KEY } from "../adapters/scan-pages";

export const ScanPreferencesSchema = z.object({
  product: z._default(z.boolean(), true),
  coupons: z._default(z.boolean(), true),
  coins: z._default(z.boolean(), true),
});

export type ScanPreferences = z.output<typeof ScanPreferencesSchema>;

/** Stored switches, field by field: a damaged field falls back to on, the others are kept. */
export function parseScanPreferences(stored: unknown): ScanPreferences {
  const out = ScanPreferencesSchema.parse({});
  if (typeof stored !== "object" || stored === null) return out;
  for (const kind of Object.keys(out) as (keyof ScanPreferences)[]) {
    const v = (stored as Record<string, unknown>)[kind];
    if (typeof v === "boolean") out[kind] = v;
  }
  return out;
}

export async function loadScanPreferences(): Promise<ScanPreferences> {
  try {
    return parseScanPreferences(
      (await browser.storage.local.get(SCAN_PREFERENCES_KEY))[SCAN_PREFERENCES_KEY],
    );
  } catch {
    return parseScanPreferences(undefined);
  }
}

export async function saveScanPreferences(patch: Partial<ScanPreferences>): Promise<ScanPreferences> {
  const next = ScanPreferencesSchema.parse({ ...(await loadScanPreferences()), ...patch });
  await browser.storage.local.set({ [SCAN_PREFERENCES_KEY]: next });
  return next;
}
