/** Share messages: the user's editable template with the link filled in. */
import { SHARE_PLACEHOLDERS } from "./settings";

export interface ShareValues {
  /** The referral link, or the bare code when that is what the user saved. */
  link: string;
  welcome: string;
  program: string;
}

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/**
 * Fills `{link}`, `{welcome}` and `{program}` in one pass, so a value that
 * itself contains "{link}" is not expanded again. Unknown placeholders stay
 * as written; `validateShareTemplate` reports them while the user edits.
 */
export function renderShareMessage(template: string, values: ShareValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    (SHARE_PLACEHOLDERS as readonly string[]).includes(name) ? values[name as keyof ShareValues] : whole,
  );
}

/** Problems with a template, one sentence each; empty when it is usable. */
export function validateShareTemplate(template: string): string[] {
  const problems: string[] = [];
  if (template.trim() === "") problems.push("The message is empty.");
  else if (!template.includes("{link}")) problems.push("Add {link} where the link should go.");
  if (template.length > 1000) problems.push("The message is longer than 1000 characters.");
  const unknown = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? "";
    if (!(SHARE_PLACEHOLDERS as readonly string[]).includes(name)) unknown.add(`{${name}}`);
  }
  if (unknown.size > 0)
    problems.push(`Unknown placeholder ${[...unknown].join(", ")}; use {link}, {welcome} or {program}.`);
  return problems;
}
