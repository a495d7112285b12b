// Active checks (issue 14): reading checks/*.json, planning the connections that answer an explanation, and merging
// what they observed into it. Pure, no I/O.

export { MAX_CHECK_BYTES } from './read';
export { planChecks, DEFAULT_CHECK_TIMEOUT_MS } from './plan';
export { observe } from './observe';
