/**
 * Zone sites as Tracy's allocated source locations: the SourceLocationPayload bytes (Tracy's TracyWorker.cpp, AddSourceLocationPayload)
 * u32 colour 0x00RRGGBB, u32 line, function NUL, file NUL, zone name (no NUL; its length is
 * what is left of the payload). The capture de-duplicates identical payloads and aborts past
 * 32,767 distinct ones (SourceLocationOverflowFailure, TracyWorker.cpp L3763-3767), so past
 * that many distinct sites we fold every new one into a single overflow site and say so once.
 */

export interface ZoneSite {
  name: string;
  /** Defaults to the zone name. */
  function?: string;
  file: string;
  line: number;
  /** 0xRRGGBB; 0 (or absent) lets Tracy pick. */
  color?: number;
}

export interface SiteEntry {
  payload: Uint8Array;
}

/** The capture's limit on distinct payload source locations. */
export const MAX_DISTINCT_SITES = 32767;
/** Each text field is cut to this many bytes so a payload stays far below its u16 length. */
const MAX_FIELD_BYTES = 16000;

const OVERFLOW_SITE: ZoneSite = { name: '(zone sites beyond the 32,767 a Tracy capture holds)', function: 'perf-report', file: '', line: 0 };

const encoder = new TextEncoder();

function fieldBytes(text: string): Uint8Array {
  // A NUL inside a field would end it early on the capture side.
  const bytes = encoder.encode(text.includes('\0') ? text.replaceAll('\0', ' ') : text);
  if (bytes.length <= MAX_FIELD_BYTES) return bytes;
  let length = MAX_FIELD_BYTES;
  while (length > 0 && (bytes[length]! & 0xc0) === 0x80) length--;
  return bytes.subarray(0, length);
}

export function encodeSitePayload(site: ZoneSite): Uint8Array {
  const fn = fieldBytes(site.function ?? site.name);
  const file = fieldBytes(site.file);
  const name = fieldBytes(site.name);
  const payload = new Uint8Array(8 + fn.length + 1 + file.length + 1 + name.length);
  const view = new DataView(payload.buffer);
  view.setUint32(0, (site.color ?? 0) & 0xffffff, true);
  view.setUint32(4, Math.max(0, Math.trunc(site.line)) >>> 0, true);
  let at = 8;
  payload.set(fn, at);
  at += fn.length + 1;
  payload.set(file, at);
  at += file.length + 1;
  payload.set(name, at);
  return payload;
}

export class SiteTable {
  /** Callers usually pass the same site object again: an identity hit skips building a key. */
  private readonly byObject = new WeakMap<ZoneSite, SiteEntry>();
  private readonly byKey = new Map<string, SiteEntry>();
  private overflow: SiteEntry | undefined;
  private folded = 0;

  constructor(
    private readonly log: (line: string) => void,
    private readonly limit = MAX_DISTINCT_SITES,
  ) {}

  get distinct(): number {
    return this.byKey.size + (this.overflow ? 1 : 0);
  }

  /** Distinct sites folded into the overflow site. */
  get foldedSites(): number {
    return this.folded;
  }

  entry(site: ZoneSite): SiteEntry {
    const known = this.byObject.get(site);
    if (known) return known;
    const key = `${site.line}\u0001${site.color ?? 0}\u0001${site.function ?? site.name}\u0001${site.file}\u0001${site.name}`;
    let entry = this.byKey.get(key);
    if (!entry) {
      // One slot stays free for the overflow site itself.
      if (this.byKey.size >= this.limit - 1) return this.fold(site);
      entry = { payload: encodeSitePayload(site) };
      this.byKey.set(key, entry);
    }
    this.byObject.set(site, entry);
    return entry;
  }

  private fold(site: ZoneSite): SiteEntry {
    if (!this.overflow) {
      this.overflow = { payload: encodeSitePayload(OVERFLOW_SITE) };
      this.log(
        `tracy: more than ${this.limit - 1} distinct zone sites; zones of further sites (first: ${site.name} at ${site.file}:${site.line}) ` +
          'are shown under one overflow site, because a Tracy capture aborts past 32,767 source locations',
      );
    }
    this.folded++;
    this.byObject.set(site, this.overflow);
    return this.overflow;
  }
}
