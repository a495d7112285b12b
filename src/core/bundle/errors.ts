/** Why a whole bundle cannot be read (as opposed to one bad file inside it, which is a FileOutcome). */
export type BundleErrorCode =
  | 'not-found'
  | 'not-a-bundle'
  | 'unsupported-version'
  | 'unsafe-entry'
  | 'limit-exceeded'
  | 'corrupt-archive'
  | 'io';

export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
    /** The bundle path, and the entry inside it where one is to blame. */
    readonly location: { readonly bundle: string; readonly entry?: string },
  ) {
    super(message);
    this.name = 'BundleError';
  }
}
