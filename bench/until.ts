/**
 * Polls `probe` every 5 ms until `ok` accepts its value: the browser benchmarks'
 * wait for what the page shows, finer than Playwright's own polling so that the
 * wait adds little to what is measured (the page stamps its own times anyway).
 */
export async function until<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  ms = 15_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
