import { mount } from 'svelte';
import Console from './Console.svelte';
import { ConsoleApi } from './lib/console-api';
import { ConsoleApp, routeOf } from './lib/console-app.svelte';
import '../styles/global.css';
import './console.css';

const app = new ConsoleApp(
  new ConsoleApi({ fetch: (...args) => window.fetch(...args), base: '', now: () => new Date() }),
);
window.addEventListener('hashchange', () => app.go(routeOf(window.location.hash)));

const target = document.getElementById('app');
if (target === null) throw new Error('index.html lacks #app');
// The supervisor's own time zone: the console is read at a desk, not on a kiosk.
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
mount(Console, { target, props: { app, timeZone } });
void app.start(routeOf(window.location.hash));
