// A bundle dropped on the window opens by its path; only the desktop shell can tell a dropped file's path.

import { useState, type DragEvent } from 'react';
import { api } from '../api';

export interface BundleDrop {
  /** A drag is over the window and a drop would open it: the window shows where to let go. */
  readonly dragging: boolean;
  onDragOver(event: DragEvent): void;
  onDragLeave(event: DragEvent): void;
  onDrop(event: DragEvent): void;
}

export function useBundleDrop({
  enabled,
  openPath,
  notify,
}: {
  /** False while Paste or drop is open: a drop beside its drop area is no bundle to open by path. */
  readonly enabled: boolean;
  readonly openPath: (path: string) => Promise<boolean>;
  readonly notify: (text: string, tone: 'error') => void;
}): BundleDrop {
  const [dragging, setDragging] = useState(false);
  return {
    dragging,
    onDragOver: (event) => {
      event.preventDefault();
      if (!dragging && enabled) setDragging(true);
    },
    onDragLeave: (event) => {
      if (event.currentTarget === event.target) setDragging(false);
    },
    onDrop: (event) => {
      event.preventDefault();
      setDragging(false);
      if (!enabled) return;
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
    },
  };
}
