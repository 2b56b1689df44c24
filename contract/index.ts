// The API contract: one source of truth for request and response shapes, imported by the server
// (validation, OpenAPI) and the mini-program (typed client).
export * from './errors';
export * from './users';
export * from './auth';
export * from './paths';
export * from './regions';
export * from './photos';
export * from './shops';
export * from './products';
export * from './addresses';
export * from './orders';
