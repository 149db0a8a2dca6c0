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
  /** A font from its file's bytes. */
  export function create(bytes: Uint8Array, postscriptName?: string): Font | FontCollection;
}
