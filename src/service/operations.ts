// Long operations (open, collect, export): one AbortController each, keyed by the id the caller chose so it can
// follow progress events and cancel before the response arrives.

import { randomUUID } from 'node:crypto';
import type { AppEvent, OperationKind } from '../shared/ipc';

export interface Operation {
  readonly id: string;
  readonly signal: AbortSignal;
  progress(message: string, done: number, total: number | null): void;
  /** Lets queued events (progress, a cancel request) through between synchronous steps. */
  checkpoint(): Promise<void>;
  end(outcome: 'ok' | 'failed' | 'cancelled'): void;
}

export class Operations {
  readonly #running = new Map<string, AbortController>();
  readonly #stopping = new AbortController();
  /** Aborted when the service stops: work that is no operation of its own (a preview) ends with it. */
  readonly stopping: AbortSignal = this.#stopping.signal;

  constructor(private readonly emit: (event: AppEvent) => void) {}

  /** Null when an operation with this id is already running. */
  start(kind: OperationKind, requestedId: string | undefined): Operation | null {
    const id = requestedId ?? randomUUID();
    if (this.#running.has(id)) return null;
    const controller = new AbortController();
    this.#running.set(id, controller);
    return {
      id,
      signal: controller.signal,
      progress: (message, done, total) =>
        this.emit({ kind: 'progress', operationId: id, operation: kind, message, done, total }),
      checkpoint: () => new Promise((resolve) => setImmediate(resolve)),
      end: (outcome) => {
        this.#running.delete(id);
        this.emit({ kind: 'operation-ended', operationId: id, operation: kind, outcome });
      },
    };
  }

  cancel(id: string): boolean {
    const controller = this.#running.get(id);
    if (!controller) return false;
    controller.abort(new Error('cancelled by the user'));
    return true;
  }

  cancelAll(): void {
    this.#stopping.abort(new Error('shutting down'));
    for (const controller of this.#running.values()) controller.abort(new Error('shutting down'));
  }
}
