#!/usr/bin/env node
// The bad-inputs section of the fault table: the built CLI (run `npm run build` first) on
// bad files, bad arguments and bad output names, each case in a fresh temporary directory
// holding a measured project and a history of one stored run. A case passes when:
// - the exit code is 2 (bad input),
// - stderr is exactly one line, naming the file or option and the cause,
// - the history is byte-identical (nothing stored, nothing damaged),
// - nothing was written outside the output directory, and nothing new was left inside it.
// Prints a table `input | exit | message` and, as its last stdout line,
// `FAULTS {"section":"bad-inputs",…}`; exits 1 when any case fails.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'dist/src/cli/main.js');
const fixtureCsv = join(repo, 'fixtures/tracy-csvexport/app.1.0.0.csv');
const HEADER = 'name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns,std_ns';
const ROW = (fields) => `${HEADER}\n${fields}\n`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (!existsSync(cli)) {
  console.error(`bad-inputs: ${relative(process.cwd(), cli)} is missing; run npm run build first`);
  process.exit(1);
}

function run(args, cwd, env = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { exit: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Every entry below `dir` (not following links) with its size and mtime. */
function snapshot(dir) {
  const entries = new Map();
  for (const name of readdirSync(dir, { recursive: true })) {
    const info = lstatSync(join(dir, name), { throwIfNoEntry: false });
    if (info) entries.set(name, info.isFile() ? `${info.size}:${info.mtimeMs}` : info.isDirectory() ? 'dir' : 'other');
  }
  return entries;
}

const cpuprofile = (overrides) =>
  JSON.stringify({
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [2] },
      { id: 2, callFrame: { functionName: 'work', scriptId: '1', url: 'file:///p/src/a.js', lineNumber: 0, columnNumber: 0 } },
    ],
    startTime: 0,
    endTime: 100,
    samples: [2, 2],
    timeDeltas: [0, 10],
    ...overrides,
  });

const write = (name, content) => (project) => {
  writeFileSync(join(project, name), content);
};

/**
 * Each case: what the table calls it, how to prepare the project, the command's arguments
 * (generate unless it says otherwise), and what its one line must contain: the file or
 * option it is about, and a word of the cause.
 */
const cases = [
  { input: 'empty file', prepare: write('empty.csv', ''), args: ['generate', '-i', 'empty.csv'], names: 'empty.csv', cause: 'empty file' },
  { input: 'header-only CSV', prepare: write('header.csv', `${HEADER}\n`), args: ['generate', '-i', 'header.csv'], names: 'header.csv', cause: 'no zone rows' },
  { input: 'binary garbage', prepare: write('garbage.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x01, 0x0a, 0xc3])), args: ['generate', '-i', 'garbage.csv'], names: 'garbage.csv', cause: 'UTF-8' },
  { input: 'CSV of other columns', prepare: write('other.csv', 'a,b,c\n1,2,3\n'), args: ['generate', '-i', 'other.csv'], names: 'other.csv', cause: 'not a tracy-csvexport header' },
  { input: 'CSV missing a column', prepare: write('short.csv', 'name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns\nz,f,1,1,1,1,1,1,1\n'), args: ['generate', '-i', 'short.csv'], names: 'short.csv', cause: 'missing column std_ns' },
  { input: 'per-event (-u) CSV', prepare: write('unwrap.csv', 'name,src_file,src_line,ns_since_start,exec_time_ns,thread,value\nz,f,1,5,5,1,\n'), args: ['generate', '-i', 'unwrap.csv'], names: 'unwrap.csv', cause: '-u output' },
  { input: 'non-numeric count', prepare: write('text.csv', ROW('z,f.ts,1,10,1.0,many,10,10,10,0')), args: ['generate', '-i', 'text.csv'], names: 'text.csv', cause: 'not a whole number' },
  { input: 'negative count', prepare: write('negative.csv', ROW('z,f.ts,1,10,1.0,-4,10,10,10,0')), args: ['generate', '-i', 'negative.csv'], names: 'negative.csv', cause: 'negative' },
  { input: 'huge number', prepare: write('huge.csv', ROW('z,f.ts,1,99999999999999999999999,1.0,1,10,10,10,0')), args: ['generate', '-i', 'huge.csv'], names: 'huge.csv', cause: 'too large' },
  { input: 'line break in a name', prepare: write('broken.csv', `${HEADER}\nfirst\nsecond,f,1,1,1,1,1,1,1,1\n`), args: ['generate', '-i', 'broken.csv'], names: 'broken.csv', cause: 'fields' },
  { input: 'not a profile (.txt)', prepare: write('notes.txt', 'hello\n'), args: ['generate', '-i', 'notes.txt'], names: 'notes.txt', cause: 'not a Tracy profile' },
  { input: '.cpuprofile not JSON', prepare: write('bad.cpuprofile', '{"nodes": ['), args: ['generate', '-i', 'bad.cpuprofile'], names: 'bad.cpuprofile', cause: 'not JSON' },
  { input: '.cpuprofile without nodes', prepare: write('nodes.cpuprofile', '{"startTime":0,"endTime":1,"samples":[],"timeDeltas":[]}'), args: ['generate', '-i', 'nodes.cpuprofile'], names: 'nodes.cpuprofile', cause: 'no "nodes"' },
  { input: '.cpuprofile timeDeltas [-5, "x"]', prepare: write('deltas.cpuprofile', cpuprofile({ timeDeltas: [-5, 'x'] })), args: ['generate', '-i', 'deltas.cpuprofile'], names: 'deltas.cpuprofile', cause: 'timeDeltas[1]' },
  { input: '.cpuprofile dangling sample', prepare: write('dangling.cpuprofile', cpuprofile({ samples: [2, 99] })), args: ['generate', '-i', 'dangling.cpuprofile'], names: 'dangling.cpuprofile', cause: 'missing node 99' },
  { input: 'missing file', args: ['generate', '-i', 'nowhere.csv'], names: 'nowhere.csv', cause: 'no such file' },
  {
    input: 'symbolic-link loop',
    prepare: (project) => {
      symlinkSync('loop-b.csv', join(project, 'loop-a.csv'));
      symlinkSync('loop-a.csv', join(project, 'loop-b.csv'));
    },
    args: ['generate', '-i', 'loop-a.csv'],
    names: 'loop-a.csv',
    cause: 'ELOOP',
  },
  { input: 'directory without profiles', prepare: (project) => mkdirSync(join(project, 'nothing')), args: ['generate', '-i', 'nothing'], names: 'nothing', cause: 'no .csv or .tracy profiles' },
  { input: 'Tracy and .cpuprofile mixed', prepare: (project) => { mkdirSync(join(project, 'mixed')); copyFileSync(fixtureCsv, join(project, 'mixed/app.csv')); writeFileSync(join(project, 'mixed/hot.cpuprofile'), cpuprofile({})); }, args: ['generate', '-i', 'mixed'], names: 'mixed', cause: '--backend' },
  { input: 'directory as --summary-json', prepare: (project) => mkdirSync(join(project, 'summary')), args: ['generate', '-i', 'in.csv', '--summary-json', 'summary'], names: '--summary-json', cause: 'is a directory' },
  {
    input: 'unreadable file (chmod 000)',
    prepare: (project) => {
      copyFileSync(fixtureCsv, join(project, 'locked.csv'));
      chmodSync(join(project, 'locked.csv'), 0o000);
    },
    args: ['generate', '-i', 'locked.csv'],
    names: 'locked.csv',
    cause: 'permission denied',
    // root reads a file whatever its mode: there it is no bad input.
    skip: isRoot ? 'root reads it regardless of its mode' : undefined,
  },
  { input: 'profiles.h5 is a directory', history: 'directory', args: ['generate', '-i', 'in.csv'], names: 'profiles.h5', cause: 'is a directory' },
  { input: 'profiles.h5 is not HDF5', history: 'garbage', args: ['generate', '-i', 'in.csv'], names: 'profiles.h5', cause: 'not an HDF5 file' },
  { input: 'unknown option', args: ['generate', '-i', 'in.csv', '--frobnicate'], names: '--frobnicate', cause: 'unknown option' },
  { input: 'option without its value', args: ['generate', '-o', 'perf', '-i'], names: '--input', cause: 'missing' },
  { input: '--backend bogus', args: ['generate', '-i', 'in.csv', '--backend', 'bogus'], names: '--backend', cause: 'bogus' },
  { input: '--alpha 2', args: ['generate', '-i', 'in.csv', '--alpha', '2'], names: '--alpha', cause: 'between 0 and 1' },
  { input: '--alpha 0', args: ['generate', '-i', 'in.csv', '--alpha', '0'], names: '--alpha', cause: 'between 0 and 1' },
  { input: '--alpha x', args: ['generate', '-i', 'in.csv', '--alpha', 'x'], names: '--alpha', cause: 'between 0 and 1' },
  { input: '--threshold -1', args: ['generate', '-i', 'in.csv', '--threshold', '-1'], names: '--threshold', cause: 'non-negative' },
  { input: '--shard 3/2', args: ['generate', '-i', 'in.csv', '--shard', '3/2'], names: '--shard', cause: '3/2' },
  { input: '--version with a path', args: ['generate', '-i', 'in.csv', '--version', '1.0.0/../../../../escape'], names: '--version', cause: 'path separator' },
  { input: '--version "1.1.0\\n"', args: ['generate', '-i', 'in.csv', '--version', '1.1.0\n'], names: '--version', cause: 'control character' },
  { input: '--version with ".."', args: ['generate', '-i', 'in.csv', '--version', '1.0.0..x'], names: '--version', cause: '".."' },
  { input: 'package.json version with a path', prepare: write('package.json', JSON.stringify({ name: 'app', version: '1.0.0/../../../../escape' })), args: ['generate', '-i', 'in.csv', '-o', 'perf'], names: 'package.json', cause: 'path separator' },
  { input: 'package.json not JSON', prepare: write('package.json', '{ name: app'), args: ['generate', '-i', 'in.csv'], names: 'package.json', cause: 'not valid JSON' },
  { input: '--name ..', args: ['generate', '-i', 'in.csv', '--name', '..'], names: '--name', cause: '".."' },
  { input: '--pdf-name profiles.h5', args: ['generate', '-i', 'in.csv', '--pdf-name', 'profiles.h5'], names: '--pdf-name', cause: 'overwrite the history' },
  { input: '--pdf-name ../../escape.pdf', args: ['generate', '-i', 'in.csv', '--pdf-name', '../../escape.pdf'], names: '--pdf-name', cause: 'without /' },
  { input: '--pdf-name /abs/path.pdf', args: (root) => ['generate', '-i', 'in.csv', '--pdf-name', join(root, 'abs.pdf')], names: '--pdf-name', cause: 'without /' },
  { input: '--baseline 9.9.9 (not stored)', args: ['generate', '-i', 'in.csv', '--baseline', '9.9.9'], names: 'profiles.h5', cause: 'no run of version 9.9.9' },
  { input: 'compare a version not stored', args: ['compare', '9.9.9', '-o', 'perf'], names: 'profiles.h5', cause: 'no run of version 9.9.9' },
  { input: 'compare --pdf-name ../x.pdf', args: ['compare', '1.0.0', '-o', 'perf', '--pdf-name', '../x.pdf'], names: '--pdf-name', cause: 'without /' },
  { input: 'compare --alpha 1', args: ['compare', '1.0.0', '-o', 'perf', '--alpha', '1'], names: '--alpha', cause: 'between 0 and 1' },
  { input: 'merge a missing history', args: ['merge', 'missing.h5', '-o', 'perf'], names: 'missing.h5', cause: 'no such file' },
];

/** The history every case starts from: one run of 1.0.0, stored once and copied. */
function makeHistory() {
  const root = mkdtempSync(join(tmpdir(), 'perf-report-faults-seed-'));
  try {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
    copyFileSync(fixtureCsv, join(root, 'in.csv'));
    const seeded = run(['generate', '-i', 'in.csv', '-o', 'perf', '--no-html'], root);
    if (seeded.exit !== 0) throw new Error(`could not store the seed run: ${seeded.stderr}`);
    return readFileSync(join(root, 'perf', 'profiles.h5'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function prepareCase(testCase, history) {
  const root = mkdtempSync(join(tmpdir(), 'perf-report-faults-'));
  const project = join(root, 'project');
  const out = join(project, 'perf');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
  copyFileSync(fixtureCsv, join(project, 'in.csv'));
  if (testCase.history === 'directory') mkdirSync(join(out, 'profiles.h5'), { recursive: true });
  else {
    mkdirSync(out);
    writeFileSync(join(out, 'profiles.h5'), testCase.history === 'garbage' ? 'not an HDF5 file\n' : history);
  }
  testCase.prepare?.(project);
  return { root, project, out };
}

function oneLine(text) {
  return text.replace(/\s+$/, '').split('\n');
}

const history = makeHistory();
const rows = [];
const totals = { trials: 0, corrupt: 0, lost: 0, outside: 0, leftovers: 0, failures: 0 };
for (const testCase of cases) {
  if (testCase.skip) {
    rows.push({ input: testCase.input, exit: '-', message: `(skipped: ${testCase.skip})`, ok: true });
    continue;
  }
  totals.trials++;
  const { root, project, out } = prepareCase(testCase, history);
  const h5Path = join(out, 'profiles.h5');
  const h5Before = lstatSync(h5Path).isFile() ? readFileSync(h5Path) : undefined;
  const before = snapshot(root);
  const args = typeof testCase.args === 'function' ? testCase.args(root) : testCase.args;
  // generate gets `-o perf --version 1.2.0` unless the case gives its own -o (a new version,
  // so that a command that wrongly succeeds would show as a changed history).
  const needsOutput = args[0] === 'generate' && !args.includes('-o');
  const result = run(needsOutput ? [...args, '-o', 'perf', ...(args.includes('--version') ? [] : ['--version', '1.2.0'])] : args, project);
  const lines = oneLine(result.stderr);
  const problems = [];
  if (result.exit !== 2) problems.push(`exit ${result.exit}, expected 2`);
  if (lines.length !== 1 || lines[0] === '') problems.push(`stderr has ${lines[0] === '' ? 0 : lines.length} lines`);
  if (!result.stderr.includes(testCase.names)) problems.push(`does not name ${testCase.names}`);
  if (!result.stderr.includes(testCase.cause)) problems.push(`does not say "${testCase.cause}"`);
  if (h5Before) {
    if (!existsSync(h5Path)) {
      totals.lost++;
      problems.push('the history is gone');
    } else if (!readFileSync(h5Path).equals(h5Before)) {
      totals.corrupt++;
      problems.push('the history changed');
    }
  }
  const after = snapshot(root);
  const added = [...after.keys()].filter((name) => !before.has(name));
  const changed = [...before.keys()].filter((name) => after.has(name) && after.get(name) !== before.get(name) && name !== relative(root, h5Path));
  const outsideOut = [...added, ...changed].filter((name) => relative(out, join(root, name)).startsWith('..'));
  const insideOut = added.filter((name) => !outsideOut.includes(name));
  if (outsideOut.length > 0) {
    totals.outside++;
    problems.push(`wrote outside the output directory: ${outsideOut.join(', ')}`);
  }
  if (insideOut.length > 0) {
    totals.leftovers++;
    problems.push(`left in the output directory: ${insideOut.join(', ')}`);
  }
  if (problems.length > 0) totals.failures++;
  rows.push({ input: testCase.input, exit: String(result.exit), message: lines.join(' ⏎ '), ok: problems.length === 0, problems });
  chmodSync(root, 0o700);
  rmSync(root, { recursive: true, force: true });
}

const width = Math.max(...rows.map((row) => row.input.length), 'input'.length);
console.log(`${'input'.padEnd(width)} | exit | message`);
console.log(`${'-'.repeat(width)} | ---- | -------`);
for (const row of rows) {
  console.log(`${row.input.padEnd(width)} | ${row.exit.padEnd(4)} | ${row.message}${row.ok ? '' : `   <-- FAILED: ${row.problems.join('; ')}`}`);
}
console.log(`FAULTS ${JSON.stringify({ section: 'bad-inputs', ...totals })}`);
process.exitCode = totals.failures > 0 ? 1 : 0;
