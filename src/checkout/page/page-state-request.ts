/**
 * The isolated half of reading page state: asks the page-world script for a
 * copy and takes the answer in the same task (event dispatch is synchronous),
 * so the copy and the document capture taken next describe the same moment.
 */
import { READ_ANSWER, READ_REQUEST } from "./page-world";

/** Above this the text is not even forwarded; the background's limit is the same. */
const MAX_CHARS = 8_000_000;
const TOO_LARGE = '{"ok":false,"reason":"too-large"}';

export const randomHex = (bytes: number): string =>
  [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Returns a reader: page-state JSON text, or null when no page-world script answered. */
export function pageStateReader(win: Window = window): () => string | null {
  const prefix = randomHex(8);
  let asked = 0;
  let answer: string | null = null;
  let expected = "";
  win.addEventListener(READ_ANSWER, (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail === "string" && detail.startsWith(expected)) answer = detail.slice(expected.length);
  });
  return () => {
    asked += 1;
    const nonce = `${prefix}-${asked}`;
    expected = `${nonce}\n`;
    answer = null;
    win.dispatchEvent(new CustomEvent(READ_REQUEST, { detail: nonce }));
    // Set by the listener during dispatchEvent, which TypeScript cannot see.
    const got = answer as string | null;
    answer = null;
    expected = "\u0000";
    if (got === null) return null;
    return got.length > MAX_CHARS ? TOO_LARGE : got;
  };
}
