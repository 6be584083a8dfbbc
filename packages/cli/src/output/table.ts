export type Cell = string | number | boolean;

/**
 * Plain aligned columns, kubectl and rpk style: an upper-case header row, two spaces between
 * columns, no borders, so `grep` and `awk` work on the output too. The last column is not
 * padded, so lines carry no trailing spaces. Every row must have one cell per header.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  for (const row of rows) {
    if (row.length !== headers.length) throw new RangeError(`a table row has ${row.length} cells for ${headers.length} columns`);
  }
  const text = [headers.map((header) => header.toUpperCase()), ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...text.map((line) => line[column]!.length)));
  return text.map((line) => line.map((cell, column) => (column === line.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n') + '\n';
}

/** A list of broker ids as people read it: `1,2,3`; `-` when empty. */
export function formatIdList(ids: readonly number[]): string {
  return ids.length === 0 ? '-' : ids.join(',');
}
