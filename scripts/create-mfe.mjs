#!/usr/bin/env node
// Kept for muscle memory and old docs: `npm run create-mfe -- <name>` is `atrium create <name>`.
import { main } from '../cli/src/main.mjs';

process.exitCode = await main(['create', ...process.argv.slice(2)], { stdout: process.stdout, stderr: process.stderr, env: process.env });
