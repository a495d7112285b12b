// What collectors hand to the bundle writer: raw files per probe, with an honest outcome.
import type { ProbeStatus } from '../shared/model';

export interface ProbeFile {
  /** Bundle-relative path with forward slashes, e.g. `host/netnat-static.json`. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface ProbeRun {
  readonly id: string;
  readonly status: ProbeStatus;
  readonly files: readonly ProbeFile[];
  readonly durationMs: number;
  /** Why, for every status but `ok`. */
  readonly error?: string;
  /** What the source lacked compared with the probe (an import from console text); the manifest's `partial`. */
  readonly partial?: readonly string[];
}

/** Live progress of a collection, for the CLI display and the app's progress events. */
export type ProbeProgress =
  | { readonly kind: 'started'; readonly id: string; readonly target?: string }
  | {
      readonly kind: 'finished';
      readonly id: string;
      readonly status: ProbeStatus;
      readonly durationMs: number;
      readonly error?: string;
      readonly target?: string;
    };

export type ProgressListener = (event: ProbeProgress) => void;
