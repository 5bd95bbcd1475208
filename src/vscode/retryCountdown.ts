// Progress as a notification says it: a retry's wait counts down once a second ("retrying in
// 3 s", "2 s", "1 s") instead of standing still at the first figure. No vscode import: tested
// with fake timers in Node.

import { describeProgress } from '../core/progress';
import type { RerankProgress } from '../core/types';

export interface ProgressReporter {
  progress(event: RerankProgress): void;
  /** Stops a countdown still running; call when the run ends, however it ends. */
  dispose(): void;
}

const TICK_MS = 1000;

export function countingDown(report: (message: string) => void): ProgressReporter {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  return {
    progress(event) {
      stop();
      report(describeProgress(event));
      if (event.type !== 'retry' || event.retry.delayMs <= TICK_MS) return;
      const endsAt = Date.now() + event.retry.delayMs;
      timer = setInterval(() => {
        const left = endsAt - Date.now();
        if (left < TICK_MS / 2) return stop();
        // Whole seconds: "2 s", never "1.9 s" from a timer that fired a little late.
        report(describeProgress({ ...event, retry: { ...event.retry, delayMs: Math.round(left / TICK_MS) * TICK_MS } }));
      }, TICK_MS);
    },
    dispose: stop,
  };
}
