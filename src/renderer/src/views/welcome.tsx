// No bundle open: the ways to open one.

import { useState, type FormEvent, type JSX } from 'react';
import { useApp } from '../app-context';
import { Icon } from '../components/icons';

export function WelcomeView(): JSX.Element {
  const app = useApp();
  const info = app.info!;
  const [path, setPath] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (path.trim() !== '') void app.openPath(path.trim());
  };
  return (
    <div className="welcome">
      <h1 tabIndex={-1}>Open a host</h1>
      <p className="lead">
        Hostscope reads a bundle collected from a Windows container host and explains why each container can
        or cannot be reached.
      </p>
      <div className="welcome-grid">
        <section className="panel" aria-labelledby="welcome-open">
          <h2 id="welcome-open">A bundle</h2>
          {info.canPick && (
            <button type="button" className="button button-primary" onClick={() => void app.pickBundle()}>
              <Icon name="open" /> Open bundle…
            </button>
          )}
          <form onSubmit={submit} className="form form-inline">
            <label htmlFor="welcome-path">Path to a bundle folder or .zip</label>
            <div className="input-row">
              <input
                id="welcome-path"
                className="input"
                value={path}
                onChange={(e) => setPath(e.target.value)}
                spellCheck={false}
              />
              <button type="submit" className="button" disabled={path.trim() === ''}>
                Open
              </button>
            </div>
          </form>
          {info.shell === 'desktop' && (
            <p className="muted">Or drop a bundle folder or .zip onto this window.</p>
          )}
          {info.recent.length > 0 && (
            <>
              <h3>Recent</h3>
              <ul className="plain-list">
                {info.recent.map((p) => (
                  <li key={p}>
                    <button type="button" className="link-button mono" onClick={() => void app.openPath(p)}>
                      {p}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="panel" aria-labelledby="welcome-samples">
          <h2 id="welcome-samples">A sample host</h2>
          {info.samples.length === 0 ? (
            <p className="muted">No sample hosts are installed.</p>
          ) : (
            <ul className="plain-list">
              {info.samples.map((s) => (
                <li key={s.name}>
                  <button type="button" className="link-button" onClick={() => void app.openSample(s.name)}>
                    {s.title}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        {info.importLimits && (
          <section className="panel" aria-labelledby="welcome-import">
            <h2 id="welcome-import">Console output</h2>
            <p className="muted">
              Pasted <code>docker inspect</code>, <code>Get-NetNatStaticMapping</code>,{' '}
              <code>ipconfig /all</code> … from a ticket, or saved text files: read into a bundle, saying what
              stays unknown.
            </p>
            <button type="button" className="button" onClick={() => app.openDialog('import-paste')}>
              Paste or drop…
            </button>
          </section>
        )}
        <section className="panel" aria-labelledby="welcome-collect">
          <h2 id="welcome-collect">Collect</h2>
          <p className="muted">
            On the container host run <code>hostscope collect</code>, or copy <code>collect.ps1</code> to a
            Server Core host, then open the bundle it writes.
          </p>
          {info.canCollect && (
            <button type="button" className="button" onClick={() => app.openDialog('collect-remote')}>
              <Icon name="collect" /> Collect from a remote host…
            </button>
          )}
        </section>
      </div>
    </div>
  );
}
