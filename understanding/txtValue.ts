/**
 * Reads the TXT value a person pasted from Microsoft (the Become the admin wizard, or the admin center's Domains
 * page): `MS=ms` and 8 digits, or `MS=` and a hexadecimal code for older challenges (docs/facts.md 6c).
 * @remarks People paste more than the value: quotes around it, a whole record line from a DNS host or a zone file
 * (`@ 3600 IN TXT "MS=ms12345678"`, `contoso.com. TXT MS=ms12345678`), or a sentence around it. One value in the
 * text is taken; what is wrong otherwise is named, so the bot can say what a value looks like.
 */
import { TXT_VALUE_PATTERN } from '../services/models/takeoverRequest.js';

export type TxtValueProblem =
  /** Nothing pasted. */
  | 'empty'
  /** The value without its `MS=` ("ms12345678", "12345678"). */
  | 'noMsPrefix'
  /** `MS=ms` with other than 8 digits after it. */
  | 'wrongDigits'
  /** An SPF record (v=spf1 ...), not the verification value. */
  | 'spfRecord'
  /** Two different values: which one Microsoft showed is not clear. */
  | 'twoValues'
  /** Nothing like a value. */
  | 'notAValue';

export type TxtValueReading = { value: string } | { problem: TxtValueProblem };

/** Longer than this, text is no pasted value or record line. */
const MAX_TEXT = 400;
/** Straight, typographic and back quotes: a value copied from a document, a DNS host or chat can carry any of them. */
const QUOTES = /["'`\u2018\u2019\u201A\u201C\u201D\u201E\u00AB\u00BB]/g;
/** `MS=` and what follows it up to a character that cannot be in a value (a quote, a space, a full stop). */
const MS_VALUE = /(?<![\p{L}\p{N}=])MS=([\p{L}\p{N}]*)/giu;
/** The value without its `MS=`: `ms` and digits, or 8 digits. */
const WITHOUT_PREFIX = /(?<![\p{L}\p{N}=])(?:ms\d{6,10}|\d{8})(?![\p{L}\p{N}])/iu;
const SPF = /(?<![\p{L}\p{N}])v=spf1(?![\p{L}\p{N}])/iu;

/** The value in what was pasted, cleaned up; or what is wrong with it. */
export function readTxtValue(text: string): TxtValueReading {
  const trimmed = text.normalize('NFKC').trim();
  if (!trimmed) return { problem: 'empty' };
  if (trimmed.length > MAX_TEXT) return { problem: 'notAValue' };
  const unquoted = trimmed.replace(QUOTES, ' ');
  const candidates = [...unquoted.matchAll(MS_VALUE)].map((match) => match[1] ?? '');
  if (candidates.length === 0) {
    if (SPF.test(unquoted)) return { problem: 'spfRecord' };
    return { problem: WITHOUT_PREFIX.test(unquoted) ? 'noMsPrefix' : 'notAValue' };
  }
  const values = new Set<string>();
  let problem: TxtValueProblem | undefined;
  for (const candidate of candidates) {
    const value = canonical(candidate);
    if (value) values.add(value);
    else problem ??= /^ms/i.test(candidate) ? 'wrongDigits' : 'notAValue';
  }
  if (values.size > 1) return { problem: 'twoValues' };
  const [value] = values;
  return value ? { value } : { problem: problem ?? 'notAValue' };
}

/** `MS=ms12345678` (the letters in lower case, as Microsoft shows them) or `MS=` and the hexadecimal code as given. */
function canonical(afterPrefix: string): string | undefined {
  const digits = /^ms(\d{8})$/i.exec(afterPrefix)?.[1];
  const value = digits ? `MS=ms${digits}` : `MS=${afterPrefix}`;
  return TXT_VALUE_PATTERN.test(value) ? value : undefined;
}
