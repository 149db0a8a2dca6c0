// The part of fontkit (pdfkit's font library) the report uses; fontkit ships no types.
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): { advanceWidth: number };
  }
  export interface FontCollection {
    fonts: Font[];
  }
  /** A font, or the face named `postscriptName` of a collection (.ttc); a collection itself without a name. */
  export function openSync(path: string, postscriptName?: string): Font | FontCollection | null;
}
