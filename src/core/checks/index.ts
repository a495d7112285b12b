// Active checks (issue 14): reading checks/*.json, planning the connections that answer an explanation, and merging
// what they observed into it. Pure, no I/O.

export { readChecks, checksOutcome, isCheckAddress, MAX_CHECK_BYTES, MAX_CHECK_FILES } from './read';
export type { ReadChecks } from './read';
export { planChecks, DEFAULT_CHECK_TIMEOUT_MS, MAX_CHECKS_PER_EXPLANATION } from './plan';
export { observe, checksFor, checkSentence, questionKey, OBSERVED_HOP } from './observe';
export { observedExplanations } from './observed';
