import { ConfigError } from '../errors.js';

/**
 * The page's regions: elements marked `data-atrium-region="<name>"` in index.html, so the
 * skeleton paints before any script runs. A declared region missing from the page is created at
 * the end of the shell rather than failing the boot.
 */
export class Regions {
  readonly #elements = new Map<string, HTMLElement>();

  constructor(names: ReadonlySet<string>, root: HTMLElement) {
    for (const name of names) {
      let element = root.querySelector<HTMLElement>(`[data-atrium-region="${CSS.escape(name)}"]`);
      if (!element) {
        element = document.createElement('div');
        element.dataset['atriumRegion'] = name;
        root.append(element);
      }
      this.#elements.set(name, element);
    }
  }

  get(name: string): HTMLElement {
    const element = this.#elements.get(name);
    if (!element) throw new ConfigError(`region "${name}" is not declared in the host config`);
    return element;
  }
}
