import { applyDecorators, Body, Param, Query } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';
import { SchemaPipe } from '../validation/schema.pipe.js';

/**
 * Zod schemas are the single source of truth: `.meta({ id })` registers a schema in zod's global
 * registry, the pipe validates with it, and the OpenAPI document takes its JSON Schema from it.
 */
export function schemaRef(schema: z.ZodType): { $ref: string } {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('schema has no .meta({ id }); it cannot be documented');
  return { $ref: `#/components/schemas/${id}` };
}

export function componentSchemas(): Record<string, SchemaObject> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'draft-2020-12',
    io: 'input',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, withClosedRecords(withoutDialect(s)) as SchemaObject]));
}

/**
 * zod writes a record keyed by an enum as `propertyNames` + `required`, which client generators
 * read as an open map with undeclared required keys; written out as properties, it is an object.
 */
function withClosedRecords(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withClosedRecords);
  if (!schema || typeof schema !== 'object') return schema;
  const node = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, withClosedRecords(value)])) as Record<string, unknown>;
  const keys = (node.propertyNames as { enum?: string[] } | undefined)?.enum;
  if (!keys || node.properties || typeof node.additionalProperties !== 'object') return node;
  const { propertyNames: _names, additionalProperties: value, ...rest } = node;
  return { ...rest, properties: Object.fromEntries(keys.map((key) => [key, value])), additionalProperties: false };
}

/** Drops component schemas no operation reaches (query objects are documented as parameters), and sorts the rest. */
export function withoutUnusedSchemas<D extends { components?: { schemas?: Record<string, unknown> } }>(document: D): D {
  const schemas = document.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const id = key === '$ref' && typeof value === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(value)?.[1] : undefined;
      if (id && !used.has(id)) {
        used.add(id);
        visit(schemas[id]);
      } else visit(value);
    }
  };
  visit({ ...document, components: { ...document.components, schemas: {} } });
  // Sorted by name: the document's text then does not change with the order modules are loaded in.
  const kept = Object.fromEntries(
    Object.entries(schemas)
      .filter(([id]) => used.has(id))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return { ...document, components: { ...document.components, schemas: kept } };
}

/** The dialect, and the `$id` zod gives each schema: under an `$id`, validators resolve `#/components/…` against it and fail. */
function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

function applyToMethod(target: object, key: string | symbol | undefined, decorator: MethodDecorator): void {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor) decorator(target, key, descriptor);
}

/** A JSON body validated by `schema` and documented as its component. */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new SchemaPipe(schema))(target, key, index);
    applyToMethod(target, key, ApiBody({ schema: schemaRef(schema) }));
  };
}

/** Query parameters validated by an object schema, each documented. */
export function ValidQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new SchemaPipe(schema))(target, key, index);
    const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, object> };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      applyToMethod(target, key, ApiQuery({ name, required: false, schema: property }));
    }
  };
}

const uuid = z.uuid();

/** A UUID path parameter; anything else is 400 naming the parameter. */
export function UuidParam(name = 'id'): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new SchemaPipe(uuid, name))(target, key, index);
    applyToMethod(target, key, ApiParam({ name, schema: { type: 'string', format: 'uuid' } }));
  };
}

/** Documents the success response with a registered schema. */
export function Returns(status: number, schema: z.ZodType, description = 'OK'): MethodDecorator {
  return applyDecorators(ApiResponse({ status, description, content: { 'application/json': { schema: schemaRef(schema) } } }));
}

/** A path parameter validated by a schema (a country code, a year); anything else is 400 naming it. */
export function ValidParam(name: string, schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new SchemaPipe(schema, name))(target, key, index);
    applyToMethod(target, key, ApiParam({ name, schema: z.toJSONSchema(schema, { io: 'input' }) as object }));
  };
}
