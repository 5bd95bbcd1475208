// Readers for the IR community's file formats: BEIR corpus/queries (JSONL), qrels (BEIR TSV or
// TREC), and TREC runs. Each problem names the file and line.

import { RerankError } from '../core/errors';
import type { Qrels } from '../core/metrics';

export interface CorpusDoc {
  id: string;
  title: string;
  text: string;
}

export interface EvalQuery {
  id: string;
  text: string;
}

function bad(name: string, line: number, what: string): RerankError {
  return new RerankError('bad-input', `${name} line ${line}: ${what}`);
}

function* jsonLines(text: string, name: string): Generator<{ value: Record<string, unknown>; line: number }> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw bad(name, i + 1, `not valid JSON (${(err as Error).message})`);
    }
    if (typeof value !== 'object' || value === null) throw bad(name, i + 1, 'expected a JSON object');
    yield { value: value as Record<string, unknown>, line: i + 1 };
  }
}

function idOf(value: Record<string, unknown>, name: string, line: number): string {
  const id = value._id;
  if (typeof id !== 'string' && typeof id !== 'number') throw bad(name, line, 'expected an "_id"');
  return String(id);
}

/** BEIR corpus: {"_id", "title", "text"} per line. A repeated "_id" keeps its first document. */
export function parseCorpus(text: string, name: string): CorpusDoc[] {
  const docs = new Map<string, CorpusDoc>();
  for (const { value, line } of jsonLines(text, name)) {
    if (typeof value.text !== 'string') throw bad(name, line, 'expected a string "text"');
    const id = idOf(value, name, line);
    if (!docs.has(id)) docs.set(id, { id, title: typeof value.title === 'string' ? value.title : '', text: value.text });
  }
  return [...docs.values()];
}

/** BEIR queries: {"_id", "text"} per line. */
export function parseEvalQueries(text: string, name: string): EvalQuery[] {
  const queries: EvalQuery[] = [];
  for (const { value, line } of jsonLines(text, name)) {
    if (typeof value.text !== 'string' || value.text.trim() === '') throw bad(name, line, 'expected a non-empty string "text"');
    queries.push({ id: idOf(value, name, line), text: value.text });
  }
  return queries;
}

/**
 * Qrels in either layout: BEIR TSV (`query-id corpus-id score`, with a header) or TREC
 * (`qid Q0 docid grade`). Whitespace or tabs both work; the layout is read from the column count.
 */
export function parseQrels(text: string, name: string): Qrels {
  const qrels: Qrels = new Map();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const fields = (lines[i] as string).trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === '') continue;
    let qid: string, docid: string, grade: string;
    if (fields.length === 3) [qid, docid, grade] = fields as [string, string, string];
    else if (fields.length === 4) [qid, , docid, grade] = fields as [string, string, string, string];
    else throw bad(name, i + 1, `expected "query-id corpus-id score" or "qid Q0 docid grade", got ${fields.length} fields`);
    const value = Number(grade);
    if (!Number.isFinite(value)) {
      if (i === 0) continue; // the BEIR header; anywhere else a bad grade is an error
      throw bad(name, i + 1, `the grade "${grade}" is not a number`);
    }
    let judgments = qrels.get(qid);
    if (!judgments) qrels.set(qid, (judgments = new Map()));
    judgments.set(docid, value);
  }
  if (qrels.size === 0) throw new RerankError('bad-input', `${name} holds no judgments`);
  return qrels;
}

/**
 * A TREC run (`qid Q0 docid rank score tag`): each query's candidates in first-stage order, which
 * is trec_eval's: by score descending, ties by docid descending. The rank column is ignored, as
 * trec_eval ignores it.
 */
export function parseTrecRun(text: string, name: string): Map<string, string[]> {
  const rows = new Map<string, Map<string, { docid: string; score: number }>>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const fields = (lines[i] as string).trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === '') continue;
    if (fields.length < 5) throw bad(name, i + 1, `expected "qid Q0 docid rank score tag", got ${fields.length} fields`);
    const [qid, , docid, rank, score] = fields as [string, string, string, string, string];
    if (!Number.isFinite(Number(rank)) || !Number.isFinite(Number(score))) throw bad(name, i + 1, 'rank and score must be numbers');
    let list = rows.get(qid);
    if (!list) rows.set(qid, (list = new Map()));
    // A docid listed twice for a query keeps its first line, so it cannot be counted twice.
    if (!list.has(docid)) list.set(docid, { docid, score: Number(score) });
  }
  const run = new Map<string, string[]>();
  for (const [qid, byDoc] of rows) {
    const list = [...byDoc.values()].sort((a, b) => b.score - a.score || byDocidDescending(a.docid, b.docid));
    run.set(qid, list.map((r) => r.docid));
  }
  return run;
}

/** trec_eval breaks score ties with strcmp on the docids, the greater first. */
function byDocidDescending(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
