/**
 * The PDF's text font: Helvetica, one of the standard fonts every PDF viewer carries (PDF 1.7,
 * section 9.6.2.2). Nothing is embedded and pdfkit sets it from its metrics alone: no font file
 * to parse, no OpenType shaping per string, no subset to write. A standard font draws the
 * characters of WinAnsiEncoding (PDF 1.7, Annex D: ASCII, Latin-1 and a few marks such as
 * – — … ‰ €); text with other characters is set in Roboto (see pdf/font-fallback.ts).
 */
export const STANDARD_FAMILY = 'Helvetica';

/** The font family of chart text (pdfmake sets an SVG text in the first family it knows). */
export const CHART_FONT_FAMILY = `${STANDARD_FAMILY}, sans-serif`;

/** The faces of the family, as pdfkit names them. */
export const STANDARD_FACES = {
  normal: 'Helvetica',
  bold: 'Helvetica-Bold',
  italics: 'Helvetica-Oblique',
  bolditalics: 'Helvetica-BoldOblique',
} as const;

/** The characters WinAnsiEncoding has beyond ASCII and Latin-1 (its codes 0x80–0x9F), as code points. */
const WIN_ANSI_BEYOND_LATIN1 = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** The blocks WinAnsiEncoding has whole: ASCII without DEL, and Latin-1's printable half. */
const WIN_ANSI_RANGES: ReadonlyArray<readonly [first: number, last: number]> = [
  [0x00, 0x7e],
  [0xa0, 0xff],
];

const unicodeEscape = (code: number): string => `\\u${code.toString(16).padStart(4, '0')}`;

/** Text the standard font draws entirely, as one test (the common case then looks at no character by itself). */
const ALL_WIN_ANSI = new RegExp(
  `^[${WIN_ANSI_RANGES.map(([first, last]) => `${unicodeEscape(first)}-${unicodeEscape(last)}`).join('')}${[...WIN_ANSI_BEYOND_LATIN1].map(unicodeEscape).join('')}]*$`,
);

/**
 * Whether the standard font sets this character. Controls, spaces and line breaks count as
 * set: they draw no glyph in any font.
 */
export function inStandardFont(codePoint: number): boolean {
  return WIN_ANSI_RANGES.some(([first, last]) => codePoint >= first && codePoint <= last) || WIN_ANSI_BEYOND_LATIN1.has(codePoint);
}

export function allInStandardFont(text: string): boolean {
  return ALL_WIN_ANSI.test(text);
}
