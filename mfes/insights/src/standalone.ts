// Runs the MFE alone on its dev server, without a host: same lifecycles, a local element.
import { mount } from './app.js';

const domElement = document.getElementById('root') ?? document.body;
void mount({
  name: 'insights', domElement, basePath: '/insights', region: 'main', version: 'dev', props: {},
  signal: new AbortController().signal, mountParcel: () => undefined, navigate: (path: string) => history.pushState(null, '', path),
});
