// Terse constructors for field definitions, so table schemas read like the platform's dictionary.
import type { FieldDef } from './types.js';

export const str = (name: string): FieldDef => ({ name, type: 'string' });
export const html = (name: string): FieldDef => ({ name, type: 'html' });
export const int = (name: string, choices?: Readonly<Record<string, string>>): FieldDef =>
  choices ? { name, type: 'integer', choices } : { name, type: 'integer' };
export const dec = (name: string): FieldDef => ({ name, type: 'decimal' });
export const bool = (name: string): FieldDef => ({ name, type: 'boolean' });
export const dt = (name: string): FieldDef => ({ name, type: 'datetime' });
export const date = (name: string): FieldDef => ({ name, type: 'date' });
export const dur = (name: string): FieldDef => ({ name, type: 'duration' });
export const ref = (name: string, table: string): FieldDef => ({ name, type: 'reference', ref: table });
export const journal = (name: string): FieldDef => ({ name, type: 'journal' });
export const choice = (name: string, choices: Readonly<Record<string, string>>): FieldDef => ({
  name,
  type: 'string',
  choices,
});
export const unique = (name: string): FieldDef => ({ name, type: 'string', unique: true });

/** The system fields every table carries. */
export function sysFields(): FieldDef[] {
  return [
    { name: 'sys_id', type: 'sys_id', unique: true },
    dt('sys_created_on'),
    str('sys_created_by'),
    dt('sys_updated_on'),
    str('sys_updated_by'),
    int('sys_mod_count'),
  ];
}
