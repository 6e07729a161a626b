/** Preferences (browser storage, not the database), written and announced together: reminders change the badge's alarm. */
import { type Preferences, savePreferences as save } from "../../services/wallet-preferences";
import type { Announcer } from "./announce";

export async function savePreferences(ctx: Announcer, patch: Partial<Preferences>): Promise<Preferences> {
  const saved = await save(patch);
  ctx.walletChanged("preferences");
  return saved;
}
