/**
 * Splits CSV text into records (RFC 4180, as Excel writes it), each with the line it starts on, and picks
 * the delimiter the file uses.
 */
import type { ImportError } from './importError.js';
import { quote } from './importMessages.js';

export interface CsvRecord {
  /** The line the record starts on; a quoted cell may span lines. */
  line: number;
  cells: string[];
}

/** The delimiter of the file, judged from its first line (the header). */
export function csvDelimiter(content: string): ';' | ',' {
  const firstLine = content.split(/\r\n|\n|\r/, 1)[0] ?? '';
  // Excel in a Dutch (or German, French...) locale separates with `;` because `,` is the decimal comma.
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/** Splits CSV text into records, skipping blank ones (`;;;;` is the blank row Excel writes). */
export function csvRecords(content: string, delimiter: string): { records: CsvRecord[]; errors: ImportError[] } {
  const records: CsvRecord[] = [];
  const errors: ImportError[] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  /** The cell was quoted and its closing quote has passed: only the delimiter or a line end may follow. */
  let closed = false;
  let broken = false;
  let line = 1;
  let recordLine = 1;

  const endRecord = () => {
    cells.push(cell);
    if (!broken && cells.some((value) => value.trim() !== '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    closed = false;
    broken = false;
  };

  for (let i = 0; i < content.length; i++) {
    const char = content[i] ?? '';
    if (inQuotes) {
      if (char === '"') {
        if (content[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          inQuotes = false;
          closed = true;
        }
      } else if (char === '\r' && content[i + 1] === '\n') {
        // CRLF inside a cell is one line break; keep it as \n like everywhere else.
      } else {
        if (char === '\n' || char === '\r') line++;
        cell += char === '\r' ? '\n' : char;
      }
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
      closed = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && content[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (char === '"' && !closed && cell.trim() === '') {
      inQuotes = true;
      cell = '';
    } else if (closed) {
      if (char !== ' ' && char !== '\t' && !broken) {
        errors.push({ line: recordLine, message: `unexpected ${quote(char)} after a closing quote (a quote inside a quoted cell is written as "")` });
        broken = true;
      }
    } else {
      cell += char;
    }
  }
  if (inQuotes) {
    errors.push({ line: recordLine, message: 'a quoted cell is not closed: its closing quote is missing' });
  } else if (cell !== '' || cells.length > 0) {
    endRecord();
  }
  return { records, errors };
}
