import { describe, expect, it } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { pdfmakeWithFonts } from '../../src/render/pdf/fonts.js';
import { renderIsolatingFailures, type ReportSection } from '../../src/render/pdf/render-isolating-failures.js';

const render = (definition: TDocumentDefinitions) => pdfmakeWithFonts().createPdf(definition).getBuffer();
const compose = (sections: ReadonlyArray<ReportSection>) => ({
  definition: { content: sections.flatMap((section) => section.build()) } as TDocumentDefinitions,
  names: sections.map((section) => section.name),
});
const note = (name: string, reason: string): ReportSection => ({ name, build: () => [{ text: `${name} failed: ${reason}` }] });

describe('renderIsolatingFailures', () => {
  it('replaces only the section pdfmake cannot lay out and renders the rest', async () => {
    const failed = new Map<string, string>();
    let builds = 0;
    const sections: ReportSection[] = [
      { name: 'a', build: () => (builds++, [{ text: 'section a' }]) },
      { name: 'bad', build: () => [{ svg: '<not an svg' }] },
      { name: 'c', build: () => [{ text: 'section c' }] },
    ];
    const { pdf, composed } = await renderIsolatingFailures(sections, compose, render, note, failed);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect([...failed.keys()]).toEqual(['bad']);
    expect(failed.get('bad')).toMatch(/svg/i);
    expect(composed.names).toEqual(['a', 'bad', 'c']);
    // Content is rebuilt for every attempt: pdfmake writes layout state into the nodes it lays out.
    expect(builds).toBe(3);
  });

  it('rethrows when no single section is to blame', async () => {
    const failed = new Map<string, string>();
    const brokenFrame = () => ({ definition: { content: [{ text: 'x' }], pageSize: 'NOT-A-SIZE' } as unknown as TDocumentDefinitions });
    await expect(
      renderIsolatingFailures([{ name: 'a', build: () => [{ text: 'a' }] }], brokenFrame, async (d) => {
        if ((d as { pageSize?: string }).pageSize === 'NOT-A-SIZE') throw new Error('bad frame');
        return render(d);
      }, note, failed),
    ).rejects.toThrow('bad frame');
  });
});
