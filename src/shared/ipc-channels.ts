// The channel names of the app's one API (see ipc.ts for their shapes). Kept apart from the zod schemas so the
// sandboxed preload can build its allow-list without bundling a validation library.

export const CHANNELS = [
  'app:info',
  'bundle:open',
  'bundle:openSample',
  'bundle:pick',
  'bundle:cancel',
  'host:overview',
  'containers:list',
  'container:detail',
  'reach:explain',
  'reach:outbound',
  'reach:icmp',
  'reach:matrix',
  'isolation:compare',
  'findings:list',
  'topology:get',
  'sessions:get',
  'collect:start',
  'collect:cancel',
  'report:export',
  'report:preview',
  'report:cancel',
  'import:preview',
  'import:open',
  'history:timeline',
  'history:collect',
  'history:settings',
  'changes:compare',
  'container:logs',
  'checks:run',
  'checks:matrix',
  'checks:cancel',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** The one channel main pushes events on (progress, bundle opened, menu commands). */
export const EVENT_CHANNEL = 'app:event';

const known: ReadonlySet<string> = new Set(CHANNELS);

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && known.has(value);
}
