export * from './audit.js';
export * from './enterprises.js';
export * from './outbox.js';
