// The ten host PowerShell probes added in bundle 1.1 (src/shared/bundle.ts), in catalogue order: the tests that
// run or summarise "every new probe" take this list and add what else they need.
export const HOST_PROBES_1_1 = [
  'host.portexclusions',
  'host.routes',
  'host.ipinterfaces',
  'host.dns',
  'host.vmswitches',
  'host.services',
  'host.events',
  'host.proxy',
  'host.hotfixes',
  'host.computer',
] as const;
