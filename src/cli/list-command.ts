import { join } from 'node:path';
import { Command } from 'commander';
import { ProfileStorage } from '../store/profile-storage.js';
import { compareVersions } from '../compare/baseline.js';

export function listCommand(): Command {
  return new Command('list')
    .description('list the stored runs: versions × platforms with their timestamps')
    .option('-o, --output <dir>', 'directory holding profiles.h5', 'perf')
    .option('--h5 <file>', 'the HDF5 file itself (instead of -o)')
    .action(async (options: { output: string; h5?: string }) => {
      const storage = new ProfileStorage(options.h5 ?? join(options.output, 'profiles.h5'));
      const runs = await storage.listRuns();
      if (runs.length === 0) {
        process.stdout.write(`no runs stored in ${storage.h5Path}\n`);
        return;
      }
      runs.sort((a, b) => compareVersions(a.meta.version, b.meta.version) || a.platformKey.localeCompare(b.platformKey));
      const rows = runs.map((run) => [
        run.meta.version,
        run.meta.shard ? `${run.meta.platformId} (shard ${run.meta.shard})` : run.meta.platformId,
        run.meta.timestamp ? new Date(run.meta.timestamp * 1000).toISOString().replace('T', ' ').slice(0, 19) : '—',
        run.meta.backend,
        String(run.profileNames.length),
      ]);
      process.stdout.write(formatTable(['version', 'platform', 'stored (UTC)', 'backend', 'profiles'], rows));
    });
}

function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
