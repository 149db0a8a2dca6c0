import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTracyCsv } from '../../src/extract/tracy-csv.js';
import { tracyFixtures } from '../support/fixtures.js';

const HEADER = 'name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns,std_ns';
const parseText = (text: string) => parseTracyCsv(Buffer.from(text, 'utf8'), 'x.csv');
const fixture = (name: string) => parseTracyCsv(readFileSync(join(tracyFixtures, name)), name);

describe('parseTracyCsv on real tracy-csvexport output', () => {
  it('reads all 40 zones with their values', () => {
    const zones = fixture('app.1.0.0.csv');
    expect(zones).toHaveLength(40);
    expect(zones.find((zone) => zone.name === 'db > select with index')).toEqual({
      name: 'db > select with index',
      srcFile: 'test/db.test.ts',
      srcLine: 46,
      totalNs: 5389450,
      totalPerc: 1.190344,
      counts: 20,
      meanNs: 269472,
      minNs: 253796,
      maxNs: 287879,
      stdNs: 9146.203152,
    });
  });

  it('repairs the unquoted comma in a zone name', () => {
    const zone = fixture('app.1.0.0.csv').find((z) => z.srcLine === 31);
    expect(zone?.name).toBe('parser > handles, commas in names');
    expect(zone?.counts).toBe(12);
    expect(zone?.meanNs).toBe(725477);
  });

  it('keeps non-ASCII names intact', () => {
    expect(fixture('app.1.0.0.csv').map((z) => z.name)).toContain('unicode > µs → 日本語 ✓');
  });

  it('ignores the extra columns of --truncated_mean output', () => {
    const plain = fixture('app.1.0.0.csv');
    const withPercentiles = fixture('app.1.0.0.tmean.csv');
    expect(withPercentiles).toEqual(plain);
  });

  it('detects a semicolon separator (-s ";")', () => {
    expect(fixture('app.1.0.0.semicolon.csv')).toEqual(fixture('app.1.0.0.csv'));
  });

  it('reads self-time (-e) output', () => {
    const self = fixture('app.1.0.0.self.csv');
    expect(self).toHaveLength(40);
    expect(self.find((z) => z.srcLine === 31)?.name).toBe('parser > handles, commas in names');
  });
});

describe('parseTracyCsv on hand-made input', () => {
  const row = 'alpha,src/a.ts,3,3000,1.5,3,1000,900,1100,81.649658';

  it('tolerates a BOM and CRLF line ends', () => {
    const zones = parseText(`\uFEFF${HEADER}\r\n${row}\r\n`);
    expect(zones).toHaveLength(1);
    expect(zones[0]?.name).toBe('alpha');
    expect(zones[0]?.stdNs).toBeCloseTo(81.649658);
  });

  it('reads quoted fields, with a comma or a newline inside', () => {
    const zones = parseText(`${HEADER}\n"a, b",src/a.ts,3,3000,1.5,3,1000,900,1100,0\n"two\nlines",src/a.ts,4,3000,1.5,3,1000,900,1100,0\n`);
    expect(zones.map((z) => z.name)).toEqual(['a, b', 'two\nlines']);
  });

  it('reads a zone name starting with a quote as data, as tracy-csvexport writes it raw', () => {
    // tracy-csvexport never quotes: `"` is part of the name, and a comma in it is rejoined.
    const zones = parseText(`${HEADER}\n"unclosed, zone,src/a.ts,3,3000,1.5,3,1000,900,1100,0\n"x",src/a.ts,4,3000,1.5,3,1000,900,1100,0\nok,src/a.ts,5,3000,1.5,3,1000,900,1100,0\n`);
    expect(zones.map((z) => z.name)).toEqual(['"unclosed, zone', '"x"', 'ok']);
  });

  it('reads a file that parses strictly but quotes a field no writer of ours would as tracy-csvexport wrote it', () => {
    // `"x"` reads as x under RFC 4180, but our writer would not quote x: the quotes are csvexport's data.
    const zones = parseText(`${HEADER}\n"x",src/a.ts,4,3000,1.5,3,1000,900,1100,0\n"say ""hi""",src/a.ts,3,3000,1.5,3,1000,900,1100,0\n`);
    expect(zones.map((z) => z.name)).toEqual(['"x"', '"say ""hi"""']);
  });

  it('reads the quoting of our own writer (a field quoted only where it needs it) as RFC 4180', () => {
    const zones = parseText(`${HEADER}\n"say ""hi""",src/a.ts,3,3000,1.5,3,1000,900,1100,0\n`);
    expect(zones.map((z) => z.name)).toEqual(['say "hi"']);
  });

  it('finds columns by name, in any order', () => {
    const zones = parseText('counts,name,src_file,src_line,total_ns,total_perc,mean_ns,min_ns,max_ns,std_ns,extra\n3,beta,b.ts,1,30,0.1,10,9,11,1,zzz\n');
    expect(zones[0]).toMatchObject({ name: 'beta', counts: 3, meanNs: 10 });
  });

  it('gives an empty profile for a header without rows', () => {
    expect(parseText(`${HEADER}\n`)).toEqual([]);
  });

  it.each([
    ['an empty file', '', /x\.csv: empty file/],
    ['a header of another format', 'a,b,c\n1,2,3\n', /x\.csv: first line is not a tracy-csvexport header/],
    ['a missing column', 'name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns\nz,f,1,1,1,1,1,1,1\n', /x\.csv: missing column std_ns/],
    ['a non-numeric cell', `${HEADER}\nz,f,1,1,1,many,1,1,1,1\n`, /x\.csv: row 2, column counts: "many", not a whole number/],
    ['a negative count', `${HEADER}\nz,f,1,1,1,-4,1,1,1,1\n`, /x\.csv: row 2, column counts: a negative value/],
    ['an unquoted line break in a name', `${HEADER}\nfirst\nsecond,f,1,1,1,1,1,1,1,1\n`, /x\.csv: row 2 has 1 fields, the header has 10/],
    ['surplus fields that do not leave numbers', `${HEADER}\nz,f,1,1,1,1,1,1,1,1,oops\n`, /x\.csv: row 2 has 11 fields, the header has 10, and joining/],
    ['per-event (-u) output', 'name,src_file,src_line,ns_since_start,exec_time_ns,thread,value\nz,f,1,5,5,1,\n', /tracy-csvexport -u output/],
  ])('rejects %s with a message naming the file and the cause', (_what, text, message) => {
    expect(() => parseText(text)).toThrow(message);
  });

  it('rejects bytes that are not UTF-8, saying where', () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\nna`), Buffer.from([0xff, 0xfe]), Buffer.from('me,f,1,1,1,1,1,1,1,1\n')]);
    expect(() => parseTracyCsv(bytes, 'bad.csv')).toThrow(`bad.csv: not valid UTF-8 (first bad byte at offset ${HEADER.length + 3})`);
  });
});
