// A quick check of the catalogs and the window's message ids, for people editing them
// (`node scripts/l10n-check.mjs`). The tests make the same checks in Rust (core l10n/parity.rs).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { FluentResource } from "../ui/vendor/fluent-bundle/index.js";

const root = new URL("..", import.meta.url).pathname;
const locales = join(root, "src-tauri/core/locales");
let failed = false;
const fail = (text) => {
  failed = true;
  console.log(text);
};

const idsOf = {};
for (const language of readdirSync(locales)) {
  const ids = new Map();
  for (const file of readdirSync(join(locales, language)).filter((f) => f.endsWith(".ftl"))) {
    const text = readFileSync(join(locales, language, file), "utf8");
    const parsed = new Set(new FluentResource(text).body.map((m) => m.id));
    for (const [, id] of text.matchAll(/^(-?[a-zA-Z][\w-]*)\s*=/gm)) {
      if (!parsed.has(id)) fail(`${language}/${file}: ${id} does not parse`);
      if (ids.has(id)) fail(`${language}/${file}: ${id} also in ${ids.get(id)}`);
      ids.set(id, file);
    }
  }
  idsOf[language] = ids;
}
const english = idsOf.en;
for (const [language, ids] of Object.entries(idsOf)) {
  for (const id of english.keys()) if (!ids.has(id)) fail(`${language}: missing ${id}`);
  for (const id of ids.keys()) if (!english.has(id)) fail(`${language}: ${id} is not in English`);
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "vendor") return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const uses = /(?:\bt|tAttr|setL10n\([^,()]+,)\(?\s*["']([a-z][\w-]*)["']|data-l10n-id="([a-z][\w-]*)"/g;
for (const path of files(join(root, "ui")).filter((p) => /\.(js|html)$/.test(p))) {
  const text = readFileSync(path, "utf8");
  for (const match of text.matchAll(uses)) {
    const id = match[1] ?? match[2];
    if (!english.has(id)) fail(`${path.slice(root.length)}: uses ${id}, not in the English catalog`);
  }
}
console.log(failed ? "l10n-check: problems above" : `l10n-check: ${english.size} messages, every language complete, every id the window uses exists`);
process.exit(failed ? 1 : 0);
