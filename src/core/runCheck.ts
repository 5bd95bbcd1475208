// Checks that a value read back from storage (or received from a webview) is a Run, so a corrupt
// or hostile value is dropped instead of crashing a view. Pure: no vscode, no I/O.

import type { Candidate, CandidateSource, Run, RunItem } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isLine = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;

function isRange(v: unknown): boolean {
  return isObject(v) && isLine(v.startLine) && isLine(v.endLine) && (v.endLine as number) >= (v.startLine as number);
}

function isCandidateSource(v: unknown): v is CandidateSource {
  if (!isObject(v)) return false;
  switch (v.kind) {
    case 'file':
      return isString(v.path) && (v.root === undefined || isString(v.root)) && (v.uri === undefined || isString(v.uri)) && (v.range === undefined || isRange(v.range));
    case 'selection':
      return isString(v.uri) && Number.isInteger(v.block) && isRange(v.range);
    case 'input':
      return Number.isInteger(v.index);
    default:
      return false;
  }
}

function isCandidate(v: unknown): v is Candidate {
  return isObject(v) && isString(v.id) && isString(v.text) && isCandidateSource(v.source) && (v.title === undefined || isString(v.title));
}

function isRunItem(v: unknown): v is RunItem {
  return isObject(v) && Number.isInteger(v.rank) && isNumber(v.score) && Number.isInteger(v.index) && isCandidate(v.candidate) && (v.fusedScore === undefined || isNumber(v.fusedScore));
}

export function isRun(v: unknown): v is Run {
  if (!isObject(v)) return false;
  const stats = v.stats;
  return (
    isString(v.id) &&
    isString(v.query) &&
    isString(v.provider) &&
    isString(v.model) &&
    ['probability', 'logit', 'normalized-bm25'].includes(v.scoreKind as string) &&
    (v.merge === 'score' || v.merge === 'rrf') &&
    isString(v.startedAt) &&
    isNumber(v.durationMs) &&
    Number.isInteger(v.candidateCount) &&
    (v.minScore === undefined || isNumber(v.minScore)) &&
    Array.isArray(v.items) &&
    v.items.every(isRunItem) &&
    isObject(stats) &&
    isNumber(stats.requests) &&
    isNumber(stats.retries) &&
    isNumber(stats.batches) &&
    (stats.fromCache === undefined || (isObject(stats.fromCache) && Number.isInteger(stats.fromCache.passages) && Number.isInteger(stats.fromCache.requestsSaved)))
  );
}
