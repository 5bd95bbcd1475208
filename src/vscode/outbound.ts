// What leaves the machine from the extension, through the secret guard. To a remote ranker: every
// run's candidates, and a query taken from text (a selection, a language model's call), whatever
// the door (selection, workspace, explorer files, Find Related, the tool, @rerank). Into a prompt:
// every run's text, also when it was ranked offline. No vscode import at run time (the type of vscode.l10n only), so tests run it in Node.

import { RerankError } from '../core/errors';
import { guardNotice, guardPassages, guardText } from '../core/secretGuard';
import type { SecretPolicy } from '../core/secrets';
import type { Candidate, Run, RunItem } from '../core/types';
import type * as vscode from 'vscode';
import { ENGLISH } from './l10n';

export interface Outbound {
  query: string;
  candidates: Candidate[];
  /** "1 likely secret redacted before sending", or undefined when nothing was found. */
  notice: string | undefined;
}

/**
 * The query and candidates as a remote ranker may see them. A query the user typed is theirs and
 * goes as typed; one taken from text is redacted (it cannot be left out).
 */
export function guardOutbound(query: string, queryFromText: boolean, candidates: readonly Candidate[], policy: SecretPolicy, l10n: Pick<typeof vscode.l10n, 't'> = ENGLISH): Outbound {
  const guarded = guardPassages(
    candidates.map((c) => c.text),
    policy,
  );
  const guardedQuery = queryFromText ? guardText(query, 'redact') : { text: query, findings: [] };
  const kept = guarded.kept.map((index, i) => {
    const candidate = candidates[index] as Candidate;
    const text = guarded.texts[i] as string;
    return text === candidate.text ? candidate : { ...candidate, text };
  });
  if (kept.length === 0 && candidates.length > 0) {
    throw new RerankError('bad-input', l10n.t('every passage held a likely secret and was left out (rerank.workspace.secrets is "omit")'));
  }
  const notice = guardNotice({ redacted: guarded.redacted + guardedQuery.findings.length, omitted: guarded.omitted });
  return { query: guardedQuery.text, candidates: kept, notice };
}

/** The run with its query redacted and its items through the guard (left out under 'omit', ranks kept). */
export function guardedRun(run: Run, policy: SecretPolicy): Run {
  const guarded = guardPassages(
    run.items.map((item) => item.candidate.text),
    policy,
  );
  const items = guarded.kept.map((index, i) => {
    const item = run.items[index] as RunItem;
    const text = guarded.texts[i] as string;
    return text === item.candidate.text ? item : { ...item, candidate: { ...item.candidate, text } };
  });
  return { ...run, query: guardText(run.query, 'redact').text, items };
}
