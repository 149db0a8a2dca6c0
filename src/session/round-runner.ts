import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROUND_ENV, USER_ENV, type RoundAssignment } from '../environment.js';
import { messageOf } from '../errors.js';
import type { RoundOutcome } from './round-output.js';

/** A runner command that can be run again, as one more round of the same run. */
export interface RoundCommand {
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** This very process's command line: the runner with its own arguments and Node's flags. */
export function thisProcessCommand(): RoundCommand {
  return { command: process.execPath, args: [...process.execArgv, ...process.argv.slice(1)], cwd: process.cwd(), env: process.env };
}

export interface RoundRun {
  /** What the round recorded, or undefined when it left nothing (see `problem`). */
  outcome: RoundOutcome | undefined;
  /** The runner's exit code (1 when a test failed, as in any run). */
  exitCode: number;
  /** Why the round recorded nothing, with the last lines it printed. */
  problem?: string;
  wallMs: number;
}

/** Lines of a round's output kept for the message when it records nothing. */
const OUTPUT_TAIL_LINES = 15;

/**
 * Runs `command` as round `round`: the runner records as always, but leaves its statistics in
 * `directory` instead of storing them. Its output is kept, not shown: the user watches the
 * first round's and one progress line per round. The extra rounds use the embedded collector
 * (one Tracy capture per run is what a viewer wants).
 */
export async function runRound(command: RoundCommand, round: number, directory: string, signal?: AbortSignal): Promise<RoundRun> {
  const started = performance.now();
  const tail: string[] = [];
  const child = spawn(command.command, [...command.args], {
    cwd: command.cwd,
    env: {
      ...command.env,
      [ROUND_ENV.round]: String(round),
      [ROUND_ENV.directory]: directory,
      [USER_ENV.mode]: 'true',
      [USER_ENV.backend]: 'embedded',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // An orchestrator that stops (Ctrl-C) takes its round with it.
    ...(signal ? { signal, killSignal: 'SIGTERM' as const } : {}),
  });
  const keep = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exitCode = await new Promise<number>((resolve) => {
    child.once('error', (error) => {
      tail.push(messageOf(error));
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  const wallMs = performance.now() - started;
  const outcome = await readRoundFile(directory, round);
  if (outcome) return { outcome, exitCode, wallMs };
  return { outcome: undefined, exitCode, wallMs, problem: `round ${round} recorded nothing (exit ${exitCode}): ${tail.join(' | ')}` };
}

function roundFile(directory: string, round: number): string {
  return join(directory, `round-${round}.json`);
}

/** A round process's last act: its statistics for the orchestrator. */
export async function writeRoundFile(assignment: RoundAssignment, outcome: RoundOutcome): Promise<void> {
  await writeFile(roundFile(assignment.directory, assignment.round), JSON.stringify(outcome));
}

export async function readRoundFile(directory: string, round: number): Promise<RoundOutcome | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(roundFile(directory, round), 'utf8'));
  } catch {
    return undefined;
  }
  const outcome = parsed as Partial<RoundOutcome>;
  if (outcome.round !== round || !Array.isArray(outcome.projects) || typeof outcome.spanNs !== 'number') return undefined;
  return { round, spanNs: outcome.spanNs, projects: outcome.projects, missingFiles: Array.isArray(outcome.missingFiles) ? outcome.missingFiles : [] };
}
