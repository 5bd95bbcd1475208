// Argument parsing for `rerank`: node:util parseArgs plus validation into one typed object.

import { parseArgs } from 'node:util';
import { RerankError } from '../core/errors';
import type { MergeMethod } from '../core/types';
import type { CohereApiVersion } from '../providers/cohere';
import { PROVIDERS, type ProviderName } from '../providers/index';

export interface CliArgs {
  query?: string;
  queriesFile?: string;
  docsFile?: string;
  paths: string[];
  provider?: ProviderName;
  endpoint?: string;
  model?: string;
  apiVersion: CohereApiVersion;
  topK: number;
  json: boolean;
  timeoutMs?: number;
  deadlineMs?: number;
  maxRetries?: number;
  batchSize?: number;
  concurrency?: number;
  merge?: MergeMethod;
  maxTokensPerDoc?: number;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: rerank [options] [PATH...]

Ranks candidate texts against a query: with Cohere Rerank when a key is set, else offline with BM25.

Candidates:
  PATH...                  files to rank (a folder: its files, recursively)
  --docs FILE              a JSON array of strings, or JSONL (a string or {"text"} per line); - = stdin
Query:
  -q, --query TEXT         the query
  --queries FILE           JSONL of {"id","query"}: one JSON line of output per query
Provider:
  -p, --provider NAME      local | cohere (default: cohere when COHERE_API_KEY or RERANK_API_KEY is set)
  --endpoint URL           base URL, or a full URL ending in /rerank (default https://api.cohere.com)
  -m, --model NAME         default rerank-v3.5
  --api-version v1|v2      default v2
  --max-tokens-per-doc N   passed to the API (v2)
Ranking:
  -k, --top N              results to keep (default 10)
  --batch-size N           documents per request (default: the provider's limit, 1000 for Cohere)
  --concurrency N          requests in flight (default 4; halves on 429)
  --merge score|rrf        how batches merge (default: score when comparable, else rrf)
Network:
  --timeout SECONDS        per attempt: connect, headers and body (default 60)
  --deadline SECONDS       for the whole ranking including retries (default 300)
  --max-retries N          on 408, 429, 5xx, network errors and timeouts (default 5)
Output:
  --json                   machine-readable output
  -h, --help, --version

Exit codes: 0 ok, 2 usage or bad input, 3 key rejected, 4 rate limited, 5 timeout or network,
6 request rejected by the API, 1 anything else.`;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        query: { type: 'string', short: 'q' },
        queries: { type: 'string' },
        docs: { type: 'string' },
        provider: { type: 'string', short: 'p' },
        endpoint: { type: 'string' },
        model: { type: 'string', short: 'm' },
        'api-version': { type: 'string' },
        'max-tokens-per-doc': { type: 'string' },
        top: { type: 'string', short: 'k' },
        json: { type: 'boolean' },
        timeout: { type: 'string' },
        deadline: { type: 'string' },
        'max-retries': { type: 'string' },
        'batch-size': { type: 'string' },
        concurrency: { type: 'string' },
        merge: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new RerankError('bad-input', `${(err as Error).message}; see rerank --help`);
  }
  const v = parsed.values;
  const args: CliArgs = {
    paths: parsed.positionals,
    apiVersion: oneOf('--api-version', v['api-version'], ['v1', 'v2'] as const) ?? 'v2',
    topK: integer('--top', v.top, 1) ?? 10,
    json: v.json ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
  };
  assign(args, 'query', v.query);
  assign(args, 'queriesFile', v.queries);
  assign(args, 'docsFile', v.docs);
  assign(args, 'provider', oneOf('--provider', v.provider, PROVIDERS));
  assign(args, 'endpoint', v.endpoint);
  assign(args, 'model', v.model);
  assign(args, 'maxTokensPerDoc', integer('--max-tokens-per-doc', v['max-tokens-per-doc'], 1));
  assign(args, 'timeoutMs', seconds('--timeout', v.timeout));
  assign(args, 'deadlineMs', seconds('--deadline', v.deadline));
  assign(args, 'maxRetries', integer('--max-retries', v['max-retries'], 0));
  assign(args, 'batchSize', integer('--batch-size', v['batch-size'], 1));
  assign(args, 'concurrency', integer('--concurrency', v.concurrency, 1));
  assign(args, 'merge', oneOf('--merge', v.merge, ['score', 'rrf'] as const));
  if (!args.help && !args.version) {
    if (args.query !== undefined && args.queriesFile !== undefined) throw new RerankError('bad-input', 'give either --query or --queries, not both');
    if (args.query === undefined && args.queriesFile === undefined) throw new RerankError('bad-input', 'no query: give --query TEXT or --queries FILE (see rerank --help)');
  }
  return args;
}

function assign<K extends keyof CliArgs>(args: CliArgs, key: K, value: CliArgs[K] | undefined): void {
  if (value !== undefined) args[key] = value;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RerankError('bad-input', `${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
}

function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new RerankError('bad-input', `${flag} must be an integer of at least ${min}; got "${value}"`);
  }
  return n;
}

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new RerankError('bad-input', `${flag} must be a positive number of seconds; got "${value}"`);
  return Math.round(n * 1000);
}
