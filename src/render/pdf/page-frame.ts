import type { Content } from 'pdfmake/interfaces.js';
import { formatTimestamp } from '../format.js';
import { printable, shortenMiddle } from '../labels.js';
import { COLORS, PAGE } from './theme.js';

export interface PageFrame {
  header: (currentPage: number) => Content;
  footer: (currentPage: number, pageCount: number) => Content;
  /** The page count pdfmake reported while laying out the last footer. */
  pageCount: () => number | undefined;
}

/** Running header (project, version, run date) and page numbers, with `footnote` under them when given. */
export function pageFrame(projectName: string, version: string, timestamp: number, footnote?: string): PageFrame {
  let pages: number | undefined;
  const [left, , right] = PAGE.margins;
  const title = printable(shortenMiddle(`${projectName} ${version}`, 90));
  return {
    header: () => ({
      columns: [
        { text: `perf-report · ${title}`, alignment: 'left' },
        { text: formatTimestamp(timestamp), alignment: 'right' },
      ],
      fontSize: 7.5,
      color: COLORS.muted,
      margin: [left, 16, right, 0],
    }),
    footer: (currentPage, pageCount) => {
      pages = pageCount;
      const pageNumber: Content = { text: `page ${currentPage} of ${pageCount}`, alignment: 'center', fontSize: 7.5, color: COLORS.muted, margin: [0, 10, 0, 0] };
      if (!footnote) return pageNumber;
      return { stack: [pageNumber, { text: footnote, alignment: 'center', fontSize: 6.5, color: COLORS.muted, margin: [left, 1, right, 0] }] };
    },
    pageCount: () => pages,
  };
}
