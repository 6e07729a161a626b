/**
 * What accessibility checks read in any of Stackwise's documents (popup,
 * options, panel, scan panel): axe-core's violations, and the control that
 * has the focus with whether its focus can be seen.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Surface } from "../driver/driver";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's violations in the document as it is now ("impact: id at
 * targets"). The source runs through the automation channel: Stackwise's
 * pages allow only their own scripts, so an added script tag is refused, as
 * it should be.
 */
export async function axeViolations(where: Surface): Promise<string[]> {
  await where.evaluateSource(AXE);
  return where.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{
            violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map(
      (v) => `${v.impact}: ${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  }, undefined);
}

export interface Focused {
  /** Accessible name as a person would identify the control: its label, else its text. */
  name: string;
  role: string;
  testId: string | null;
  /** A focus ring is drawn (outline or box-shadow), on the control or on the element drawn for it. */
  visible: boolean;
}

/** The focused control and whether its focus can be seen; null when nothing has it. */
export const focused = (where: Surface): Promise<Focused | null> =>
  where.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (el === null || el === document.body) return null;
    const drawn = (node: Element | null) => {
      if (node === null) return false;
      const s = getComputedStyle(node);
      const outline = s.outlineStyle !== "none" && Number.parseFloat(s.outlineWidth) >= 2;
      return outline || (s.boxShadow !== "none" && s.boxShadow !== "");
    };
    // A visually hidden input shows its focus on the element drawn for it (the panel's segments, the file picker).
    const standIn = el.matches("input") ? (el.nextElementSibling ?? el.closest("label")) : null;
    const labelled =
      el.getAttribute("aria-label") ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null);
    const label = el.closest("label")?.textContent ?? null;
    return {
      name: (labelled ?? label ?? el.textContent ?? "").replace(/\s+/g, " ").trim(),
      role: el.getAttribute("role") ?? el.tagName.toLowerCase(),
      testId: el.getAttribute("data-testid"),
      // Rings are drawn only by the :focus-visible and :focus-within rules, so a drawn ring is a shown focus.
      visible: drawn(el) || drawn(standIn),
    };
  }, undefined);
