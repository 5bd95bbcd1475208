// Settings are read in one place and handed on as a plain typed object.

import * as vscode from 'vscode';
import { bounded } from './settingBounds';
import type { DocumentHeaderMode } from '../core/titleText';
import type { MergeMethod } from '../core/types';
import { PROVIDERS, type ProviderName } from '../providers/index';
import { DEFAULT_WORKSPACE_EXCLUDES } from '../sources/defaultExcludes';
import { SELECTION_SPLITS, type SelectionSplit } from '../sources/selection';

export interface RerankSettings {
  provider: ProviderName;
  /** Empty: the provider's own endpoint. */
  endpoint?: string;
  model?: string;
  apiVersion: 'v1' | 'v2';
  topK: number;
  timeoutMs: number;
  maxRetries: number;
  batchSize?: number;
  concurrency: number;
  merge?: MergeMethod;
  maxTokensPerDoc?: number;
  selectionSplit: SelectionSplit;
  include: string[];
  exclude: string[];
  chunkTokens: number;
  /** Bounds of a workspace run: bytes of text read, passages held. */
  maxReadBytes: number;
  maxPassages: number;
  documentHeader: DocumentHeaderMode;
  /** 0: no first stage, every chunk goes to the ranker. */
  firstStageCandidates: number;
  secrets: 'redact' | 'omit';
  historySize: number;
  promptBudget: number;
  promptOrder: 'rank' | 'file';
  /** User settings only: a workspace can't lower either guard. */
  allowInsecureHttp: boolean;
  maxRequestsPerRun: number;
}

export const SECTION = 'rerank';

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

function optionalPositive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function globs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
}

/**
 * A setting as the user set it, ignoring any workspace's value: VS Code already ignores
 * workspace values of an application-scoped setting; the guards below don't rely on that alone.
 */
function userValue(config: vscode.WorkspaceConfiguration, key: string): unknown {
  return config.inspect(key)?.globalValue;
}

/** Reads and checks every setting; anything malformed falls back to its default. */
export function readSettings(config: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration(SECTION)): RerankSettings {
  const settings: RerankSettings = {
    provider: oneOf(config.get('provider'), PROVIDERS, 'cohere'),
    apiVersion: oneOf(config.get('apiVersion'), ['v1', 'v2'] as const, 'v2'),
    topK: bounded('topK', config.get('topK'), 10),
    timeoutMs: bounded('timeoutSeconds', config.get('timeoutSeconds'), 60) * 1000,
    maxRetries: bounded('maxRetries', config.get('maxRetries'), 5),
    concurrency: bounded('concurrency', config.get('concurrency'), 4),
    selectionSplit: oneOf(config.get('selection.split'), SELECTION_SPLITS, 'auto'),
    include: globs(config.get('workspace.include')),
    // A configuration without the setting declared (tests, an old host) still gets the defaults.
    exclude: ((value) => (Array.isArray(value) ? globs(value) : [...DEFAULT_WORKSPACE_EXCLUDES]))(config.get('workspace.exclude')),
    chunkTokens: bounded('chunk.tokens', config.get('chunk.tokens'), 400),
    maxReadBytes: bounded('workspace.maxReadMegabytes', config.get('workspace.maxReadMegabytes'), 256) * (1 << 20),
    maxPassages: bounded('workspace.maxPassages', config.get('workspace.maxPassages'), 2_000_000),
    documentHeader: oneOf(config.get('workspace.documentHeader'), ['path-and-title', 'none'] as const, 'path-and-title'),
    firstStageCandidates: config.get('workspace.firstStageCandidates') === 0 ? 0 : positive(config.get('workspace.firstStageCandidates'), 200),
    secrets: oneOf(config.get('workspace.secrets'), ['redact', 'omit'] as const, 'redact'),
    historySize: bounded('historySize', config.get('historySize'), 20),
    promptBudget: bounded('prompt.budgetTokens', config.get('prompt.budgetTokens'), 4000),
    promptOrder: oneOf(config.get('prompt.order'), ['rank', 'file'] as const, 'rank'),
    allowInsecureHttp: userValue(config, 'allowInsecureHttp') === true,
    maxRequestsPerRun: bounded('maxRequestsPerRun', userValue(config, 'maxRequestsPerRun'), 50),
  };
  const endpoint = text(config.get('endpoint'));
  const model = text(config.get('model'));
  const batchSize = optionalPositive(config.get('batchSize'));
  const maxTokensPerDoc = optionalPositive(config.get('maxTokensPerDoc'));
  const merge = config.get('merge');
  if (endpoint) settings.endpoint = endpoint;
  if (model) settings.model = model;
  if (batchSize) settings.batchSize = batchSize;
  if (maxTokensPerDoc) settings.maxTokensPerDoc = maxTokensPerDoc;
  if (merge === 'score' || merge === 'rrf') settings.merge = merge;
  return settings;
}
