// The outcome of reading one file or text: its value, or why it is invalid and where (JSON, text, model parts).

export type Parsed<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'invalid'; readonly reason: string; readonly location?: string };
