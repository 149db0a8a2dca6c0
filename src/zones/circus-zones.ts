import type { Circus } from '@jest/types';
import { projectPath } from '../fs/project-path.js';
import { userFrame } from './call-site.js';
import type { Recorder } from './recorder.js';
import { stableTitle } from './stable-title.js';
import { TitleLines } from './title-lines.js';

const ROOT = 'ROOT_DESCRIBE_BLOCK';

/**
 * jest-circus's test events as zones, named and placed like the Vitest ones (see task-zones.ts):
 * a test (`describe > … > test`, hooks included) per attempt, each hook, each describe block and
 * the file run. Concurrent tests (`test.concurrent`) are not separated into lanes here: Jest
 * runs their bodies before the sequential part, and their zones are recorded flat on lane 0.
 */
export class CircusZones {
  private readonly open = new Map<object, number>();
  private readonly ownHooks = new WeakMap<object, boolean>();
  private readonly describeLines = new WeakMap<object, number>();
  /** A hook runs once per test of its block: its line is read from its stack once (Jest source-maps every stack it formats). */
  private readonly hookLines = new WeakMap<object, number>();
  private titles: TitleLines | undefined;

  constructor(
    private readonly recorder: Recorder,
    private readonly root: string,
    private readonly testPath: string,
  ) {}

  handle(event: Circus.Event): void {
    switch (event.name) {
      case 'run_describe_start':
        this.begin(event.describeBlock, this.describeName(event.describeBlock), this.describeLine(event.describeBlock));
        return;
      case 'run_describe_finish':
        this.end(event.describeBlock);
        return;
      case 'test_start':
        this.begin(event.test, this.testName(event.test), this.testLine(event.test));
        return;
      case 'test_done':
        this.end(event.test);
        return;
      case 'hook_start':
        if (this.isUserHook(event.hook)) this.begin(event.hook, this.hookName(event.hook), this.hookLine(event.hook));
        return;
      case 'hook_success':
      case 'hook_failure':
        this.end(event.hook);
        return;
      default:
    }
  }

  /** Everything of this file is sent; the reporter waits for it. */
  fileDone(): Promise<void> {
    return this.recorder.fileDone([this.testPath]);
  }

  private begin(owner: object, name: string, line: number): void {
    const location = this.recorder.location(name, this.testPath, line);
    this.open.set(owner, location);
    this.recorder.begin(location, 0);
  }

  private end(owner: object): void {
    const location = this.open.get(owner);
    if (location === undefined) return;
    this.open.delete(owner);
    this.recorder.end(location, 0);
  }

  /**
   * Jest registers its own hooks on the root block (mock resets); a root hook counts only when
   * it was registered from the test file (Jest's own are added by jest-circus itself, not by the test file).
   */
  private isUserHook(hook: Circus.Hook): boolean {
    if (hook.parent.name !== ROOT) return true;
    let own = this.ownHooks.get(hook);
    if (own === undefined) {
      own = userFrame(stackOf(hook.asyncError) ?? '', this.testPath)?.file === this.testPath;
      this.ownHooks.set(hook, own);
    }
    return own;
  }

  private hookLine(hook: Circus.Hook): number {
    let line = this.hookLines.get(hook);
    if (line === undefined) {
      line = this.line(hook.asyncError);
      this.hookLines.set(hook, line);
    }
    return line;
  }

  /**
   * A test is placed by the file's text where it can be: its title's first place after its
   * describe block's line (at the top level, a title the file writes once). The others
   * (`test.each`, titles built at run time) are placed by the test's registration stack:
   * reading it costs about a millisecond a test, as Jest source-maps every stack it formats,
   * which doubled the test run of a 1,000-test suite (bench/suite.bench.mjs).
   */
  private testLine(test: Circus.TestEntry): number {
    this.titles ??= TitleLines.ofFile(this.testPath);
    const fromText = test.parent.name === ROOT ? this.titles.uniqueLineOf(test.name) : this.titles.lineOf(test.name, this.describeLine(test.parent));
    return fromText ?? this.line(test.asyncError);
  }

  private line(error: unknown): number {
    // Not `instanceof Error`: the error comes from the test file's vm context, another realm.
    const stack = stackOf(error);
    const frame = stack ? userFrame(stack, this.testPath) : undefined;
    return frame?.file === this.testPath ? frame.line : 0;
  }

  /** circus keeps no registration site for describe blocks: their titles are found in the file's text. */
  private describeLine(block: Circus.DescribeBlock): number {
    if (block.name === ROOT) return 0;
    let line = this.describeLines.get(block);
    if (line === undefined) {
      const parentLine = block.parent ? this.describeLine(block.parent) : 0;
      this.titles ??= TitleLines.ofFile(this.testPath);
      line = this.titles.lineOf(block.name, parentLine) ?? parentLine;
      this.describeLines.set(block, line);
    }
    return line;
  }

  private testName(test: Circus.TestEntry): string {
    return [...this.ancestors(test.parent), stableTitle(test.name)].join(' > ');
  }

  private hookName(hook: Circus.Hook): string {
    return hook.parent.name === ROOT ? hook.type : `${this.ancestors(hook.parent).join(' > ')} > ${hook.type}`;
  }

  private describeName(block: Circus.DescribeBlock): string {
    return block.name === ROOT ? `run ${projectPath(this.testPath, this.root)}` : this.ancestors(block).join(' > ');
  }

  private ancestors(block: Circus.DescribeBlock | undefined): string[] {
    const names: string[] = [];
    for (let current = block; current && current.name !== ROOT; current = current.parent) names.unshift(current.name);
    return names;
  }
}

function stackOf(error: unknown): string | undefined {
  const stack = (error as { stack?: unknown } | undefined)?.stack;
  return typeof stack === 'string' ? stack : undefined;
}
