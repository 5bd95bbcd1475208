// The bounds of the numeric settings, as package.json declares them (a unit test keeps the two
// equal). VS Code's settings editor warns about a value out of bounds but still hands it over, and
// a workspace's .vscode/settings.json is not checked at all: readSettings clamps with these.

export const SETTING_BOUNDS = {
  topK: { minimum: 1, maximum: 10_000 },
  timeoutSeconds: { minimum: 1, maximum: 3_600 },
  maxRetries: { minimum: 0, maximum: 20 },
  concurrency: { minimum: 1, maximum: 32 },
  'workspace.maxReadMegabytes': { minimum: 1, maximum: 16_384 },
  'workspace.maxPassages': { minimum: 1_000, maximum: 20_000_000 },
  'chunk.tokens': { minimum: 50, maximum: 8_000 },
  'prompt.budgetTokens': { minimum: 100, maximum: 1_000_000 },
  historySize: { minimum: 1, maximum: 200 },
  maxRequestsPerRun: { minimum: 1, maximum: 100_000 },
} as const;

export type BoundedSetting = keyof typeof SETTING_BOUNDS;

/** A whole number within the setting's bounds, or `fallback` for anything that is not a number. */
export function bounded(name: BoundedSetting, value: unknown, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const { minimum, maximum } = SETTING_BOUNDS[name];
  return Math.min(maximum, Math.max(minimum, Math.floor(value)));
}
