import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';

/** A part of the document that may fail on its own. `build` makes fresh content on every call:
 * pdfmake writes its layout state into the nodes it is given, so a retry must not reuse them. */
export interface ReportSection {
  name: string;
  build: () => Content[];
}

export interface RenderedDocument<T> {
  pdf: Buffer;
  /** What `compose` returned for the document that rendered. */
  composed: T;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Renders the whole document; if that fails, renders each section alone to find the ones
 * that break it, replaces those by `replacement` (a note saying why) and renders again. The
 * usual path pays for one layout; `failed` collects each replaced section's reason.
 */
export async function renderIsolatingFailures<T extends { definition: TDocumentDefinitions }>(
  sections: ReadonlyArray<ReportSection>,
  compose: (sections: ReadonlyArray<ReportSection>) => T,
  render: (definition: TDocumentDefinitions) => Promise<Buffer>,
  replacement: (name: string, reason: string) => ReportSection,
  failed: Map<string, string>,
): Promise<RenderedDocument<T>> {
  const whole = compose(sections);
  try {
    return { pdf: await render(whole.definition), composed: whole };
  } catch (wholeError) {
    const kept: ReportSection[] = [];
    for (const section of sections) {
      try {
        // The page frame without other sections, and this section alone as content.
        await render({ ...compose([]).definition, content: section.build() });
        kept.push(section);
      } catch (error) {
        failed.set(section.name, reasonOf(error));
        kept.push(replacement(section.name, reasonOf(error)));
      }
    }
    if (kept.every((section, index) => section === sections[index])) throw wholeError; // not a section's fault
    const retried = compose(kept);
    return { pdf: await render(retried.definition), composed: retried };
  }
}
