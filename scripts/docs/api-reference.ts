import { appRouter } from '@switchyard/api';
import { z } from 'zod';

// The procedure table of docs/api.md, rendered from the router itself: every procedure, its kind
// and its input schema, so that the reference cannot miss a procedure or drift from its input.

export const API_START = '<!-- generated:api-reference:start (pnpm docs:generate) -->';
export const API_END = '<!-- generated:api-reference:end -->';

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: z.ZodType[] };
}

export function procedurePaths(): string[] {
  return Object.keys(appRouter._def.procedures).sort();
}

type Json = Record<string, unknown>;

/** A JSON Schema as a short TypeScript-like type: `{ taskId: uuid; limit?: integer 1..100 = 50 }`. */
export function shortType(schema: Json): string {
  const withDefault = (text: string) =>
    schema.default === undefined ? text : `${text} = ${JSON.stringify(schema.default)}`;
  if (schema.enum) return withDefault((schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | '));
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (union) return withDefault(union.map(shortType).join(' | '));
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const fields = Object.entries(properties).map(
        ([key, value]) => `${key}${required.has(key) ? '' : '?'}: ${shortType(value)}`,
      );
      if (fields.length === 0)
        return withDefault(
          schema.additionalProperties
            ? `Record<string, ${shortType(schema.additionalProperties as Json)}>`
            : '{}',
        );
      return withDefault(`{ ${fields.join('; ')} }`);
    }
    case 'array':
      return withDefault(`${shortType((schema.items ?? {}) as Json)}[]`);
    case 'string': {
      const range = schema.maxLength === undefined ? '' : ` ≤${schema.maxLength}`;
      return withDefault(`${(schema.format as string | undefined) ?? 'string'}${range}`);
    }
    case 'integer':
    case 'number': {
      const range =
        schema.minimum !== undefined || schema.maximum !== undefined
          ? ` ${schema.minimum ?? ''}..${schema.maximum ?? ''}`
          : '';
      return withDefault(`${schema.type}${range}`);
    }
    case 'boolean':
    case 'null':
      return withDefault(String(schema.type));
    default:
      return withDefault('unknown');
  }
}

function inputSchema(schema: z.ZodType | undefined): string {
  if (!schema) return 'none';
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return json.type === undefined && !json.anyOf && !json.enum ? 'none' : shortType(json);
}

export function renderApiReference(): string {
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  const lines: string[] = [];
  let router = '';
  for (const path of procedurePaths()) {
    const [name] = path.split('.');
    if (name !== router) {
      router = name!;
      lines.push('', `### ${router}`, '');
    }
    const def = procedures[path]!._def;
    lines.push(`- **\`${path}\`** (${def.type}) — input: \`${inputSchema(def.inputs[0])}\``);
  }
  return lines.join('\n').trim();
}

export function withApiReference(document: string): string {
  const start = document.indexOf(API_START);
  const end = document.indexOf(API_END);
  if (start < 0 || end < start) throw new Error(`docs/api.md lacks the ${API_START} … ${API_END} markers`);
  return `${document.slice(0, start + API_START.length)}\n\n${renderApiReference()}\n\n${document.slice(end)}`;
}
