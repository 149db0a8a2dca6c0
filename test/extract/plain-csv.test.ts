import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { plainCsvRows } from '../../src/extract/plain-csv.js';

const parsed = (text: string, separator: string): string[][] =>
  parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, delimiter: separator, quote: false }) as string[][];

describe('quote-free CSV read by a split', () => {
  const texts: Array<[string, string, string]> = [
    ['header and rows, final newline', ',', 'name,src_file,src_line\na,x.ts,1\nb > c,y.ts,2\n'],
    ['no final newline, empty fields', ',', 'name,src_file,src_line\na,,1\n,y.ts,'],
    ['a BOM and empty lines between rows', ',', '\ufeffname,src_file\n\na,x.ts\n\n\nb,y.ts\n'],
    ['rows of other lengths', ',', 'a,b,c\n1,2\n1,2,3,4\n'],
    ['semicolons, with commas as data', ';', 'name;src_file\nf(a, b);x.ts\n'],
    ['tabs and spaces kept as they are', '\t', 'name\tsrc_file\n  padded \tx.ts\n'],
    ['non-ASCII names', ',', 'name,src_file\n日本語 テスト,ü.ts\n'],
  ];
  for (const [what, separator, text] of texts) {
    it(`${what}: the rows csv-parse gives`, () => {
      expect(plainCsvRows(text, separator)).toEqual(parsed(text, separator));
    });
  }

  it('a text with a quote or a carriage return is left to the parser', () => {
    expect(plainCsvRows('name\n"quoted"\n', ',')).toBeUndefined();
    expect(plainCsvRows('name,src\r\na,b\r\n', ',')).toBeUndefined();
  });
});
