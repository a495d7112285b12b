// What no copyable fix may run (issue 11): removing a container, a network or a volume, or the HNS network.
import type { Fix } from '../../src/shared/diagnosis';

const DESTRUCTIVE = [
  /\bdocker\s+(container\s+)?rm\b/i,
  /\bdocker\s+network\s+rm\b/i,
  /\bdocker\s+volume\s+rm\b/i,
  /\bRemove-HnsNetwork\b/i,
];

/** The destructive part of a fix that has a copy button, or null when it has none. */
export function destructiveCommand(fix: Fix): string | null {
  if (fix.kind !== 'command') return null;
  return DESTRUCTIVE.some((pattern) => pattern.test(fix.command)) ? fix.command : null;
}
