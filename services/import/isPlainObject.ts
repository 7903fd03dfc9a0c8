/** Tells a JSON object from null and lists, which `typeof` also calls "object". */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
