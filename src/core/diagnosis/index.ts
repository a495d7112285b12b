// The diagnosis API: correlation, explain, findings, inspect and the isolation walkthrough. Pure, no I/O.

export { correlate, footprintOf, hostPortText, normalizeWindowsPath } from './correlate';
export type {
  Correlation,
  Determined,
  Footprint,
  Publication,
  PublishMode,
  ResolvedIsolation,
  SandboxDisk,
  SessionFootprint,
  UtilityVm,
} from './correlate';
export { findContainer, findIn, closeNames } from './lookup';
export type { ContainerLookup } from './lookup';
export { explain, parsePort, parseSource, sourceLabel, verdictOf } from './explain';
export { findings, looksSecret } from './findings';
export { inspect } from './inspect';
export {
  isolationProfile,
  compareIsolation,
  utilityVmMemoryBytes,
  NOT_OBSERVABLE,
} from './isolation-walkthrough';
export { containerMatrix, INTERNET_PORT, outboundMatrix, reachabilityMatrix } from './matrix';
export { whatIf, whatIfLine } from './what-if';
export { isolationOverview, licensing } from './isolation-overview';
export {
  containerCompatibility,
  imagesCompatibility,
  hostBuildOf,
  hostDefaultIsolation,
  versionText,
} from './image-compatibility';
export { byContainer, decisiveHop, fromLabel, reachSummary, toLabel } from './reach-summary';
export {
  buildCapabilities,
  natLoopback,
  routingMesh,
  processIsolatedDefaultInbound,
  supportedBuild,
  BUILD,
} from './windows-builds';
export { REF } from './references';
export { explainOutbound, parseTarget, targetLabel } from './outbound';
export { fixText } from './commands';
export { explainIcmp, isIcmpQuestion } from './icmp';
export type { IcmpQuestion } from './icmp';
export { exitMeaning, lifecycleFacts, lifecycleLine } from './lifecycle';
