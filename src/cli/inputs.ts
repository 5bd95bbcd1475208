// Reading the CLI's --docs and --queries files. Every problem names the file and line and exits 2.
// PATH arguments go through src/sources (walking, ignore rules, chunking) like the extension's.

import { promises as fs } from 'node:fs';
import { RerankError } from '../core/errors';
import type { Candidate } from '../core/types';

export interface QuerySpec {
  id: string;
  query: string;
}

export async function readText(file: string, stdin: () => Promise<string>): Promise<string> {
  if (file === '-') return stdin();
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new RerankError('bad-input', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** A JSON array of strings, or JSONL with a string or an object with "text" per line. */
export function parseDocs(text: string, name: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      throw new RerankError('bad-input', `${name}: not valid JSON (${(err as Error).message})`);
    }
    const docs = value as unknown[];
    docs.forEach((doc, i) => {
      if (typeof doc !== 'string') throw new RerankError('bad-input', `${name}: element ${i} is not a string`);
    });
    return docs as string[];
  }
  return parseJsonLines(text, name, (value, where) => {
    if (typeof value === 'string') return value;
    const t = (value as { text?: unknown } | null)?.text;
    if (typeof t === 'string') return t;
    throw new RerankError('bad-input', `${where}: expected a string or an object with a string "text"`);
  });
}

export function parseQueries(text: string, name: string): QuerySpec[] {
  const queries = parseJsonLines(text, name, (value, where) => {
    const v = value as { id?: unknown; query?: unknown } | null;
    if (typeof v?.query !== 'string' || v.query.trim() === '') throw new RerankError('bad-input', `${where}: expected {"id", "query"} with a non-empty "query"`);
    if (typeof v.id !== 'string' && typeof v.id !== 'number') throw new RerankError('bad-input', `${where}: "id" must be a string or a number`);
    return { id: String(v.id), query: v.query };
  });
  if (queries.length === 0) throw new RerankError('bad-input', `${name} holds no queries`);
  // Each output line carries its query's id: two queries with one id could not be told apart.
  const seen = new Set<string>();
  for (const q of queries) {
    if (seen.has(q.id)) throw new RerankError('bad-input', `${name}: the id ${JSON.stringify(q.id)} is used by more than one query; give each query its own id`);
    seen.add(q.id);
  }
  return queries;
}

function parseJsonLines<T>(text: string, name: string, read: (value: unknown, where: string) => T): T[] {
  const out: T[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const where = `${name} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new RerankError('bad-input', `${where}: not valid JSON (${(err as Error).message})`);
    }
    out.push(read(value, where));
  }
  return out;
}

export function docsToCandidates(docs: readonly string[], offset: number): Candidate[] {
  return docs.map((text, i) => ({ id: String(offset + i), text, source: { kind: 'input', index: offset + i } }));
}
