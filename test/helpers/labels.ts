import { readFileSync } from 'node:fs';
import { fromRoot } from '../../src/core/paths.js';

/** The agent-facing labels the console loads from /agent/labels.json. */
export const agentLabels = JSON.parse(readFileSync(fromRoot('dialogs', 'agent-labels.json'), 'utf8')) as Record<string, any>;
