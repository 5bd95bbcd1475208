// The score cache's table: scores by hashed key, bounded in entries and bytes with the least
// recently used out, and its file format. It holds hashes and numbers only, never text.

/** Hex SHA-256 of a string; Web Crypto, so the same code runs in Node, the extension host and a browser. */
export type Hasher = (text: string) => Promise<string>;

export const sha256Hex: Hasher = async (text) => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
};

export interface ScoreTableBounds {
  maxEntries: number;
  /** Bytes of the entries as written to the file. */
  maxBytes: number;
}

/** About 57 bytes an entry: 100,000 entries fit in 6 MB. */
export const DEFAULT_SCORE_TABLE_BOUNDS: ScoreTableBounds = { maxEntries: 100_000, maxBytes: 8 * 1024 * 1024 };

/** A key: 128 bits of SHA-256 in hex. */
export const KEY_LENGTH = 32;
const KEY = /^[0-9a-f]{32}$/;
const FORMAT = 'rerank-score-cache';
export const SCORE_TABLE_VERSION = 1;

export class ScoreTable {
  /** Insertion order is recency: the first entry is the least recently used. */
  private readonly entries = new Map<string, number>();
  private bytes = 0;
  /** True once something was added or a bound dropped entries: the file needs writing. */
  changed = false;

  constructor(private readonly bounds: ScoreTableBounds = DEFAULT_SCORE_TABLE_BOUNDS) {}

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  /** The score under `key`, which becomes the most recently used. */
  get(key: string): number | undefined {
    const score = this.entries.get(key);
    if (score === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, score);
    // Recency is what eviction goes by, so the file keeps it too.
    this.changed = true;
    return score;
  }

  set(key: string, score: number): void {
    if (!KEY.test(key) || !Number.isFinite(score)) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= entryBytes(key, old);
    }
    this.entries.set(key, score);
    this.bytes += entryBytes(key, score);
    if (old !== score) this.changed = true;
    this.evict();
  }

  private evict(): void {
    for (const [key, score] of this.entries) {
      if (this.entries.size <= this.bounds.maxEntries && this.bytes <= this.bounds.maxBytes) return;
      this.entries.delete(key);
      this.bytes -= entryBytes(key, score);
      this.changed = true;
    }
  }

  /** A header line with the version and the body's checksum, then the entries, oldest first. */
  async toText(hash: Hasher = sha256Hex): Promise<string> {
    const body = JSON.stringify([...this.entries]);
    return `${JSON.stringify({ format: FORMAT, version: SCORE_TABLE_VERSION, sha256: await hash(body) })}\n${body}`;
  }

  /** The table a file holds, or undefined for anything not exactly what toText writes (never trusted in part). */
  static async fromText(text: string, bounds: ScoreTableBounds = DEFAULT_SCORE_TABLE_BOUNDS, hash: Hasher = sha256Hex): Promise<ScoreTable | undefined> {
    const newline = text.indexOf('\n');
    if (newline < 0) return undefined;
    const header = parseJson(text.slice(0, newline)) as { format?: unknown; version?: unknown; sha256?: unknown } | undefined;
    if (header?.format !== FORMAT || header.version !== SCORE_TABLE_VERSION || typeof header.sha256 !== 'string') return undefined;
    const body = text.slice(newline + 1);
    if ((await hash(body)) !== header.sha256) return undefined;
    const entries = parseJson(body);
    if (!Array.isArray(entries) || !entries.every(isEntry)) return undefined;
    const table = new ScoreTable(bounds);
    for (const [key, score] of entries) table.set(key, score);
    table.changed = table.size < entries.length;
    return table;
  }
}

function isEntry(v: unknown): v is [string, number] {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && KEY.test(v[0]) && typeof v[1] === 'number' && Number.isFinite(v[1]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The entry's share of the file: `["key",score],`. */
function entryBytes(key: string, score: number): number {
  return key.length + JSON.stringify(score).length + 6;
}
