export { buildReport } from './build-report';
export { createReport } from './create-report';
export { REPORT_SCHEMA_VERSION, type ReportDetail, type ReportDocument } from './document';
export { escapeHtml, escapeMarkdown, markdownCode, showInvisible } from './escape';
export { redactReport } from './redact-report';
export { renderReportHtml } from './render-html';
export { renderReportJson } from './render-json';
export { renderReportMarkdown } from './render-markdown';
