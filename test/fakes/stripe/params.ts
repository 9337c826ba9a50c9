import qs from 'qs';
import { invalidParam, missingParam } from './errors.ts';
import type { Metadata } from './types.ts';

/**
 * Reading Stripe's form-encoded parameters (`metadata[order]=1`, `expand[0]=latest_charge`),
 * with the error messages Stripe gives for each kind of mistake.
 */

export type Params = qs.ParsedQs;
type ParamValue = Params[string];

export function parseForm(raw: string): Params {
  return qs.parse(raw, { depth: 10, arrayLimit: 100, parameterLimit: 10_000 });
}

function isParams(value: ParamValue): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function assertKnownParams(params: Params, allowed: readonly string[], prefix = ''): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) {
      const label = prefix ? `${prefix}[${name}]` : name;
      throw invalidParam(`Received unknown parameter: ${label}`, label, 'parameter_unknown');
    }
  }
}

export function optionalString(params: Params, name: string, label = name): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw invalidParam(
      `Invalid string: ${label} must be a string`,
      label,
      'parameter_invalid_string',
    );
  }
  return value;
}

export function requiredString(params: Params, name: string, label = name): string {
  const value = optionalString(params, name, label);
  if (value === undefined) throw missingParam(label);
  if (value === '') {
    throw invalidParam(
      `You passed an empty string for '${label}'. We assume empty values are an attempt to unset a parameter; however '${label}' cannot be unset. You should remove '${label}' from your request or supply a non-empty value.`,
      label,
      'parameter_invalid_empty',
    );
  }
  return value;
}

/** A string that may be unset: Stripe reads an empty value as "set to null". */
export function optionalNullableString(params: Params, name: string): string | null | undefined {
  const value = optionalString(params, name);
  return value === '' ? null : value;
}

export function optionalInteger(params: Params, name: string, label = name): number | undefined {
  const value = optionalString(params, name, label);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw invalidParam(`Invalid integer: ${value}`, label, 'parameter_invalid_integer');
  }
  return Number(value);
}

export function requiredInteger(params: Params, name: string): number {
  const value = optionalInteger(params, name);
  if (value === undefined) throw missingParam(name);
  return value;
}

export function optionalPositiveInteger(params: Params, name: string): number | undefined {
  const value = optionalInteger(params, name);
  if (value !== undefined && value <= 0) {
    throw invalidParam('Invalid positive integer', name, 'parameter_invalid_integer');
  }
  return value;
}

export function optionalBoolean(params: Params, name: string, label = name): boolean | undefined {
  const value = optionalString(params, name, label);
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidParam(`Invalid boolean: ${value}`, label);
}

export function optionalEnum<T extends string>(
  params: Params,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    throw invalidParam(`Invalid ${name}: must be one of ${allowed.join(', ')}`, name);
  }
  return match;
}

export function optionalObject(params: Params, name: string): Params | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!isParams(value)) throw invalidParam(`Invalid object`, name, 'parameter_invalid_object');
  return value;
}

/** Arrays arrive as `name[0]=a&name[1]=b` or `name[]=a`; a lone `name=a` is read as one element. */
export function optionalStringList(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? [] : [value];
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.map((item) => {
    if (typeof item !== 'string') throw invalidParam('Invalid array', name);
    return item;
  });
}

export function expandList(params: Params): string[] {
  return optionalStringList(params, 'expand') ?? [];
}

/** `metadata=` clears every key; `metadata[k]=` removes one key; other values are merged in. */
export type MetadataUpdate =
  { clear: true } | { clear: false; values: Record<string, string | null> };

const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 };

export function optionalMetadata(params: Params): MetadataUpdate | undefined {
  const value = params['metadata'];
  if (value === undefined) return undefined;
  if (value === '') return { clear: true };
  if (!isParams(value)) throw invalidParam('Invalid metadata: must be a hash', 'metadata');
  const values: Record<string, string | null> = {};
  for (const [key, entry] of Object.entries(value)) {
    const label = `metadata[${key}]`;
    if (typeof entry !== 'string')
      throw invalidParam('Invalid string: metadata values must be strings', label);
    if (key.length > METADATA_LIMITS.keyLength) {
      throw invalidParam(
        `Metadata keys can have up to ${METADATA_LIMITS.keyLength} characters.`,
        label,
      );
    }
    if (entry.length > METADATA_LIMITS.valueLength) {
      throw invalidParam(
        `Metadata values can have up to ${METADATA_LIMITS.valueLength} characters, but you passed in a value that is ${entry.length} characters.`,
        label,
      );
    }
    values[key] = entry === '' ? null : entry;
  }
  return { clear: false, values };
}

export function applyMetadata(current: Metadata, update: MetadataUpdate | undefined): Metadata {
  if (update === undefined) return current;
  if (update.clear) return {};
  const next: Metadata = { ...current };
  for (const [key, value] of Object.entries(update.values)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length > METADATA_LIMITS.keys) {
    throw invalidParam(`You can have up to ${METADATA_LIMITS.keys} metadata keys.`, 'metadata');
  }
  return next;
}
