// @vitest-environment jsdom
/**
 * The popup's styles and modules, moved by the build from its HTML onto its
 * first script's tag (so that nothing is fetched beside that script) and put
 * back by the first script: the build's transform on the page Vite writes, and
 * the loader in a page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  deferPageAssets,
  LATER_ASSETS,
  laterAssetsOf,
  loadLaterAssets,
  stylesReady,
} from "../../src/ui/popup/laterAssets";

/** popup.html as Vite wrote it before this change (a production build of 2026-12-07). */
const VITE_POPUP = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <script src="/popup-early.js" ></script>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Stackwise</title>
    <script type="module" crossorigin src="/chunks/popup-C3zG3SyX.js"></script>
    <link rel="modulepreload" crossorigin href="/chunks/_virtual_wxt-html-plugins-XABuRVBx.js">
    <link rel="modulepreload" crossorigin href="/chunks/earlyScreen-DjUm8dP8.js">
    <link rel="stylesheet" crossorigin href="/assets/popup-BlhF8TfO.css">
  </head>
  <body class="popup-body">
    <div id="app"></div>
  </body>
</html>
`;

describe("the build moves the popup's styles and modules onto its first script", () => {
  const moved = deferPageAssets(VITE_POPUP);

  it("leaves the first script as the page's only script and names nothing else to fetch", () => {
    expect(moved.match(/<script\b/g)).toHaveLength(1);
    expect(moved).not.toMatch(/<link\b/);
    expect(moved).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(moved).toContain("<title>Stackwise</title>");
    expect(moved).toContain('<body class="popup-body">\n    <div id="app"></div>');
    // No blank lines where the tags stood.
    expect(moved).not.toMatch(/\n[ \t]*\n/);
  });

  it("names each moved asset on the first script's tag, by kind and in the order Vite wrote them", () => {
    const tag = /<script\b[^>]*>/.exec(moved)?.[0] ?? "";
    expect(tag).toContain('src="/popup-early.js"');
    expect(laterAssetsOf(tag)).toEqual({
      modules: ["/chunks/popup-C3zG3SyX.js"],
      preloads: ["/chunks/_virtual_wxt-html-plugins-XABuRVBx.js", "/chunks/earlyScreen-DjUm8dP8.js"],
      styles: ["/assets/popup-BlhF8TfO.css"],
    });
  });

  it("is done once: the moved page is left as it is", () => {
    expect(deferPageAssets(moved)).toBe(moved);
  });

  it("leaves the style sheets of a page that keeps them (the expiry reminder's wallet.html) where they are", () => {
    const reminder = VITE_POPUP.replace(
      '<script src="/popup-early.js" >',
      '<script src="/popup-early.js" data-keep-styles>',
    );
    const kept = deferPageAssets(reminder);
    expect(kept).toContain('<link rel="stylesheet" crossorigin href="/assets/popup-BlhF8TfO.css">');
    expect(kept.match(/<script\b/g)).toHaveLength(1);
    const tag = /<script\b[^>]*>/.exec(kept)?.[0] ?? "";
    expect(laterAssetsOf(tag).modules).toEqual(["/chunks/popup-C3zG3SyX.js"]);
    expect(laterAssetsOf(tag).styles).toEqual([]);
  });

  it("leaves a page without the first script alone (the options page, the panel)", () => {
    const options = VITE_POPUP.replace('<script src="/popup-early.js" ></script>', "");
    expect(deferPageAssets(options)).toBe(options);
  });

  it("refuses to build a page whose asset the first script could not load", () => {
    for (const tag of [
      '<script type="module" src="https://cdn.example/x.js"></script>',
      '<script type="module" src="//cdn.example/x.js"></script>',
      '<link rel="stylesheet" href="popup.css">',
      '<script type="module">inline()</script>',
    ])
      expect(() => deferPageAssets(VITE_POPUP.replace("</head>", `${tag}\n  </head>`))).toThrow(
        /A page asset the first script cannot load/,
      );
  });
});

describe("the first script puts them back", () => {
  let first: HTMLScriptElement;

  beforeEach(() => {
    document.head.replaceChildren();
    first = document.createElement("script");
    first.setAttribute(LATER_ASSETS.modules, "/chunks/popup-A.js");
    first.setAttribute(LATER_ASSETS.preloads, "/chunks/x-B.js /chunks/y-C.js");
    first.setAttribute(LATER_ASSETS.styles, "/assets/popup-D.css");
    document.head.append(first);
    delete (globalThis as Record<string, unknown>).__stackwiseStyles;
  });

  afterEach(() => vi.useRealTimers());

  const added = () =>
    [...document.head.children]
      .filter((e) => e !== first)
      .map((e) =>
        e instanceof HTMLScriptElement
          ? ["script", e.type, e.getAttribute("src"), e.async]
          : ["link", e.getAttribute("rel"), e.getAttribute("href"), e.getAttribute("blocking")],
      );

  it("adds the style sheet (holding the first paint), the preloads and the module entry", () => {
    void loadLaterAssets(first, document);
    expect(added()).toEqual([
      ["link", "stylesheet", "/assets/popup-D.css", "render"],
      ["link", "modulepreload", "/chunks/x-B.js", null],
      ["link", "modulepreload", "/chunks/y-C.js", null],
      // Not async: run in the page's order, as when the page named them.
      ["script", "module", "/chunks/popup-A.js", false],
    ]);
  });

  it("adds the modules only once `modulesWhen` has settled, answered or refused (the reminder's page)", async () => {
    for (const outcome of ["answered", "refused"]) {
      document.head.replaceChildren(first);
      let settle: () => void = () => undefined;
      const read = new Promise<void>((resolve, reject) => {
        settle = outcome === "answered" ? resolve : () => reject(new Error("no storage"));
      });
      void loadLaterAssets(first, document, { modulesWhen: read });
      // The style sheet at once: the picture needs it.
      expect(added()).toEqual([["link", "stylesheet", "/assets/popup-D.css", "render"]]);
      settle();
      await read.catch(() => undefined);
      await Promise.resolve();
      expect(added().slice(1)).toEqual([
        ["link", "modulepreload", "/chunks/x-B.js", null],
        ["link", "modulepreload", "/chunks/y-C.js", null],
        ["script", "module", "/chunks/popup-A.js", false],
      ]);
    }
  });

  it("leaves the styles' promise before it adds the modules that wait for it", () => {
    const seen: unknown[] = [];
    const append = vi.spyOn(document.head, "append").mockImplementation(function (
      this: HTMLHeadElement,
      ...nodes
    ) {
      for (const n of nodes)
        if (n instanceof HTMLScriptElement)
          seen.push((globalThis as Record<string, unknown>).__stackwiseStyles);
      return Element.prototype.append.apply(this, nodes);
    });
    void loadLaterAssets(first, document);
    append.mockRestore();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Promise);
  });

  it("tells the modules when the styles are in: on the sheet's load, or its failure", async () => {
    for (const event of ["load", "error"]) {
      document.head.replaceChildren(first);
      let settled = false;
      void loadLaterAssets(first, document).then(() => (settled = true));
      void stylesReady();
      await Promise.resolve();
      expect(settled).toBe(false);
      document.head.querySelector('link[rel="stylesheet"]')?.dispatchEvent(new Event(event));
      await stylesReady();
      await Promise.resolve();
      expect(settled).toBe(true);
    }
  });

  it("waits for a sheet that never answers no longer than its limit", async () => {
    vi.useFakeTimers();
    let settled = false;
    void loadLaterAssets(first, document, { maxWaitMs: 500 }).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
  });

  it("adds nothing and waits for nothing where the page names its own (the dev server, tests)", async () => {
    const bare = document.createElement("script");
    await loadLaterAssets(bare, document);
    await loadLaterAssets(null, document);
    expect(added()).toEqual([]);
  });

  it("loads only the extension's own files", () => {
    first.setAttribute(
      LATER_ASSETS.modules,
      "https://cdn.example/x.js //cdn.example/y.js chunks/z.js /chunks/ok.js",
    );
    first.removeAttribute(LATER_ASSETS.preloads);
    first.removeAttribute(LATER_ASSETS.styles);
    void loadLaterAssets(first, document);
    expect(added()).toEqual([["script", "module", "/chunks/ok.js", false]]);
  });

  it("leaves no promise for the modules when no first script ran", async () => {
    expect((globalThis as Record<string, unknown>).__stackwiseStyles).toBeUndefined();
    await expect(stylesReady()).resolves.toBeUndefined();
  });
});
