// The diagnosis API: correlation, explain, findings, inspect and the isolation walkthrough. Pure, no I/O.

export { correlate } from './correlate';
export type { Correlation } from './correlate';
export { hostPortText } from './footprint';
export type { Determined, Footprint } from './footprint';
export { findContainer, closeNames } from './lookup';
export { explain, parsePort, parseSource } from './explain';
export type { ReachQuestion } from './explain';
export { findings, looksSecret } from './findings';
export { inspect } from './inspect';
export { isolationProfile, compareIsolation, utilityVmMemoryBytes } from './isolation-walkthrough';
export { INTERNET_PORT, outboundMatrix, reachabilityMatrix } from './matrix';
export { whatIf, whatIfLine } from './what-if';
export { isolationOverview } from './isolation-overview';
export { containerCompatibility } from './image-compatibility';
export { byContainer, decisiveHop, fromLabel, reachSummary, toLabel } from './reach-summary';
export { buildCapabilities, natLoopback, routingMesh } from './windows-builds';
export { explainOutbound, parseTarget } from './outbound';
export type { OutboundQuestion } from './outbound';
export { fixText } from './commands';
export { explainIcmp, isIcmpQuestion } from './icmp';
export type { IcmpQuestion } from './icmp';
export { exitMeaning, lifecycleFacts, lifecycleLine } from './lifecycle';
