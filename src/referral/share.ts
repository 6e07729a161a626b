/** Share messages: the user's editable template with the link filled in. */
import { type Message, message } from "../core/message";
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

/** Problems with a template, one message each; empty when it is usable. */
export function validateShareTemplate(template: string): Message[] {
  const problems: Message[] = [];
  if (template.trim() === "") problems.push(message("share_empty"));
  else if (!template.includes("{link}")) problems.push(message("share_noLink"));
  if (template.length > 1000) problems.push(message("share_tooLong", 1000));
  const unknown = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? "";
    if (!(SHARE_PLACEHOLDERS as readonly string[]).includes(name)) unknown.add(`{${name}}`);
  }
  if (unknown.size > 0) problems.push(message("share_unknownPlaceholder", [...unknown].join(", ")));
  return problems;
}
