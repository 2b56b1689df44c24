// A small CSV writer for downloads people open in Excel or WPS: RFC 4180 quoting, CRLF line
// ends, a UTF-8 byte-order mark (without it Excel reads Chinese as mojibake), and cells that
// would start a formula defused with a leading apostrophe (CSV injection).
export type CsvCell = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  let text = typeof value === 'number' ? String(value) : value;
  // Only text is defused: a number we write is ours, and "-5" must stay a number.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, then each row on its own CRLF-terminated line. */
export const toCsv = (rows: CsvCell[][]): string => '\uFEFF' + rows.map((r) => r.map(csvCell).join(',') + '\r\n').join('');

/**
 * Content-Disposition for a download: an ASCII name for old clients, and the real (Chinese)
 * name as RFC 5987 `filename*`, which browsers and WeChat's downloadFile prefer.
 */
export function attachment(filename: string, asciiFallback: string): string {
  const safeAscii = asciiFallback.replace(/[^\x20-\x7E]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${safeAscii}"; filename*=UTF-8''${encoded}`;
}
