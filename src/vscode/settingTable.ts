// Every setting's type, default, allowed values, bounds, scope and place in the Settings editor,
// declared once. readSettings reads with it, and a unit test holds package.json's
// `contributes.configuration` to it, so the two cannot drift. No vscode import: tests run it in Node.

import { PROVIDERS } from '../providers/index';
import { DEFAULT_WORKSPACE_EXCLUDES } from '../sources/defaultExcludes';
import { SELECTION_SPLITS } from '../sources/selection';

/** The Settings editor's sections, in the order they are shown. */
export const SETTING_GROUPS = ['Provider', 'Results', 'Selection', 'Workspace', 'Prompt', 'Advanced'] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

export interface SettingSpec {
  group: SettingGroup;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  default: unknown;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** `application`: only user settings count, so a workspace cannot redirect requests, lower a guard or raise a run's cost. */
  scope?: 'application';
}

/** One row per setting, by its key under `rerank.`; within a group, rows are shown in this order. */
export const SETTINGS = {
  provider: { group: 'Provider', type: 'string', default: 'cohere', enum: PROVIDERS, scope: 'application' },
  endpoint: { group: 'Provider', type: 'string', default: '', scope: 'application' },
  model: { group: 'Provider', type: 'string', default: '', scope: 'application' },
  apiVersion: { group: 'Provider', type: 'string', default: 'v2', enum: ['v2', 'v1'], scope: 'application' },
  topK: { group: 'Results', type: 'integer', default: 10, minimum: 1, maximum: 10_000 },
  minScore: { group: 'Results', type: 'number', default: 0 },
  merge: { group: 'Results', type: 'string', default: 'auto', enum: ['auto', 'score', 'rrf'] },
  historySize: { group: 'Results', type: 'integer', default: 20, minimum: 1, maximum: 200 },
  'selection.split': { group: 'Selection', type: 'string', default: 'auto', enum: SELECTION_SPLITS },
  'workspace.include': { group: 'Workspace', type: 'array', default: [] },
  'workspace.exclude': { group: 'Workspace', type: 'array', default: DEFAULT_WORKSPACE_EXCLUDES },
  'workspace.firstStageCandidates': { group: 'Workspace', type: 'integer', default: 200, minimum: 0, maximum: 10_000, scope: 'application' },
  'workspace.maxReadMegabytes': { group: 'Workspace', type: 'integer', default: 256, minimum: 1, maximum: 16_384 },
  'workspace.maxPassages': { group: 'Workspace', type: 'integer', default: 2_000_000, minimum: 1_000, maximum: 20_000_000 },
  'workspace.documentHeader': { group: 'Workspace', type: 'string', default: 'path-and-title', enum: ['path-and-title', 'none'] },
  'workspace.secrets': { group: 'Workspace', type: 'string', default: 'redact', enum: ['redact', 'omit'] },
  'chunk.tokens': { group: 'Workspace', type: 'integer', default: 400, minimum: 50, maximum: 8_000 },
  'workspace.index': { group: 'Workspace', type: 'boolean', default: true },
  'prompt.budgetTokens': { group: 'Prompt', type: 'integer', default: 4000, minimum: 100, maximum: 1_000_000 },
  'prompt.order': { group: 'Prompt', type: 'string', default: 'rank', enum: ['rank', 'file'] },
  timeoutSeconds: { group: 'Advanced', type: 'number', default: 60, minimum: 1, maximum: 3_600 },
  maxRetries: { group: 'Advanced', type: 'integer', default: 5, minimum: 0, maximum: 20 },
  concurrency: { group: 'Advanced', type: 'integer', default: 4, minimum: 1, maximum: 32 },
  batchSize: { group: 'Advanced', type: 'integer', default: 0, minimum: 0, maximum: 1_000, scope: 'application' },
  maxTokensPerDoc: { group: 'Advanced', type: 'integer', default: 0, minimum: 0 },
  maxRequestsPerRun: { group: 'Advanced', type: 'integer', default: 50, minimum: 1, maximum: 100_000, scope: 'application' },
  allowInsecureHttp: { group: 'Advanced', type: 'boolean', default: false, scope: 'application' },
  'scoreCache.enabled': { group: 'Advanced', type: 'boolean', default: true, scope: 'application' },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

/** The settings with both a minimum and a maximum: the ones a value is clamped into. */
export type BoundedSetting = { [K in SettingKey]: (typeof SETTINGS)[K] extends { minimum: number; maximum: number } ? K : never }[SettingKey];

/**
 * A whole number within the setting's bounds, or its default for anything that is not a number.
 * VS Code's settings editor warns about a value out of bounds but still hands it over, and a
 * workspace's .vscode/settings.json is not checked at all.
 */
export function bounded(key: BoundedSetting, value: unknown): number {
  const { minimum, maximum, default: fallback } = SETTINGS[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(maximum, Math.max(minimum, Math.floor(value)));
}

/** The value if it is one the setting allows, else the setting's default. */
export function oneOf<K extends SettingKey>(key: K, value: unknown): (typeof SETTINGS)[K] extends { enum: readonly (infer T)[] } ? T : never {
  const spec: SettingSpec = SETTINGS[key];
  return (spec.enum?.includes(value as string) ? value : spec.default) as (typeof SETTINGS)[K] extends { enum: readonly (infer T)[] } ? T : never;
}
