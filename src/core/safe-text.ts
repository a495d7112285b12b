// Text that came from a host, made safe to show in a terminal or a plain-text preview.

/** Strips C0/C1 control characters (escape sequences included) from text that came from a host. */
export function safeText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}
