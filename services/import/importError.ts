/**
 * A problem found in an import file, and how the operator sees it.
 * @remarks Every stage of an import (reading, row rules, applying) reports in this one shape, so all
 * problems can be sorted by line and shown together.
 */

/** A problem with the file; `line` is 1-based and points at where the organization's row starts. */
export interface ImportError {
  line: number;
  message: string;
}

export function formatImportError(error: ImportError): string {
  return `line ${error.line}: ${error.message}`;
}
