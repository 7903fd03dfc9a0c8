/** readTxtValue: what people paste from Microsoft's takeover wizard or Domains page, cleaned up or named as wrong. */
import { describe, expect, it } from '@jest/globals';
import { readTxtValue, type TxtValueReading } from '../../understanding/txtValue.js';

const VALUE = 'MS=ms12345678';

const TABLE: readonly [string, TxtValueReading][] = [
  // The value as Microsoft shows it, and in other cases.
  ['MS=ms12345678', { value: VALUE }],
  ['ms=MS12345678', { value: VALUE }],
  ['MS=ms04815162', { value: 'MS=ms04815162' }],
  // Older and PowerShell challenges: MS= and a hexadecimal code, kept as given.
  ['MS=8A2B4C6D', { value: 'MS=8A2B4C6D' }],
  ['MS=3f2504e04f8941d39a0c0305e82c3301', { value: 'MS=3f2504e04f8941d39a0c0305e82c3301' }],
  // Quotes and spaces around it.
  ['  MS=ms12345678  ', { value: VALUE }],
  ['"MS=ms12345678"', { value: VALUE }],
  ["'MS=ms12345678'", { value: VALUE }],
  ['\u201CMS=ms12345678\u201D', { value: VALUE }],
  ['`MS=ms12345678`', { value: VALUE }],
  ['MS=ms12345678.', { value: VALUE }],
  // A whole record line, from a zone file or a DNS host's table.
  ['@ 3600 IN TXT "MS=ms12345678"', { value: VALUE }],
  ['contoso.com. TXT MS=ms12345678', { value: VALUE }],
  ['contoso.com.\t3600\tIN\tTXT\t"MS=ms12345678"', { value: VALUE }],
  ['TXT name: @   TXT value: MS=ms12345678   TTL: 1 hour', { value: VALUE }],
  // In a sentence, and twice the same.
  ['here it is: MS=ms12345678', { value: VALUE }],
  ['MS=ms12345678 MS=ms12345678', { value: VALUE }],
  // Fullwidth characters from an East Asian keyboard read as ordinary ones.
  ['\uFF2D\uFF33\uFF1Dms12345678', { value: VALUE }],
  // What is wrong.
  ['', { problem: 'empty' }],
  ['   ', { problem: 'empty' }],
  ['ms12345678', { problem: 'noMsPrefix' }],
  ['12345678', { problem: 'noMsPrefix' }],
  ['"ms12345678"', { problem: 'noMsPrefix' }],
  ['MS=ms1234567', { problem: 'wrongDigits' }],
  ['MS=ms123456789', { problem: 'wrongDigits' }],
  ['MS=msabcdefgh', { problem: 'wrongDigits' }],
  ['MS=ms 12345678', { problem: 'wrongDigits' }],
  ['v=spf1 include:spf.protection.outlook.com -all', { problem: 'spfRecord' }],
  ['MS=ms12345678 MS=ms87654321', { problem: 'twoValues' }],
  ['MS=', { problem: 'notAValue' }],
  ['MS=hello', { problem: 'notAValue' }],
  ['hello', { problem: 'notAValue' }],
  ['asdfgh', { problem: 'notAValue' }],
  ['how do I become the admin?', { problem: 'notAValue' }],
  ['contoso.com', { problem: 'notAValue' }],
  [`MS=ms12345678 ${'x'.repeat(400)}`, { problem: 'notAValue' }],
];

describe('readTxtValue', () => {
  it.each(TABLE)('reads %j as %j', (text, expected) => {
    expect(readTxtValue(text)).toEqual(expected);
  });

  it('gives a value only in the shape Microsoft uses', () => {
    for (const [text] of TABLE) {
      const reading = readTxtValue(text);
      if ('value' in reading) expect(reading.value).toMatch(/^MS=(ms\d{8}|[0-9A-Fa-f]{8,64})$/);
    }
  });
});
