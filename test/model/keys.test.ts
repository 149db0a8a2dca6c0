import { describe, expect, it } from 'vitest';
import { validLabel, validVersion } from '../../src/model/keys.js';
import { pdfFileName } from '../../src/pipeline/output-names.js';

describe('validVersion', () => {
  it.each(['1.0.0', '1.2.0+abc1234.dirty', '2.0.0-rc.1', 'git'])('keeps %j as given', (version) => {
    expect(validVersion(version, '--version')).toBe(version);
  });

  it.each([
    ['1.0.0/../../../../escape', /holds a path separator/],
    ['1.0.0\\x', /holds a path separator/],
    ['1.0.0..', /holds "\.\."/],
    ['1.1.0\n', /holds a control character/],
    ['1.1.0\t', /holds a control character/],
    [' 1.1.0', /starts or ends with white space/],
    ['', /is empty/],
    ['.', /is "\."/],
  ])('refuses %j rather than trimming or rewriting it', (version, message) => {
    expect(() => validVersion(version, 'PERF_VERSION')).toThrow(message);
    expect(() => validVersion(version, 'PERF_VERSION')).toThrow(/^PERF_VERSION: version /);
  });
});

describe('validLabel', () => {
  it('allows a scoped package name (fileSafeName maps its /)', () => {
    expect(validLabel('@scope/app', 'the name option')).toBe('@scope/app');
  });

  it.each(['..', 'a\nb', '', 'x..y'])('refuses %j', (name) => {
    expect(() => validLabel(name, 'the name option')).toThrow(/^the name option: name /);
  });
});

describe('pdfFileName', () => {
  it('adds .pdf when missing', () => {
    expect(pdfFileName('regen', '--pdf-name')).toBe('regen.pdf');
    expect(pdfFileName('report.PDF', '--pdf-name')).toBe('report.PDF');
  });

  it.each([
    ['../../escape.pdf', /without \/ or \\/],
    ['/abs/path.pdf', /without \/ or \\/],
    ['sub\\x.pdf', /without \/ or \\/],
    ['profiles.h5', /would overwrite the history/],
    ['..', /is not a file name/],
  ])('refuses %j', (name, message) => {
    expect(() => pdfFileName(name, '--pdf-name')).toThrow(message);
  });
});
