import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * The page's data inside its own `<script>` element, which the browser never runs: the page
 * script reads its text and parses it. The text is JSON with `<`, `>` and `&` written as
 * `\u003c`, `\u003e`, `\u0026`, so that no zone name can end the element (`</script>`), open a
 * comment or start markup; U+2028 and U+2029 are escaped as well (older JavaScript parsers
 * end a line there). The page renders every string with `textContent`.
 *
 * Up to `PLAIN_DATA_LIMIT` characters the JSON is stored as it is: readable, and a zipped CI
 * artifact compresses it well. A larger data set (50 profiles × 1,000 zones is about 8 MB of
 * JSON) is stored gzipped and base64-encoded, which keeps such a page under 5 MB; browsers
 * inflate it natively (DecompressionStream), without any network access.
 */
export const PLAIN_DATA_LIMIT = 3_000_000;

export const DATA_ELEMENT_ID = 'perf-report-data';

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/** JSON text that can stand inside a `<script>` element as it is (JSON reads `\\u003c` as `<`). */
export function scriptSafeJson(json: string): string {
  return json.replace(UNSAFE_IN_SCRIPT, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface EmbeddedData {
  element: string;
  encoding: 'json' | 'gzip-base64';
  /** Characters of JSON before any compression. */
  jsonLength: number;
}

export function embedData(value: unknown, plainLimit = PLAIN_DATA_LIMIT): EmbeddedData {
  const json = JSON.stringify(value);
  if (json.length <= plainLimit) {
    return { element: `<script type="application/json" id="${DATA_ELEMENT_ID}">${scriptSafeJson(json)}</script>`, encoding: 'json', jsonLength: json.length };
  }
  // Base64 needs no escaping. Level 4: within 5 % of level 6's size at a third of its time.
  const packed = gzipSync(json, { level: 4 }).toString('base64');
  return {
    element: `<script type="application/gzip+base64" id="${DATA_ELEMENT_ID}">${packed}</script>`,
    encoding: 'gzip-base64',
    jsonLength: json.length,
  };
}

/**
 * Our own inline script, checked: a script's text ends at the first `</script` whatever the
 * JavaScript means, and `<!--` switches the HTML parser into a mode where `<script` nests.
 */
export function inlineScript(source: string): string {
  if (/<\/script|<!--/i.test(source)) throw new Error('an inline script contains "</script" or "<!--"');
  return `<script>${source}</script>`;
}

const hashes = new Map<string, string>();

/** The `'sha256-…'` source of an inline script for the page's Content-Security-Policy (the same scripts every time: kept). */
export function scriptHash(source: string): string {
  let hash = hashes.get(source);
  if (hash === undefined) {
    hash = `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
    hashes.set(source, hash);
  }
  return hash;
}

/** Text for an HTML element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
