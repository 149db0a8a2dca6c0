import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { openFontFile } from '../font-files.js';
import { allInStandardFont, inStandardFont } from '../standard-font.js';

/**
 * Text the report's standard font (Helvetica, WinAnsi characters only) cannot draw: Greek
 * letters and math signs (Δ, σ, ∞, ≥, →), other scripts, CJK zone names, emoji. pdfmake has no
 * per-glyph fallback, so the document is rewritten before layout: every run of characters
 * outside the standard font is set in Roboto (Latin, Greek, Cyrillic and most signs), a run
 * Roboto lacks too in a CJK font of the machine when it has them, and the characters no font
 * has are counted, for a line in the footer instead of silent empty boxes.
 */

/** The embedded family for what the standard font lacks (the TTFs shipped with pdfmake). */
export const ROBOTO_FAMILY = 'Roboto';
/** The same faces for chart labels, which pdfkit opens by path (see fonts.ts). */
export const ROBOTO_SVG_FAMILY = 'RobotoLabels';

/** A font file, with the PostScript name of the face to use when the file is a collection (.ttc). */
export type FontFace = [path: string, postscriptName?: string];

export interface FallbackFont {
  /** The family name the document uses for it. */
  family: string;
  normal: FontFace;
  bold: FontFace;
}

export const FALLBACK_FAMILY = 'CjkFallback';

/**
 * The same font for chart labels. pdfmake hands an SVG text's font to pdfkit as one argument,
 * which cannot name a face of a collection; pdfkit keeps every face it has loaded under its
 * PostScript name, so this family is that name: the face the text family loaded (see
 * `FontFallback.svgUsed`).
 */
export const FALLBACK_SVG_FAMILY = 'CjkFallbackSvg';

/** Where Debian and most distributions put a CJK font, for machines without fontconfig. */
const KNOWN_FONTS: ReadonlyArray<{ normal: FontFace; bold?: FontFace }> = [
  { normal: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKjp-Regular'], bold: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', 'NotoSansCJKjp-Bold'] },
  { normal: ['/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', 'NotoSansCJKjp-Regular'], bold: ['/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', 'NotoSansCJKjp-Bold'] },
  { normal: ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'WenQuanYiMicroHei'] },
  { normal: ['/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf'] },
];

interface FontconfigFace {
  path: string;
  postscriptName: string;
  style: string;
}

/** CJK faces fontconfig knows, as `fc-list :lang=ja` lists them; none without fontconfig. */
function fontconfigFaces(): FontconfigFace[] {
  try {
    const listing = execFileSync('fc-list', ['-f', '%{file}|%{postscriptname}|%{style}\n', ':lang=ja'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
    return listing
      .split('\n')
      .map((line) => line.split('|'))
      .filter((parts): parts is [string, string, string] => parts.length === 3 && /\.(ttc|otf|ttf)$/i.test(parts[0] ?? ''))
      .map(([path, postscriptName, style]) => ({ path, postscriptName, style }));
  } catch {
    return [];
  }
}

/** Sans before serif, proportional before mono, the Japanese face of a collection first (one pick, every time). */
function rank(face: FontconfigFace): number {
  const name = face.postscriptName;
  return (/Mono/i.test(name) ? 4 : 0) + (/Serif|Mincho|Ming|Song/i.test(name) ? 2 : 0) + (/jp-|JP-/.test(name) ? 0 : 1);
}

function usable(face: FontFace): boolean {
  try {
    const font = openFontFile(face[0], face[1]);
    return font !== null && 'hasGlyphForCodePoint' in font && font.hasGlyphForCodePoint(0x65e5); // 日
  } catch {
    return false;
  }
}

let found: FallbackFont | null | undefined;

/** A CJK font installed on this machine (fontconfig first, then known paths), looked up once per process. */
export function findCjkFont(): FallbackFont | undefined {
  if (found !== undefined) return found ?? undefined;
  found = null;
  const faces = fontconfigFaces();
  const regular = faces.filter((face) => /regular|book|normal|medium/i.test(face.style)).sort((a, b) => rank(a) - rank(b) || a.postscriptName.localeCompare(b.postscriptName));
  for (const face of regular) {
    const normal: FontFace = [face.path, face.postscriptName];
    if (!usable(normal)) continue;
    const boldName = face.postscriptName.replace(/-(Regular|Book|Normal|Medium)$/, '-Bold');
    const boldFace = faces.find((candidate) => candidate.postscriptName === boldName);
    const bold: FontFace = boldFace ? [boldFace.path, boldFace.postscriptName] : normal;
    found = { family: FALLBACK_FAMILY, normal, bold };
    return found;
  }
  for (const known of KNOWN_FONTS) {
    if (!existsSync(known.normal[0]) || !usable(known.normal)) continue;
    const bold = known.bold && existsSync(known.bold[0]) && usable(known.bold) ? known.bold : known.normal;
    found = { family: FALLBACK_FAMILY, normal: known.normal, bold };
    return found;
  }
  return undefined;
}

type Font = { hasGlyphForCodePoint(codePoint: number): boolean };

function openFace(face: FontFace): Font {
  const font = openFontFile(face[0], face[1]);
  if (!font || !('hasGlyphForCodePoint' in font)) throw new Error(`${face[0]}: no font ${face[1] ?? ''} in it`);
  return font;
}

/** Which font draws a character: the standard font, Roboto, the CJK fallback, or none (then Roboto prints a box). */
export type FontChoice = 'standard' | 'roboto' | 'fallback' | 'none';

/** Which font draws each character, Roboto and the fallback opened only when a character needs them. */
export class GlyphCoverage {
  private roboto: Font | undefined;
  private fallback: { font: FallbackFont; glyphs: Font } | null | undefined;
  private readonly known = new Map<number, FontChoice>();

  /** The fallback is looked for only when a character needs it: most reports are Latin only. */
  constructor(private readonly robotoFace: () => FontFace, private readonly findFallback: () => FallbackFont | undefined) {}

  /** Opens Roboto ahead of a render: nearly every report has a Δ or ∞ in it. */
  prepare(): void {
    this.robotoGlyphs();
  }

  private robotoGlyphs(): Font {
    this.roboto ??= openFace(this.robotoFace());
    return this.roboto;
  }

  /** The fallback font, once some character needed it (undefined before, or when the machine has none). */
  get fallbackFont(): FallbackFont | undefined {
    return this.fallback?.font;
  }

  private fallbackGlyphs(): Font | undefined {
    if (this.fallback === undefined) {
      const font = this.findFallback();
      this.fallback = font ? { font, glyphs: openFace(font.normal) } : null;
    }
    return this.fallback?.glyphs;
  }

  fontFor(codePoint: number): FontChoice {
    if (inStandardFont(codePoint)) return 'standard';
    let choice = this.known.get(codePoint);
    if (choice === undefined) {
      if (this.robotoGlyphs().hasGlyphForCodePoint(codePoint)) choice = 'roboto';
      else if (this.fallbackGlyphs()?.hasGlyphForCodePoint(codePoint)) choice = 'fallback';
      else choice = 'none';
      this.known.set(codePoint, choice);
    }
    return choice;
  }
}

type Inline = string | { text: string; font?: string };

/** The family a run of characters is set in; undefined: the document's, the standard font. A character no font has is left to Roboto, whose box marks it. */
function familyOf(choice: FontChoice): string | undefined {
  if (choice === 'standard') return undefined;
  return choice === 'fallback' ? FALLBACK_FAMILY : ROBOTO_FAMILY;
}

/** Rewrites documents for one set of fonts, collecting the characters no font has. */
export class FontFallback {
  readonly missing = new Set<number>();
  /** A chart label was set in the fallback font: the document must load the face through text (see FALLBACK_SVG_FAMILY). */
  svgUsed = false;

  constructor(private readonly coverage: GlyphCoverage) {}

  /** Each character of `text` with the font that draws it (the missing ones collected); undefined when the standard font draws it all. */
  private choices(text: string): Array<[char: string, choice: FontChoice]> | undefined {
    if (allInStandardFont(text)) return undefined;
    const choices: Array<[string, FontChoice]> = [];
    for (const char of text) {
      const codePoint = char.codePointAt(0) as number;
      const choice = this.coverage.fontFor(codePoint);
      if (choice === 'none') this.missing.add(codePoint);
      choices.push([char, choice]);
    }
    return choices;
  }

  /** `text` as runs, each one set in another family than the standard font marked with it; undefined when the standard font draws it all. */
  private runs(text: string): Inline[] | undefined {
    const choices = this.choices(text);
    if (!choices) return undefined;
    const runs: Inline[] = [];
    const push = (run: string, family: string | undefined) => {
      if (run !== '') runs.push(family === undefined ? run : { text: run, font: family });
    };
    let current = '';
    let currentFamily: string | undefined;
    for (const [char, choice] of choices) {
      const family = familyOf(choice);
      if (family !== currentFamily) {
        push(current, currentFamily);
        current = '';
      }
      currentFamily = family;
      current += char;
    }
    push(current, currentFamily);
    return runs;
  }

  private inline(text: unknown): unknown {
    if (typeof text === 'string') return this.runs(text) ?? text;
    if (Array.isArray(text)) {
      return text.flatMap((part: unknown) => {
        if (typeof part === 'string') return this.runs(part) ?? [part];
        if (part && typeof part === 'object' && 'text' in part) return [{ ...part, text: this.inline((part as { text: unknown }).text) }];
        return [part];
      });
    }
    return text;
  }

  /** A node of pdfmake content, rewritten; strings that are nodes (table cells, stack items) become text nodes when they need the fallback. */
  node(node: unknown): unknown {
    if (typeof node === 'string') {
      const runs = this.runs(node);
      return runs ? { text: runs } : node;
    }
    if (Array.isArray(node)) return node.map((child) => this.node(child));
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = { ...(node as Record<string, unknown>) };
    if ('text' in out) out.text = this.inline(out.text);
    for (const key of ['stack', 'columns', 'ul', 'ol'] as const) if (Array.isArray(out[key])) out[key] = this.node(out[key]);
    const table = out.table as { body?: unknown[][] } | undefined;
    if (table && Array.isArray(table.body)) out.table = { ...table, body: table.body.map((row) => (Array.isArray(row) ? row.map((cell) => this.node(cell)) : row)) };
    if (typeof out.svg === 'string') out.svg = this.svg(out.svg);
    return out;
  }

  /**
   * Chart labels: a `<text>` element with characters the standard font lacks is set as a whole
   * in Roboto, or in the CJK fallback when it needs that (both have Latin too).
   */
  svg(svg: string): string {
    return svg.replace(/<text\b([^>]*)>([^<]*)<\/text>/g, (whole, attributes: string, content: string) => {
      const text = content.replace(/&(amp|lt|gt|quot|apos|#39|#x?[0-9a-f]+);/gi, (entity: string, name: string) => {
        const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };
        if (named[name.toLowerCase()] !== undefined) return named[name.toLowerCase()] as string;
        const code = name.toLowerCase().startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
      });
      const choices = this.choices(text);
      if (!choices) return whole;
      const fallback = choices.some(([, choice]) => choice === 'fallback');
      this.svgUsed ||= fallback;
      return `<text${attributes.replace(/font-family:[^;"]*/, `font-family:${fallback ? FALLBACK_SVG_FAMILY : ROBOTO_SVG_FAMILY}`)}>${content}</text>`;
    });
  }

  /** The whole document: content, and the running header and footer (functions of the page). */
  document(definition: TDocumentDefinitions): TDocumentDefinitions {
    const wrap = <F extends (...args: never[]) => unknown>(frame: F | undefined) =>
      frame ? (((...args: Parameters<F>) => this.node(frame(...args))) as unknown as F) : undefined;
    const header = wrap(definition.header as ((...args: never[]) => Content) | undefined);
    const footer = wrap(definition.footer as ((...args: never[]) => Content) | undefined);
    return {
      ...definition,
      content: this.node(definition.content) as Content,
      ...(header ? { header: header as TDocumentDefinitions['header'] } : {}),
      ...(footer ? { footer: footer as TDocumentDefinitions['footer'] } : {}),
    };
  }
}

/** The footer's line about characters no font could draw; undefined when there are none. */
export function missingGlyphNote(missing: ReadonlySet<number>, fallback: FallbackFont | undefined): string | undefined {
  if (missing.size === 0) return undefined;
  const codes = [...missing].sort((a, b) => a - b);
  const shown = codes.slice(0, 6).map((code) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
  const more = codes.length > shown.length ? ` and ${codes.length - shown.length} more` : '';
  const cjk = codes.some((code) => (code >= 0x2e80 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xfaff));
  const hint = cjk && !fallback ? '; install a CJK font (Debian: fonts-noto-cjk) to print CJK text' : '';
  const one = codes.length === 1;
  return `${codes.length} character${one ? ' has' : 's have'} no glyph in the report's fonts and print${one ? 's as an empty box' : ' as empty boxes'}: ${shown.join(', ')}${more}${hint}`;
}
