import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { vi } from './shared/i18n/vi.ts';
import { firstScreenSections } from './web/src/lib/i18n/first-sections.ts';
import { appShell } from './web/src/components/app-shell.ts';

/**
 * The first villager screen's strings as a literal (web/src/lib/i18n/first-screen.ts): the first
 * download carries those sections of the catalog, not the whole of it, which loads beside it.
 */
function firstScreenStrings(): Plugin {
  return {
    name: 'first-screen-strings',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith('/web/src/lib/i18n/first-screen.ts')) return null;
      return `export const firstScreenStrings = ${JSON.stringify(firstScreenSections(vi))};\n`;
    },
  };
}

/**
 * The page as it first paints, before any script has run: the title bar and "Đang tải…", drawn
 * the way App.svelte draws them (main.ts replaces it in the same task, so nothing moves); and the
 * box's kiosk info asked for beside the scripts, not after them (the app's own request takes it).
 */
function firstPaint(): Plugin {
  return {
    name: 'first-paint',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        return (
          html
            .replace('<div id="app"></div>', `<div id="app">${appShell(vi)}</div>`)
            .replace('</title>', '</title>\n    <link rel="preload" href="/api/kiosk" as="fetch" crossorigin />')
            // The scripts do not hold up the first paint (the page paints without them): the
            // stylesheet and the kiosk info go first on a slow link.
            .replace(/<script type="module" crossorigin /g, '<script type="module" fetchpriority="low" crossorigin ')
            .replace(
              /<link rel="modulepreload" crossorigin /g,
              '<link rel="modulepreload" fetchpriority="low" crossorigin ',
            )
        );
      },
    },
  };
}

export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2020',
  },
  server: {
    // `npm run dev`: the API runs on the kiosk server beside vite.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  plugins: [
    firstScreenStrings(),
    firstPaint(),
    svelte(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/icon.svg'],
      manifest: {
        name: 'Công dân học tập — Trung tâm học tập cộng đồng',
        short_name: 'Công dân học tập',
        description: 'Tự đánh giá Công dân học tập, kỹ năng số và tài liệu học tập tại trung tâm',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#fbfaf6',
        theme_color: '#0b5d3b',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        // Read-aloud (web/src/platform/audio-packs.ts): a clip's URL carries its hash, so once played it
        // is kept for good and plays with the box away; pack lists and indexes are taken fresh when the box answers.
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/api/audio/packs/') && url.pathname.includes('/clips/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'audio-clips',
              expiration: { maxEntries: 3000, purgeOnQuotaError: true },
              cacheableResponse: { statuses: [200] },
            },
          },
          {
            urlPattern: ({ url }) =>
              url.pathname === '/api/audio/packs' || /^\/api\/audio\/packs\/[^/]+\/index\.json$/.test(url.pathname),
            handler: 'NetworkFirst',
            options: { cacheName: 'audio-index', networkTimeoutSeconds: 4, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
});
