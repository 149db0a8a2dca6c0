import { startPdfRenderer } from '../render/pdf/pdf-renderer.js';

/**
 * Loads what storing and reporting a run need in the background while the tests run, so the
 * step after the last test starts with them in place: h5wasm's WebAssembly and the HTML writer
 * here (the main process is mostly idle then), pdfmake and its font in the PDF renderer's
 * process. A failed load is left to surface where the module is used.
 */
export function warmUpStoreAndReports(reports: { html: boolean }): void {
  startPdfRenderer();
  const loads: Array<Promise<unknown>> = [import('./generate.js'), import('../store/hdf5-library.js').then((library) => library.hdf5())];
  if (reports.html) loads.push(import('../render/html/write-html-report.js'));
  for (const load of loads) load.catch(() => undefined);
}
