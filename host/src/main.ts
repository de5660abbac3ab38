import { acceptBootModules } from './loader/index.js';
import { bootShell } from './shell/boot.js';

// First, before the page's boot graph evaluates the MFE chunks it imports (loader/boot-graph.ts).
acceptBootModules();

// Run by the boot graph, the shell starts once the document is parsed (module scripts are
// deferred); its `async` copy — run when the graph cannot — may come earlier and waits for that.
if (document.readyState === 'loading') document.addEventListener('readystatechange', () => void bootShell(), { once: true });
else void bootShell();
