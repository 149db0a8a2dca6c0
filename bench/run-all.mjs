// Runs every bench/*.bench.mjs in its own process (so peak memory is per benchmark) and
// prints their figures, then every target line (`TARGET …`, with its measured ratio and
// within/OVER) once more as a summary. Benchmarks are measurements, not tests: they never
// fail the build.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const targets = [];
for (const file of readdirSync(dir).filter((name) => name.endsWith('.bench.mjs')).sort()) {
  if (only.length > 0 && !only.some((word) => file.includes(word))) continue;
  console.log(`\n# ${file}`);
  const result = spawnSync(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], {
    stdio: ['inherit', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(result.stdout ?? '');
  for (const line of (result.stdout ?? '').split('\n')) if (line.startsWith('TARGET ')) targets.push(`${line.slice(7)}  [${file}]`);
  if (result.status !== 0) console.log(`(${file} exited with ${result.status ?? result.signal})`);
}
if (targets.length > 0) {
  console.log('\n# targets (ratios measured in this run)');
  for (const line of targets) console.log(`- ${line}`);
}
