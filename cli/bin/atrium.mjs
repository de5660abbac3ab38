#!/usr/bin/env node
// The `atrium` command. Every subcommand lives in src/commands/<name>.mjs and is listed in
// src/commands/index.mjs; this file only parses the common flags, prints, and sets the exit code.
import { main } from '../src/main.mjs';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
