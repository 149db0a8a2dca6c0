// Loaded into every process of a benchmarked command (NODE_OPTIONS=--import=…): at exit each
// process appends its own peak RSS to BENCH_RSS_FILE, so a command that forks is measured as
// the sum of its processes, not as GNU time's largest one.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`));
