import { describe, expect, it } from 'vitest';
import { formatZoneCsv } from '../../src/collect/zone-csv.js';
import type { ZoneStat } from '../../src/model/zone-stat.js';
import { zone as zoneNamed } from '../support/runs.js';

const zone = (overrides: Partial<ZoneStat>): ZoneStat =>
  zoneNamed('math > adds', { srcFile: 'test/math.test.ts', srcLine: 12, stdNs: 81.64965809277261, ...overrides });

describe('formatZoneCsv', () => {
  it('writes tracy-csvexport header, integer ns and 6-decimal perc/std, LF-terminated', () => {
    expect(formatZoneCsv([zone({})])).toBe(
      'name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns,std_ns\n' +
        'math > adds,test/math.test.ts,12,3000,1.500000,3,1000,900,1100,81.649658\n',
    );
  });

  it('quotes only fields that need it', () => {
    const text = formatZoneCsv([zone({ name: 'parser > handles, commas' }), zone({ name: 'say "hi"' }), zone({ name: 'µs → 日本語' })]);
    const rows = text.split('\n');
    expect(rows[1]).toBe('"parser > handles, commas",test/math.test.ts,12,3000,1.500000,3,1000,900,1100,81.649658');
    expect(rows[2]?.startsWith('"say ""hi""",test/math.test.ts,')).toBe(true);
    expect(rows[3]?.startsWith('µs → 日本語,test/math.test.ts,12,')).toBe(true);
    expect(text.includes('\r')).toBe(false);
  });

  it('writes only the header for no zones', () => {
    expect(formatZoneCsv([])).toBe('name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns,std_ns\n');
  });
});
