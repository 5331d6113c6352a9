// Renders each CSL-JSON item alone with citeproc-js, for benchmarks/gbt7714_diff.py.
// Usage: CITEPROC_JS_DIR=... node gbt7714_citeproc_js.mjs ITEMS.json STYLE.csl LOCALES_DIR
// Prints JSON {id: text}: the plain-text entry, its citation number stripped by the caller.
// Alone, so that no item's year suffix or name disambiguation depends on its neighbours.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.env.CITEPROC_JS_DIR + "/");
const CSL = require("citeproc");
const [itemsPath, stylePath, locales] = process.argv.slice(2);
const data = JSON.parse(readFileSync(itemsPath, "utf8"));
const style = readFileSync(stylePath, "utf8");
const aliases = { en: "en-US", zh: "zh-CN", ja: "ja-JP", ko: "ko-KR", ru: "ru-RU", de: "de-DE", fr: "fr-FR" };
const retrieveLocale = (lang) => {
  const name = aliases[lang] || lang;
  const path = `${locales}/locales-${name}.xml`;
  return existsSync(path) ? readFileSync(path, "utf8") : false;
};
const out = {};
for (const item of data) {
  const sys = { retrieveLocale, retrieveItem: () => item };
  const engine = new CSL.Engine(sys, style);
  engine.setOutputFormat("text");
  try {
    engine.updateItems([item.id]);
    const [, entries] = engine.makeBibliography();
    out[item.id] = entries.join("").trim();
  } catch (error) {
    out[item.id] = `ERROR: ${error.message}`;
  }
}
console.log(JSON.stringify(out));
