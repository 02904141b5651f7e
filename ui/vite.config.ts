/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// The app is served by Tauri's own protocol from ui/dist: no dev server, no remote
// content. Relative asset paths keep the bundle valid wherever it is mounted.
export default defineConfig({
  base: "./",
  // The bundled fonts (data/fonts) are served as-is at the root: the Rust exporter
  // embeds the same files, so the window and the exports measure text identically.
  publicDir: "../data/fonts",
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // Inline nothing as data: URLs; the CSP allows scripts only from 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: "node",
  },
});
