/**
 * Taking the cart out of the page's own JavaScript world.
 *
 * AliExpress keeps the cart in `window.__globalCartHaloContainer.state
 * .getData().data`, which only the page's world can see. A script running
 * with `world: "MAIN"` calls `snapshotCartState()` and posts the result to
 * the isolated content script, which hands it to the adapter (which validates
 * it: the page is not trusted).
 *
 * The copy is plain JSON (no functions, DOM nodes, cycles or getters left
 * behind) and bounded, because the page object can be huge, cyclic or
 * hostile. The function is self-contained on purpose, so it also works when
 * passed by source, e.g. to `scripting.executeScript({ func })` or
 * Playwright's `page.evaluate`.
 */

export type PageStateSnapshot =
  | {
      ok: true;
      /** The flat `nodeKey -> component` map, copied. */
      data: Record<string, unknown>;
      /** Something deep, long or odd was left out; lines are never dropped silently (see "too-large"). */
      truncated: boolean;
    }
  | {
      ok: false;
      /**
       * absent: no cart container yet (still loading, or not a cart page);
       * threw: reading it threw; malformed: `data` is not an object;
       * too-large: more nodes or values than a cart can have.
       */
      reason: "absent" | "threw" | "malformed" | "too-large";
      detail?: string;
    };

export interface SnapshotLimits {
  /** Keys of the flat map (components), not nested values. */
  maxNodes: number;
  maxDepth: number;
  /** All values copied, across the whole map. */
  maxValues: number;
  maxStringLength: number;
  maxArrayLength: number;
}

export function snapshotCartState(
  win: unknown = globalThis,
  limits: SnapshotLimits = {
    maxNodes: 5000,
    maxDepth: 10,
    maxValues: 300_000,
    maxStringLength: 2000,
    maxArrayLength: 500,
  },
): PageStateSnapshot {
  let data: unknown;
  try {
    // biome-ignore lint/suspicious/noExplicitAny: page objects have no types; everything is checked below.
    const container = (win as any)?.__globalCartHaloContainer;
    const state = container?.state;
    if (!state || typeof state.getData !== "function") return { ok: false, reason: "absent" };
    data = state.getData()?.data;
  } catch (error) {
    return { ok: false, reason: "threw", detail: String(error).slice(0, 200) };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    return { ok: false, reason: "malformed" };

  let values = 0;
  let truncated = false;
  const ancestors = new Set<object>();
  const tooLarge = new Error("too-large");

  const copy = (value: unknown, depth: number): unknown => {
    values += 1;
    if (values > limits.maxValues) throw tooLarge;
    if (value === null || typeof value === "boolean") return value;
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    if (typeof value === "string") {
      if (value.length <= limits.maxStringLength) return value;
      truncated = true;
      return value.slice(0, limits.maxStringLength);
    }
    if (typeof value !== "object") return undefined; // functions, symbols, bigints, undefined
    // DOM nodes and windows: never page data, and huge.
    const maybeNode = value as { nodeType?: unknown; window?: unknown };
    if (typeof maybeNode.nodeType === "number" || maybeNode.window === value) return undefined;
    if (ancestors.has(value) || depth >= limits.maxDepth) {
      truncated = true;
      return undefined;
    }
    ancestors.add(value);
    try {
      if (Array.isArray(value)) {
        if (value.length > limits.maxArrayLength) truncated = true;
        const out: unknown[] = [];
        for (let i = 0; i < Math.min(value.length, limits.maxArrayLength); i++) {
          let item: unknown;
          try {
            item = copy(value[i], depth + 1);
          } catch (error) {
            if (error === tooLarge) throw error;
            truncated = true;
          }
          out.push(item === undefined ? null : item);
        }
        return out;
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        let item: unknown;
        try {
          item = copy((value as Record<string, unknown>)[key], depth + 1);
        } catch (error) {
          // A throwing getter loses that field only.
          if (error === tooLarge) throw error;
          truncated = true;
          continue;
        }
        if (item !== undefined) out[key] = item;
      }
      return out;
    } finally {
      ancestors.delete(value);
    }
  };

  try {
    const keys = Object.keys(data);
    if (keys.length > limits.maxNodes)
      return { ok: false, reason: "too-large", detail: `${keys.length} nodes` };
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      let node: unknown;
      try {
        node = copy((data as Record<string, unknown>)[key], 1);
      } catch (error) {
        if (error === tooLarge) throw error;
        truncated = true;
        continue;
      }
      if (node !== undefined) out[key] = node;
    }
    return { ok: true, data: out, truncated };
  } catch (error) {
    if (error === tooLarge)
      return { ok: false, reason: "too-large", detail: `more than ${limits.maxValues} values` };
    return { ok: false, reason: "threw", detail: String(error).slice(0, 200) };
  }
}
