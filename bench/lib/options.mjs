/**
 * @typedef {'boot' | 'memory' | 'scale' | 'resolver'} Section
 * @typedef {object} ResolvedBenchOptions
 * @property {number} runs cold boots per scenario and network condition
 * @property {Set<Section>} sections
 * @property {number} cycles measured mount/unmount cycles in the memory section
 * @property {number} warmup cycles before the memory baseline
 * @property {number} switches timed route switches per manifest size
 * @property {string} out where the JSON results go
 * @property {boolean} readme write the figures table into README.md as well
 * @property {boolean} help
 */

export const SECTIONS = /** @type {const} */ (['boot', 'memory', 'scale', 'resolver']);

export const USAGE = `usage: node bench/run.mjs [--runs N] [--only boot|memory|scale|resolver] [--cycles N] [--switches N] [--out FILE] [--readme]
  --runs N       cold boots per scenario and network condition (default 11)
  --only S       run one section: boot, memory, scale or resolver (default: all four)
  --cycles N     mount/unmount cycles in the memory section (default 1000)
  --switches N   timed route switches per manifest size in the scale section (default 40)
  --out FILE     JSON results (default bench/results/latest.json); table.md and ratios.svg go beside it
  --readme       also write the figures table into README.md (between its bench markers)`;

/**
 * @param {string[]} argv
 * @param {string} defaultOut
 * @returns {ResolvedBenchOptions}
 */
export function resolveBenchOptions(argv, defaultOut) {
  /** @type {ResolvedBenchOptions} */
  const options = { runs: 11, sections: new Set(SECTIONS), cycles: 1000, warmup: 20, switches: 40, out: defaultOut, readme: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = /** @type {[string, string | undefined]} */ (/** @type {unknown} */ (String(argv[i]).split(/=(.*)/s, 2)));
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new TypeError(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--runs': options.runs = positiveInt(flag, value()); break;
      case '--cycles': options.cycles = positiveInt(flag, value()); break;
      case '--switches': options.switches = positiveInt(flag, value()); break;
      case '--out': options.out = value(); break;
      case '--only': {
        const section = value();
        if (!SECTIONS.includes(/** @type {Section} */ (section))) throw new RangeError(`--only must be one of ${SECTIONS.join(', ')}, not "${section}"`);
        options.sections = new Set([/** @type {Section} */ (section)]);
        break;
      }
      case '--readme': options.readme = true; break;
      case '--help': case '-h': options.help = true; break;
      default: throw new TypeError(`unknown option "${flag}"\n${USAGE}`);
    }
  }
  return options;
}

/** @param {string} flag @param {string} value */
function positiveInt(flag, value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${flag} must be a positive integer, not "${value}"`);
  return n;
}
