export * from './records.js';
export * from './errors.js';
export * from './cursor.js';
export * from './connector.js';
export * from './source-config.js';
export * from './findings.js';
