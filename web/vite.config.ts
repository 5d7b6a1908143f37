// Vite builds the radiator (web/ → web/dist/, served by `plumb serve`); its dev server proxies the API.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = process.env.PLUMB_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  root: new URL(".", import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: Object.fromEntries(["/api", "/auth", "/share", "/health"].map((path) => [path, api])),
  },
});
