// Renders a CSL-JSON file's bibliography with citeproc-js, for the benchmarks' comparisons.
// Usage: node citeproc_js.mjs ITEMS.json STYLE.csl LOCALES_DIR [text|html]
//   -> prints JSON {seconds, items}; with a format also {entries: {id: entry}} in that format.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.env.CITEPROC_JS_DIR + "/");
const CSL = require("citeproc");
const [items, stylePath, locales, format] = process.argv.slice(2);
const data = JSON.parse(readFileSync(items, "utf8"));
const byId = Object.fromEntries(data.map((item) => [item.id, item]));
const sys = {
  retrieveLocale: (lang) => readFileSync(`${locales}/locales-${lang}.xml`, "utf8"),
  retrieveItem: (id) => byId[id],
};
const start = process.hrtime.bigint();
const engine = new CSL.Engine(sys, readFileSync(stylePath, "utf8"));
if (format) engine.setOutputFormat(format);
engine.updateItems(data.map((item) => item.id));
const [params, entries] = engine.makeBibliography();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const out = { seconds, items: entries.length };
// an item citeproc-js cannot render (bibliography_errors) has an id but no entry
const failed = new Set((params.bibliography_errors || []).map((error) => String(error.itemID)));
const ids = params.entry_ids.filter((ids) => !failed.has(String(ids[0])));
if (format) out.entries = Object.fromEntries(ids.map((ids, i) => [ids[0], entries[i]]));
if (failed.size) out.failed = [...failed];
console.log(JSON.stringify(out));
