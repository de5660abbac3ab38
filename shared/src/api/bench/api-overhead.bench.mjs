// Per-call overhead of the API layer against raw ky, on loopback, plus the dedupe check.
//
//   node shared/src/api/bench/api-overhead.bench.mjs [--calls 3000] [--rounds 6]
//
// Prints medians per call for raw ky and for createApiClients (no auth, no cache: the path every
// call takes), their ratio (budget ≤ 1.1), and how many requests 10 concurrent identical GETs
// from 10 client sets caused (must be 1). Timing lives here, never in unit tests.
import { register } from 'node:module';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

register('./ts-loader.mjs', import.meta.url);

const { values } = parseArgs({ options: { calls: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '6' } } });
const CALLS = Number(values.calls);
const ROUNDS = Number(values.rounds);

const { default: ky } = await import('ky');
const { createApiClients, createApiCache } = await import('../index.ts');

let served = 0;
const body = JSON.stringify({ id: '1', name: 'Savings', balance: 12 });
const server = createServer((req, res) => {
  served += 1;
  const reply = () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  if (req.url?.startsWith('/slow')) setTimeout(reply, 50);
  else reply();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const config = { bench: { baseUrl: origin } };
const api = createApiClients(config, { cache: createApiCache({ connectivity: null }) }).bench;

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function time(call) {
  const start = performance.now();
  await call();
  return performance.now() - start;
}

const raw = () => ky.get(`${origin}/accounts`).json();
const ours = () => api.get('/accounts');

// Warm up JIT, sockets and keep-alive pools for both.
for (let i = 0; i < 500; i += 1) {
  await raw();
  await ours();
}

// Paired and alternated call by call, so drift (GC, CPU frequency, other processes on the
// machine) hits both sides alike; rounds only split the run for a progress-free long sample.
const rawTimes = [];
const ourTimes = [];
for (let round = 0; round < ROUNDS; round += 1) {
  for (let i = 0; i < Math.ceil(CALLS / ROUNDS); i += 1) {
    if ((i + round) % 2 === 0) {
      rawTimes.push(await time(raw));
      ourTimes.push(await time(ours));
    } else {
      ourTimes.push(await time(ours));
      rawTimes.push(await time(raw));
    }
  }
}
const rawMedian = median(rawTimes);
const ourMedian = median(ourTimes);
const ratio = ourMedian / rawMedian;

// Dedupe: 10 MFEs' client sets sharing the host's cache ask for the same thing at once.
const cache = createApiCache({ connectivity: null });
const clientSets = Array.from({ length: 10 }, () => createApiClients(config, { cache }).bench);
const before = served;
await Promise.all(clientSets.map((client) => client.get('/slow')));
const dedupedRequests = served - before;

server.close();

const fmt = (ms) => `${(ms * 1000).toFixed(1)} µs`;
console.log(`raw ky           median ${fmt(rawMedian)} per call (${rawTimes.length} calls)`);
console.log(`createApiClients median ${fmt(ourMedian)} per call (${ourTimes.length} calls)`);
console.log(`ratio            ${ratio.toFixed(3)}× (budget 1.100×) ${ratio <= 1.1 ? 'OK' : 'OVER BUDGET'}`);
console.log(`dedupe           10 concurrent identical GETs from 10 client sets -> ${dedupedRequests} request(s) ${dedupedRequests === 1 ? 'OK' : 'FAIL'}`);
process.exitCode = ratio <= 1.1 && dedupedRequests === 1 ? 0 : 1;
