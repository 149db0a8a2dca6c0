import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileInside, isHistoryFile, reportFileInside } from '../../src/fs/inside-directory.js';

describe('fileInside', () => {
  it('resolves a plain name, or a nested one, inside the directory', () => {
    expect(fileInside('/out', 'app.1.0.0.csv', 'the CSV')).toBe(resolve('/out/app.1.0.0.csv'));
    expect(fileInside('/out', join('app.projects', 'web.csv'), 'the CSV')).toBe(resolve('/out/app.projects/web.csv'));
  });

  it.each(['../escape.csv', '../../x', '/abs/path.pdf', '..', '.', '', 'a/../../b'])('refuses %j', (name) => {
    expect(() => fileInside('/out', name, 'the CSV')).toThrow(/the CSV ".*" would be outside the output directory/);
  });
});

describe('reportFileInside', () => {
  it.each(['profiles.h5', 'profiles.h5.lock', '.profiles.h5.123.abcd.tmp'])('never names the history or its lock and temp files: %s', (name) => {
    expect(isHistoryFile(name)).toBe(true);
    expect(() => reportFileInside('/out', name, 'the PDF report')).toThrow(/would overwrite the history profiles\.h5/);
  });

  it('allows other names', () => {
    expect(isHistoryFile('app.profiles.pdf')).toBe(false);
    expect(reportFileInside('/out', 'app.1.0.0.pdf', 'the PDF report')).toBe(resolve('/out/app.1.0.0.pdf'));
  });
});
