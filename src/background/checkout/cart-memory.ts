/**
 * The last settled cart of each site, so that its checkout page (which does
 * not show store terms) can be priced with them. Kept in memory and in
 * `storage.session` (cleared when the browser closes, never written to disk,
 * not readable by content scripts), so a restarted service worker still knows it.
 */

import { CartSchema } from "../../../optimizer/schema";
import { z } from "../../../optimizer/zod";
import type { CartSnapshot } from "../../adapters/types";

const SnapshotSchema = z.object({
  cart: CartSchema,
  lines: z.array(
    z.object({
      id: z.string(),
      itemId: z.string(),
      skuId: z.optional(z.string()),
      cartId: z.optional(z.string()),
      skuInfo: z.string(),
    }),
  ),
});

export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface CartMemory {
  remember(site: string, snapshot: CartSnapshot): void;
  recall(site: string): Promise<CartSnapshot | undefined>;
}

export function cartMemory(area: SessionArea | undefined): CartMemory {
  const memory = new Map<string, CartSnapshot>();
  const key = (site: string) => `lastCart ${site}`;
  return {
    remember(site, snapshot) {
      memory.set(site, snapshot);
      area?.set({ [key(site)]: snapshot }).catch(() => undefined);
    },
    async recall(site) {
      const known = memory.get(site);
      if (known || !area) return known;
      try {
        const parsed = SnapshotSchema.safeParse((await area.get(key(site)))[key(site)]);
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
