/// <reference types="vite/client" />
import type { HostscopeApi } from '../../shared/ipc';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web build behind `hostscope serve`. */
    readonly api?: HostscopeApi;
  }
}
