import type { ReportDocument } from './document';

/** The whole document, schema and version first, indented for reading and diffing. */
export function renderReportJson(doc: ReportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
