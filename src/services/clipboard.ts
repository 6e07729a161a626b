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

/**
 * The copy command with the text handed to its `copy` event: no element to add and select.
 * Selecting a textarea makes the browser compute the page's style and layout first, which in
 * a page still loading (the popup's first script) is the slowest part of the copy. False when
 * the browser refused the command or did not ask for the text (no event), so that the caller
 * can try another way.
 */
function copyWithEvent(text: string, doc: Document): boolean {
  let handed = false;
  const onCopy = (event: ClipboardEvent) => {
    if (event.clipboardData === null) return;
    event.clipboardData.setData("text/plain", text);
    event.preventDefault();
    handed = true;
  };
  doc.addEventListener("copy", onCopy, true);
  try {
    return doc.execCommand("copy") && handed;
  } catch {
    return false;
  } finally {
    doc.removeEventListener("copy", onCopy, true);
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
 * The same, the other way round: the copy command first (through its event, else through a
 * selection), the async API if it is refused. For the popup's first script, which copies as
 * the page opens: the copy command hands the text to the browser at once, where the async API waits for the browser's answer (several
 * milliseconds while it is still starting). Both work in an extension page that holds
 * clipboardWrite, in Chrome and Firefox, without a click.
 */
export async function copyTextAtOnce(text: string, doc: Document = document): Promise<void> {
  if (copyWithEvent(text, doc) || copyWithSelection(text, doc)) return;
  await navigator.clipboard.writeText(text);
}
