// The one object VS Code gives a webview page, typed with our protocol.

import type { PanelToHost } from './protocol';

export interface VsCodeApi {
  postMessage(message: PanelToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** May be called only once per page load, so main.ts calls it and passes the result on. */
export function getVsCodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}
