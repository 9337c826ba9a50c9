// Spreadsheet apps run a cell that starts with one of these as a formula (CSV injection); tab and
// carriage return are included because some apps strip them and then see the next character.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell: a leading formula character is neutralised with a single quote, then RFC 4180
 * quoting applies (wrap in double quotes, double any inner quote) when the cell needs it.
 */
export function csvCell(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** One CSV record, CRLF-terminated as RFC 4180 specifies. */
export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
