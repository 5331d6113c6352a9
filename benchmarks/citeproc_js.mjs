// Renders a CSL-JSON file's bibliography with citeproc-js, for the benchmark's comparison.
// Usage: node citeproc_js.mjs ITEMS.json STYLE.csl LOCALES_DIR  -> prints JSON {seconds, items}
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.env.CITEPROC_JS_DIR + "/");
const CSL = require("citeproc");
const [items, stylePath, locales] = process.argv.slice(2);
const data = JSON.parse(readFileSync(items, "utf8"));
const byId = Object.fromEntries(data.map((item) => [item.id, item]));
const sys = {
  retrieveLocale: (lang) => readFileSync(`${locales}/locales-${lang}.xml`, "utf8"),
  retrieveItem: (id) => byId[id],
};
const start = process.hrtime.bigint();
const engine = new CSL.Engine(sys, readFileSync(stylePath, "utf8"));
engine.updateItems(data.map((item) => item.id));
const [, entries] = engine.makeBibliography();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ seconds, items: entries.length }));
