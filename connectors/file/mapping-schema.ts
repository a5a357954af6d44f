// The import mapping file: how the columns of one export become canonical records. This zod schema is
// the single source of truth for the file's shape; docs/connectors.md ("File import") shows each option.
import { z } from 'zod';
import { RecordKindSchema } from '../../src/contracts/index.js';

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Date layouts such as `DD/MM/YYYY HH:mm:ss`, `D-M-YYYY H:mm`, `dd/MMM/yy h:mm a` or `iso`. */
const DateFormat = z.string().min(1);

export const FieldSpecSchema = z
  .object({
    /** The column to read; a list means the first one holding a value. */
    column: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** A constant for every record (e.g. a kind-specific state the export does not carry). */
    value: Scalar.optional(),
    /** Text with `{Column Name}` placeholders, e.g. a deep link `https://jira.example.com/browse/{Issue key}`. */
    template: z.string().min(1).optional(),
    /** Source value -> canonical value, matched without regard to case or surrounding spaces. */
    map: z.record(z.string(), Scalar).optional(),
    /** What a value absent from `map` becomes; without it such a value is a bad value. */
    default: Scalar.optional(),
    /** The result whenever the column holds any value (e.g. `Reopen Time` set -> reopenCount 1). */
    ifPresent: Scalar.optional(),
    /** The result when the column is empty or holds a missing marker. */
    ifMissing: Scalar.optional(),
    /** Date layouts for this column only, tried in order; overrides `dates.formats`. */
    formats: z.array(DateFormat).min(1).optional(),
    /** For `extra` fields: the type to convert to (canonical fields take theirs from the record schema). */
    type: z.enum(['text', 'number', 'int', 'date', 'boolean']).optional(),
    /**
     * Read the field only on rows where another column holds one of these values (compared without
     * regard to case); on other rows it is empty. E.g. a closing time taken from an event log's
     * "changed at" column only on the row whose status is Completed.
     */
    when: z
      .object({ column: z.string().min(1), in: z.array(z.string()).min(1) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((spec) => [spec.column, spec.value, spec.template].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of column, value or template',
  })
  .refine((spec) => spec.default === undefined || spec.map !== undefined, {
    message: '`default` only applies together with `map`',
    path: ['default'],
  });

/** A field is a column name (shorthand) or a full specification. */
export const FieldSchema = z.union([z.string().min(1), FieldSpecSchema]);
export type FieldInput = z.input<typeof FieldSchema>;
export type FieldSpec = z.output<typeof FieldSpecSchema>;

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'latin1', 'windows-1252', 'iso-8859-15'] as const;

export const CsvOptionsSchema = z
  .object({
    /** One character; write "\t" for tab-separated files. */
    delimiter: z.string().length(1, 'use exactly one character, e.g. ";" or "\\t"').default(','),
    quote: z.string().length(1).default('"'),
    /** Lines before the header row (titles, export notes). */
    skipRows: z.number().int().min(0).default(0),
  })
  .strict();

export const MappingSchema = z
  .object({
    /** The canonical kind this file holds; `--kind` must agree. */
    kind: RecordKindSchema.optional(),
    /** The source id the records belong to (what reports and tickets show); `--source` overrides. */
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'use 1-63 lower-case letters, digits, "-" or "_"')
      .optional(),
    /** The record cache stream; default `import:<kind>` so an import never mixes with a live stream's cursor. */
    stream: z.string().min(1).max(100).optional(),
    /** Default: from the file's extension (.csv/.tsv/.txt -> csv, .json, .xml). */
    format: z.enum(['csv', 'json', 'xml']).optional(),
    encoding: z.enum(ENCODINGS).default('utf-8'),
    csv: CsvOptionsSchema.prefault({}),
    /** JSON: the key holding the array of records (default: a top-level array, or `records` / `result`). */
    jsonPath: z.string().min(1).optional(),
    /** XML unload: the element name of one record (default: every child element of the root). */
    xmlElement: z.string().min(1).optional(),
    /** Values that mean "no value" in every column (the empty string always does). */
    missing: z.array(z.string()).default([]),
    /** Numbers written `3871,691111`. */
    decimalComma: z.boolean().default(false),
    dates: z
      .object({
        formats: z.array(DateFormat).min(1).default(['iso']),
        /** IANA zone of dates that carry no offset, e.g. Europe/Amsterdam. */
        timezone: z.string().min(1).default('UTC'),
      })
      .strict()
      .prefault({}),
    /**
     * Rows sharing an id: `last` keeps the last row; `latest` (event logs) keeps the row with the greatest
     * updatedAt and takes createdAt as the earliest over all rows of the id.
     */
    duplicates: z.enum(['last', 'latest']).default('last'),
    /** A value that cannot be converted: `skip-row` (counted, with its line) or `null` (counted too). */
    onBadValue: z.enum(['skip-row', 'null']).default('skip-row'),
    /** Canonical field -> column; `id` is required. */
    fields: z.record(z.string(), FieldSchema),
    /** Source columns kept under the record's `extra`, by the name given here. */
    extra: z.record(z.string(), FieldSchema).default({}),
  })
  .strict();

export type MappingInput = z.input<typeof MappingSchema>;
export type Mapping = z.output<typeof MappingSchema>;
