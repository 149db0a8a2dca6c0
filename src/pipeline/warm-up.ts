/**
 * Loads what storing and reporting a run need (h5wasm's WebAssembly, pdfmake and its fonts,
 * the HTML writer: ~0.4 s of modules) in the background while the tests run, so the step after
 * the last test starts with them in place. The main process is mostly idle then; a failed load
 * is left to surface where the module is used.
 */
export function warmUpStoreAndReports(reports: { html: boolean }): void {
  const loads: Array<Promise<unknown>> = [
    import('./generate.js'),
    import('../store/hdf5-library.js').then((library) => library.hdf5()),
    import('../render/pdf/write-pdf-report.js'),
  ];
  if (reports.html) loads.push(import('../render/html/write-html-report.js'));
  for (const load of loads) load.catch(() => undefined);
}
