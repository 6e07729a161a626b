/**
 * Writing text to the clipboard from any page the extension owns: the popup,
 * the offscreen document (Chrome's worker has no clipboard) and Firefox's
 * background page. The async API needs a focused document, which an offscreen
 * document or a background page never is, so the old selection copy backs it up.
 */

function copyWithSelection(text: string, doc: Document): boolean {
  const area = doc.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  (doc.body ?? doc.documentElement).append(area);
  area.select();
  try {
    return doc.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export async function copyText(text: string, doc?: Document): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // not focused, or no async clipboard here: try the selection copy
  }
  if (!copyWithSelection(text, doc ?? document))
    throw new Error("The browser refused to write the clipboard.");
}

/**
 * The same, the other way round: the selection copy first, the async API if it is refused.
 * For the popup's first script, which copies as the page opens: the selection copy hands the
 * text to the browser at once, where the async API waits for the browser's answer (several
 * milliseconds while it is still starting). Both work in an extension page that holds
 * clipboardWrite, in Chrome and Firefox, without a click.
 */
export async function copyTextAtOnce(text: string, doc: Document = document): Promise<void> {
  if (copyWithSelection(text, doc)) return;
  await navigator.clipboard.writeText(text);
}
