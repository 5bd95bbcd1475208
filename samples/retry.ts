// Retries a request on 429 and 5xx answers, honouring Retry-After.
export async function withRetry<T>(attempt: () => Promise<Response>, parse: (r: Response) => Promise<T>, maxRetries = 5): Promise<T> {
  for (let retry = 0; ; retry++) {
    const response = await attempt();
    if (response.ok) return parse(response);
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || retry >= maxRetries) throw new Error(`request failed with ${response.status}`);
    const retryAfter = Number(response.headers.get('retry-after'));
    const delayMs = Number.isFinite(retryAfter) ? retryAfter * 1000 : Math.random() * Math.min(30_000, 1000 * 2 ** retry);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
