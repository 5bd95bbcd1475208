// The bound every wait of the engine, the HTTP policy and the transports is held to.

/** The longest timer Node keeps: a longer one fires after 1 ms, so no wait may pass it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
