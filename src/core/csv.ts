/** A CSV cell: text is quoted as needed, numbers and booleans are written as they are, null is empty. */
export type Cell = string | number | boolean | null | undefined;

// a spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection")
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field; user text that a spreadsheet would run as a formula gets a leading quote. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One RFC 4180 record, CRLF-terminated. */
export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
