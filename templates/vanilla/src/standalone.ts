// Runs the MFE alone on its dev server, without a host: same lifecycles, a local element.
import { standaloneProps } from '@atrium/shared';
import { mount } from './app.js';

const domElement = document.getElementById('root') ?? document.body;
void mount(standaloneProps({ name: '__NAME__', domElement, basePath: '/__NAME__' }));
