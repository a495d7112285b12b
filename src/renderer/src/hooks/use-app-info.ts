// What the service says about itself and the open bundle: asked once at start and again whenever a bundle opens,
// by this window or elsewhere (the desktop menu, another browser tab on the same `hostscope serve`).

import { useEffect, useState } from 'react';
import type { ApiError } from '../../../shared/ipc';
import type { AppInfo, BundleRef } from '../../../shared/views';
import { api } from '../api';
import { href, navigate, parseHash } from '../router';

export interface AppInfoState {
  readonly info: AppInfo | null;
  /** Why the service could not be asked; the window shows it in place of a view. */
  readonly infoError: ApiError | null;
  readonly bundle: BundleRef | null;
}

/** Routes that name a container of the previous bundle go back to their view, without the container. */
function leaveOldBundle(): void {
  const { segments, params } = parseHash(window.location.hash);
  const [view] = segments;
  if (view === 'containers' && segments.length > 1) navigate(href(['containers']), true);
  else if ((view === 'reachability' || view === 'isolation') && [...params.keys()].length > 0)
    navigate(href([view]), true);
}

export function useAppInfo(): AppInfoState {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<ApiError | null>(null);
  const [bundle, setBundle] = useState<BundleRef | null>(null);

  useEffect(() => {
    const refreshInfo = async (): Promise<void> => {
      const result = await api.invoke('app:info', {});
      if (result.ok) {
        setInfo(result.value);
        setBundle(result.value.bundle);
        setInfoError(null);
      } else setInfoError(result.error);
    };
    void refreshInfo();
    return api.onEvent((event) => {
      if (event.kind !== 'bundle-opened') return;
      setBundle(event.bundle);
      void refreshInfo();
      leaveOldBundle();
    });
  }, []);

  return { info, infoError, bundle };
}
