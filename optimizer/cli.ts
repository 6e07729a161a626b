/**
 * `npm run -s optimize -- FILE` (or `-` for standard input): prints the result JSON.
 * Invalid input exits 2 with one line per problem on standard error, no stack trace.
 */
import { readFileSync } from "node:fs";
import { InvalidInputError, optimize } from "./index";

function fail(lines: string[]): never {
  process.stderr.write(`${lines.join("\n")}\n`);
  process.exit(2);
}

const arg = process.argv[2];
if (arg === undefined || process.argv.length > 3)
  fail(["usage: npm run -s optimize -- FILE   (or - to read standard input)"]);

let text: string;
try {
  text = readFileSync(arg === "-" ? 0 : arg, "utf8");
} catch (error) {
  fail([`${arg}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
}

let input: unknown;
try {
  input = JSON.parse(text);
} catch (error) {
  fail([`${arg === "-" ? "standard input" : arg}: not valid JSON (${(error as Error).message})`]);
}

try {
  process.stdout.write(`${JSON.stringify(optimize(input), null, 2)}\n`);
} catch (error) {
  if (error instanceof InvalidInputError) fail(error.problems);
  throw error;
}
