// The one gate for text bound for a remote ranker or a prompt: every door (files, --docs, stdin,
// selections, the language-model tool, @rerank, prompt context) passes its text through here, so
// what the scanner finds and what the policy does with it is the same everywhere.

import { plural } from './progress';
import { findSecrets, redactSecrets, type SecretFinding, type SecretKind, type SecretPolicy } from './secrets';

export interface GuardedText {
  /** The text with every likely secret redacted when the policy is 'redact'; as given for 'omit'. */
  text: string;
  /** The likely secrets of the text as given (their lines tell 'omit' which passages hold one). */
  findings: SecretFinding[];
}

export interface GuardedPassages {
  /** The texts to send, in input order: redacted in place, or (policy 'omit') left out. */
  texts: string[];
  /** For each text to send, its position in the input. */
  kept: number[];
  /** Positions in the input of the texts left out. */
  omitted: number[];
  /** Likely secrets replaced by "[redacted ...]". */
  redacted: number;
  /** Likely secrets found, by kind, whatever became of them. */
  kinds: Partial<Record<SecretKind, number>>;
}

/** One text scanned whole (a file before it is cut into passages, so a secret across two passages is found). */
export function guardText(text: string, policy: SecretPolicy): GuardedText {
  const findings = findSecrets(text);
  if (findings.length === 0 || policy === 'omit') return { text, findings };
  return { text: redactSecrets(text, findings), findings };
}

/** Each text scanned on its own: redacted in place, or left out whole when it holds a likely secret. */
export function guardPassages(texts: readonly string[], policy: SecretPolicy): GuardedPassages {
  const out: GuardedPassages = { texts: [], kept: [], omitted: [], redacted: 0, kinds: {} };
  texts.forEach((text, i) => {
    const guarded = guardText(text, policy);
    for (const f of guarded.findings) out.kinds[f.kind] = (out.kinds[f.kind] ?? 0) + 1;
    if (guarded.findings.length > 0 && policy === 'omit') {
      out.omitted.push(i);
      return;
    }
    out.redacted += guarded.findings.length;
    out.texts.push(guarded.text);
    out.kept.push(i);
  });
  return out;
}

/** What the guard did, as the CLI says it for files: none for text without likely secrets. */
export function describeGuard(redacted: number, omitted: number): string[] {
  const lines: string[] = [];
  if (redacted > 0) lines.push(`redacted ${plural(redacted, 'likely secret')} (policy: redact)`);
  if (omitted > 0) lines.push(`left out ${plural(omitted, 'passage')} holding likely secrets (policy: omit)`);
  return lines;
}

/** What the guard did before text left the machine, as the extension tells the user: "1 likely secret redacted before sending". */
export function guardNotice(guarded: Pick<GuardedPassages, 'redacted' | 'omitted'>, when = 'before sending'): string | undefined {
  const parts = [
    guarded.redacted > 0 && `${plural(guarded.redacted, 'likely secret')} redacted`,
    guarded.omitted.length > 0 && `${plural(guarded.omitted.length, 'passage')} with likely secrets left out`,
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join(', ')} ${when}` : undefined;
}
