// Argument parsing for `rerank eval`: the data files and the first stage, plus the provider and
// network options it shares with `rerank` (args.ts).

import { definedOnly } from '../core/defined';
import { RerankError } from '../core/errors';
import { PROVIDERS, type ProviderName } from '../providers/index';
import {
  EXIT_CODES, RANKING_OPTIONS, RANKING_USAGE, assign, integer, oneOf, parse, readRankingArgs, type RankingArgs,
} from './args';

export interface EvalArgs extends RankingArgs {
  corpusFile: string;
  queriesFile: string;
  qrelsFile: string;
  runFile?: string;
  /** "none" scores the first-stage order as it is; absent = the same default as `rerank`. */
  rankWith?: ProviderName | 'none';
  firstStageDepth: number;
  k: number;
  json: boolean;
  /** Likely secrets in the documents sent to a remote ranker. */
  secrets: 'redact' | 'omit';
}

export const EVAL_USAGE = `Usage: rerank eval --corpus FILE --queries FILE --qrels FILE [options]

Measures ranking quality on labelled data (the BEIR layout): nDCG@k, MRR@k and Recall@100.

Data:
  --corpus FILE            JSONL of {"_id","title","text"}
  --queries FILE           JSONL of {"_id","text"}
  --qrels FILE             BEIR TSV (query-id corpus-id score, with a header) or TREC (qid Q0 docid grade)
  --run FILE               TREC run (qid Q0 docid rank score tag): each query's candidates, in order
Ranking:
  -p, --provider NAME|none none scores the first-stage order as it is (the baseline)
  --first-stage bm25       without --run: BM25 over the corpus picks the candidates (the default)
  --candidates N           how many the first stage keeps (default 100)
  -k N                     the cut-off of nDCG and MRR (default 10)
  --secrets redact|omit    likely secrets in documents sent to a remote ranker (default redact; a corpus
                           is checked like any other text, a public benchmark too)
  --json                   {"queries", "ndcg@k", "mrr@k", "recall@100", "durationMs"}
${RANKING_USAGE.replace(/^\s+-p, --provider.*\n/m, '')}

${EXIT_CODES}`;

/** `argv` without the leading "eval"; undefined when --help was asked. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs | undefined {
  const parsed = parse(argv, {
    ...RANKING_OPTIONS,
    corpus: { type: 'string' },
    queries: { type: 'string' },
    qrels: { type: 'string' },
    run: { type: 'string' },
    'first-stage': { type: 'string' },
    candidates: { type: 'string' },
    k: { type: 'string', short: 'k' },
    secrets: { type: 'string' },
  }, 'rerank eval --help');
  const v = parsed.values;
  if (v.help) return undefined;
  if (parsed.positionals.length > 0) throw new RerankError('bad-input', `rerank eval takes no PATH arguments; got "${parsed.positionals[0]}"`);
  const required = (flag: string, value: string | undefined) => {
    if (value === undefined) throw new RerankError('bad-input', `rerank eval needs ${flag} FILE (see rerank eval --help)`);
    return value;
  };
  oneOf('--first-stage', v['first-stage'], ['bm25'] as const);
  if (v.run !== undefined && v['first-stage'] !== undefined) throw new RerankError('bad-input', 'give either --run or --first-stage, not both');
  const fromStdin = (['corpus', 'queries', 'qrels', 'run'] as const).filter((flag) => v[flag] === '-');
  if (fromStdin.length > 1) throw new RerankError('bad-input', `only one input can be read from stdin (-); ${fromStdin.map((f) => `--${f}`).join(' and ')} both ask for it`);
  const args: EvalArgs = {
    ...readRankingArgs(v),
    corpusFile: required('--corpus', v.corpus),
    queriesFile: required('--queries', v.queries),
    qrelsFile: required('--qrels', v.qrels),
    rankWith: oneOf('--provider', v.provider, [...PROVIDERS, 'none'] as const),
    firstStageDepth: integer('--candidates', v.candidates, 1) ?? 100,
    k: integer('-k', v.k, 1) ?? 10,
    json: v.json ?? false,
    secrets: oneOf('--secrets', v.secrets, ['redact', 'omit'] as const) ?? 'redact',
  };
  assign(args, 'runFile', v.run);
  return definedOnly(args) as EvalArgs;
}
