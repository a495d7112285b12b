// Which bundle the app opens when it starts: the one named on the command line, else the last one, else the live
// host when this machine is a Windows container host, else a sample host.

export type StartupBundle =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'live' }
  | { readonly kind: 'sample'; readonly name: string }
  | { readonly kind: 'none' };

export interface StartupFacts {
  readonly argumentPath: string | null;
  readonly lastBundle: string | null;
  readonly exists: (path: string) => boolean;
  readonly isContainerHost: boolean;
  /** Null when no sample host is installed. */
  readonly defaultSample: string | null;
}

export function chooseStartupBundle(facts: StartupFacts): StartupBundle {
  if (facts.argumentPath !== null) return { kind: 'path', path: facts.argumentPath };
  if (facts.lastBundle !== null && facts.exists(facts.lastBundle))
    return { kind: 'path', path: facts.lastBundle };
  if (facts.isContainerHost) return { kind: 'live' };
  return facts.defaultSample === null ? { kind: 'none' } : { kind: 'sample', name: facts.defaultSample };
}

/** The first argument after the app's own that is not a switch (`electron . <bundle>`, `hostscope.exe <bundle>`). */
export function bundleArgument(argv: readonly string[], packaged: boolean): string | null {
  const rest = argv.slice(packaged ? 1 : 2);
  return rest.find((arg) => !arg.startsWith('-')) ?? null;
}
