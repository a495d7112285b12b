// The one place the renderer picks its transport: the preload's IPC bridge inside Electron, HTTP otherwise.

import type { HostscopeApi } from '../../../shared/ipc';
import { createHttpApi } from './http-api';

export const api: HostscopeApi = window.api ?? createHttpApi(new URL('./', window.location.href));
