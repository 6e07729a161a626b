/**
 * The page-state copy as it reaches the extension: JSON text written in the
 * page's world (see page-state.ts), so untrusted. It is size-checked, parsed
 * and shape-checked here; the adapters then validate the cart nodes inside.
 * Kept apart from page-state.ts, which runs in the page and must not carry Zod.
 */
import { z } from "../../optimizer/zod";
import type { PageStateSnapshot } from "./page-state";

/** Far above a 200-line cart's state (about 0.3 MB); a page sending more is refused. */
export const MAX_PAGE_STATE_CHARS = 8_000_000;

const SnapshotSchema = z.union([
  z.object({ ok: z.literal(true), data: z.record(z.string(), z.unknown()), truncated: z.boolean() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(["absent", "threw", "malformed", "too-large"]),
    detail: z.optional(z.string().check(z.maxLength(1000))),
  }),
]);

/**
 * `null` (no page-world script answered) gives undefined; anything else gives a
 * snapshot, with `ok: false` for text that is too long, not JSON or not a snapshot.
 */
export function parsePageState(text: string | null): PageStateSnapshot | undefined {
  if (text === null) return undefined;
  if (text.length > MAX_PAGE_STATE_CHARS)
    return { ok: false, reason: "too-large", detail: `${text.length} characters` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: "malformed", detail: "not JSON" };
  }
  const parsed = SnapshotSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "malformed", detail: "not a page-state copy" };
  const s = parsed.data;
  if (s.ok) return s;
  return s.detail === undefined
    ? { ok: false, reason: s.reason }
    : { ok: false, reason: s.reason, detail: s.detail };
}
