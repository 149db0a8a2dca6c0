import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  type RunComparison,
  type FunctionProfileComparison,
  type ProfileComparison,
} from '../../compare/comparison.js';
import { workError } from '../../errors.js';
import type { StoredRun } from '../../model/run.js';
import { pdfmakeWithFonts } from './fonts.js';
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
import { writeFileAtomic } from '../../fs/atomic-write.js';

export interface PdfReportInput {
  projectName: string;
  current: StoredRun;
  baseline?: StoredRun;
  /** Zones (tracy, embedded) or functions (cpuprofile): page 1 and the sections follow its kind. */
  comparison: RunComparison;
  outFile: string;
}

export interface PdfReportResult {
  pages?: number;
  /** Profiles replaced (wholly, or their chart) by a note because they could not be rendered. */
  failedProfiles: string[];
  /** Why each of them failed, for the CLI's warnings. */
  failures: Array<{ profile: string; reason: string }>;
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

function composeDocument(input: PdfReportInput, sections: ReadonlyArray<ReportSection>) {
  const summary = summaryOf(input);
  const frame = pageFrame(input.projectName, input.comparison.currentVersion, input.current.meta.timestamp);
  const definition: TDocumentDefinitions = {
    pageSize: PAGE.size,
    pageOrientation: PAGE.orientation,
    pageMargins: PAGE.margins,
    info: { title: summary.title, creator: 'perf-report', producer: 'perf-report (pdfmake)' },
    defaultStyle: { font: 'Roboto', fontSize: 9, color: COLORS.text },
    styles: STYLES,
    header: frame.header,
    footer: frame.footer,
    content: [
      ...summary.content,
      { text: 'Platform', style: 'heading', pageBreak: 'before' },
      platformTable(input.current, input.baseline),
      ...sections.flatMap((section) => section.build()),
    ],
  };
  return { definition, frame };
}

async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return pdfmakeWithFonts().createPdf(definition).getBuffer();
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

/**
 * Writes the PDF report: a summary page, the platforms, then one section per profile. A profile
 * that cannot be rendered is replaced by a note saying why; the rest is still written (the
 * original tool lost the whole PDF to one `^`). The file is written atomically.
 */
export async function writePdfReport(input: PdfReportInput): Promise<PdfReportResult> {
  const failed = new Map<string, string>();
  const sections = reportSections(input.comparison, failed);

  let rendered: RenderedDocument<ReturnType<typeof composeDocument>>;
  try {
    rendered = await renderIsolatingFailures(sections, (kept) => composeDocument(input, kept), renderPdf, failedSection, failed);
  } catch (error) {
    throw workError(input.outFile, `the PDF report could not be rendered: ${reasonOf(error)}`, error);
  }
  try {
    await writeFileAtomic(input.outFile, rendered.pdf);
  } catch (error) {
    throw workError(input.outFile, `the PDF report could not be written: ${reasonOf(error)}`, error);
  }
  const pages = rendered.composed.frame.pageCount();
  return {
    ...(pages !== undefined ? { pages } : {}),
    failedProfiles: [...failed.keys()],
    failures: [...failed].map(([profile, reason]) => ({ profile, reason })),
  };
}
