// `rerank eval`: measures a provider's ranking quality on labelled data.

import { forTerminal, jsonLine } from '../core/outsideText';
import { describeGuard } from '../core/secretGuard';
import { evaluate } from '../eval/evaluate';
import { parseCorpus, parseEvalQueries, parseQrels, parseTrecRun } from '../eval/beir';
import { EVAL_USAGE, parseEvalArgs } from './evalArgs';
import { readText } from './inputs';
import { engineOptions, rankerFromArgs, type CliIo } from './ranker';
import { definedOnly } from '../core/defined';

export async function runEval(argv: readonly string[], io: CliIo): Promise<void> {
  const args = parseEvalArgs(argv);
  if (!args) {
    io.stdout(`${EVAL_USAGE}\n`);
    return;
  }
  const started = Date.now();
  const read = async <T>(file: string, parse: (text: string, name: string) => T) => parse(await readText(file, io.readStdin, io.signal), file);
  const corpus = await read(args.corpusFile, parseCorpus);
  const queries = await read(args.queriesFile, parseEvalQueries);
  const qrels = await read(args.qrelsFile, parseQrels);
  const run = args.runFile === undefined ? undefined : await read(args.runFile, parseTrecRun);
  const ranker = args.rankWith === 'none' ? undefined : rankerFromArgs(args, args.rankWith, io);

  const result = await evaluate({
    corpus,
    queries,
    qrels,
    // The corpus is guarded as --docs is: a remote ranker never sees a likely secret as it was.
    ...definedOnly({ run, ranker, signal: io.signal, secretPolicy: ranker && ranker.provider !== 'local' ? args.secrets : undefined }),
    firstStageDepth: args.firstStageDepth,
    rerankOptions: engineOptions(args, ranker),
    k: args.k,
    onProgress: (done, total) => io.stderr(`rerank eval: ${done}/${total} queries\n`),
  });
  const durationMs = Date.now() - started;
  for (const note of describeGuard(result.secretsRedacted, result.documentsOmitted)) io.stderr(`rerank eval: ${note}\n`);
  if (args.json) {
    io.stdout(`${jsonLine({ queries: result.queries, [`ndcg@${args.k}`]: result.ndcg, [`mrr@${args.k}`]: result.mrr, 'recall@100': result.recall, durationMs })}\n`);
    return;
  }
  const how = forTerminal(`${run ? `run ${args.runFile}` : `BM25 top ${args.firstStageDepth}`} -> ${ranker ? `${ranker.provider} ${ranker.model}` : 'as given'}`);
  io.stdout(
    [
      `queries     ${result.queries}   (${how})`,
      `nDCG@${args.k}`.padEnd(12) + result.ndcg.toFixed(4),
      `MRR@${args.k}`.padEnd(12) + result.mrr.toFixed(4),
      `Recall@100  ${result.recall.toFixed(4)}`,
      `time        ${durationMs} ms`,
    ].join('\n') + '\n',
  );
}
