// Shared pieces of the benchmarks: a seeded text generator, timing statistics, and the way a
// benchmark child hands its figures to bench/run.mjs.
import { seededRandom } from '../scripts/seededRandom.cjs';

export { seededRandom };

// Real-ish words: the prose of documentation and the vocabulary of code reviews.
const WORDS = (
  'the a of to and in is for that with on as by this it be are from or an at which can not when ' +
  'request response retry rate limit limited server client timeout connection error status header ' +
  'body token key account billing quota document documents query search rank ranking relevance ' +
  'score model batch batches endpoint network proxy cache index chunk file files line lines code ' +
  'function method class interface module package install configure setting settings option ' +
  'value values return returns parameter parameters argument string number array object map set ' +
  'user users session workspace editor extension command panel view tree result results order ' +
  'first last next previous before after during while until since because although however ' +
  'therefore instead simply quickly slowly carefully always never often usually sometimes ' +
  'backoff jitter exponential deadline cancel cancelled abort signal stream streaming buffer ' +
  'parse parsed parser validate validation invalid valid missing duplicate range integer finite ' +
  'message messages log logging debug trace warning information secret secrets redact environment ' +
  'variable variables path paths folder folders directory project repository branch commit test ' +
  'tests integration unit benchmark latency throughput median percentile memory heap garbage ' +
  'collector allocation performance fast faster slower efficient efficiently overhead cost costs ' +
  'capital city state country river mountain ocean island history language english grammar ' +
  'letter capitalization punishment federal district government people population year years ' +
  'getUserName fetchDocuments parseRetryAfter createDispatcher rerank_results max_tokens_per_doc ' +
  'relevance_score top-n keep-alive HTTPServer2 utf8 json jsonl http https v1 v2 429 503 2024'
).split(' ');

/** `count` documents of about `chars` characters each: sentences of seeded words. */
export function makeDocuments(count: number, chars: number, seed = 42): string[] {
  const random = seededRandom(seed);
  const pick = (): string => WORDS[Math.floor(random() * WORDS.length)] as string;
  const docs: string[] = [];
  for (let d = 0; d < count; d++) {
    let text = '';
    while (text.length < chars - 40) {
      const length = 6 + Math.floor(random() * 12);
      const words: string[] = [];
      for (let w = 0; w < length; w++) words.push(pick());
      const sentence = words.join(' ');
      text += (text ? ' ' : '') + sentence.charAt(0).toUpperCase() + sentence.slice(1) + '.';
    }
    docs.push(text.length > chars ? `${text.slice(0, chars - 1).trimEnd()}.` : text);
  }
  return docs;
}

export interface Summary {
  n: number;
  median: number;
  p90: number;
  mean: number;
  min: number;
}

/** Nearest-rank percentile over a sorted copy. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return { n: sorted.length, median: at(0.5), p90: at(0.9), mean, min: sorted[0] ?? NaN };
}

export function median(samples: readonly number[]): number {
  return summarize(samples).median;
}

/** Runs a full collection when the process was started with --expose-gc. */
export function collectGarbage(): void {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
}

export function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Progress goes to stderr so stdout stays for the report (or the JSON). */
export function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}

/**
 * Hands the figures to the parent (bench/run.mjs) over IPC, or prints them as JSON when the
 * benchmark is run on its own (`node --import tsx bench/http.ts`).
 */
export async function report(result: unknown): Promise<void> {
  const send = process.send?.bind(process);
  if (send) {
    await new Promise<void>((resolve, reject) => {
      send({ type: 'result', result }, undefined, {}, (err: Error | null) => (err ? reject(err) : resolve()));
    });
  } else {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  }
}

/** Main wrapper: one clear line on failure and a non-zero exit, never a hang. */
export function runMain(main: () => Promise<void>): void {
  // Started by bench/run.mjs: when it goes away (even killed with SIGKILL), stop too.
  if (process.send) process.once('disconnect', () => process.exit(1));
  main().then(
    // Exit at once: keep-alive pools (ours, and the SDK's global fetch) would hold the loop open.
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
