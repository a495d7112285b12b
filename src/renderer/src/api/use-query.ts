// Asks the API once per key and tracks the answer as loading / error / ready, so every view has the same three
// states. A newer key drops the older answer (a bundle opened meanwhile, another container picked).

import { useCallback, useEffect, useState } from 'react';
import type { ApiError, Channel, RequestOf, ResponseOf } from '../../../shared/ipc';
import { api } from './index';

export type Query<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: ApiError }
  | { readonly status: 'ready'; readonly value: T };

export function useQuery<C extends Channel>(
  channel: C,
  request: RequestOf<C> | null,
  key: string,
): Query<ResponseOf<C>> & { readonly reload: () => void } {
  const [state, setState] = useState<{ key: string; query: Query<ResponseOf<C>> }>({
    key: '',
    query: { status: 'idle' },
  });
  const [generation, setGeneration] = useState(0);
  const requestJson = request === null ? null : JSON.stringify(request);

  useEffect(() => {
    if (requestJson === null) return;
    let current = true;
    // Until the answer for this key comes, the query reads as loading (the key differs from the state's).
    const stateKey = `${key}#${generation}`;
    void api.invoke(channel, JSON.parse(requestJson) as RequestOf<C>).then((result) => {
      if (!current) return;
      setState({
        key: stateKey,
        query: result.ok
          ? { status: 'ready', value: result.value }
          : { status: 'error', error: result.error },
      });
    });
    return () => {
      current = false;
    };
  }, [channel, requestJson, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const query: Query<ResponseOf<C>> =
    requestJson === null
      ? { status: 'idle' }
      : state.key === `${key}#${generation}`
        ? state.query
        : { status: 'loading' };
  return { ...query, reload };
}
