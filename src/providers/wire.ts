// Reading a rerank answer, whatever the provider calls its fields. Every answer is validated
// before anyone trusts it: the list where the profile says, each index an integer in range and
// not repeated, each score a finite number.

import { RerankError, redact } from '../core/errors';
import type { RankedIndex } from '../core/types';
import { truncate } from '../core/truncate';

export interface ResponseShape {
  /** Where the list lives: "results", "data", or null for a bare array (TEI). */
  list: string | null;
  index: string;
  score: string;
}

export const COHERE_RESPONSE: ResponseShape = { list: 'results', index: 'index', score: 'relevance_score' };

/** Returns the results best first. `secrets` never appear in an error (a server may echo the key). */
export function parseResults(body: unknown, documentCount: number, shape: ResponseShape = COHERE_RESPONSE, secrets: readonly string[] = []): RankedIndex[] {
  const results = listOf(body, shape);
  const seen = new Uint8Array(documentCount);
  const out: RankedIndex[] = new Array(results.length);
  let sorted = true;
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as Record<string, unknown> | null;
    const index = r?.[shape.index];
    const score = r?.[shape.score];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= documentCount) {
      throw new RerankError('bad-response', `bad response: ${where(shape, i)}.${shape.index} is ${show(index, secrets)}, expected an integer in 0..${documentCount - 1}`);
    }
    if (seen[index]) throw new RerankError('bad-response', `bad response: index ${index} appears more than once`);
    seen[index] = 1;
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw new RerankError('bad-response', `bad response: ${where(shape, i)}.${shape.score} is ${show(score, secrets)}, expected a finite number`);
    }
    out[i] = { index, score };
    if (i > 0 && (out[i - 1] as RankedIndex).score < score) sorted = false;
  }
  // Most providers answer best first; sort only when a server did not, so its order can't mislead.
  return sorted ? out : out.sort((a, b) => b.score - a.score || a.index - b.index);
}

/** `results[3]`, or `[3]` for a bare array: where in the answer a bad value is. */
function where(shape: ResponseShape, i: number): string {
  return shape.list === null ? `[${i}]` : `${shape.list}[${i}]`;
}

function listOf(body: unknown, shape: ResponseShape): unknown[] {
  if (shape.list === null) {
    if (!Array.isArray(body)) throw new RerankError('bad-response', 'bad response: the body is not a JSON array');
    return body;
  }
  if (body === undefined || typeof body !== 'object' || body === null) {
    throw new RerankError('bad-response', 'bad response: the body is not a JSON object');
  }
  const list = (body as Record<string, unknown>)[shape.list];
  if (!Array.isArray(list)) throw new RerankError('bad-response', `bad response: "${shape.list}" is missing or not an array`);
  return list;
}

/**
 * The API's own words from an error body: the first string found at one of the paths
 * ("message", "detail", "error.message", "error"), else the start of the raw text. Secrets are
 * redacted before the text is cut: a cut through a key would leave a piece redact() can't see.
 */
export function errorMessageOf(body: unknown, text: string, paths: readonly (readonly string[])[], secrets: readonly string[]): string {
  for (const path of paths) {
    let value: unknown = body;
    for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof value === 'string' && value.trim() !== '') return redact(value, secrets).slice(0, 500);
    // FastAPI puts validation errors in a list under "detail": [{ "msg": ... }].
    if (Array.isArray(value)) {
      const msgs = value.map((v) => (v as { msg?: unknown } | null)?.msg).filter((m): m is string => typeof m === 'string');
      if (msgs.length > 0) return redact(msgs.join('; '), secrets).slice(0, 500);
    }
  }
  return redact(text.trim(), secrets).slice(0, 200);
}

/** How much of a server's value an error shows: enough to recognise it, not a page of it. */
const SHOWN_CHARS = 100;

/**
 * A value as the server sent it: numbers as numbers (JSON.stringify turns Infinity and NaN into
 * null), cut to SHOWN_CHARS after the secrets are redacted, so a cut can't leave half a key.
 */
function show(value: unknown, secrets: readonly string[]): string {
  const text =
    typeof value === 'number'
      ? String(value)
      : redact(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? redact(v, secrets) : v)) ?? String(value), secrets);
  return truncate(text, SHOWN_CHARS);
}
