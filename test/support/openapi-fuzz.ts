import fc from 'fast-check';

/**
 * Requests generated from the server's own OpenAPI document: mostly well-formed (so they reach
 * the services), the rest mutated the ways outside testing mutated them (wrong types, NUL bytes,
 * prototype keys, malformed percent-encoding, broken JSON, odd content types). Used by the fuzz
 * test in `npm test` and by `bench/fuzz.ts` for longer runs.
 */

/** The part of JSON Schema that zod's OpenAPI output uses. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  nullable?: boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface Operation {
  method: string;
  /** The OpenAPI path template, e.g. `/api/v1/conferences/{slug}/orders/{reference}`. */
  path: string;
  parameters: OpenApiParameter[];
  body: JsonSchema | undefined;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Real values the fuzzer picks path parameters from, by parameter name, beside junk. */
export type ValuePools = Record<string, readonly string[]>;

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

/** Strings that have broken servers before. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '__proto__',
    'constructor',
    "'; DROP TABLE orders; --",
    '../../etc/passwd',
    '%',
    '%00',
    '%E0%A4%A',
    't=1,v1=',
    't=,v1=00',
    '\ud800',
    'ORD-ÄÖÜ',
    '‮evil',
    '😀'.repeat(50),
    '9'.repeat(400),
    '-1',
    'NaN',
    'null',
    'true',
    '1e400',
    '0x10',
    '<script>alert(1)</script>',
    'a'.repeat(10_000),
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  // PostgreSQL refuses NUL in text: the classic 500 behind a loose schema.
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
    .map(([a, b]) => `${a}\u0000${b}`),
);

const dateTime = fc
  .date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());

function wellFormedStringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'date-time') return dateTime;
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter(
          (s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? 1_000),
        );
    } catch {
      // A pattern fast-check cannot drive: fall through to plain text.
    }
  }
  return fc.string({
    minLength: schema.minLength ?? 0,
    maxLength: Math.min(schema.maxLength ?? 40, 60),
  });
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: wellFormedStringOf(schema), weight: 5 },
    // Text a loose schema admits but the database or a parser may not (NUL, lone surrogates).
    { arbitrary: nastyString, weight: 1 },
  );
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = Math.max(schema.minimum ?? -1_000_000, -1_000_000_000);
  const max = Math.min(schema.maximum ?? 1_000_000, 1_000_000_000);
  if (integer) return fc.integer({ min, max });
  if (schema.multipleOf) {
    const step = schema.multipleOf;
    return fc
      .integer({ min: Math.ceil(min / step), max: Math.floor(max / step) })
      .map((n) => Math.round(n * step * 100) / 100);
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const shape = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, valueOf(property, depth + 1)]),
  );
  return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((k) => k in shape) });
}

/** A value that the schema accepts (or nearly: refinements zod keeps to itself are not known). */
export function valueOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => valueOf(v, depth + 1)));
  if (schema.allOf?.length) return valueOf(schema.allOf[0]!, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const base: fc.Arbitrary<unknown> = (() => {
    switch (type) {
      case 'string':
        return stringOf(schema);
      case 'integer':
        return numberOf(schema, true);
      case 'number':
        return numberOf(schema, false);
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(valueOf(schema.items ?? {}, depth + 1), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 4, 4),
        });
      case 'object':
        return objectOf(schema, depth);
      case 'null':
        return fc.constant(null);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return schema.nullable ? fc.option(base, { nil: null, freq: 5 }) : base;
}

/** Anything at all in place of a value: wrong types, nasty strings, extreme numbers. */
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 2 ** 53, -(2 ** 63), 1.5, 1e308, [], {}),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant({ __proto__: { polluted: true } }),
);

/** A well-formed object with one field broken, an unknown field, or a prototype key. */
function mutantOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const valid = valueOf(schema);
  const names = Object.keys(schema.properties ?? {});
  const mutations: Array<fc.Arbitrary<unknown>> = [
    junkValue,
    fc
      .tuple(valid, fc.string({ maxLength: 12 }), junkValue)
      .map(([v, k, j]) => (isRecord(v) ? { ...v, [k]: j } : v)),
  ];
  if (names.length) {
    mutations.push(
      fc
        .tuple(valid, fc.constantFrom(...names), junkValue)
        .map(([v, k, j]) => (isRecord(v) ? { ...v, [k]: j } : j)),
      fc.tuple(valid, fc.constantFrom(...names)).map(([v, k]) => {
        if (!isRecord(v)) return v;
        const { [k]: _dropped, ...rest } = v;
        return rest;
      }),
    );
  }
  return fc.oneof(...mutations);
}

/** encodeURIComponent refuses lone surrogates; such a string travels as another junk value. */
function encodeOrJunk(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Raw bodies that are not what any route expects. */
const rawBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    'null',
    '[]',
    '"\\u0000"',
    '{"__proto__":{"isSuperuser":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '{"a":1e400}',
    '[' + '['.repeat(2_000) + ']'.repeat(2_000) + ']',
    '\u0000',
  ),
  fc.string({ maxLength: 200 }),
);

function pathValue(name: string, pools: ValuePools): fc.Arbitrary<string> {
  const real = pools[name] ?? [];
  const encoded = nastyString.map(encodeOrJunk);
  const rawPercent = fc.constantFrom('%', '%E0%A4%A', '%00', '%zz', 'a%2Fb', '%C0%AF');
  const arbitraries: Array<fc.Arbitrary<string>> = [encoded, rawPercent, fc.uuid()];
  if (real.length) arbitraries.unshift(fc.constantFrom(...real.map(encodeOrJunk)));
  // Mostly real values, so the request gets past routing and reaches a service.
  return fc.oneof(
    ...arbitraries.map((arbitrary, index) => ({
      arbitrary,
      weight: real.length && index === 0 ? 24 : 1,
    })),
  );
}

function queryOf(parameters: OpenApiParameter[]): fc.Arbitrary<string> {
  const known = parameters.filter((p) => p.in === 'query');
  const pairs = known.map((p) =>
    fc.option(
      fc
        .oneof(
          { arbitrary: valueOf(p.schema ?? {}).map(String), weight: 3 },
          { arbitrary: nastyString, weight: 1 },
        )
        .map((v) => `${encodeURIComponent(p.name)}=${encodeOrJunk(v)}`),
      { nil: undefined },
    ),
  );
  const extra = fc.option(
    fc.constantFrom(
      '__proto__[x]=1',
      'constructor[prototype][x]=1',
      'a=%E0%A4%A',
      'limit=1&limit=2',
      'q[]=1',
    ),
    { nil: undefined, freq: 3 },
  );
  return fc.tuple(fc.tuple(...pairs), extra).map(([chosen, junk]) => {
    const parts = [...chosen, junk].filter((p): p is string => p !== undefined);
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

function headerValue(parameter: OpenApiParameter): fc.Arbitrary<string | undefined> {
  const values = fc.oneof(
    { arbitrary: valueOf(parameter.schema ?? { type: 'string' }).map(String), weight: 3 },
    { arbitrary: nastyString.filter((s) => /^[\t\x20-\x7e]*$/.test(s)), weight: 1 },
  );
  return fc.option(values, { nil: undefined, freq: parameter.required ? 10 : 2 });
}

function bodyOf(operation: Operation): fc.Arbitrary<string | undefined> {
  if (!operation.body) return fc.option(rawBody, { nil: undefined, freq: 6 });
  const json = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.map((v) => JSON.stringify(v) ?? '');
  return fc.oneof(
    { arbitrary: json(valueOf(operation.body)), weight: 6 },
    { arbitrary: json(mutantOf(operation.body)), weight: 3 },
    { arbitrary: rawBody, weight: 1 },
  );
}

const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 12 },
  {
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/json; charset=utf-16',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
    ),
    weight: 1,
  },
);

/** One request for an operation, with the principal's headers merged in. */
export function requestOf(
  operation: Operation,
  pools: ValuePools,
  principalHeaders: Record<string, string>,
): fc.Arbitrary<FuzzRequest> {
  const pathNames = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const headerParams = operation.parameters.filter((p) => p.in === 'header');
  return fc
    .record({
      path: fc.tuple(...pathNames.map((name) => pathValue(name, pools))),
      query: queryOf(operation.parameters),
      headers: fc.tuple(...headerParams.map(headerValue)),
      body: bodyOf(operation),
      contentType,
    })
    .map(({ path, query, headers, body, contentType: type }) => {
      let url = operation.path;
      pathNames.forEach((name, index) => {
        url = url.replace(`{${name}}`, path[index] ?? '');
      });
      const requestHeaders: Record<string, string> = { ...principalHeaders };
      headerParams.forEach((parameter, index) => {
        const value = headers[index];
        if (value !== undefined) requestHeaders[parameter.name] = value;
      });
      if (body !== undefined) requestHeaders['content-type'] = type;
      return {
        method: operation.method,
        url: url + query,
        headers: requestHeaders,
        ...(body !== undefined ? { payload: body } : {}),
      };
    });
}
