// Settings are read in one place and handed on as a plain typed object.

import * as vscode from 'vscode';
import { bounded, oneOf } from './settingTable';
import type { DocumentHeaderMode } from '../core/titleText';
import type { MergeMethod } from '../core/types';
import type { ApiVersion, ProviderName } from '../providers/index';
import type { SelectionSplit } from '../sources/selection';
import { DEFAULT_WORKSPACE_EXCLUDES } from '../sources/defaultExcludes';

export interface RerankSettings {
  provider: ProviderName;
  /** Empty: the provider's own endpoint. */
  endpoint?: string;
  model?: string;
  /** Set only when the user chose one: Cohere's API version. */
  apiVersion?: ApiVersion;
  topK: number;
  /** Results scoring below this leave the tree and the prompt context; undefined: all stay. */
  minScore?: number;
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
  /** Keep a workspace index in the extension's storage. */
  workspaceIndex: boolean;
  historySize: number;
  promptBudget: number;
  promptOrder: 'rank' | 'file';
  /** User settings only: a workspace can't lower either guard. */
  allowInsecureHttp: boolean;
  maxRequestsPerRun: number;
  /** User settings only: a workspace can't turn on what the user turned off. */
  scoreCache: boolean;
}

export const SECTION = 'rerank';

/** 0 keeps every chunk; anything else not a whole number of at least 1 is the default. */
function firstStageCandidates(value: unknown): number {
  return value === 0 ? 0 : bounded('workspace.firstStageCandidates', typeof value === 'number' && value >= 1 ? value : undefined);
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
    provider: oneOf('provider', userValue(config, 'provider')),
    topK: bounded('topK', config.get('topK')),
    timeoutMs: bounded('timeoutSeconds', config.get('timeoutSeconds')) * 1000,
    maxRetries: bounded('maxRetries', config.get('maxRetries')),
    concurrency: bounded('concurrency', config.get('concurrency')),
    selectionSplit: oneOf('selection.split', config.get('selection.split')),
    include: globs(config.get('workspace.include')),
    // A configuration without the setting declared (tests, an old host) still gets the defaults.
    exclude: ((value) => (Array.isArray(value) ? globs(value) : [...DEFAULT_WORKSPACE_EXCLUDES]))(config.get('workspace.exclude')),
    chunkTokens: bounded('chunk.tokens', config.get('chunk.tokens')),
    maxReadBytes: bounded('workspace.maxReadMegabytes', config.get('workspace.maxReadMegabytes')) * (1 << 20),
    maxPassages: bounded('workspace.maxPassages', config.get('workspace.maxPassages')),
    documentHeader: oneOf('workspace.documentHeader', config.get('workspace.documentHeader')),
    firstStageCandidates: firstStageCandidates(userValue(config, 'workspace.firstStageCandidates')),
    secrets: oneOf('workspace.secrets', config.get('workspace.secrets')),
    workspaceIndex: config.get('workspace.index') !== false,
    historySize: bounded('historySize', config.get('historySize')),
    promptBudget: bounded('prompt.budgetTokens', config.get('prompt.budgetTokens')),
    promptOrder: oneOf('prompt.order', config.get('prompt.order')),
    allowInsecureHttp: userValue(config, 'allowInsecureHttp') === true,
    maxRequestsPerRun: bounded('maxRequestsPerRun', userValue(config, 'maxRequestsPerRun')),
    scoreCache: userValue(config, 'scoreCache.enabled') !== false,
  };
  // Only a version the user chose counts: the default would contradict provider cohere-v1.
  const apiVersion = userValue(config, 'apiVersion');
  if (apiVersion === 'v1' || apiVersion === 'v2') settings.apiVersion = apiVersion;
  const minScore = config.get('minScore');
  if (typeof minScore === 'number' && Number.isFinite(minScore) && minScore !== 0) settings.minScore = minScore;
  // Where text and key go, and how many documents and requests a run costs: user settings only.
  const endpoint = text(userValue(config, 'endpoint'));
  const model = text(userValue(config, 'model'));
  const batchSize = bounded('batchSize', userValue(config, 'batchSize'));
  const maxTokensPerDoc = optionalPositive(config.get('maxTokensPerDoc'));
  const merge = config.get('merge');
  if (endpoint) settings.endpoint = endpoint;
  if (model) settings.model = model;
  if (batchSize) settings.batchSize = batchSize;
  if (maxTokensPerDoc) settings.maxTokensPerDoc = maxTokensPerDoc;
  if (merge === 'score' || merge === 'rrf') settings.merge = merge;
  return settings;
}
