import { defineConfig } from 'vite';

/**
 * The app calls `/graphql` on its own origin and Vite forwards it to the gateway, in development
 * (`vite`) and on the built app (`vite preview`): the browser needs no CORS, and every request is an
 * `application/json` POST, which the gateway's CSRF prevention accepts.
 */
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';
const proxy = { '/graphql': { target: gateway, changeOrigin: true } };

export default defineConfig({
  root: import.meta.dirname,
  // No React plugin: esbuild's automatic JSX runtime is all this app needs (no fast refresh).
  esbuild: { jsx: 'automatic' },
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      // React Router marks its modules "use client" (for server components); meaningless in this bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
