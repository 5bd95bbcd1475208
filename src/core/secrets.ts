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

/**
 * Each shape with its own pattern. One alternation of every shape costs the sum of its
 * alternatives at every position of the text; a shape whose gate (a literal it cannot match
 * without) is absent from the text is skipped for the price of a literal search.
 */
const SHAPES: readonly { shape: Shape; pattern: RegExp; gates: readonly RegExp[] | undefined }[] = [...TOKEN_SHAPES, ...CONTEXT_SHAPES].map((shape) => ({
  shape,
  pattern: new RegExp(shape.source, 'dg'),
  // A one-literal regex is searched with Boyer-Moore, about ten times faster than String.includes.
  gates: shape.gates?.map((gate) => new RegExp(gate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))),
}));

/** Every likely secret in `text`, in order of position, overlapping findings merged. */
export function findSecrets(text: string): SecretFinding[] {
  const spans: { kind: SecretKind; start: number; end: number }[] = [];
  for (const { shape, pattern, gates } of SHAPES) {
    if (gates && !gates.some((gate) => gate.test(text))) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const range = m.indices?.[1];
      if (range && (!shape.accept || shape.accept(m[1] as string))) spans.push({ kind: shape.kind, start: range[0], end: range[1] });
      // Look again from the next character: a shape inside a match (a JWT after "Bearer " that did
      // not look random as a whole, a token before a curl line's -u) must still be found.
      pattern.lastIndex = m.index + 1;
    }
  }
  ASSIGNED_PATTERN.lastIndex = 0;
  for (let m = ASSIGNED_PATTERN.exec(text); m !== null; m = ASSIGNED_PATTERN.exec(text)) {
    const group = [3, 4, 5, 6].find((i) => m[i] !== undefined) ?? 7;
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
