// The window's words. They come from the same Project Fluent catalogs as the Rust core's
// (core/locales/<language>/*.ftl), sent by Rust at start: the CSP allows no fetch, and one
// catalog serves notifications, errors, the CLI and this window alike.
//
// Static text in index.html carries `data-l10n-id` (and `data-l10n-args`, JSON); code asks
// `t(id, args)`. A message's attributes (`.placeholder`, `.title`, `.aria-label`) fill the
// element's attributes of the same name. Changing the language reloads the window, so nothing
// has to be translated twice.
import { FluentBundle, FluentResource } from "../vendor/fluent-bundle/index.js";
import { app } from "./api.js";

// Attributes a catalog may set; anything else stays the page's.
const ATTRIBUTES = new Set(["placeholder", "title", "aria-label", "alt"]);

let bundles = [];
let intlLocale = "en";
let languageCode = "en";

// Accented and lengthened (every vowel doubled) English: text that shows plain ASCII letters
// under it did not come from a catalog, and a control too small for 40% more text shows it.
// The same rule as the core's (l10n/pseudo.rs).
const PSEUDO_LETTERS = Object.fromEntries(
  [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((letter, index) => [
    letter,
    [..."áƀçðéƒĝĥíĵķľṁñóþǫŕšţúṽŵẋýžÅƁÇÐÉƑĜĤÍĴĶĽṀÑÓÞǪŔŠŢÚṼŴẊÝŽ"][index],
  ]),
);
export function pseudo(text) {
  let out = "";
  for (const char of text) {
    const accented = PSEUDO_LETTERS[char] ?? char;
    out += "aeiouAEIOU".includes(char) ? accented + accented : accented;
  }
  return out;
}

function bundleOf(locale, sources, transform) {
  const bundle = new FluentBundle(locale, { useIsolating: false, transform });
  for (const source of sources) {
    const errors = bundle.addResource(new FluentResource(source));
    for (const error of errors) console.warn("catalog:", error);
  }
  return bundle;
}

/** Loads the desk's catalogs from Rust and translates the page; English if that fails. */
export async function startL10n() {
  let catalog;
  try {
    catalog = await app.catalog();
  } catch (error) {
    console.warn("catalog unavailable:", error);
    catalog = { language: "en", locale: "en", pseudo: false, resources: [], fallback: [] };
  }
  languageCode = catalog.language;
  intlLocale = catalog.locale;
  const transform = catalog.pseudo ? pseudo : (text) => text;
  bundles = [bundleOf(intlLocale, catalog.resources, transform)];
  if (catalog.fallback.length) bundles.push(bundleOf("en", catalog.fallback, transform));
  document.documentElement.lang = intlLocale;
  translate(document);
}

/** The desk's language code ("en", "es"), as Settings names it. */
export const language = () => languageCode;

/** The locale for Intl formatting (dates, times, numbers). */
export const locale = () => intlLocale;

function formatted(id, args, attribute = null) {
  for (const bundle of bundles) {
    const message = bundle.getMessage(id);
    const pattern = attribute ? message?.attributes?.[attribute] : message?.value;
    if (!pattern) continue;
    const errors = [];
    const text = bundle.formatPattern(pattern, args, errors);
    if (errors.length) console.warn(`catalog: ${id}:`, errors);
    return text;
  }
  return null;
}

/** The message `id` formatted with `args`; its id when no catalog has it (never throws). */
export function t(id, args = undefined) {
  return formatted(id, args) ?? id;
}

/** The attribute `attribute` of message `id` (e.g. "aria-label"), or its id. */
export function tAttr(id, attribute, args = undefined) {
  return formatted(id, args, attribute) ?? id;
}

function apply(element) {
  const id = element.dataset.l10nId;
  let args;
  try {
    args = element.dataset.l10nArgs ? JSON.parse(element.dataset.l10nArgs) : undefined;
  } catch {
    args = undefined;
  }
  const value = formatted(id, args);
  if (value !== null) element.textContent = value;
  else if (!bundles.some((bundle) => bundle.hasMessage(id))) console.warn(`catalog: no message ${id}`);
  for (const bundle of bundles) {
    const message = bundle.getMessage(id);
    if (!message) continue;
    for (const name of Object.keys(message.attributes ?? {})) {
      if (ATTRIBUTES.has(name)) element.setAttribute(name, bundle.formatPattern(message.attributes[name], args));
    }
    break;
  }
}

/** Fills every `[data-l10n-id]` element under `root` (and `root` itself) from the catalog. */
export function translate(root = document) {
  if (root.dataset?.l10nId) apply(root);
  for (const element of root.querySelectorAll?.("[data-l10n-id]") ?? []) apply(element);
}

/** Gives `element` the message `id` (with `args`) and fills it now. */
export function setL10n(element, id, args = undefined) {
  if (!element) return;
  element.dataset.l10nId = id;
  if (args) element.dataset.l10nArgs = JSON.stringify(args);
  else delete element.dataset.l10nArgs;
  apply(element);
}
