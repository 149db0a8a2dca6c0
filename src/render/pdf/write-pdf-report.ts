import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  type RunComparison,
  type FunctionProfileComparison,
  type ProfileComparison,
} from '../../compare/comparison.js';
import { workError } from '../../errors.js';
import type { StoredRun } from '../../model/run.js';
import type { RunHistory } from '../../compare/history.js';
import { historyPage, MIN_RUNS as MIN_HISTORY_RUNS } from './history-page.js';
import { printable } from '../labels.js';
import { pdfmakeWithFonts, robotoFontFace } from './fonts.js';
import { findCjkFont, FontFallback, GlyphCoverage, missingGlyphNote, type FallbackFont } from './font-fallback.js';
import { pageFrame } from './page-frame.js';
import { platformTable } from './platform-table.js';
import { drawFunctionChart } from './function-charts.js';
import { functionProfileSection } from './function-section.js';
import { functionReportTitle, functionSummaryPage } from './function-summary-page.js';
import { drawProfileChart } from './profile-charts.js';
import { failedProfileNote, profileSection } from './profile-section.js';
import { reportTitle, summaryPage } from './summary-page.js';
import { renderIsolatingFailures, type RenderedDocument, type ReportSection } from './render-isolating-failures.js';
import { COLORS, PAGE, STYLES } from './theme.js';
import { writeRenderedPdf } from './write-rendered-pdf.js';
import { loadEcharts } from '../chart/echarts-loader.js';
import { STANDARD_FAMILY } from '../standard-font.js';

export interface PdfReportInput {
  projectName: string;
  current: StoredRun;
  baseline?: StoredRun;
  /** Zones (tracy, embedded) or functions (cpuprofile): page 1 and the sections follow its kind. */
  comparison: RunComparison;
  /** The stored runs' history: a page of the confirmed changes over it (see history-page.ts). */
  history?: RunHistory;
  outFile: string;
  /** The font for text neither Helvetica nor Roboto can draw: default the CJK font found on the machine; null for none. */
  fallbackFont?: FallbackFont | null;
}

export interface PdfReportResult {
  pages?: number;
  /** Profiles replaced (wholly, or their chart) by a note because they could not be rendered. */
  failedProfiles: string[];
  /** Why each of them failed, for the CLI's warnings. */
  failures: Array<{ profile: string; reason: string }>;
  /** Characters no font of the report could draw (the footer names them). */
  missingGlyphs: number[];
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Page 1 and the document title, for the kind of comparison the report shows. */
function summaryOf(input: PdfReportInput): { title: string; content: Content[] } {
  const { comparison, ...rest } = input;
  if (comparison.kind === 'functions') {
    const summary = { ...rest, comparison };
    return { title: functionReportTitle(summary), content: functionSummaryPage(summary) };
  }
  const summary = { ...rest, comparison };
  return { title: reportTitle(summary), content: summaryPage(summary) };
}

const coverages = new Map<FallbackFont | 'machine' | 'none', GlyphCoverage>();

/** Glyph look-ups, kept per process: opening a font costs tens of ms. `undefined`: the machine's CJK font. */
function coverageFor(choice: FallbackFont | null | undefined): GlyphCoverage {
  const key = choice === undefined ? 'machine' : (choice ?? 'none');
  let coverage = coverages.get(key);
  if (!coverage) {
    coverage = new GlyphCoverage(robotoFontFace, choice === undefined ? findCjkFont : () => choice ?? undefined);
    coverages.set(key, coverage);
  }
  return coverage;
}

function composeDocument(input: PdfReportInput, sections: ReadonlyArray<ReportSection>) {
  const summary = summaryOf(input);
  const coverage = coverageFor(input.fallbackFont);
  const fonts = new FontFallback(coverage);
  const content = fonts.node([
    ...summary.content,
    ...historyContent(input),
    { text: 'Platform', style: 'heading', pageBreak: 'before' },
    platformTable(input.current, input.baseline),
    ...sections.flatMap((section) => section.build()),
  ]) as Content[];
  const fallback = coverage.fallbackFont;
  if (fonts.svgUsed && fallback) {
    // A chart label in the fallback font finds the face only once text has loaded it: one space in it after the title does.
    content.splice(1, 0, { text: ' ', font: fallback.family, fontSize: 1, margin: [0, 0, 0, 0] });
  }
  // The running header holds the project's name: its characters count too.
  fonts.node(pageFrame(input.projectName, input.comparison.currentVersion, input.current.meta.timestamp).header(1));
  const missing = [...fonts.missing];
  const frame = pageFrame(input.projectName, input.comparison.currentVersion, input.current.meta.timestamp, missingGlyphNote(fonts.missing, fallback));
  const definition: TDocumentDefinitions = fonts.document({
    pageSize: PAGE.size,
    pageOrientation: PAGE.orientation,
    pageMargins: PAGE.margins,
    info: { title: summary.title, creator: 'perf-report', producer: 'perf-report (pdfmake)' },
    defaultStyle: { font: STANDARD_FAMILY, fontSize: 9, color: COLORS.text },
    styles: STYLES,
    header: frame.header,
    footer: frame.footer,
    content: [],
  });
  definition.content = content;
  return { definition, frame, missing, fallback };
}

/** The history page; a failure there costs the page, not the report. */
function historyContent(input: PdfReportInput): Content[] {
  try {
    return historyPage(input.comparison, input.history);
  } catch (error) {
    return [{ text: `The history page could not be drawn: ${printable(reasonOf(error))}`, style: 'note', color: COLORS.regression, pageBreak: 'before' }];
  }
}

async function renderDefinition(definition: TDocumentDefinitions, fallback: FallbackFont | undefined): Promise<Buffer> {
  return pdfmakeWithFonts(fallback).createPdf(definition).getBuffer();
}

function failedSection(name: string, reason: string): ReportSection {
  return { name, build: () => failedProfileNote(name, reason) };
}

/**
 * One profile's section. The chart is drawn once and the content built once up front, so a
 * data problem fails here, with the profile's name, not mid-layout; later layout attempts
 * rebuild the content. A failure turns the section into a note.
 */
function sectionFor<Profile extends { name: string }, Chart>(
  profile: Profile,
  draw: (profile: Profile) => Chart,
  build: (profile: Profile, chart: Chart) => Content[],
  failed: Map<string, string>,
): ReportSection {
  try {
    const chart = draw(profile);
    if (chart && typeof chart === 'object' && 'error' in chart) failed.set(profile.name, `chart: ${String(chart.error)}`);
    let firstBuild: Content[] | undefined = build(profile, chart);
    const rebuild = () => {
      const content = firstBuild ?? build(profile, chart);
      firstBuild = undefined;
      return content;
    };
    return { name: profile.name, build: rebuild };
  } catch (error) {
    failed.set(profile.name, reasonOf(error));
    return failedSection(profile.name, reasonOf(error));
  }
}

function profileReportSection(profile: ProfileComparison, compared: boolean, failed: Map<string, string>): ReportSection {
  return sectionFor(profile, (p) => drawProfileChart(p, compared), (p, chart) => profileSection({ profile: p, chart, compared }), failed);
}

function functionReportSection(profile: FunctionProfileComparison, compared: boolean, failed: Map<string, string>): ReportSection {
  return sectionFor(profile, (p) => drawFunctionChart(p, compared), (p, chart) => functionProfileSection({ profile: p, chart, compared }), failed);
}

function reportSections(comparison: RunComparison, failed: Map<string, string>): ReportSection[] {
  const compared = comparison.baselineVersion !== undefined;
  if (comparison.kind === 'functions') {
    return comparison.profiles
      .filter((profile) => profile.presence !== 'baseline-only')
      .map((profile) => functionReportSection(profile, compared, failed));
  }
  return comparison.profiles
    .filter((profile) => profile.presence !== 'baseline-only')
    .map((profile) => profileReportSection(profile, compared, failed));
}

/** A rendered report: the PDF's bytes and what its rendering found. */
export interface RenderedPdfReport {
  pdf: Buffer;
  result: PdfReportResult;
}

/**
 * Renders the PDF report: a summary page, the platforms, then one section per profile. A profile
 * that cannot be rendered is replaced by a note saying why; the rest is still rendered (the
 * original tool lost the whole PDF to one `^`). `outFile` only names the report in errors.
 */
export async function renderPdfReport(input: PdfReportInput): Promise<RenderedPdfReport> {
  const failed = new Map<string, string>();
  // Function charts and the history page are drawn with ECharts; zone charts are not, and a
  // history too short for its page (a first run, a run and its baseline) draws nothing.
  if (input.comparison.kind === 'functions' || (input.history?.runs.length ?? 0) >= MIN_HISTORY_RUNS) await loadEcharts();
  const sections = reportSections(input.comparison, failed);

  let rendered: RenderedDocument<ReturnType<typeof composeDocument>>;
  try {
    rendered = await renderIsolatingFailures(
      sections,
      (kept) => composeDocument(input, kept),
      (definition) => renderDefinition(definition, coverageFor(input.fallbackFont).fallbackFont),
      failedSection,
      failed,
    );
  } catch (error) {
    throw workError(input.outFile, `the PDF report could not be rendered: ${reasonOf(error)}`, error);
  }
  const pages = rendered.composed.frame.pageCount();
  return {
    pdf: rendered.pdf,
    result: {
      ...(pages !== undefined ? { pages } : {}),
      failedProfiles: [...failed.keys()],
      failures: [...failed].map(([profile, reason]) => ({ profile, reason })),
      missingGlyphs: rendered.composed.missing,
    },
  };
}

/** Renders the PDF report (see renderPdfReport) and writes it to `input.outFile`. */
export async function writePdfReport(input: PdfReportInput): Promise<PdfReportResult> {
  const { pdf, result } = await renderPdfReport(input);
  await writeRenderedPdf(input.outFile, pdf);
  return result;
}

/**
 * Loads what a first render needs before it is asked for: pdfmake's fonts (Roboto's faces
 * realigned) and Roboto's glyph look-ups (opening a font costs tens of ms). The renderer
 * process calls it while it waits.
 */
export function prepareRendering(): void {
  pdfmakeWithFonts();
  coverageFor(undefined).prepare();
}
