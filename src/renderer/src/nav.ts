import type { ViewName } from '../../shared/views';
import type { IconName } from './components/icons';

/** The views in the sidebar, in the order of their Ctrl+1..9 shortcuts (the desktop menu uses the same order). */
export const NAV: readonly { readonly view: ViewName; readonly label: string; readonly icon: IconName }[] = [
  { view: 'overview', label: 'Host overview', icon: 'overview' },
  { view: 'containers', label: 'Containers', icon: 'containers' },
  { view: 'reachability', label: 'Reachability', icon: 'reach' },
  { view: 'isolation', label: 'Isolation', icon: 'isolation' },
  { view: 'topology', label: 'Topology', icon: 'topology' },
  { view: 'sessions', label: 'Processes by session', icon: 'sessions' },
  { view: 'findings', label: 'Findings', icon: 'findings' },
  { view: 'changes', label: 'Changes', icon: 'changes' },
  { view: 'timeline', label: 'Timeline', icon: 'timeline' },
];
