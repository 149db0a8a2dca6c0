// The part of fontkit (pdfkit's font library) the font fallback uses; fontkit ships no types.
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export interface FontCollection {
    fonts: Font[];
  }
  /** A font, or the face named `postscriptName` of a collection (.ttc); a collection itself without a name. */
  export function openSync(path: string, postscriptName?: string): Font | FontCollection | null;
}
