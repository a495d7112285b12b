export { findAddresses, isIpv6, isNonIdentifyingIp, type AddressMatch } from './addresses';
export {
  createRedactor,
  isSearchableEnvValue,
  REDACTED_VALUE,
  REDACTION_KINDS,
  type PseudonymKind,
  type RedactionKind,
  type RedactionSeed,
  type RedactionSummary,
  type RedactionSummaryRow,
  type Redactor,
} from './redactor';
export { bundleFileOrder, envValue, imageRegistry, seedsFromBundle, seedsFromModel } from './seeds';
export { redactBundle, type RedactedBundle } from './redact-bundle';
export { redactModel } from './redact-model';
export { parseRedactionKey, redactionKey, revealText, type RedactionKey } from './key';
