// Lighthouse on a tab that is already open (signed in) in a Chromium with a debugging
// port: connects to that browser with Lighthouse's own puppeteer-core, takes its one tab
// (left on about:blank after signing in) and has Lighthouse load the address in that same
// tab, so the tab's sessionStorage (the desk's refresh token) is still there: the desk
// signs in again from it on load. Storage is not reset.
// Writes the categories' scores and the audits that did not pass as JSON.
import fs from "node:fs";

const modules = new URL("../browser/node_modules/", import.meta.url);
const { default: lighthouse } = await import(new URL("lighthouse/core/index.js", modules));
const { default: desktopConfig } = await import(
  new URL("lighthouse/core/config/desktop-config.js", modules)
);
const { default: puppeteer } = await import(
  new URL("puppeteer-core/lib/esm/puppeteer/puppeteer-core.js", modules),
);

const [port, url, output] = process.argv.slice(2);
const browser = await puppeteer.connect({
  browserURL: `http://127.0.0.1:${port}`,
  defaultViewport: null,
});
const pages = await browser.pages();
const page = pages.length === 1 && pages[0].url() === "about:blank" ? pages[0] : null;
if (!page) {
  console.error(`not one tab on about:blank: ${pages.map((p) => p.url()).join(", ")}`);
  process.exit(2);
}
const result = await lighthouse(
  url,
  {
    port: Number(port),
    logLevel: "error",
    onlyCategories: ["accessibility", "best-practices"],
    disableStorageReset: true,
  },
  desktopConfig,
  page,
);
const lhr = result.lhr;
const failing = [];
for (const category of Object.values(lhr.categories)) {
  for (const ref of category.auditRefs) {
    const audit = lhr.audits[ref.id];
    if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
      failing.push({ category: category.id, id: audit.id, title: audit.title, score: audit.score });
    }
  }
}
fs.writeFileSync(
  output,
  JSON.stringify(
    {
      url: lhr.finalDisplayedUrl,
      formFactor: lhr.configSettings.formFactor,
      scores: Object.fromEntries(Object.values(lhr.categories).map((c) => [c.id, c.score])),
      failing,
      runtimeError: lhr.runtimeError || null,
    },
    null,
    2,
  ),
);
browser.disconnect();
