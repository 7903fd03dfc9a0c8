/**
 * Reads the raw rows of a CSV import file: checks the header row and maps each record's cells to the
 * columns it names.
 */
import { csvDelimiter, csvRecords } from './csvRecords.js';
import type { ImportError } from './importError.js';
import { quote } from './importMessages.js';
import { CSV_COLUMNS, CSV_NAMES, type Column, type RawRow } from './rawRow.js';

export function readCsvRows(content: string): { rows: RawRow[]; errors: ImportError[] } {
  const delimiter = csvDelimiter(content);
  const { records, errors } = csvRecords(content, delimiter);
  const [header, ...data] = records;
  if (!header) return { rows: [], errors: [...errors, { line: 1, message: `the header row is missing (columns: ${CSV_COLUMNS.join(', ')})` }] };

  const columns: (Column | undefined)[] = [];
  const headerErrors: string[] = [];
  const known = header.cells.filter((cell) => CSV_COLUMNS.some((column) => column.toLowerCase() === cell.trim().toLowerCase()));
  if (known.length === 0) {
    headerErrors.push(`the first row must be a header naming the columns (${CSV_COLUMNS.join(', ')})`);
  } else {
    for (const cell of header.cells) {
      const name = cell.trim();
      const column = CSV_COLUMNS.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
      if (name && !column) headerErrors.push(`unknown column ${quote(name)} (columns: ${CSV_COLUMNS.join(', ')})`);
      else if (column && columns.includes(column)) headerErrors.push(`column "${column}" appears twice`);
      columns.push(column);
    }
    for (const required of ['displayName', 'domains'] as const) {
      if (!columns.includes(required)) headerErrors.push(`the header has no column "${required}"`);
    }
  }
  if (headerErrors.length > 0) {
    // Without a sound header every row would be misread; its errors would only bury the real one.
    return { rows: [], errors: [...errors, ...headerErrors.map((message) => ({ line: header.line, message }))] };
  }

  const rows: RawRow[] = [];
  for (const record of data) {
    const values: Partial<Record<Column, unknown>> = {};
    let stray = false;
    record.cells.forEach((cell, index) => {
      const column = columns[index];
      if (column) values[column] = cell;
      else if (cell.trim()) stray = true;
    });
    if (stray) {
      const message =
        record.cells.length > columns.length
          ? `has ${record.cells.length} fields but the header has ${columns.length} (a ${delimiter === ';' ? 'semicolon' : 'comma'} inside a cell needs quotes)`
          : 'has a value in a column without a name in the header';
      errors.push({ line: record.line, message });
      continue;
    }
    // Fewer cells than columns is not an error: Excel leaves off trailing empty cells on some rows.
    rows.push({ line: record.line, values, names: CSV_NAMES, format: 'csv' });
  }
  return { rows, errors };
}
