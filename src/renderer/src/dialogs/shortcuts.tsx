import type { JSX } from 'react';
import { NAV } from '../nav';
import { Modal } from '../components/dialog';

const mod = navigator.userAgent.includes('Mac') ? '⌘' : 'Ctrl';

export function ShortcutsDialog({ onClose }: { onClose: () => void }): JSX.Element {
  const rows: readonly (readonly [string, string])[] = [
    ...NAV.map((n, i): readonly [string, string] => [`${mod}+${i + 1}`, n.label]),
    [`${mod}+O`, 'Open a bundle'],
    [`${mod}+E`, 'Export a report'],
    ['↑ ↓ Home End', 'Move through the container table'],
    ['Enter', 'Open the selected container'],
    ['← →', 'Move between tabs'],
    ['Esc', 'Close a dialog'],
  ];
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      <table className="data-table shortcuts">
        <caption className="visually-hidden">Keyboard shortcuts</caption>
        <tbody>
          {rows.map(([key, what]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
