// @vitest-environment jsdom
/**
 * The two clipboard writes: copyText (the async API first, for the button, the menu and
 * the offscreen page) and copyTextAtOnce (the copy command first, through its event or else a
 * selection, for the popup's first script, which must hand the link over before anything
 * else happens).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { copyText, copyTextAtOnce } from "../../src/services/clipboard";

const LINK = "https://s.click.aliexpress.com/e/_DkReF42";

/**
 * What each write path saw: at `execCommand("copy")`, the text handed to the copy event (when
 * `event` says the browser dispatches one) or else the selected text; and the async API's text.
 */
function fakeClipboard({
  selection,
  asyncApi,
  event = false,
}: {
  selection: boolean;
  asyncApi: boolean;
  event?: boolean;
}) {
  const seen: string[] = [];
  const execCommand = vi.fn((command: string) => {
    if (event) {
      const handed: string[] = [];
      const copy = new Event("copy", { cancelable: true });
      Object.defineProperty(copy, "clipboardData", {
        value: { setData: (type: string, text: string) => handed.push(`${type} ${text}`) },
      });
      document.dispatchEvent(copy);
      if (copy.defaultPrevented && handed.length > 0) {
        seen.push(
          `${command} event: ${handed.join(", ")}; textarea in the page: ${document.querySelector("textarea") !== null}`,
        );
        return selection;
      }
    }
    const area = document.querySelector("textarea");
    seen.push(
      `${command}: ${area === null ? "nothing selected" : area.value.slice(area.selectionStart, area.selectionEnd)}`,
    );
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
  it("hands the text to the copy command's event, with no element to add and select", async () => {
    const seen = fakeClipboard({ selection: true, asyncApi: true, event: true });
    await copyTextAtOnce(LINK);
    expect(seen).toEqual([`copy event: text/plain ${LINK}; textarea in the page: false`]);
  });

  it("copies with a selection when the browser runs the command without asking for the text, and leaves nothing in the page", async () => {
    const seen = fakeClipboard({ selection: true, asyncApi: true });
    await copyTextAtOnce(LINK);
    expect(seen).toEqual(["copy: nothing selected", `copy: ${LINK}`]);
    expect(document.querySelector("textarea")).toBeNull();
  });

  it("works before the page has a body (it runs from the head)", async () => {
    const body = document.body;
    body.remove();
    try {
      const seen = fakeClipboard({ selection: true, asyncApi: true, event: true });
      await copyTextAtOnce(LINK);
      expect(seen).toEqual([`copy event: text/plain ${LINK}; textarea in the page: false`]);
      const selected = fakeClipboard({ selection: true, asyncApi: true });
      await copyTextAtOnce(LINK);
      expect(selected).toEqual(["copy: nothing selected", `copy: ${LINK}`]);
    } finally {
      document.documentElement.append(body);
    }
  });

  it("falls back to the async API when the copy command is refused, and fails when both are", async () => {
    const seen = fakeClipboard({ selection: false, asyncApi: true, event: true });
    await copyTextAtOnce(LINK);
    expect(seen).toEqual([
      `copy event: text/plain ${LINK}; textarea in the page: false`,
      `copy: ${LINK}`,
      `writeText: ${LINK}`,
    ]);
    fakeClipboard({ selection: false, asyncApi: false, event: true });
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
