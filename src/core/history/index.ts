export { applyRetention, type Retained } from './retention';
export { HISTORY_FILE, parseEventLines, parsePointLines, recordLine, type RecordLine } from './records';
export { NO_CONTAINER, OTHER_CONTAINERS, summarisePoint } from './summary';
export { buildTimeline, type Timeline, type TimelineSeries } from './timeline';
export { engineEventMark, type EventNames } from './engine-event';
