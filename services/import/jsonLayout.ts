/**
 * Line numbers for a JSON import file: where each value starts, which line an offset is on, and the line of
 * a syntax error.
 * @remarks JSON.parse keeps no positions, yet every problem is reported with the line of its organization.
 */
import type { ImportError } from './importError.js';

/** A syntax error at the line Node's message points to ("... in JSON at position 42"). */
export function jsonSyntaxError(content: string, message: string): ImportError {
  const position = /at position (\d+)/.exec(message);
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  const reason = message.replace(/\s*(?:in JSON )?at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)/, '');
  if (position) {
    // An error at the very end (a missing `]`) belongs after the last text, not on the empty line below it.
    const offset = content.slice(Number(position[1])).trim() === '' ? content.trimEnd().length : Number(position[1]);
    const line = lineAt(content, offset);
    const column = offset - content.lastIndexOf('\n', offset - 1);
    return { line, message: `not valid JSON: ${reason} (column ${column})` };
  }
  if (lineColumn) return { line: Number(lineColumn[1]), message: `not valid JSON: ${reason} (column ${lineColumn[2]})` };
  // "Unexpected end of JSON input" has no position: the file ends after its last line with text.
  return { line: lineAt(content, content.trimEnd().length), message: `not valid JSON: ${reason}` };
}

export interface JsonLayout {
  rootStart: number;
  /** Where each element of each array starts, keyed by the offset of the array's `[`. */
  arrayElements: Map<number, number[]>;
  /** Where the value of each key of a root object starts. */
  rootKeys: Map<string, number>;
}

/**
 * Where values start in a JSON text that JSON.parse accepted (JSON.parse keeps no positions).
 * @remarks Only strings need care: a bracket or comma inside one is text, and `\"` does not end it.
 */
export function scanJson(content: string): JsonLayout {
  const layout: JsonLayout = { rootStart: 0, arrayElements: new Map(), rootKeys: new Map() };
  const stack: { kind: '[' | '{'; start: number }[] = [];
  let expectingValue = true;
  let key: string | undefined;
  for (let i = 0; i < content.length; i++) {
    const char = content[i] ?? '';
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') continue;
    const top = stack[stack.length - 1];
    if (char === ']' || char === '}') {
      stack.pop();
      expectingValue = false;
    } else if (char === ',') {
      expectingValue = top?.kind === '[';
    } else if (char === ':') {
      expectingValue = true;
    } else if (top?.kind === '{' && !expectingValue) {
      const end = stringEnd(content, i);
      key = JSON.parse(content.slice(i, end + 1)) as string;
      i = end;
    } else {
      if (!top) layout.rootStart = i;
      else if (top.kind === '[') layout.arrayElements.get(top.start)?.push(i);
      else if (stack.length === 1 && key !== undefined) layout.rootKeys.set(key, i);
      expectingValue = false;
      if (char === '[') {
        stack.push({ kind: '[', start: i });
        layout.arrayElements.set(i, []);
        expectingValue = true;
      } else if (char === '{') {
        stack.push({ kind: '{', start: i });
      } else if (char === '"') {
        i = stringEnd(content, i);
      } else {
        while (i + 1 < content.length && !/[\s,\]}]/.test(content[i + 1] ?? '')) i++;
      }
    }
  }
  return layout;
}

/** The offset of the quote that closes the string opening at `start`. */
function stringEnd(content: string, start: number): number {
  for (let i = start + 1; i < content.length; i++) {
    if (content[i] === '\\') i++;
    else if (content[i] === '"') return i;
  }
  return content.length - 1;
}

export function lineAt(content: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < content.length; i++) if (content[i] === '\n') line++;
  return line;
}
