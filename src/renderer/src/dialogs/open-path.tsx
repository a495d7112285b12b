// Open a bundle by its path (the browser build cannot show the server's file picker), a sample or a recent one.

import { useState, type FormEvent, type JSX } from 'react';
import { useApp } from '../app-context';
import { Modal } from '../components/dialog';

export function OpenPathDialog({ onClose }: { onClose: () => void }): JSX.Element {
  const app = useApp();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (path.trim() === '') return;
    setBusy(true);
    const opened = await app.openPath(path.trim());
    setBusy(false);
    if (opened) onClose();
  };
  return (
    <Modal title="Open a bundle" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <label htmlFor="bundle-path">
          Bundle folder or .zip on{' '}
          {app.info?.shell === 'web' ? 'the machine running hostscope serve' : 'this computer'}
        </label>
        <input
          id="bundle-path"
          className="input"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder={'C:\\bundles\\host01.zip'}
          autoFocus
          spellCheck={false}
        />
        <div className="form-actions">
          {app.info?.canPick && (
            <button type="button" className="button" onClick={() => void app.pickBundle().then(onClose)}>
              Browse…
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={busy || path.trim() === ''}>
            Open
          </button>
        </div>
      </form>
      {app.info && app.info.samples.length > 0 && (
        <>
          <h3>Sample hosts</h3>
          <ul className="plain-list">
            {app.info.samples.map((s) => (
              <li key={s.name}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void app.openSample(s.name).then((ok) => ok && onClose())}
                >
                  {s.title}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
