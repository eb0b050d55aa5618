export * from './accounts.js';
export * from './audit.js';
export * from './catalog.js';
export * from './feedback.js';
export * from './feedback-stats.js';
export * from './platform.js';
export * from './teams.js';
export * from './units.js';
