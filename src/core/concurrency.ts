// A concurrency limit that backs off like TCP: halve on a rate limit, grow by one on success.

export class AdaptiveLimit {
  private current: number;

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a positive integer, got ${max}`);
    this.current = max;
  }

  get value(): number {
    return this.current;
  }

  onRateLimited(): void {
    this.current = Math.max(1, Math.floor(this.current / 2));
  }

  onSuccess(): void {
    this.current = Math.min(this.max, this.current + 1);
  }
}
