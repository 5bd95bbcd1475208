// The headless face: `rerank [options] [PATH...]`. Same engine as the extension; errors are one
// line on stderr and an exit code a script can act on.

import { rerank } from './core/engine';
import { definedOnly } from './core/defined';
import { aboveMinScore, belowMinScore } from './core/minScore';
import { packPromptContext } from './core/prompt';
import { noMatchNote } from './core/progress';
import { RerankError, errorText, redact } from './core/errors';
import type { Candidate } from './core/types';
import { USAGE, parseCliArgs, type CliArgs } from './cli/args';
import { runEval } from './cli/evalCommand';
import { decodeUtf8, docsToCandidates, parseDocs, parseQueries, readStream, readText, type QuerySpec } from './cli/inputs';
import { documentTextFor } from './core/titleText';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_WORKSPACE_EXCLUDES, bm25FirstStage, collectFileCandidates, describeCollection, effectiveExcludes, escapeGlob, limitSummary, type CollectReport } from './sources/index';
import { createNodeFs } from './sources/nodeFs';
import { addTitles, collectedFilePath } from './sources/titling';
import { nodeIndexStorage } from './sources/nodeIndexStorage';
import { collectIndexed } from './sources/workspaceIndex/collect';
import type { IndexedCollection } from './sources/workspaceIndex/search';
import { formatTable, stderrLine, summary, toJson } from './cli/output';
import { forTerminal, jsonLine } from './core/outsideText';
import { allApiKeys, engineOptions, rankerFromArgs, reportRetry, type CliIo } from './cli/ranker';
import { scoreCacheFor } from './cli/scoreCacheDir';
import { indexFolderFor, pruneIndexes, type IndexFolder } from './cli/indexDir';
import { LocalRanker } from './providers/local';

export type { CliIo } from './cli/ranker';

const EXIT = { ok: 0, other: 1, usage: 2, auth: 3, rateLimited: 4, network: 5, rejected: 6, cancelled: 130, terminated: 143 } as const;

function exitCodeFor(err: unknown): number {
  if (!(err instanceof RerankError)) return EXIT.other;
  switch (err.kind) {
    case 'bad-input':
      return EXIT.usage;
    case 'auth':
      return EXIT.auth;
    case 'rate-limited':
      return EXIT.rateLimited;
    case 'timeout':
    case 'network':
      return EXIT.network;
    case 'rejected':
    case 'billing':
    case 'blocked':
      return EXIT.rejected;
    case 'cancelled':
      return EXIT.cancelled;
    default:
      return EXIT.other;
  }
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const secrets = allApiKeys(io.env);
  try {
    if (argv[0] === 'eval') {
      await runEval(argv.slice(1), io);
      return EXIT.ok;
    }
    const args = parseCliArgs(argv);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (args.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT.ok;
    }
    const queries = await readQueries(args, io);
    const ranker = rankerFromArgs(args, args.provider, io, scoreCacheFor(args, io));
    const indexFolder = args.paths.length > 0 ? indexFolderFor(args, io.env) : undefined;
    // Likely secrets are handled for text that leaves the machine, goes into a prompt or is kept in an index.
    const guardSecrets = ranker.provider !== 'local' || args.format === 'prompt' || indexFolder !== undefined;
    const { candidates: all, positions, locate, indexed } = await readCandidates(args, io, guardSecrets, indexFolder);
    // The offline ranker gets every indexed passage as it is (no first stage, no header): it scores them from the index's term data.
    const runRanker = indexed && ranker instanceof LocalRanker ? ranker.withIndex(indexed.termBm25()) : ranker;
    const fs = createNodeFs();
    for (const q of queries) {
      const candidates = firstStage(all, q.query, args, ranker.provider !== 'local', io, indexed);
      // Titles for what a remote ranker is sent (its document header), else for what is shown.
      if (ranker.provider !== 'local') await addTitles(fs, candidates, locate, DEFAULT_MAX_FILE_BYTES, io.signal);
      const documentText = ranker.provider === 'local' ? undefined : documentTextFor(args.documentHeader);
      const ranked = await rerank(
        q.query,
        candidates,
        runRanker,
        { ...engineOptions(args, ranker), ...definedOnly({ minScore: args.minScore, documentText }), topK: args.topK },
        io.signal,
        (p) => reportRetry(p, io),
      );
      if (ranker.provider === 'local') await addTitles(fs, ranked.items.map((item) => item.candidate), locate, DEFAULT_MAX_FILE_BYTES, io.signal);
      const note = noMatchNote(ranked);
      if (note) io.stderr(stderrLine(note));
      // `index` is the position in the input, also when a first stage or the secret guard passed on only some.
      for (const item of ranked.items) item.index = positions.get(item.candidate) ?? item.index;
      const below = belowMinScore(ranked);
      if (below > 0) io.stderr(stderrLine(`${below} result${below === 1 ? '' : 's'} scored below --min-score ${args.minScore} and ${below === 1 ? 'is' : 'are'} left out`));
      const run = aboveMinScore(ranked);
      if (args.format === 'json') io.stdout(`${jsonLine(toJson(run, args.queriesFile === undefined ? undefined : q.id))}\n`);
      else if (args.format === 'prompt') {
        const context = packPromptContext(run, { budgetTokens: args.budget });
        io.stdout(`${args.queriesFile !== undefined && q !== queries[0] ? '\n' : ''}${context.text}`);
        io.stderr(`${summary(run)} · prompt ~${context.tokens} tokens${context.omitted.length ? `, ${context.omitted.length} left out for the budget` : ''}\n`);
      } else {
        if (args.queriesFile !== undefined) io.stdout(`\n[${forTerminal(q.id)}] ${forTerminal(q.query)}\n`);
        io.stdout(`${formatTable(run)}\n`);
        io.stderr(`${summary(run)}\n`);
      }
    }
    return EXIT.ok;
  } catch (err) {
    const message = err instanceof RerankError ? err.message : `unexpected error: ${errorText(err)}`;
    io.stderr(stderrLine(redact(message, secrets)));
    return exitCodeFor(err);
  }
}

/** The candidates, and each one's position in the input (docs first, then files). */
async function readCandidates(
  args: CliArgs,
  io: CliIo,
  guardSecrets: boolean,
  indexFolder: IndexFolder | undefined,
): Promise<{ candidates: Candidate[]; positions: Map<Candidate, number>; locate: (c: Candidate) => string | undefined; indexed?: IndexedCollection }> {
  const candidates: Candidate[] = [];
  let indexed: IndexedCollection | undefined;
  let locate: (c: Candidate) => string | undefined = () => undefined;
  let docCount = 0;
  if (args.docsFile !== undefined) {
    const name = args.docsFile === '-' ? 'stdin' : args.docsFile;
    const docs = parseDocs(await readText(args.docsFile, io.readStdin, io.signal), name);
    docCount = docs.length;
    const { candidates: kept, notes } = docsToCandidates(docs, guardSecrets ? args.secrets : undefined);
    for (const note of notes) io.stderr(`rerank: ${name}: ${note}\n`);
    candidates.push(...kept);
  }
  const keptDocs = candidates.length;
  if (args.paths.length > 0) {
    const options = {
      include: args.include,
      // The defaults, less any an --include names; the user's own excludes always apply.
      exclude: args.noDefaultExcludes ? args.exclude : effectiveExcludes(DEFAULT_WORKSPACE_EXCLUDES, args.exclude, args.include),
      skipLargeDataFiles: !args.noDefaultExcludes,
      ...(args.followSymlinks ? { symlinks: 'follow' as const } : {}),
      ...definedOnly({ maxBytes: args.maxReadMb === undefined ? undefined : args.maxReadMb * (1 << 20), maxPassages: args.maxPassages, signal: io.signal }),
      chunk: definedOnly({ maxTokens: args.chunkTokens, maxTokensPerDoc: args.maxTokensPerDoc }),
      remote: guardSecrets,
      secretPolicy: args.secrets,
    };
    let files: Candidate[];
    let report: CollectReport;
    if (indexFolder === undefined) ({ candidates: files, report } = await collectFileCandidates(createNodeFs(), args.paths, options));
    else {
      indexed = await collectIndexed(createNodeFs(), args.paths, options, { storage: nodeIndexStorage(indexFolder.path), producer: `cli ${VERSION}` });
      report = indexed.report;
      files = indexed.all().flatMap((file) => file.candidates);
      // The run goes on without the index when it cannot be written; the next run builds it again.
      await indexed.saved.catch((err: unknown) => io.stderr(stderrLine(`cannot write the index in ${indexFolder.path}: ${errorText(err)} (--no-index goes without)`)));
      if (indexed.rebuilt.length > 0) io.stderr(stderrLine(`indexed ${indexed.rebuilt.join(', ')} in ${indexFolder.path}: a run again reads only the files that changed (--no-index keeps none)`));
      if (indexFolder.pruned) await pruneIndexes(indexFolder.path, indexed.names).catch(() => undefined);
      if (keptDocs > 0) indexed = undefined;
    }
    const notes = describeCollection(report);
    if (files.length === 0 && candidates.length === 0) throw new RerankError('bad-input', `no candidates: ${notes.join('; ') || 'the paths hold no text'}`);
    for (const note of notes) io.stderr(stderrLine(note));
    const action = limitAction(report);
    if (action) io.stderr(stderrLine(action));
    locate = collectedFilePath(report);
    candidates.push(...files);
  }
  if (candidates.length === 0) {
    throw new RerankError('bad-input', args.docsFile === undefined ? 'no candidates: give --docs FILE or PATH arguments' : docCount > 0 ? 'no candidates: every document held a likely secret (--secrets omit)' : 'no candidates: the inputs hold no text');
  }
  const positions = new Map(candidates.map((c, i) => [c, c.source.kind === 'input' ? c.source.index : docCount + i - keptDocs]));
  return { candidates, positions, locate, ...(indexed ? { indexed } : {}) };
}

/** What to do about a reached bound: exclude the heaviest folder, or raise the bound that was reached. */
function limitAction(report: CollectReport): string | undefined {
  const summary = limitSummary(report);
  if (summary === undefined) return undefined;
  const raise = summary.bound === 'bytes' ? `--max-read-mb ${Math.ceil((report.maxBytes * 2) / (1 << 20))}` : `--max-passages ${report.maxPassages * 2}`;
  const exclude = summary.heaviest ? `leave out the heaviest folder with --exclude '${escapeGlob(summary.heaviest.folder).replace(/'/g, "'\\''")}', ` : '';
  return `to rank the files left out: ${exclude}narrow the PATHs or --include, or raise the limit (${raise})`;
}

/** The BM25 first stage: a remote ranker sees only the top N passages (the local one ranks them all). */
function firstStage(candidates: Candidate[], query: string, args: CliArgs, remote: boolean, io: CliIo, indexed?: IndexedCollection): Candidate[] {
  if (!remote || args.firstStage === 0 || candidates.length <= args.firstStage) return candidates;
  io.stderr(`rerank: BM25 first stage kept ${args.firstStage} of ${candidates.length} candidates\n`);
  // The index's term data gives the same choice without tokenizing every passage (only PATHs: --docs have none).
  if (indexed) return indexed.firstStagePositions(query, args.firstStage).map((n) => candidates[n] as Candidate);
  return bm25FirstStage(candidates, query, args.firstStage);
}

async function readQueries(args: CliArgs, io: CliIo): Promise<QuerySpec[]> {
  if (args.queriesFile === undefined) return [{ id: '', query: args.query ?? '' }];
  if (args.queriesFile === '-' && args.docsFile === '-') throw new RerankError('bad-input', '--docs and --queries cannot both read stdin');
  return parseQueries(await readText(args.queriesFile, io.readStdin, io.signal), args.queriesFile === '-' ? 'stdin' : args.queriesFile);
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

if (require.main === module) {
  const controller = new AbortController();
  // Every phase takes the signal; should one still miss it, the process leaves a second later anyway.
  let stoppedWith: number | undefined;
  const stop = (code: number) => {
    stoppedWith = code;
    controller.abort();
    setTimeout(() => {
      process.stderr.write('rerank: cancelled\n');
      process.exit(code);
    }, 1000).unref();
  };
  process.once('SIGINT', () => stop(EXIT.cancelled));
  process.once('SIGTERM', () => stop(EXIT.terminated));
  // runCli turns every failure into a message and an exit code: it does not reject.
  void runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    readStdin: async () => decodeUtf8(await readStream(process.stdin, controller.signal), 'stdin'),
    signal: controller.signal,
  }).then((result) => {
    const code = result === EXIT.cancelled && stoppedWith !== undefined ? stoppedWith : result;
    // Keep-alive sockets would hold the process open; the answer is out, so leave now.
    process.exitCode = code;
    process.stdout.write('', () => process.exit(code));
  });
}
