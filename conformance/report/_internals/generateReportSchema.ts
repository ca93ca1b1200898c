/**
 * Writes the JSON Schema of `conformance.json` from its one definition, the TypeScript types in
 * `conformance/report/ConformanceRun.ts`: every property, its optionality and its doc comment,
 * unions of literals as enums, and the size limits the `@maxLength` / `@maxItems` tags set (on
 * an array of strings `@maxLength` bounds each item), and `@integer` / `@minimum` on numbers.
 * Records keyed by any string get typed values and a bounded number of keys; `null` is allowed
 * where the types allow it; `any` and `unknown` are refused, since nothing could be checked. Strings and arrays without a tag get
 * {@link defaultLimits}, so a field added to the report is bounded too. Outputs:
 * `conformance/report/conformance-report.schema.json` (published with the package) and
 * `conformance/report/reportSchema.generated.ts` (what the kit validates and truncates with).
 * Run with `npm run schema:generate` (also part of `npm run spec:generate`); a test fails when
 * either file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { JsonSchema } from './JsonSchema.js';

/** Bounds of every string and array that carries no tag of its own. @public */
export const defaultLimits = { maxLength: 1000, maxItems: 1000 } as const;

/** The file the report types are read from, and the type at the root. */
const definitionFile = fileURLToPath(new URL('../ConformanceRun.ts', import.meta.url));
const rootType = 'ConformanceRun';

/** Where the generated files go. @public */
export const reportSchemaFiles = {
  json: fileURLToPath(new URL('../conformance-report.schema.json', import.meta.url)),
  module: fileURLToPath(new URL('../reportSchema.generated.ts', import.meta.url)),
} as const;

interface Limits {
  readonly maxLength?: number;
  readonly maxItems?: number;
  /** `@integer`: a whole number (JSON Schema's `integer`). */
  readonly integer?: boolean;
  readonly minimum?: number;
}

const tagNumber = (tags: readonly ts.JSDocTagInfo[], name: string): number | undefined => {
  const text = ts.displayPartsToString(tags.find((t) => t.name === name)?.text ?? []).trim();
  return text === '' ? undefined : Number(text);
};

/** Turns the report's TypeScript types into JSON Schema, named types into `$defs`. */
class SchemaWriter {
  readonly defs: Record<string, JsonSchema> = {};

  constructor(private readonly checker: ts.TypeChecker) {}

  /** A type declared by this project (an interface or a type alias), worth a `$defs` entry. */
  private nameOf(type: ts.Type): string | undefined {
    const symbol = type.aliasSymbol ?? (type.flags & ts.TypeFlags.Object ? type.getSymbol() : undefined);
    const declaration = symbol?.declarations?.[0];
    if (symbol === undefined || declaration === undefined) return undefined;
    if (!ts.isInterfaceDeclaration(declaration) && !ts.isTypeAliasDeclaration(declaration)) return undefined;
    return declaration.getSourceFile().fileName.includes('/node_modules/') ? undefined : symbol.getName();
  }

  schemaOf(type: ts.Type, limits: Limits, description?: string): JsonSchema {
    const name = this.nameOf(type);
    if (name !== undefined) {
      if (this.defs[name] === undefined) {
        this.defs[name] = {}; // claimed first: a type that refers to itself ends here
        const doc = type.aliasSymbol ?? type.getSymbol();
        const text = doc === undefined ? '' : ts.displayPartsToString(doc.getDocumentationComment(this.checker)).trim();
        this.defs[name] = { ...(text !== '' ? { description: text } : {}), ...this.structureOf(type, {}) };
      }
      return { ...(description !== undefined ? { description } : {}), $ref: `#/$defs/${name}` };
    }
    return { ...(description !== undefined ? { description } : {}), ...this.structureOf(type, limits) };
  }

  private structureOf(type: ts.Type, limits: Limits): JsonSchema {
    const checker = this.checker;
    if (type.isUnion()) {
      const members = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
      if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
      if (members.every((t) => t.isStringLiteral())) return { type: 'string', enum: members.map((t) => (t as ts.StringLiteralType).value) };
      if (members.length === 1) return this.schemaOf(members[0]!, limits);
      return { anyOf: members.map((t) => this.schemaOf(t, limits)) };
    }
    if (type.flags & ts.TypeFlags.Null) return { type: 'null' };
    if (type.isStringLiteral()) return { const: type.value };
    if (type.isNumberLiteral()) return { const: type.value };
    if (type.flags & ts.TypeFlags.String) return { type: 'string', maxLength: limits.maxLength ?? defaultLimits.maxLength };
    if (type.flags & ts.TypeFlags.Number) return { type: limits.integer === true ? 'integer' : 'number', ...(limits.minimum !== undefined ? { minimum: limits.minimum } : {}) };
    if (type.flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (checker.isArrayType(type)) {
      const [item] = checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', maxItems: limits.maxItems ?? defaultLimits.maxItems, items: this.schemaOf(item!, limits.maxLength !== undefined ? { maxLength: limits.maxLength } : {}) };
    }
    if (type.flags & ts.TypeFlags.Object || type.isIntersection()) {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const property of checker.getPropertiesOfType(type)) {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        const propertyType = declaration === undefined ? checker.getTypeOfSymbol(property) : checker.getTypeOfSymbolAtLocation(property, declaration);
        const tags = property.getJsDocTags(checker);
        const own: Limits = {
          ...optional('maxLength', tagNumber(tags, 'maxLength')),
          ...optional('maxItems', tagNumber(tags, 'maxItems')),
          ...optional('minimum', tagNumber(tags, 'minimum')),
          ...(tags.some((t) => t.name === 'integer') ? { integer: true } : {}),
        };
        const text = ts.displayPartsToString(property.getDocumentationComment(checker)).trim();
        properties[property.getName()] = this.schemaOf(propertyType, own, text === '' ? undefined : text);
        if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.getName());
      }
      // A record keyed by any string (`Record<string, T>`, `{ [key: string]: T }`): its values typed, its keys bounded in number.
      const index = checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
      const additional: Pick<JsonSchema, 'additionalProperties' | 'maxProperties'> =
        index === undefined ? { additionalProperties: false } : { additionalProperties: this.schemaOf(index.type, limits), maxProperties: limits.maxItems ?? defaultLimits.maxItems };
      return { type: 'object', properties, required, ...additional };
    }
    throw new Error(`the report schema cannot express the type ${checker.typeToString(type)}`);
  }
}

const optional = <K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> => (value === undefined ? {} : ({ [key]: value } as Record<K, number>));

/** The JSON Schema of `conformance.json`, read from the report types (`file` and `root` for tests of the generator). @public */
export function reportJsonSchema(file = definitionFile, root = rootType): JsonSchema {
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  const symbol = module === undefined ? undefined : checker.getExportsOfModule(module).find((s) => s.getName() === root);
  if (symbol === undefined) throw new Error(`${file} exports no ${root}`);
  const writer = new SchemaWriter(checker);
  const top = writer.schemaOf(checker.getDeclaredTypeOfSymbol(symbol), {});
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:actor-conformance:conformance-report:v1',
    title: 'conformance.json: the report of one run of the actor-conformance suite',
    ...top,
    $defs: writer.defs,
  };
}

/** The text of the two generated files for a schema. @public */
export function reportSchemaTexts(schema: JsonSchema): { json: string; module: string } {
  const json = `${JSON.stringify(schema, null, 2)}\n`;
  const module = `// Generated by conformance/report/_internals/generateReportSchema.ts (npm run schema:generate): do not edit.
import type { JsonSchema } from './_internals/JsonSchema.js';

/** The JSON Schema of \`conformance.json\` (also published as conformance-report.schema.json). @public */
export const reportJsonSchema: JsonSchema = ${JSON.stringify(schema, null, 2)};
`;
  return { json, module };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const texts = reportSchemaTexts(reportJsonSchema());
  writeFileSync(reportSchemaFiles.json, texts.json);
  writeFileSync(reportSchemaFiles.module, texts.module);
  console.log(`wrote ${reportSchemaFiles.json} and ${reportSchemaFiles.module}`);
}
