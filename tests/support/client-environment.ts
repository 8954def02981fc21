import type { Environment } from 'vitest/environments';

/**
 * Node, but with modules transformed as for the browser: Svelte compiles `.svelte.ts` state to its
 * client code, so effects and derived values run in the tablet's state tests (the default SSR
 * transform compiles them to server code, where effects never run).
 */
export default <Environment>{
  name: 'client-node',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  },
};
