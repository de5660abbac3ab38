#!/usr/bin/env node
// `node servers/control-plane/cluster.mjs [--size 3]`: a local etcd cluster on loopback for trying
// the control plane by hand. Prints the ATRIUM_STORE value; Ctrl-C stops every member it started.
import { parseArgs } from 'node:util';
import { startEtcdCluster } from './etcd-cluster.mjs';

const { values } = parseArgs({ options: { size: { type: 'string', default: '3' } } });
let cluster;
try {
  cluster = await startEtcdCluster({ size: Number(values.size), log: (line) => console.log(line) });
} catch (error) {
  console.error(`cluster: ${error instanceof Error ? error.message : error}`);
  process.exit(2);
}
console.log(`\netcd cluster ready (data in ${cluster.dir})\n  export ATRIUM_STORE=${cluster.spec}\n\nPress Ctrl-C to stop.`);
const stop = async () => {
  await cluster.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
