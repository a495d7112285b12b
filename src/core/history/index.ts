export { applyRetention } from './retention';
export { HISTORY_FILE, parseEventLines, parsePointLines, recordLine } from './records';
export { NO_CONTAINER, OTHER_CONTAINERS, summarisePoint } from './summary';
export { buildTimeline } from './timeline';
export { engineEventMark } from './engine-event';
