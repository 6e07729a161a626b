import type { z } from "./zod";

/** `cart.items[3].unitPrice`: the JSON path of an issue, as the contract spells it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(input)" : out;
}

/** One line per problem: `path: message`. */
export function formatIssues(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

/** Thrown by `optimize` for input that breaks the contract; `problems` has one line per issue. */
export class InvalidInputError extends Error {
  override name = "InvalidInputError";
  constructor(readonly problems: string[]) {
    super(`invalid optimizer input:\n${problems.join("\n")}`);
  }
}
