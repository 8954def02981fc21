import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app')!;
// The app is drawn in a task after the one that ran its code, not in it: two shorter tasks instead of
// one long one a tap would wait behind. The first paint's title bar and "Đang tải…"
// (components/app-shell.ts) give way to the app's own in that same task.
setTimeout(() => {
  target.replaceChildren();
  mount(App, { target });
}, 0);
