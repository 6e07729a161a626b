// @vitest-environment jsdom
/**
 * The two clipboard writes: copyText (the async API first, for the button, the menu and
 * the offscreen page) and copyTextAtOnce (the selection copy first, for the popup's first
 * script, which must hand the link over before anything else happens).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { copyText, copyTextAtOnce } from "../../src/services/clipboard";

const LINK = "https://s.click.aliexpress.com/e/_DkReF42";

/** What each write path saw: the selection's text at `execCommand("copy")`, and the async API's text. */
function fakeClipboard({ selection, asyncApi }: { selection: boolean; asyncApi: boolean }) {
  const seen: string[] = [];
  const execCommand = vi.fn((command: string) => {
    const area = document.querySelector("textarea");
    seen.push(`${command}: ${area?.value.slice(area.selectionStart, area.selectionEnd)}`);
    return selection;
  });
  Object.defineProperty(document, "execCommand", { value: execCommand, configurable: true });
  const writeText = vi.fn(async (text: string) => {
    seen.push(`writeText: ${text}`);
    if (!asyncApi) throw new DOMException("Document is not focused.", "NotAllowedError");
  });
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  return seen;
}

afterEach(() => {
  Reflect.deleteProperty(document, "execCommand");
  Reflect.deleteProperty(navigator, "clipboard");
});

describe("copyTextAtOnce, the popup's first copy", () => {
  it("copies with the selection alone when the browser takes it, and leaves nothing in the page", async () => {
    const seen = fakeClipboard({ selection: true, asyncApi: true });
    await copyTextAtOnce(LINK);
    expect(seen).toEqual([`copy: ${LINK}`]);
    expect(document.querySelector("textarea")).toBeNull();
  });

  it("works before the page has a body (it runs from the head)", async () => {
    const seen = fakeClipboard({ selection: true, asyncApi: true });
    const body = document.body;
    body.remove();
    try {
      await copyTextAtOnce(LINK);
    } finally {
      document.documentElement.append(body);
    }
    expect(seen).toEqual([`copy: ${LINK}`]);
  });

  it("falls back to the async API when the selection copy is refused, and fails when both are", async () => {
    const seen = fakeClipboard({ selection: false, asyncApi: true });
    await copyTextAtOnce(LINK);
    expect(seen).toEqual([`copy: ${LINK}`, `writeText: ${LINK}`]);
    fakeClipboard({ selection: false, asyncApi: false });
    await expect(copyTextAtOnce(LINK)).rejects.toThrow();
  });
});

describe("copyText, every other copy", () => {
  it("uses the async API first and the selection copy only when it is refused", async () => {
    const seen = fakeClipboard({ selection: true, asyncApi: true });
    await copyText(LINK);
    expect(seen).toEqual([`writeText: ${LINK}`]);
    const refused = fakeClipboard({ selection: true, asyncApi: false });
    await copyText(LINK);
    expect(refused).toEqual([`writeText: ${LINK}`, `copy: ${LINK}`]);
    fakeClipboard({ selection: false, asyncApi: false });
    await expect(copyText(LINK)).rejects.toThrow("The browser refused to write the clipboard.");
  });
});
