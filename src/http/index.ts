export { createHttp, readJson, type Http, type RawHandler } from './server.js';
export { asBotError, sendError, sendJson } from './errors.js';
