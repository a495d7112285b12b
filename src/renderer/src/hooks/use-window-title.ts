// The window's (or browser tab's) title names the open host.

import { useEffect } from 'react';
import type { BundleRef } from '../../../shared/views';

export function useWindowTitle(bundle: BundleRef | null): void {
  useEffect(() => {
    document.title = bundle ? `${bundle.computerName ?? bundle.label} - Hostscope` : 'Hostscope';
  }, [bundle]);
}
