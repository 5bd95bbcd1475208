/**
 * The object without its undefined fields. Option bags are built from optional inputs; this keeps
 * "absent" and "present but undefined" from diverging in spreads, JSON and deep equality.
 */
export function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
