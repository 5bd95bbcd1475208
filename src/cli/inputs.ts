// Reading the CLI's candidates and queries. Every problem names the file and line and exits 2.
// (Folder walking with ignore rules and chunking arrives with src/sources; for now a PATH is read
// whole, and a folder contributes its files.)

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
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

/** Reads each PATH whole; a folder contributes its files (hidden entries and node_modules skipped). */
export async function readPathCandidates(paths: readonly string[], warn: (line: string) => void): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const root of paths) {
    const files = await listFiles(root);
    const base = (await isDirectory(root)) ? root : path.dirname(root);
    for (const file of files) {
      const bytes = await fs.readFile(file);
      if (bytes.subarray(0, 8192).includes(0)) {
        warn(`skipped ${file}: binary`);
        continue;
      }
      const text = bytes.toString('utf8');
      if (text.trim() === '') continue;
      const rel = path.relative(base, file) || path.basename(file);
      candidates.push({ id: rel, text, source: { kind: 'file', path: rel.split(path.sep).join('/') } });
    }
  }
  return candidates;
}

async function isDirectory(p: string): Promise<boolean> {
  return (await fs.stat(p)).isDirectory();
}

async function listFiles(root: string): Promise<string[]> {
  let stat;
  try {
    stat = await fs.stat(root);
  } catch (err) {
    throw new RerankError('bad-input', `cannot read ${root}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (stat.isFile()) return [root];
  if (!stat.isDirectory()) return [];
  const out: string[] = [];
  const entries = await fs.readdir(root, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

export function docsToCandidates(docs: readonly string[], offset: number): Candidate[] {
  return docs.map((text, i) => ({ id: String(offset + i), text, source: { kind: 'input', index: offset + i } }));
}
