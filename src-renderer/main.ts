import { mount } from 'svelte';
import App from './App.svelte';
import { connectKiosk } from './lib/kiosk-events';
import './styles/global.css';

// First thing: this consumes the web host's token from the URL before anything else can read it.
const { api, events } = connectKiosk(window);

const target = document.getElementById('app');
if (target === null) throw new Error('index.html lacks #app');
mount(App, { target, props: { api, events } });
