// The window: title bar, navigation, the current view, long-operation progress, dialogs and notices.

import { useMemo, useRef, useState, type JSX } from 'react';
import { AppContext, type AppState, type DialogName } from './app-context';
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
import { useAppInfo } from './hooks/use-app-info';
import { useBundleDrop } from './hooks/use-bundle-drop';
import { useHeadingFocus } from './hooks/use-heading-focus';
import { useMenuCommands } from './hooks/use-menu-commands';
import { useNotices } from './hooks/use-notices';
import { useOpenBundle } from './hooks/use-open-bundle';
import { newOperationId, useOperations } from './hooks/use-operations';
import { useShortcuts } from './hooks/use-shortcuts';
import { useWindowTitle } from './hooks/use-window-title';
import { href, parseHash, useHash } from './router';
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

export function App(): JSX.Element {
  const { info, infoError, bundle } = useAppInfo();
  const operations = useOperations();
  const { notices, notify, showError, dismiss } = useNotices();
  const [dialog, setDialog] = useState<DialogName>(null);
  const { openPath, openSample, pickBundle } = useOpenBundle({
    canPick: info?.canPick === true,
    showError,
    openDialog: setDialog,
  });
  const drop = useBundleDrop({ enabled: dialog !== 'import-paste', openPath, notify });
  useMenuCommands(setDialog);
  useShortcuts(info?.shell === 'web', setDialog);
  useWindowTitle(bundle);
  const mainRef = useRef<HTMLElement>(null);
  const hash = useHash();
  const route = useMemo(() => parseHash(hash), [hash]);
  useHeadingFocus(mainRef, route.segments[0], route.segments[1]);

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
    [info, bundle, operations, openPath, openSample, pickBundle, notify, showError],
  );

  const view = route.segments[0] ?? 'overview';
  return (
    <AppContext.Provider value={state}>
      <div
        className={drop.dragging ? 'app dragging' : 'app'}
        // Which opened bundle this window shows (BundleRef.id): tests wait for it before naming its containers.
        data-bundle-id={bundle?.id}
        onDragOver={drop.onDragOver}
        onDragLeave={drop.onDragLeave}
        onDrop={drop.onDrop}
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
                onClick={() => dismiss(n.id)}
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
