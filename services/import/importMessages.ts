/**
 * The wording shared by the import's problem messages: how a value is quoted or described, and what a
 * domain or address problem means in plain English for the operator.
 */
import type { AddressProblem, DomainProblem } from '../signup/emailAddress.js';

export function domainProblem(problem: DomainProblem): string {
  switch (problem) {
    case 'empty':
      return 'is empty';
    case 'spaces':
      return 'has spaces';
    case 'tooLong':
      return 'is too long (at most 253 characters)';
    case 'noDot':
      return 'has no dot';
    case 'invalid':
      return 'is not a valid domain name';
  }
}

export function addressProblem(problem: AddressProblem): string {
  switch (problem) {
    case 'noAt':
      return 'it has no @';
    case 'localPart':
      return 'the part before the @ is not valid';
    case 'empty':
      return 'it is empty';
    case 'spaces':
      return 'it has spaces';
    case 'tooLong':
      return 'it is too long';
    case 'noDot':
      return 'its domain has no dot';
    case 'invalid':
      return 'its domain is not valid';
  }
}

/** A value as it appears in a message: quoted, escaped (a line break shows as \n), and cut when long. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
