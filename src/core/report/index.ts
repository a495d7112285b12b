export { buildReport, type ReportOptions, type ReportOutcome } from './build-report';
export { createReport, type CreateReportOptions, type CreateReportOutcome } from './create-report';
export {
  REPORT_SCHEMA,
  REPORT_SCHEMA_VERSION,
  type OutboundRow,
  type PathsByCause,
  type ReachRow,
  type ReportContainer,
  type ReportDetail,
  type ReportDocument,
  type ReportHost,
  type ReportProbe,
} from './document';
export { escapeHtml, escapeMarkdown, markdownCode, markdownCodeBlock, showInvisible } from './escape';
export { redactReport } from './redact-report';
export { renderReportHtml } from './render-html';
export { renderReportJson } from './render-json';
export { renderReportMarkdown } from './render-markdown';
