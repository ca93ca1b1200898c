/**
 * Plain-text tables for the bench's console output.
 *
 * @packageDocumentation
 */

/** Renders `rows` under `header` in left-aligned columns, with a rule under the header. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string => widths.map((w, c) => (cells[c] ?? '').padEnd(w)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
