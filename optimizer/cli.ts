/**
 * `npm run -s optimize -- FILE` (or `-` for standard input): prints the result JSON.
 * `--table` prints the stack as a readable table instead.
 * Invalid input exits 2 with one line per problem on standard error, no stack trace.
 */
import { readFileSync } from "node:fs";
import { InvalidInputError, optimize, parseInput } from "./index";
import { renderTable } from "./table";

function fail(lines: string[]): never {
  process.stderr.write(`${lines.join("\n")}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const table = args.includes("--table");
const files = args.filter((a) => a !== "--table");
const arg = files[0];
if (arg === undefined || files.length > 1)
  fail(["usage: npm run -s optimize -- [--table] FILE   (or - to read standard input)"]);

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
  const result = optimize(input);
  process.stdout.write(
    `${table ? renderTable(parseInput(input), result) : JSON.stringify(result, null, 2)}\n`,
  );
} catch (error) {
  if (error instanceof InvalidInputError) fail(error.problems);
  throw error;
}
