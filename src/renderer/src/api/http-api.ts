// `window.api` for the web build: the same contract over HTTP to `hostscope serve` (POST per call, server-sent
// events for progress). The page's own URL carries the token, so every URL here is relative to it.

import type { ApiError, AppEvent, HostscopeApi, Result } from '../../../shared/ipc';

const unreachable: ApiError = {
  code: 'unavailable',
  message: 'The Hostscope server does not answer. Is `hostscope serve` still running?',
};

export function createHttpApi(base: URL): HostscopeApi {
  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | null = null;

  const connect = (): void => {
    if (source !== null) return;
    source = new EventSource(new URL('api/events', base));
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as AppEvent;
      for (const listener of listeners) listener(event);
    };
  };

  return {
    invoke: async (channel, request) => {
      try {
        const response = await fetch(new URL(`api/${encodeURIComponent(channel)}`, base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(request),
        });
        const body = (await response.json()) as Result<never>;
        return body;
      } catch {
        return { ok: false, error: unreachable };
      }
    },
    onEvent: (listener) => {
      listeners.add(listener);
      connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source !== null) {
          source.close();
          source = null;
        }
      };
    },
  };
}
