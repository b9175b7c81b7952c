export { createHttp, readJson } from './server.js';
export { sendError, sendJson } from './errors.js';
