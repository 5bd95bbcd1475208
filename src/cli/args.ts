// Argument parsing for `rerank`: node:util parseArgs plus validation into typed objects. The
// provider and network options and the checks are declared once here and shared with evalArgs.ts.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { definedOnly } from '../core/defined';
import { RerankError } from '../core/errors';
import { MIN_PROMPT_BUDGET } from '../core/prompt';
import { MAX_TIMER_MS } from '../core/timers';
import { DEFAULT_DOCUMENT_HEADER, type DocumentHeaderMode } from '../core/titleText';
import { DEFAULT_WORKSPACE_EXCLUDES, LARGE_DATA_FILE } from '../sources/defaultExcludes';
import type { MergeMethod } from '../core/types';
import { PROVIDERS, type ApiVersion, type ProviderName } from '../providers/index';

/** How to rank: which provider, where, and how hard to try. */
export interface RankingArgs {
  provider?: ProviderName;
  endpoint?: string;
  model?: string;
  apiVersion?: ApiVersion;
  maxTokensPerDoc?: number;
  timeoutMs?: number;
  deadlineMs?: number;
  maxRetries?: number;
  batchSize?: number;
  concurrency?: number;
  merge?: MergeMethod;
  maxRequests?: number;
  allowInsecureHttp?: boolean;
}

export type OutputFormat = 'table' | 'json' | 'prompt';

export interface CliArgs extends RankingArgs {
  query?: string;
  queriesFile?: string;
  docsFile?: string;
  paths: string[];
  topK: number;
  /** Results scoring below this are left out of the output. */
  minScore?: number;
  json: boolean;
  format: OutputFormat;
  /** Token budget of --format prompt. */
  budget: number;
  include: string[];
  exclude: string[];
  /** Follow symlinks that lead outside the PATHs given (skipped and reported otherwise). */
  followSymlinks: boolean;
  /** Leave the default excludes (lock files, bundles, build output, large data files) out of PATH walks. */
  noDefaultExcludes: boolean;
  /** Bounds of a PATH walk: megabytes of text read, passages held. */
  maxReadMb?: number;
  maxPassages?: number;
  /** What a remote ranker's documents start with. */
  documentHeader: DocumentHeaderMode;
  chunkTokens?: number;
  /** Keep the top N chunks by BM25 before a remote ranker sees them; 0 = off. */
  firstStage: number;
  secrets: 'redact' | 'omit';
  /** Where the score cache lives (default: the user's cache folder); noCache goes without one. */
  cacheDir?: string;
  noCache: boolean;
  /** Folder that keeps the index of the PATHs across runs (default: the user's cache folder); noIndex goes without one. */
  index?: string;
  noIndex: boolean;
  help: boolean;
  version: boolean;
}

export const RANKING_OPTIONS = {
  provider: { type: 'string', short: 'p' },
  endpoint: { type: 'string' },
  model: { type: 'string', short: 'm' },
  'api-version': { type: 'string' },
  'max-tokens-per-doc': { type: 'string' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  'max-retries': { type: 'string' },
  'batch-size': { type: 'string' },
  concurrency: { type: 'string' },
  merge: { type: 'string' },
  'max-requests': { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const RANKING_USAGE = `Provider:
  -p, --provider NAME      local, or an API: ${PROVIDERS.filter((p) => p !== 'local').join(', ')}
                           (default: cohere when COHERE_API_KEY or RERANK_API_KEY is set, else local)
  --endpoint URL           base URL, or a full URL ending in the API's path (default: the provider's
                           own; self-hosted servers need one)
  -m, --model NAME         default: the provider's (Cohere: rerank-v3.5)
  --api-version v1|v2      Cohere's API version (default v2)
  --max-tokens-per-doc N   passed to the API (v2)
Batching:
  --batch-size N           documents per request (default: the provider's limit, 1000 for Cohere)
  --concurrency N          requests in flight (default 4; halves on 429)
  --merge score|rrf        how batches merge (default: score when comparable, else rrf)
  --max-requests N         refuse a ranking that would send more requests than N (default 1000)
Network:
  --timeout SECONDS        per attempt: connect, headers and body (default 60)
  --deadline SECONDS       for each query's whole ranking: every batch, retry and wait (default 300)
  --max-retries N          on 408, 429, 5xx, network errors and timeouts (default 5)
  --allow-insecure-http    send the key over plain http:// to a host other than this machine`;

export const EXIT_CODES = `Exit codes: 0 ok, 2 usage or bad input, 3 key rejected, 4 rate limited, 5 the --deadline passed,
an attempt timed out or a network error, 6 request rejected by the API, 1 anything else.`;

export const USAGE = `Usage: rerank [options] [PATH...]
       rerank eval --corpus FILE --queries FILE --qrels FILE [options]   (rerank eval --help)

Ranks candidate texts against a query: with Cohere Rerank when a key is set, else offline with BM25.
Keys come from RERANK_API_KEY or the provider's own variable (COHERE_API_KEY, JINA_API_KEY,
VOYAGE_API_KEY, MXBAI_API_KEY, TOGETHER_API_KEY); a self-hosted server without auth needs none.

Candidates:
  PATH...                  files and folders, chunked into passages with line ranges; folders are
                           walked with .gitignore and .rerankignore honoured
  --docs FILE              a JSON array of strings, or JSONL (a string or {"text"} per line); - = stdin
  --include GLOB           only files matching (repeatable)
  --exclude GLOB           leave these out (repeatable), besides the default excludes below
  --no-default-excludes    read what the default excludes leave out (an --include that names one
                           brings that one back alone)
  --follow-symlinks        follow symlinks that lead outside the PATHs (skipped and reported otherwise)
  --chunk-tokens N         estimated tokens per passage (default 400)
  --max-read-mb N          read at most N MB of text (default 256); files past it are left out, listed
  --max-passages N         hold at most N passages (default 2000000); likewise
  --first-stage N          before a remote ranker, keep the top N passages by BM25 (default 0: all)
  --document-header path-and-title|none
                           what each passage sent to a remote ranker starts with (default
                           path-and-title: its file path and the heading or declaration it sits in)
  --secrets redact|omit    likely secrets in files and --docs bound for a remote ranker or a prompt (default redact)
  --index DIR              keep the index of the PATHs in DIR (default: $XDG_CACHE_HOME/rerank/index
                           or ~/.cache/rerank/index, which keeps the 16 trees indexed last): later
                           runs read only the files that changed
                           and rank from stored term counts; passages are kept after --secrets,
                           never with a likely secret, so results show likely secrets redacted
  --no-index               neither read nor write an index: read and tokenize every file
  Default excludes, by name at any depth (data files such as CSV, JSON and XML of ${LARGE_DATA_FILE.minBytes / 1024} KB or more
  are left out too):
${wrap(DEFAULT_WORKSPACE_EXCLUDES.join(' '), 100, '    ')}
Query:
  -q, --query TEXT         the query
  --queries FILE           JSONL of {"id","query"}: one JSON line of output per query
${RANKING_USAGE}
Output:
  -k, --top N              results to keep (default 10)
  --min-score S            leave out results scoring below S (scores compare only within one
                           provider and model: Cohere's are 0 to 1)
  --json                   machine-readable output (same as --format json)
  --format table|json|prompt   prompt: Markdown context for an LLM from the top results
  --budget N               token budget of --format prompt, header included (default 4000, at least ${MIN_PROMPT_BUDGET})
Score cache (rankers whose scores don't depend on the other documents: hashes and scores only):
  --cache DIR              keep it in DIR (default: $XDG_CACHE_HOME/rerank or ~/.cache/rerank)
  --no-cache               neither read nor write it: send every passage
  -h, --help, --version

${EXIT_CODES}`;

export function parse<T extends ParseArgsConfig['options']>(argv: readonly string[], options: T, usage: string) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options, tokens: true });
  } catch (err) {
    throw new RerankError('bad-input', `${(err as Error).message}; see ${usage}`);
  }
  // parseArgs keeps the last of a repeated option: `--docs a.json --docs b.json` would rank b alone.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || token.value === undefined || options?.[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new RerankError('bad-input', `--${token.name} was given more than once; give it once (see ${usage})`);
    seen.add(token.name);
  }
  return parsed;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const parsed = parse(
    argv,
    {
      ...RANKING_OPTIONS,
      query: { type: 'string', short: 'q' },
      queries: { type: 'string' },
      docs: { type: 'string' },
      top: { type: 'string', short: 'k' },
      'min-score': { type: 'string' },
      format: { type: 'string' },
      budget: { type: 'string' },
      include: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'follow-symlinks': { type: 'boolean' },
      'no-default-excludes': { type: 'boolean' },
      'max-read-mb': { type: 'string' },
      'max-passages': { type: 'string' },
      'document-header': { type: 'string' },
      'chunk-tokens': { type: 'string' },
      'first-stage': { type: 'string' },
      secrets: { type: 'string' },
      cache: { type: 'string' },
      'no-cache': { type: 'boolean' },
      index: { type: 'string' },
      'no-index': { type: 'boolean' },
      version: { type: 'boolean' },
    },
    'rerank --help',
  );
  const v = parsed.values;
  const format = oneOf('--format', v.format, ['table', 'json', 'prompt'] as const) ?? (v.json ? 'json' : 'table');
  if (v.json && format !== 'json') throw new RerankError('bad-input', `--json and --format ${format} disagree; give one`);
  const args: CliArgs = {
    ...readRankingArgs(v),
    provider: oneOf('--provider', v.provider, PROVIDERS),
    paths: parsed.positionals,
    topK: integer('--top', v.top, 1) ?? 10,
    json: format === 'json',
    format,
    budget: integer('--budget', v.budget, MIN_PROMPT_BUDGET) ?? 4000,
    include: v.include ?? [],
    exclude: v.exclude ?? [],
    followSymlinks: v['follow-symlinks'] ?? false,
    noDefaultExcludes: v['no-default-excludes'] ?? false,
    maxReadMb: integer('--max-read-mb', v['max-read-mb'], 1),
    maxPassages: integer('--max-passages', v['max-passages'], 1),
    documentHeader: oneOf('--document-header', v['document-header'], ['path-and-title', 'none'] as const) ?? DEFAULT_DOCUMENT_HEADER,
    chunkTokens: integer('--chunk-tokens', v['chunk-tokens'], 1),
    firstStage: integer('--first-stage', v['first-stage'], 0) ?? 0,
    secrets: oneOf('--secrets', v.secrets, ['redact', 'omit'] as const) ?? 'redact',
    noCache: v['no-cache'] ?? false,
    noIndex: v['no-index'] ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
  };
  assign(args, 'minScore', score('--min-score', v['min-score']));
  assign(args, 'query', v.query);
  assign(args, 'queriesFile', v.queries);
  assign(args, 'docsFile', v.docs);
  assign(args, 'cacheDir', v.cache);
  if (args.noCache && args.cacheDir !== undefined) throw new RerankError('bad-input', '--cache and --no-cache disagree; give one');
  assign(args, 'index', v.index);
  if (args.noIndex && args.index !== undefined) throw new RerankError('bad-input', '--index and --no-index disagree; give one');
  if (!args.help && !args.version) {
    if (args.query !== undefined && args.queriesFile !== undefined) throw new RerankError('bad-input', 'give either --query or --queries, not both');
    if (args.query === undefined && args.queriesFile === undefined) throw new RerankError('bad-input', 'no query: give --query TEXT or --queries FILE (see rerank --help)');
  }
  return definedOnly(args) as CliArgs;
}

type RankingValues = { [K in keyof typeof RANKING_OPTIONS]?: (typeof RANKING_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

export function readRankingArgs(v: RankingValues): RankingArgs {
  return definedOnly({
    endpoint: v.endpoint,
    model: v.model,
    apiVersion: oneOf('--api-version', v['api-version'], ['v1', 'v2'] as const),
    maxTokensPerDoc: integer('--max-tokens-per-doc', v['max-tokens-per-doc'], 1),
    timeoutMs: seconds('--timeout', v.timeout),
    deadlineMs: seconds('--deadline', v.deadline),
    maxRetries: integer('--max-retries', v['max-retries'], 0),
    batchSize: integer('--batch-size', v['batch-size'], 1),
    concurrency: integer('--concurrency', v.concurrency, 1),
    merge: oneOf('--merge', v.merge, ['score', 'rrf'] as const),
    maxRequests: integer('--max-requests', v['max-requests'], 1),
    allowInsecureHttp: v['allow-insecure-http'],
  }) as RankingArgs;
}

/** `text`'s words in lines of at most `width` characters, each line starting with `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

export function assign<T, K extends keyof T>(args: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) args[key] = value;
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RerankError('bad-input', `${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}

export function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new RerankError('bad-input', `${flag} must be an integer of at least ${min}; got "${value}"`);
  }
  return n;
}

function score(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new RerankError('bad-input', `${flag} must be a number (a score such as 0.3); got "${value}"`);
  return n;
}

/** MAX_TIMER_MS in whole seconds: Node fires a longer timer after 1 ms, so every attempt would time out. */
const MAX_TIMER_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new RerankError('bad-input', `${flag} must be a positive number of seconds; got "${value}"`);
  if (n > MAX_TIMER_SECONDS) throw new RerankError('bad-input', `${flag} must be at most ${MAX_TIMER_SECONDS} seconds (about 24 days); got "${value}"`);
  // Timers count whole milliseconds: less than one would time out every attempt at once.
  if (n < 0.001) throw new RerankError('bad-input', `${flag} must be at least 0.001 seconds (1 ms); got "${value}"`);
  return Math.round(n * 1000);
}
