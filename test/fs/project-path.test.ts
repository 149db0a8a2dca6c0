import { describe, expect, it } from 'vitest';
import { projectPath, projectPathInside } from '../../src/fs/project-path.js';

describe('projectPath', () => {
  it('makes absolute paths root-relative with forward slashes and leaves others alone', () => {
    expect(projectPath('/proj/test/a.test.ts', '/proj')).toBe('test/a.test.ts');
    expect(projectPath('/elsewhere/setup.ts', '/proj')).toBe('../elsewhere/setup.ts');
    expect(projectPath('', '/proj')).toBe('');
    expect(projectPath('node:internal', '/proj')).toBe('node:internal');
  });
});

describe('projectPathInside', () => {
  it('keeps a file outside the project absolute, including a sibling whose name starts with two dots', () => {
    expect(projectPathInside('/proj/src/a.ts', '/proj')).toBe('src/a.ts');
    expect(projectPathInside('/elsewhere/setup.ts', '/proj')).toBe('/elsewhere/setup.ts');
    expect(projectPathInside('/proj/..hidden/a.ts', '/proj')).toBe('..hidden/a.ts');
    expect(projectPathInside('node:fs', '/proj')).toBe('node:fs');
  });
});
