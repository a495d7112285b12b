// Collect from another host over PowerShell remoting (and its engine over TLS).

import { useState, type FormEvent, type JSX } from 'react';
import { api } from '../api';
import { useApp } from '../app-context';
import { Modal } from '../components/dialog';

export function CollectRemoteDialog({ onClose }: { onClose: () => void }): JSX.Element {
  const app = useApp();
  const [computer, setComputer] = useState('');
  const [user, setUser] = useState('');
  const [dockerHost, setDockerHost] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onClose();
    void api
      .invoke('collect:start', {
        operationId: app.newOperationId('collect'),
        target: {
          kind: 'remote',
          computer: computer.trim(),
          ...(user.trim() ? { credentialUser: user.trim() } : {}),
          ...(dockerHost.trim() ? { dockerHost: dockerHost.trim() } : {}),
        },
      })
      .then((result) => {
        if (!result.ok) app.showError(result.error);
      });
  };
  if (app.info?.canCollect === false) {
    return (
      <Modal title="Collect from a remote host" onClose={onClose}>
        <p>
          Collecting is not available in this window. Run{' '}
          <code>hostscope collect --computer &lt;name&gt;</code> and open the bundle it writes.
        </p>
      </Modal>
    );
  }
  return (
    <Modal title="Collect from a remote host" onClose={onClose}>
      <form onSubmit={submit} className="form">
        <label htmlFor="remote-computer">Computer (name or IP address)</label>
        <input
          id="remote-computer"
          className="input"
          required
          value={computer}
          onChange={(e) => setComputer(e.target.value)}
          autoFocus
          spellCheck={false}
        />
        <label htmlFor="remote-user">
          User for PowerShell remoting (optional; PowerShell asks for the password)
        </label>
        <input
          id="remote-user"
          className="input"
          value={user}
          onChange={(e) => setUser(e.target.value)}
          spellCheck={false}
          placeholder={'DOMAIN\\admin'}
        />
        <label htmlFor="remote-docker">
          Docker engine (optional, default tcp://&lt;computer&gt;:2376 with TLS)
        </label>
        <input
          id="remote-docker"
          className="input"
          value={dockerHost}
          onChange={(e) => setDockerHost(e.target.value)}
          spellCheck={false}
          placeholder="tcp://host01:2376"
        />
        <p className="muted">
          Needs WinRM on the remote host (TCP 5985/5986) and an engine reachable with TLS.
        </p>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={computer.trim() === ''}>
            Collect
          </button>
        </div>
      </form>
    </Modal>
  );
}
