#!/usr/bin/env node
// The resolver bench's baseline: today's static deploy step — one page rendered at deploy time,
// served by the project's static server (compressed once). Usage: static-page.mjs <dist> <page.html>
import fs from 'node:fs';
import { startStaticServer } from '../../scripts/lib/static-server.mjs';

const [dist, pageFile] = process.argv.slice(2);
const page = fs.readFileSync(String(pageFile), 'utf8');
const server = await startStaticServer({ dir: String(dist), port: 0, label: 'static page', cors: true, html: () => page });
console.log(`listening on ${server.url}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
