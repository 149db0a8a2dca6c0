import { messageOf, workError } from '../../errors.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';

/** Writes a rendered report to `outFile`, atomically (a crash leaves the old file or the new one). */
export async function writeRenderedPdf(outFile: string, pdf: Buffer): Promise<void> {
  try {
    await writeFileAtomic(outFile, pdf);
  } catch (error) {
    throw workError(outFile, `the PDF report could not be written: ${messageOf(error)}`, error);
  }
}
