import * as singleSpa from 'single-spa';
import { provideShare } from './share-cache.js';

// The entry of single-spa's chunk. Evaluating it puts the page's single-spa where MFE chunks read
// their shared packages, so a boot graph can import this chunk ahead of planned chunks that read
// single-spa (scripts/lib/boot-graph.mjs: the host page names it in `<meta name="atrium:single-spa">`).
provideShare('single-spa', singleSpa);

export { singleSpa };
