/**
 * Vitest's globalSetup: draws the demo shop's pages once per test run, before
 * any test file starts, into a temporary folder the test processes find
 * through STACKWISE_DRAWN_PAGES (test/fixtures/pages/saved.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DRAWN_PAGES_ENV, drawPages } from "../../fixtures/pages/saved";

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "stackwise-pages-"));
  await drawPages(dir);
  process.env[DRAWN_PAGES_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
