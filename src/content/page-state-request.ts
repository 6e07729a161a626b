/**
 * The isolated half of reading page state: asks the page-world script for a
 * copy and takes the answer in the same task (event dispatch is synchronous),
 * so the copy and the document capture taken next describe the same moment.
 */
import { READ_ANSWER, READ_REQUEST } from "./checkout/page-world";

/** Above this the text is not forwarded (the background's limit is the same): the rows are read instead. */
const MAX_CHARS = 8_000_000;

/** 122 random bits as 32 hex digits (a UUID without its dashes). */
export const randomId = (): string => crypto.randomUUID().replaceAll("-", "");

/** Returns a reader: page-state JSON text, or null when no page-world script answered (or too much). */
export function pageStateReader(win: Window = window): () => string | null {
  const prefix = randomId();
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
    const Custom = (win as unknown as typeof globalThis).CustomEvent ?? CustomEvent;
    win.dispatchEvent(new Custom(READ_REQUEST, { detail: nonce }));
    // Set by the listener during dispatchEvent, which TypeScript cannot see.
    const got = answer as string | null;
    answer = null;
    expected = "\u0000";
    return got !== null && got.length <= MAX_CHARS ? got : null;
  };
}
