// The renderer's Content Security Policy, sent as a header by both shells (the app:// protocol in Electron, the
// serve command over HTTP) and repeated in src/renderer/index.html for the page itself. Nothing remote, no inline
// script, no eval: the UI shows text from untrusted bundles.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
