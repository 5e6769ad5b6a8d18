export * from './alliances.js';
export * from './audit.js';
export * from './enterprises.js';
export * from './outbox.js';
export * from './providers.js';
export * from './requests.js';
export * from './bids.js';
