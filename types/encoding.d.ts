// TextEncoder and TextDecoder (WHATWG Encoding) for shared/ and core/, which are typed without DOM and node
// (tsconfig.core.json): both runtimes they run in provide these two, and core needs nothing else of either.
// Only the members core uses are declared.

interface TextDecodeOptions {
  readonly stream?: boolean;
}

interface TextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string;
}

declare const TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { readonly fatal?: boolean; readonly ignoreBOM?: boolean }): TextDecoder;
};

interface TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare const TextEncoder: {
  prototype: TextEncoder;
  new (): TextEncoder;
};
