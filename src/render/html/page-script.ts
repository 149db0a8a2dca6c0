import * as app from './page/app.js';
import * as format from './page/format.js';

let script: string | undefined;

/**
 * The page's script: the source text of every function of `page/` (tsc's output when running
 * from dist/, Vite's when running under the tests: both keep the code as written, types
 * removed), joined in one scope and started. Written as TypeScript so the browser code is
 * type-checked with the rest; a page file that held anything but functions would be cut off
 * here, so this refuses it.
 */
export function pageScript(): string {
  if (script === undefined) {
    const parts: string[] = [];
    for (const [name, value] of [...Object.entries(format), ...Object.entries(app)]) {
      if (typeof value !== 'function') throw new Error(`page/${name} is not a function: the page script is made of functions only`);
      parts.push(value.toString());
    }
    script = `(function () {\n'use strict';\n${parts.join('\n\n')}\n\npageMain();\n})();\n`;
  }
  return script;
}
