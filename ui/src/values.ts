// The closed sets of values the backend takes (views, languages, themes, formats, …)
// come from Rust, generated into ./generated/types.ts with their lists. This module
// turns a string from the page (a <select>'s value, localStorage) into one of them.

/** `value` when it is one of `allowed`, else `fallback`: a select or a stored setting
 * can only hold what the page put there, but a stale setting may name an old value. */
export function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}
