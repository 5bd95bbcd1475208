// The domain types, declared once: every face (CLI, tree, panel, LM tool) speaks these.

/** Where a candidate came from, so a result can be revealed later. */
export type CandidateSource =
  /** `path` is relative to the folder it was found in; `uri` is the absolute location when known (VS Code). */
  /** `root`: the label of the folder it came from, when one collection had several (multi-root). */
  | { kind: 'file'; path: string; root?: string; uri?: string; range?: LineRange }
  | { kind: 'selection'; uri: string; block: number; range: LineRange }
  | { kind: 'input'; index: number };

/** 1-based, inclusive line range. */
export interface LineRange {
  startLine: number;
  endLine: number;
}

export interface Candidate {
  id: string;
  text: string;
  source: CandidateSource;
  /** What the passage sits in: the nearest Markdown heading above it, or its enclosing declaration. */
  title?: string;
}

/** How a ranker's scores may be read. */
export type ScoreKind = 'probability' | 'logit' | 'normalized-bm25';

/**
 * A cap on the tokens of one request. Voyage counts the query once per document
 * (query tokens x documents + document tokens); most others count only the documents.
 */
export interface TokenBudget {
  maxTokensPerRequest: number;
  queryCountsPerDocument: boolean;
}

export interface RankerLimits {
  /** Most documents one request may carry (Cohere: 1,000). */
  maxDocumentsPerRequest: number;
  tokenBudget?: TokenBudget;
  /** True when a document's score does not depend on the other documents in its request. */
  scoresComparable: boolean;
  scoreKind: ScoreKind;
}

export interface RetryInfo {
  /** 1-based number of the retry about to happen. */
  attempt: number;
  maxRetries: number;
  delayMs: number;
  /** HTTP status that caused the retry, or undefined for a network error or timeout. */
  status?: number;
  reason: string;
}

export interface RankRequestOptions {
  topN?: number;
  /** Aborts on cancel and when the run's deadline passes (then its reason says so). */
  signal?: AbortSignal;
  /** When the run's deadline passes (epoch ms): no retry waits past it. */
  deadline?: number;
  onRetry?: (info: RetryInfo) => void;
}

export interface RankedIndex {
  index: number;
  score: number;
}

export interface RankResponse {
  /** Best first; indices into the documents of the request. */
  results: RankedIndex[];
  requests: number;
  retries: number;
  billedUnits?: number;
}

export interface Ranker {
  /** Short provider name shown to users: "cohere", "local". */
  readonly provider: string;
  readonly model: string;
  readonly limits: RankerLimits;
  rank(query: string, documents: readonly string[], options: RankRequestOptions): Promise<RankResponse>;
  /** Scores it already knows (a score cache); only a ranker whose scores compare across requests has one. */
  readonly memory?: ScoreMemory;
}

/**
 * Scores kept from earlier runs. The ranker remembers the score of every document it ranks; the
 * engine asks before batching and sends only the documents without one.
 */
export interface ScoreMemory {
  /** The known score of each document (undefined where none), by position. */
  recall(query: string, documents: readonly string[]): Promise<(number | undefined)[]>;
  /** Keeps what the run learned; called once when the run ends, also when it failed. Never throws. */
  persist(): Promise<void>;
}

export type MergeMethod = 'score' | 'rrf';

export interface RunItem {
  /** 1-based. */
  rank: number;
  /** The ranker's score for this candidate. */
  score: number;
  /** Reciprocal-rank-fusion score, present when the run was merged by RRF. */
  fusedScore?: number;
  /** Position of the candidate in the input. */
  index: number;
  candidate: Candidate;
}

export interface RunStats {
  requests: number;
  retries: number;
  batches: number;
  billedUnits?: number;
  /** Present when some candidates' scores came from the score cache: how many, and the requests a run without it would have sent more. */
  fromCache?: { passages: number; requestsSaved: number };
}

export interface Run {
  id: string;
  query: string;
  provider: string;
  model: string;
  scoreKind: ScoreKind;
  merge: MergeMethod;
  startedAt: string;
  durationMs: number;
  candidateCount: number;
  /** The relevance cut-off the run was made with: `items` hold every result, views show those at or above it. */
  minScore?: number;
  items: RunItem[];
  stats: RunStats;
}

export type RerankProgress =
  | { type: 'batch'; done: number; total: number }
  | { type: 'retry'; batch: number; totalBatches: number; retry: RetryInfo };
