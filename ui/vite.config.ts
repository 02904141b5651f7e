/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// The app is served by Tauri's own protocol from ui/dist: no dev server, no remote
// content. Relative asset paths keep the bundle valid wherever it is mounted.
export default defineConfig({
  base: "./",
  // No public files: the fonts (data/fonts) come from the bytes the Rust exporter
  // embeds (src-tauri/src/fonts.rs), so the window and the exports measure text
  // identically and the binary holds one copy.
  publicDir: false,
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
