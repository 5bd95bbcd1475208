import * as assert from 'node:assert/strict';
import { USAGE, parseCliArgs } from '../../../src/cli/args';
import { DEFAULT_WORKSPACE_EXCLUDES } from '../../../src/sources/defaultExcludes';
import { parseDocs, parseQueries } from '../../../src/cli/inputs';

describe('CLI arguments', () => {
  it('reads every option of the contract', () => {
    const args = parseCliArgs([
      '-q', 'why', '--docs', 'd.json', '-p', 'cohere', '--endpoint', 'http://127.0.0.1:1', '-m', 'rerank-english-v3.0',
      '--api-version', 'v1', '-k', '3', '--json', '--timeout', '0.5', '--max-retries', '0', '--batch-size', '100',
      '--concurrency', '2', '--merge', 'rrf', 'a.txt', 'folder',
    ]);
    assert.deepEqual(args, {
      query: 'why', docsFile: 'd.json', provider: 'cohere', endpoint: 'http://127.0.0.1:1', model: 'rerank-english-v3.0',
      apiVersion: 'v1', topK: 3, json: true, format: 'json', budget: 4000, include: [], exclude: [], followSymlinks: false, noDefaultExcludes: false, documentHeader: 'path-and-title', firstStage: 0, secrets: 'redact', timeoutMs: 500, maxRetries: 0, batchSize: 100, concurrency: 2, merge: 'rrf',
      paths: ['a.txt', 'folder'], noCache: false, noIndex: false, help: false, version: false,
    });
  });

  it('reads --index DIR and --no-index, and refuses both together', () => {
    assert.deepEqual([parseCliArgs(['-q', 'q', '--index', 'i']).index, parseCliArgs(['-q', 'q', '--no-index']).noIndex, parseCliArgs(['-q', 'q']).noIndex], ['i', true, false]);
    assert.throws(() => parseCliArgs(['-q', 'q', '--index', 'i', '--no-index']), /--index and --no-index disagree/);
  });

  it('reads --cache DIR and --no-cache, and refuses both together', () => {
    assert.deepEqual([parseCliArgs(['-q', 'q', '--cache', 'c']).cacheDir, parseCliArgs(['-q', 'q', '--no-cache']).noCache], ['c', true]);
    assert.throws(() => parseCliArgs(['-q', 'q', '--cache', 'c', '--no-cache']), /--cache and --no-cache disagree/);
  });

  it('reads the candidate options, repeatable globs included', () => {
    const args = parseCliArgs(['-q', 'q', '--include', '**/*.ts', '--include', '**/*.md', '--exclude', 'dist/**', '--chunk-tokens', '200', '--max-read-mb', '64', '--max-passages', '5000', '--first-stage', '100', '--secrets', 'omit']);
    assert.deepEqual([args.include, args.exclude, args.chunkTokens, args.maxReadMb, args.maxPassages, args.firstStage, args.secrets], [['**/*.ts', '**/*.md'], ['dist/**'], 200, 64, 5000, 100, 'omit']);
  });

  it('reads --index DIR, absent unless given', () => {
    assert.equal(parseCliArgs(['-q', 'q', '--index', '.rerank-index', 'dir']).index, '.rerank-index');
    assert.equal(parseCliArgs(['-q', 'q', 'dir']).index, undefined);
    assert.match(USAGE, /--index DIR/);
  });

  it('reads --no-default-excludes and --document-header, and refuses an unknown header', () => {
    const args = parseCliArgs(['-q', 'q', '--no-default-excludes', '--document-header', 'none', 'dir']);
    assert.deepEqual([args.noDefaultExcludes, args.documentHeader], [true, 'none']);
    assert.throws(() => parseCliArgs(['-q', 'q', '--document-header', 'title']), /--document-header must be one of path-and-title, none; got "title"/);
  });

  it('lists every default exclude in --help', () => {
    const help = USAGE.replace(/\s+/g, ' ');
    for (const pattern of DEFAULT_WORKSPACE_EXCLUDES) assert.ok(help.includes(` ${pattern} `) || help.endsWith(` ${pattern}`) || help.includes(` ${pattern}\n`), pattern);
    assert.match(USAGE, /--no-default-excludes/);
  });

  it('takes --follow-symlinks as a switch, off by default', () => {
    assert.equal(parseCliArgs(['-q', 'q', '--follow-symlinks', 'dir']).followSymlinks, true);
    assert.equal(parseCliArgs(['-q', 'q', 'dir']).followSymlinks, false);
  });

  it('has the documented defaults', () => {
    const args = parseCliArgs(['--query', 'q']);
    assert.equal(args.topK, 10);
    assert.equal(args.apiVersion, undefined, 'the API version is Cohere\'s alone; absent means v2');
    assert.equal(args.json, false);
    assert.equal(args.provider, undefined);
  });

  for (const [argv, message] of [
    [['--query', 'q', '--top', '0'], /--top must be an integer of at least 1; got "0"/],
    [['--query', 'q', '--top', 'ten'], /--top must be an integer/],
    [['--query', 'q', '--budget', '10'], /--budget must be an integer of at least 64; got "10"/],
    [['--query', 'q', '--provider', 'openai'], /--provider must be one of local, cohere, cohere-v1, jina, voyage, mixedbread, together, tei, vllm, infinity, llama-cpp; got "openai"/],
    [['--query', 'q', '--merge', 'max'], /--merge must be one of score, rrf/],
    [['--query', 'q', '--timeout=-1'], /--timeout must be a positive number of seconds/],
    [['--query', 'q', '--timeout', '0'], /--timeout must be a positive number of seconds; got "0"/],
    [['--query', 'q', '--bogus'], /Unknown option '--bogus'/],
    // Node fires a timer of more than 2^31-1 ms after 1 ms: every attempt would time out at once.
    [['--query', 'q', '--timeout', '2147484'], /--timeout must be at most 2147483 seconds \(about 24 days\); got "2147484"/],
    [['--query', 'q', '--deadline', '1e10'], /--deadline must be at most 2147483 seconds/],
    [['--query', 'q', '--min-score', 'high'], /--min-score must be a number \(a score such as 0\.3\); got "high"/],
    [['--query', 'q', '--min-score', ''], /--min-score must be a number/],
    [['--query', 'q', '--format', 'xml'], /--format must be one of table, json, prompt/],
    [['--query', 'q', '--json', '--format', 'prompt'], /--json and --format prompt disagree/],
    [['x.txt'], /no query: give --query TEXT or --queries FILE/],
    [['-q', 'a', '--queries', 'q.jsonl'], /either --query or --queries/],
  ] as const) {
    it(`refuses ${argv.join(' ')}`, () => {
      assert.throws(() => parseCliArgs(argv), (err: Error & { kind?: string }) => err.kind === 'bad-input' && message.test(err.message));
    });
  }

  it('reads --min-score, negative logits too, and leaves it out when not given', () => {
    assert.equal(parseCliArgs(['-q', 'q', '--min-score', '0.35']).minScore, 0.35);
    assert.equal(parseCliArgs(['-q', 'q', '--min-score=-2.5']).minScore, -2.5);
    assert.ok(!('minScore' in parseCliArgs(['-q', 'q'])));
  });

  it('reads --max-requests and --allow-insecure-http, and leaves them out when not given', () => {
    const args = parseCliArgs(['-q', 'q', '--max-requests', '5000', '--allow-insecure-http']);
    assert.deepEqual([args.maxRequests, args.allowInsecureHttp], [5000, true]);
    const plain = parseCliArgs(['-q', 'q']);
    assert.deepEqual([plain.maxRequests, plain.allowInsecureHttp], [undefined, undefined]);
    assert.throws(() => parseCliArgs(['-q', 'q', '--max-requests', '0']), /--max-requests must be an integer of at least 1; got "0"/);
  });

  it('takes the longest timer Node can keep: 2147483 seconds', () => {
    const args = parseCliArgs(['-q', 'q', '--timeout', '2147483', '--deadline', '2147483']);
    assert.deepEqual([args.timeoutMs, args.deadlineMs], [2_147_483_000, 2_147_483_000]);
  });

  it('refuses an option given twice rather than keeping the last one; globs repeat', () => {
    const badInput = (message: RegExp) => (err: Error & { kind?: string }) => err.kind === 'bad-input' && message.test(err.message);
    assert.throws(() => parseCliArgs(['-q', 'a', '--docs', 'a.json', '--docs', 'b.json']), badInput(/--docs was given more than once/));
    assert.throws(() => parseCliArgs(['-q', 'a', '-q', 'b', 'x']), badInput(/--query was given more than once/));
    assert.deepEqual(parseCliArgs(['-q', 'a', '--include', '*.ts', '--include', '*.md', 'x']).include, ['*.ts', '*.md']);
  });

  it('refuses a timeout under one millisecond, which would time out every attempt', () => {
    assert.throws(() => parseCliArgs(['-q', 'a', '--timeout', '0.0004', 'x']), /--timeout must be at least 0.001 seconds/);
    assert.equal(parseCliArgs(['-q', 'a', '--timeout', '0.001', 'x']).timeoutMs, 1);
  });

  it('refuses two --queries with one id', () => {
    assert.throws(() => parseQueries('{"id":"a","query":"x"}\n{"id":"a","query":"y"}\n', 'q.jsonl'), /q\.jsonl: the id "a" is used by more than one query/);
    assert.equal(parseQueries('{"id":1,"query":"x"}\n{"id":"2","query":"y"}\n', 'q.jsonl').length, 2);
  });

  it('needs no query for --help', () => {
    assert.equal(parseCliArgs(['--help']).help, true);
  });
});

describe('CLI inputs', () => {
  it('reads a JSON array of strings', () => {
    assert.deepEqual(parseDocs(' ["a", "b"] ', 'd.json'), ['a', 'b']);
  });

  it('reads JSONL of strings and of objects with text, skipping blank lines', () => {
    assert.deepEqual(parseDocs('"a"\n\n{"text": "b", "id": 7}\r\n', 'd.jsonl'), ['a', 'b']);
  });

  it('names the file and line of a bad document', () => {
    assert.throws(() => parseDocs('"a"\n{"body": "b"}\n', 'd.jsonl'), /d\.jsonl line 2: expected a string or an object with a string "text"/);
    assert.throws(() => parseDocs('"a"\n{oops\n', 'd.jsonl'), /d\.jsonl line 2: not valid JSON/);
    assert.throws(() => parseDocs('["a", 3]', 'd.json'), /d\.json: element 1 is not a string/);
    assert.throws(() => parseDocs('["a",', 'd.json'), /d\.json: not valid JSON/);
  });

  it('reads queries as JSONL of {id, query}', () => {
    assert.deepEqual(parseQueries('{"id":"q1","query":"a"}\n{"id":2,"query":"b"}\n', 'q.jsonl'), [
      { id: 'q1', query: 'a' },
      { id: '2', query: 'b' },
    ]);
  });

  it('refuses a query line without a query, and an empty file', () => {
    assert.throws(() => parseQueries('{"id":"q1"}', 'q.jsonl'), /q\.jsonl line 1: expected \{"id", "query"\}/);
    assert.throws(() => parseQueries('\n', 'q.jsonl'), /q\.jsonl holds no queries/);
  });
});
