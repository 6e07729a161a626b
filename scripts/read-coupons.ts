/**
 * `npm run -s read-coupons -- FILE` (or `-` for standard input): the coupon
 * drafts in a text, as a JSON array of `{"coupon": {...}, "unread": [...]}`.
 * `--now ISO` and `--time-zone TZ` fix the clock and zone for relative and
 * local dates; `--currency XXX` picks the currency of shared marks such as `$`.
 * Text without a coupon prints `[]` and exits 0; coupons the reader refused are
 * listed on standard error. An unreadable file or a bad option exits 2 with a
 * one-line reason.
 */
import { readFileSync } from "node:fs";
import { isValidTimeZone, systemTimeZone } from "../src/core/calendar";
import { readCouponTextReport } from "../src/wallet/coupon-text";

const USAGE =
  "usage: npm run -s read-coupons -- [--now ISO] [--time-zone TZ] [--currency XXX] FILE   (or - to read standard input)";

function fail(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(2);
}

let now = new Date();
let timeZone = systemTimeZone();
let currency: string | undefined;
const files: string[] = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i] as string;
  const value = () => {
    const v = args[++i];
    if (v === undefined) fail(`${arg} needs a value; ${USAGE}`);
    return v;
  };
  if (arg === "--now") {
    const text = value();
    // An offset is required: a clock without one would silently take this machine's zone.
    if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) || !Number.isFinite(Date.parse(text)))
      fail(`--now: "${text}" is not an ISO 8601 instant with an offset, e.g. 2026-12-01T12:00:00Z`);
    now = new Date(Date.parse(text));
  } else if (arg === "--time-zone") {
    timeZone = value();
    if (!isValidTimeZone(timeZone)) fail(`--time-zone: "${timeZone}" is not a time zone this system knows`);
  } else if (arg === "--currency") {
    currency = value().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) fail(`--currency: "${currency}" is not an ISO 4217 code such as USD`);
  } else if (arg.startsWith("--")) fail(`unknown option ${arg}; ${USAGE}`);
  else files.push(arg);
}
const file = files[0];
if (file === undefined || files.length > 1) fail(USAGE);
const name = file === "-" ? "standard input" : file;

let bytes: Buffer;
try {
  bytes = readFileSync(file === "-" ? 0 : file);
} catch (error) {
  fail(`${name}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
}
let text: string;
try {
  text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
} catch {
  fail(`${name}: not UTF-8 text`);
}
if (text.includes("\u0000")) fail(`${name}: a binary file, not text`);

const report = readCouponTextReport(text, { now, timeZone, ...(currency ? { currency } : {}) });
for (const r of report.refused) process.stderr.write(`not read (${r.reason}): ${r.message}: ${r.text}\n`);
process.stdout.write(`${JSON.stringify(report.coupons, null, 2)}\n`);
