// Likely secrets in text bound for a remote endpoint or a prompt. Three kinds of evidence: a
// known shape (a private key block, a token with a vendor prefix, a JWT), a value assigned to a
// name that says "secret" (password, token, api_key, ...), and a file's shape that says where the
// password is (.pgpass, .netrc, a Kubernetes Secret's data).
//
// What is deliberately not flagged: bare high-entropy strings with no telling name or prefix
// (lockfile integrity hashes, git SHAs, base64 data, minified code). Lockfiles are full of them
// and none is a credential; flagging them would redact or drop every lockfile chunk and teach
// users to turn the check off. A secret with no prefix and no telling context is missed: this is
// a guard against accidents, not a scanner to rely on.

import { lineAt, lineTable } from './lines';
import { ASSIGNED_PATTERN, CONTEXT_SHAPES, acceptAssigned, kubernetesSecretSpans } from './secretContext';
import { SHAPES as TOKEN_SHAPES, type Shape } from './secretShapes';

export { looksRandom } from './secretValues';

export type SecretKind =
  | 'private-key'
  | 'aws-access-key'
  | 'github-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'stripe-key'
  | 'google-api-key'
  | 'openai-key'
  | 'anthropic-key'
  | 'vendor-token'
  | 'webhook-url'
  | 'azure-key'
  | 'jwt'
  | 'bearer-token'
  | 'basic-auth'
  | 'docker-auth'
  | 'url-password'
  | 'password-file'
  | 'password-hash'
  | 'kubernetes-secret'
  | 'assigned-secret';

/** What sources do with a passage that holds a likely secret before it leaves the machine. */
export type SecretPolicy = 'redact' | 'omit';

export interface SecretFinding {
  kind: SecretKind;
  /** Offsets into the text: text.slice(start, end) is the secret itself. */
  start: number;
  end: number;
  /** 1-based lines the secret spans (a private key block spans many). */
  startLine: number;
  endLine: number;
}

const SHAPES: readonly Shape[] = [...TOKEN_SHAPES, ...CONTEXT_SHAPES];

/**
 * All shapes in one alternation: one pass over the text instead of one per shape (about three
 * times faster on large trees). Group i + 1 is shape i's secret.
 */
const SHAPES_PATTERN = new RegExp(SHAPES.map((shape) => shape.source).join('|'), 'dg');

/** Every likely secret in `text`, in order of position, overlapping findings merged. */
export function findSecrets(text: string): SecretFinding[] {
  const spans: { kind: SecretKind; start: number; end: number }[] = [];
  SHAPES_PATTERN.lastIndex = 0;
  for (let m = SHAPES_PATTERN.exec(text); m !== null; m = SHAPES_PATTERN.exec(text)) {
    const group = m.findIndex((value, i) => i > 0 && value !== undefined);
    const shape = SHAPES[group - 1] as Shape;
    const range = m.indices?.[group];
    if (!range || (shape.accept && !shape.accept(m[group] as string))) {
      // Look again from the next character: a shape inside a rejected match (a JWT after
      // "Bearer " that did not look random as a whole) must still be found.
      SHAPES_PATTERN.lastIndex = m.index + 1;
      continue;
    }
    spans.push({ kind: shape.kind, start: range[0], end: range[1] });
    // Shapes may overlap (a curl line holding a Bearer token before its -u): look again inside.
    SHAPES_PATTERN.lastIndex = m.index + 1;
  }
  ASSIGNED_PATTERN.lastIndex = 0;
  for (let m = ASSIGNED_PATTERN.exec(text); m !== null; m = ASSIGNED_PATTERN.exec(text)) {
    const group = m[3] !== undefined ? 3 : m[4] !== undefined ? 4 : m[5] !== undefined ? 5 : 6;
    const range = m.indices?.[group];
    if (range && acceptAssigned(text, m)) spans.push({ kind: 'assigned-secret', start: range[0], end: range[1] });
    // Look again right after the name: "password: pwd=..." must not hide what follows.
    else ASSIGNED_PATTERN.lastIndex = m.index + (m[1] as string).length;
  }
  for (const [start, end] of kubernetesSecretSpans(text)) spans.push({ kind: 'kubernetes-secret', start, end });
  if (spans.length === 0) return [];
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: typeof spans = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const table = lineTable(text);
  return merged.map((s) => ({ ...s, startLine: lineAt(table, s.start), endLine: lineAt(table, Math.max(s.start, s.end - 1)) }));
}

/**
 * `text` with every likely secret replaced by "[redacted <kind>]". Line breaks inside a secret
 * are kept, so every other line keeps its number and line ranges stay true.
 */
export function redactSecrets(text: string, findings: readonly SecretFinding[] = findSecrets(text)): string {
  let out = '';
  let at = 0;
  for (const f of findings) {
    const breaks = text.slice(f.start, f.end).replace(/[^\r\n]+/g, '');
    out += `${text.slice(at, f.start)}[redacted ${f.kind}]${breaks}`;
    at = f.end;
  }
  return out + text.slice(at);
}
