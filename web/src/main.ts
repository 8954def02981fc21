import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app')!;
// The first paint's title bar and "Đang tải…" (components/app-shell.ts) give way to the app's own, in this same task.
target.replaceChildren();
mount(App, { target });
