/**
 * One way to keep a small setting in `storage.local`: read with a Zod check
 * and defaults, written whole after validation, watched across pages.
 * Settings live there rather than in the database because the background reads
 * them on every alarm or optimization and they must survive a database that
 * failed to open. A damaged stored field falls back to its default and the
 * others are kept, so one bad field never resets the shopper's other choices.
 */
import { browser } from "wxt/browser";
import type { z } from "../../optimizer/zod";

export interface StoredSetting<T> {
  readonly key: string;
  /** The defaults, as a fresh object. */
  defaults(): T;
  /** A stored value read back, field by field where the whole is damaged. */
  parse(stored: unknown): T;
  /** The stored value; anything unreadable gives the defaults. */
  load(): Promise<T>;
  /** Saves a change; a value outside the schema throws and nothing is written. */
  save(patch: Partial<T>): Promise<T>;
  /** Calls `listener` with the new value whenever any page changes it; returns the unsubscribe. */
  watch(listener: (value: T) => void): () => void;
}

type Fields = Record<string, z.ZodMiniType>;

export function storedSetting<S extends z.ZodMiniObject<Fields>>(
  key: string,
  schema: S,
): StoredSetting<z.output<S>> {
  type T = z.output<S>;
  const defaults = (): T => schema.parse({});
  const parse = (stored: unknown): T => {
    const whole = schema.safeParse(stored ?? {});
    if (whole.success) return whole.data;
    const out = defaults() as Record<string, unknown>;
    if (typeof stored === "object" && stored !== null) {
      for (const [name, field] of Object.entries(schema.shape as Fields)) {
        const one = field.safeParse((stored as Record<string, unknown>)[name]);
        if (one.success && one.data !== undefined) out[name] = one.data;
      }
    }
    return out as T;
  };
  const load = async (): Promise<T> => {
    try {
      return parse((await browser.storage.local.get(key))[key]);
    } catch {
      return defaults();
    }
  };
  return {
    key,
    defaults,
    parse,
    load,
    async save(patch) {
      const next = schema.parse({ ...(await load()), ...patch });
      await browser.storage.local.set({ [key]: next });
      return next;
    },
    watch(listener) {
      const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === "local" && key in changes) listener(parse(changes[key]?.newValue));
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
  };
}
