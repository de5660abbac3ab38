import { bootShell } from './shell/boot.js';

void bootShell();
