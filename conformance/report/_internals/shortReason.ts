/**
 * A few words for a matrix cell from the full reason the engine gave. The engine's reasons are
 * sentences such as "adapter does not declare watch, watch.death-pact" or "supervision.strategies:
 * nact does not declare lifecycle.pre-restart"; the full text stays in the footnote.
 */
export function shortReason(reason: string): string {
  const missing = [...new Set([...reason.matchAll(/does not declare ([^;]+)/g)].flatMap((m) => m[1]!.split(',').map((c) => c.trim())))];
  const [first] = missing;
  if (first !== undefined) return `no ${first}${missing.length > 1 ? ` +${missing.length - 1}` : ''}`;
  if (/^no property checks/.test(reason)) return 'no property yet';
  if (/^no generated run of .* reached it$/.test(reason)) return 'not reached';
  return reason.length <= 24 ? reason : `${reason.slice(0, 23).trimEnd()}…`;
}
