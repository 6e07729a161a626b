/**
 * Store coupons captured from text name their store, not its id: the wallet
 * keeps them under `store-name:<name>` (the id the cart reader gives a store
 * it knows only by name). A cart read from the page's data names its stores
 * by number; this hands such coupons to the cart store of the same name, so
 * the optimizer can use them there. Names are compared ignoring case and
 * spacing; a name two stores share matches neither (never a guess).
 */
import type { Cart, Wallet } from "../../optimizer/schema";

export const STORE_NAME_PREFIX = "store-name:";

const nameKey = (name: string) => name.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();

export function matchStoresByName(wallet: Wallet, cart: Pick<Cart, "stores">): Wallet {
  const ids = new Set(cart.stores.map((s) => s.id));
  const byName = new Map<string, string | null>();
  for (const s of cart.stores) {
    if (s.name === undefined) continue;
    const key = nameKey(s.name);
    byName.set(key, byName.has(key) ? null : s.id);
  }
  let changed = false;
  const coupons = wallet.coupons.map((c) => {
    if (c.storeId === undefined || ids.has(c.storeId) || !c.storeId.startsWith(STORE_NAME_PREFIX)) return c;
    const id = byName.get(nameKey(c.storeId.slice(STORE_NAME_PREFIX.length)));
    if (id === undefined || id === null) return c;
    changed = true;
    return { ...c, storeId: id };
  });
  return changed ? { ...wallet, coupons } : wallet;
}
