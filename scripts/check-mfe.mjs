#!/usr/bin/env node
// Kept for muscle memory and old docs: `npm run check-mfe -- <url>` is `atrium check <url>`.
import { main } from '../cli/src/main.mjs';

process.exitCode = await main(['check', ...process.argv.slice(2)], { stdout: process.stdout, stderr: process.stderr, env: process.env });
