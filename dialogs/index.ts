/** The declared dialogs the engine walks, by id. */
import type { DialogId } from '../src/core/types.js';
import type { Dialog } from '../src/dialog/dialog.js';
import { csat } from './csat.js';
import { troubleshoot } from './troubleshoot-dialog.js';

export const DIALOGS: Record<DialogId, Dialog> = { troubleshoot, csat };
