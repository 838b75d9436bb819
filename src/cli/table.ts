// A plain text table: columns padded to their widest cell. Pure. Cells hold text from YAML files
// and Keycloak (names, descriptions): control and bidi characters are shown escaped, so a value
// cannot break a row, recolour or retitle a terminal, or reorder what a reader sees.
import { escapeUnsafe } from '../plan/display.js';

export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const safeRows = rows.map((r) => r.map(escapeUnsafe));
  const widths = header.map((h, i) => Math.max(h.length, ...safeRows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...safeRows.map(line)].join('\n')}\n`;
}
