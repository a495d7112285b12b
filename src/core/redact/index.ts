export { findAddresses, isIpv6 } from './addresses';
export {
  createRedactor,
  isSearchableEnvValue,
  REDACTED_VALUE,
  type RedactionKind,
  type RedactionSeed,
  type RedactionSummary,
  type Redactor,
} from './redactor';
export { envValue, imageRegistry, seedsFromBundle, seedsFromModel } from './seeds';
export { redactBundle, type RedactedBundle } from './redact-bundle';
export { redactModel } from './redact-model';
export { parseRedactionKey, redactionKey, revealText, type RedactionKey } from './key';
