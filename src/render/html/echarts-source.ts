import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let source: string | undefined;

/**
 * ECharts' own minified browser build, from the installed dependency, inlined into every page
 * so that it opens offline. Read once per process (1.1 MB).
 */
export function echartsSource(): string {
  source ??= readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
  return source;
}
