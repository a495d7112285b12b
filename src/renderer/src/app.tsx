// The window: title bar, navigation, the current view, long-operation progress, dialogs and notices.

import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type JSX } from 'react';
import type { ApiError, AppEvent, OperationKind } from '../../shared/ipc';
import type { AppInfo, BundleRef } from '../../shared/views';
import { api } from './api';
import {
  AppContext,
  type AppState,
  type DialogName,
  type Notice,
  type RunningOperation,
} from './app-context';
import { Icon } from './components/icons';
import { NAV } from './nav';
import { Loading } from './components/states';
import { CollectRemoteDialog } from './dialogs/collect-remote';
import { ExportReportDialog } from './dialogs/export-report';
import { ImportPasteDialog } from './dialogs/import-paste';
import { OpenPathDialog } from './dialogs/open-path';
import { ShortcutsDialog } from './dialogs/shortcuts';
import { ProgressPanel } from './components/progress-panel';
import { formatDate } from './format';
import { href, navigate, parseHash, useHash } from './router';
import { ContainerDetailView } from './views/container-detail';
import { ChangesView } from './views/changes';
import { ContainersView } from './views/containers';
import { FindingsView } from './views/findings';
import { IsolationView } from './views/isolation';
import { OverviewView } from './views/overview';
import { ReachabilityView } from './views/reachability';
import { SessionsView } from './views/sessions';
import { TimelineView } from './views/timeline';
import { TopologyView } from './views/topology';
import { WelcomeView } from './views/welcome';

let operationCounter = 0;

/** Routes that name a container of the previous bundle go back to their view, without the container. */
function leaveOldBundle(): void {
  const { segments, params } = parseHash(window.location.hash);
  const [view] = segments;
  if (view === 'containers' && segments.length > 1) navigate(href(['containers']), true);
  else if ((view === 'reachability' || view === 'isolation') && [...params.keys()].length > 0)
    navigate(href([view]), true);
}

export function App(): JSX.Element {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<ApiError | null>(null);
  const [bundle, setBundle] = useState<BundleRef | null>(null);
  const [operations, setOperations] = useState<readonly RunningOperation[]>([]);
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const [dialog, setDialog] = useState<DialogName>(null);
  const [dragging, setDragging] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const hash = useHash();
  const route = useMemo(() => parseHash(hash), [hash]);

  const refreshInfo = useCallback(async () => {
    const result = await api.invoke('app:info', {});
    if (result.ok) {
      setInfo(result.value);
      setBundle(result.value.bundle);
      setInfoError(null);
    } else setInfoError(result.error);
  }, []);

  const notify = useCallback((text: string, tone: 'info' | 'error' = 'info') => {
    const id = Date.now() + Math.random();
    setNotices((list) => [...list.slice(-3), { id, tone, text }]);
    setTimeout(() => setNotices((list) => list.filter((n) => n.id !== id)), tone === 'error' ? 9000 : 4000);
  }, []);

  const showError = useCallback(
    (error: ApiError) => {
      if (error.code !== 'cancelled') notify(error.message, 'error');
    },
    [notify],
  );

  const newOperationId = useCallback(
    (kind: OperationKind) => `${kind}-${Date.now().toString(36)}-${++operationCounter}`,
    [],
  );

  const openPath = useCallback(
    async (path: string) => {
      const result = await api.invoke('bundle:open', { path, operationId: newOperationId('open') });
      if (!result.ok) showError(result.error);
      return result.ok;
    },
    [newOperationId, showError],
  );

  const openSample = useCallback(
    async (name: string) => {
      const result = await api.invoke('bundle:openSample', { name, operationId: newOperationId('open') });
      if (!result.ok) showError(result.error);
      return result.ok;
    },
    [newOperationId, showError],
  );

  const pickBundle = useCallback(async () => {
    if (!info?.canPick) {
      setDialog('open-path');
      return;
    }
    const result = await api.invoke('bundle:pick', { operationId: newOperationId('open') });
    if (!result.ok) showError(result.error);
  }, [info, newOperationId, showError]);

  useEffect(() => {
    // refreshInfo sets state only after its await, never during the effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refreshInfo();
    return api.onEvent((event: AppEvent) => {
      switch (event.kind) {
        case 'progress':
          setOperations((list) => [...list.filter((o) => o.operationId !== event.operationId), event]);
          break;
        case 'operation-ended':
          setOperations((list) => list.filter((o) => o.operationId !== event.operationId));
          break;
        case 'bundle-opened':
          setBundle(event.bundle);
          void refreshInfo();
          leaveOldBundle();
          break;
        case 'command':
          setDialog(event.command === 'open-path' ? 'open-path' : event.command);
          break;
        case 'navigate':
          navigate(href([event.view]));
          break;
      }
    });
  }, [refreshInfo]);

  // Keyboard shortcuts in the browser; the desktop menu's accelerators do the same there.
  useEffect(() => {
    if (info?.shell !== 'web') return;
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const index = Number(event.key) - 1;
      if (index >= 0 && index < NAV.length) {
        event.preventDefault();
        navigate(href([NAV[index]!.view]));
      } else if (event.key === 'o') {
        event.preventDefault();
        setDialog('open-path');
      } else if (event.key === 'e') {
        event.preventDefault();
        setDialog('export-report');
      } else if (event.key === '/') {
        event.preventDefault();
        setDialog('shortcuts');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [info?.shell]);

  useEffect(() => {
    document.title = bundle ? `${bundle.computerName ?? bundle.label} - Hostscope` : 'Hostscope';
  }, [bundle]);

  // Focus moves to the new view's heading, so keyboard and screen-reader users land where the content is.
  // A view that loads its data first (Enter on a container row) has no heading yet: focus it once it appears,
  // rather than leaving focus on a row that is gone (issue 11).
  const [section, item] = route.segments;
  useEffect(() => {
    const main = mainRef.current;
    if (!main) return;
    const focusHeading = (): boolean => {
      const heading = main.querySelector<HTMLElement>('h1');
      heading?.focus({ preventScroll: true });
      return heading !== null;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [section, item]);

  const state: AppState = useMemo(
    () => ({
      info,
      bundle,
      operations,
      openPath,
      openSample,
      pickBundle,
      notify,
      showError,
      openDialog: setDialog,
      newOperationId,
    }),
    [info, bundle, operations, openPath, openSample, pickBundle, notify, showError, newOperationId],
  );

  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setDragging(false);
    // With Paste or drop open, a drop beside its drop area is no bundle to open by path.
    if (dialog === 'import-paste') return;
    const file = event.dataTransfer.files[0];
    if (!file) return;
    if (!api.pathForFile) {
      notify(
        'A browser cannot tell where a dropped file lives: use Open bundle and type its path, or Paste or drop to import console output.',
        'error',
      );
      return;
    }
    void openPath(api.pathForFile(file));
  };

  const view = route.segments[0] ?? 'overview';
  return (
    <AppContext.Provider value={state}>
      <div
        className={dragging ? 'app dragging' : 'app'}
        onDragOver={(e) => {
          e.preventDefault();
          if (!dragging && dialog !== 'import-paste') setDragging(true);
        }}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <a
          className="skip-link"
          href="#main"
          onClick={(e) => {
            e.preventDefault();
            mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
          }}
        >
          Skip to content
        </a>
        <header className="titlebar">
          <span className="brand">Hostscope</span>
          {bundle && (
            <span className="titlebar-bundle" title={bundle.source}>
              <strong>{bundle.computerName ?? bundle.label}</strong>
              <span className="muted">
                {bundle.sample ? ' · sample host' : ''} · collected {formatDate(bundle.collectedAt)}
              </span>
            </span>
          )}
          <span className="titlebar-actions">
            <button type="button" className="button button-ghost" onClick={() => void pickBundle()}>
              <Icon name="open" /> Open bundle
            </button>
            {info?.importLimits && (
              <button type="button" className="button button-ghost" onClick={() => setDialog('import-paste')}>
                <Icon name="open" /> Paste or drop
              </button>
            )}
            <button
              type="button"
              className="button button-ghost"
              disabled={!bundle}
              onClick={() => setDialog('export-report')}
            >
              <Icon name="export" /> Export report
            </button>
          </span>
        </header>
        <nav className="sidebar" aria-label="Views">
          <ul>
            {NAV.map((item, index) => {
              const current = view === item.view;
              return (
                <li key={item.view}>
                  <a
                    href={href([item.view])}
                    className={current ? 'nav-item nav-current' : 'nav-item'}
                    aria-current={current ? 'page' : undefined}
                    title={`${item.label} (Ctrl+${index + 1})`}
                  >
                    <Icon name={item.icon} />
                    <span>{item.label}</span>
                  </a>
                </li>
              );
            })}
          </ul>
          <div className="sidebar-footer">
            <button type="button" className="link-button" onClick={() => setDialog('shortcuts')}>
              Keyboard shortcuts
            </button>
            {info && <span className="muted">v{info.version}</span>}
          </div>
        </nav>
        <main id="main" ref={mainRef} className="content">
          {info === null ? (
            infoError ? (
              <div className="state state-error" role="alert">
                <h1 tabIndex={-1}>Hostscope cannot reach its service</h1>
                <p>{infoError.message}</p>
              </div>
            ) : (
              <Loading label="Starting" />
            )
          ) : (bundle === null && view !== 'changes' && view !== 'timeline') || view === 'open' ? (
            <WelcomeView />
          ) : (
            <RouteView segments={route.segments} params={route.params} />
          )}
        </main>
        <ProgressPanel operations={operations} />
        <div className="notices" aria-live="polite">
          {notices.map((n) => (
            <div
              key={n.id}
              className={`notice notice-${n.tone}`}
              role={n.tone === 'error' ? 'alert' : 'status'}
            >
              {n.text}
              <button
                type="button"
                className="button button-ghost"
                aria-label="Dismiss"
                onClick={() => setNotices((list) => list.filter((x) => x.id !== n.id))}
              >
                ×
              </button>
            </div>
          ))}
        </div>
        {dialog === 'open-path' && <OpenPathDialog onClose={() => setDialog(null)} />}
        {dialog === 'collect-remote' && <CollectRemoteDialog onClose={() => setDialog(null)} />}
        {dialog === 'export-report' && <ExportReportDialog onClose={() => setDialog(null)} />}
        {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
        {dialog === 'import-paste' && info?.importLimits && (
          <ImportPasteDialog onClose={() => setDialog(null)} limits={info.importLimits} />
        )}
      </div>
    </AppContext.Provider>
  );
}

function RouteView({
  segments,
  params,
}: {
  segments: readonly string[];
  params: URLSearchParams;
}): JSX.Element {
  const [view = 'overview', id, tab] = segments;
  switch (view) {
    case 'containers':
      return id === undefined ? (
        <ContainersView />
      ) : (
        <ContainerDetailView containerRef={id} tab={tab ?? 'overview'} />
      );
    case 'reachability':
      return <ReachabilityView params={params} />;
    case 'isolation':
      return <IsolationView params={params} />;
    case 'topology':
      return <TopologyView />;
    case 'sessions':
      return <SessionsView />;
    case 'findings':
      return <FindingsView params={params} />;
    case 'timeline':
      return <TimelineView />;
    case 'changes':
      return <ChangesView older={params.get('older')} newer={params.get('newer')} />;
    default:
      return <OverviewView />;
  }
}
