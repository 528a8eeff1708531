// The renderer build: one page app in renderer/, written to dist/renderer. `base: './'` keeps asset
// URLs relative so the same files load from app:// in Electron and from `nguongoc serve` over HTTP.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, 'renderer');

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist', 'renderer'),
    emptyOutDir: true,
    // The desktop app loads everything locally, so a big UI library chunk costs little; keeping
    // vendors in their own chunks lets the browser cache them between app versions.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The trace graph's libraries load with the trace page only (it imports them lazily).
            {
              name: 'graph',
              test: /node_modules[\\/](@xyflow|@dagrejs|d3-[^\\/]+|classcat|zustand)[\\/]/,
              priority: 12,
            },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component)[\\/]/, priority: 20 },
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|use-sync-external-store)[\\/]/,
              priority: 15,
            },
            { name: 'vendor', test: /node_modules/, priority: 10 },
          ],
        },
      },
    },
  },
});
