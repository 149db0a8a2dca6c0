// Runs every bench/*.bench.mjs in its own process (so peak memory is per benchmark) and
// prints their figures. Benchmarks are measurements, not tests: they never fail the build.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
for (const file of readdirSync(dir).filter((name) => name.endsWith('.bench.mjs')).sort()) {
  if (only.length > 0 && !only.some((word) => file.includes(word))) continue;
  console.log(`\n# ${file}`);
  const result = spawnSync(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], { stdio: 'inherit' });
  if (result.status !== 0) console.log(`(${file} exited with ${result.status ?? result.signal})`);
}
